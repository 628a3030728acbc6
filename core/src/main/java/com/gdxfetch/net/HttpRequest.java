package com.gdxfetch.net;

import com.gdxfetch.internal.Checks;

import com.gdxfetch.net.internal.ParsedUrl;
import com.gdxfetch.net.internal.UrlCodec;

import java.util.List;

/**
 * An immutable HTTP request: method, URL, headers, body and per-request policy.
 *
 * <p>Build one with {@link #get(String)}, {@link #post(String, RequestBody)} or
 * {@link #builder(String, String)}; {@link Builder#build()} validates everything and throws
 * {@link IllegalArgumentException} naming what is wrong. Safe to share between threads and to
 * send more than once.
 */
public final class HttpRequest {
    /** Marks a setting left to the manager's default. */
    public static final int DEFAULT = -1;

    private final String method;
    private final String url;
    private final String scheme;
    private final String host;
    private final int port;
    private final String hostKey;
    private final String target;
    private final Headers headers;
    private final RequestBody body;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int totalTimeoutMillis;
    private final long maxResponseBytes;
    private final int priority;
    private final Object tag;
    private final RetryPolicy retryPolicy;
    private final boolean failOnHttpError;
    private final boolean followRedirects;
    private final CacheMode cacheMode;
    private final int maxStaleSeconds;
    private final boolean staleIfError;

    private HttpRequest(Builder b, String url, ParsedUrl parsed, String target) {
        this.method = b.method;
        this.url = url;
        this.scheme = parsed.scheme;
        this.host = parsed.host;
        this.port = parsed.port;
        this.hostKey = parsed.hostKey;
        this.target = target;
        this.headers = b.headers == null ? Headers.EMPTY : b.headers.build();
        this.body = b.body;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.totalTimeoutMillis = b.totalTimeoutMillis;
        this.maxResponseBytes = b.maxResponseBytes;
        this.priority = b.priority;
        this.tag = b.tag;
        this.retryPolicy = b.retryPolicy;
        this.failOnHttpError = b.failOnHttpError;
        this.followRedirects = b.followRedirects;
        this.cacheMode = b.cacheMode;
        this.maxStaleSeconds = b.maxStaleSeconds;
        this.staleIfError = b.staleIfError;
    }

    private HttpRequest(HttpRequest base, Headers headers, int connectTimeoutMillis, int readTimeoutMillis,
            int totalTimeoutMillis, long maxResponseBytes, RetryPolicy retryPolicy) {
        this.method = base.method;
        this.url = base.url;
        this.scheme = base.scheme;
        this.host = base.host;
        this.port = base.port;
        this.hostKey = base.hostKey;
        this.target = base.target;
        this.headers = headers;
        this.body = base.body;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.totalTimeoutMillis = totalTimeoutMillis;
        this.maxResponseBytes = maxResponseBytes;
        this.priority = base.priority;
        this.tag = base.tag;
        this.retryPolicy = retryPolicy;
        this.failOnHttpError = base.failOnHttpError;
        this.followRedirects = base.followRedirects;
        this.cacheMode = base.cacheMode;
        this.maxStaleSeconds = base.maxStaleSeconds;
        this.staleIfError = base.staleIfError;
    }

    /**
     * This request with every unset setting taken from {@code config}; {@code agentOnly} is
     * {@code config}'s User-Agent as the only header, shared by every request that sets none.
     */
    HttpRequest withDefaults(FetchConfig config, Headers agentOnly) {
        boolean hasAgent = headers.get("User-Agent") != null;
        if (hasAgent && connectTimeoutMillis != DEFAULT && readTimeoutMillis != DEFAULT
                && totalTimeoutMillis != DEFAULT && maxResponseBytes != DEFAULT && retryPolicy != null) {
            return this;
        }
        return new HttpRequest(this,
                hasAgent ? headers : headers.size() == 0 ? agentOnly
                        : headers.newBuilder().add("User-Agent", config.userAgent()).build(),
                connectTimeoutMillis != DEFAULT ? connectTimeoutMillis : config.connectTimeoutMillis(),
                readTimeoutMillis != DEFAULT ? readTimeoutMillis : config.readTimeoutMillis(),
                totalTimeoutMillis != DEFAULT ? totalTimeoutMillis : config.totalTimeoutMillis(),
                maxResponseBytes != DEFAULT ? maxResponseBytes : config.maxResponseBytes(),
                retryPolicy != null ? retryPolicy : config.retryPolicy());
    }

    /** A builder for a GET of {@code url}. */
    public static Builder get(String url) {
        return builder("GET", url);
    }

    /** A builder for a POST of {@code body} to {@code url}. */
    public static Builder post(String url, RequestBody body) {
        return builder("POST", url).body(body);
    }

    /** A builder for any method token (GET, PATCH, PROPFIND, ...) and URL. */
    public static Builder builder(String method, String url) {
        return new Builder().method(method).url(url);
    }

    /** The method token, as given (methods are case-sensitive). */
    public String method() {
        return method;
    }

    /** The absolute URL, query included, fragment dropped. */
    public String url() {
        return url;
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** The host name or IP literal (IPv6 in brackets). */
    public String host() {
        return host;
    }

    /** The port, defaulted from the scheme when the URL has none. */
    public int port() {
        return port;
    }

    /** The request target sent on the request line: path and query. */
    public String target() {
        return target;
    }

    /** {@code host:port}: the key per-host limits count by. */
    public String hostKey() {
        return hostKey;
    }

    /** True for https. */
    public boolean isHttps() {
        return "https".equals(scheme);
    }

    /** The headers the caller set (the transport adds Host, Content-Length and the like). */
    public Headers headers() {
        return headers;
    }

    /** The body, or null for none. */
    public RequestBody body() {
        return body;
    }

    /** Connect timeout in milliseconds, or {@link #DEFAULT}; 0 waits forever. */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /**
     * Longest silence in either direction, in milliseconds, or {@link #DEFAULT}: no byte of the
     * response arriving, or no progress writing the request (a server that stopped reading an
     * upload); either fails with {@link FailureKind#READ_TIMEOUT}, as does a response head that
     * has not arrived whole within it over the socket transport. 0 waits forever.
     */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** Whole-request limit from send to result, or {@link #DEFAULT}; 0 means none. */
    public int totalTimeoutMillis() {
        return totalTimeoutMillis;
    }

    /** Largest response body accepted, after decompression, or {@link #DEFAULT}. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Higher starts first among queued requests; default 0. */
    public int priority() {
        return priority;
    }

    /** The tag for {@link FetchManager#cancelAll(Object)}, or null. */
    public Object tag() {
        return tag;
    }

    /** The retry policy, or null for the manager's default. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Whether a status outside 200-299 is a {@link FailureKind#HTTP_STATUS} failure. */
    public boolean failOnHttpError() {
        return failOnHttpError;
    }

    /** Whether redirects are followed (up to the manager's limit). */
    public boolean followRedirects() {
        return followRedirects;
    }

    /** How this request uses the manager's HTTP cache (default {@link CacheMode#NORMAL}). */
    public CacheMode cacheMode() {
        return cacheMode;
    }

    /** Seconds past its freshness a stored response may be and still answer; 0 by default. */
    public int maxStaleSeconds() {
        return maxStaleSeconds;
    }

    /** Whether a stale stored response may answer when the network fails or the server answers 5xx. */
    public boolean staleIfError() {
        return staleIfError;
    }

    /** True for methods that may be repeated without changing the result (RFC 9110). */
    public boolean isIdempotent() {
        switch (method) {
            case "GET":
            case "HEAD":
            case "PUT":
            case "DELETE":
            case "OPTIONS":
            case "TRACE":
                return true;
            default:
                return false;
        }
    }

    /** A builder holding this request's settings. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.url(url);
        b.headers = headers.size() == 0 ? null : headers.newBuilder();
        b.body = body;
        b.connectTimeoutMillis = connectTimeoutMillis;
        b.readTimeoutMillis = readTimeoutMillis;
        b.totalTimeoutMillis = totalTimeoutMillis;
        b.maxResponseBytes = maxResponseBytes;
        b.priority = priority;
        b.tag = tag;
        b.retryPolicy = retryPolicy;
        b.failOnHttpError = failOnHttpError;
        b.followRedirects = followRedirects;
        b.cacheMode = cacheMode;
        b.maxStaleSeconds = maxStaleSeconds;
        b.staleIfError = staleIfError;
        return b;
    }

    @Override
    public String toString() {
        return method + " " + url;
    }

    /**
     * Collects a request's settings; {@link #build()} validates them. Not thread-safe; each
     * setter returns this builder.
     */
    public static class Builder {
        private String method = "GET";
        private ParsedUrl parsed;
        /** The query parameters as alternating names and values; null while they are the URL's own. */
        private List<String> query;
        /** Created on the first header, so a plain request allocates none. */
        private Headers.Builder headers;
        private RequestBody body;
        private int connectTimeoutMillis = DEFAULT;
        private int readTimeoutMillis = DEFAULT;
        private int totalTimeoutMillis = DEFAULT;
        private long maxResponseBytes = DEFAULT;
        private int priority;
        private Object tag;
        private RetryPolicy retryPolicy;
        private boolean failOnHttpError;
        private boolean followRedirects = true;
        private CacheMode cacheMode = CacheMode.NORMAL;
        private int maxStaleSeconds;
        private boolean staleIfError;
        private FetchManager manager;

        /** Creates an empty builder (GET, no URL yet). */
        public Builder() {
        }

        /**
         * Sets the method: any HTTP token, such as GET, POST, PATCH or a custom one.
         *
         * @throws IllegalArgumentException if it is empty, has characters a token may not, or is
         *     {@code CONNECT}, whose request line names a host and port rather than a URL's path
         *     (RFC 9112 section 3.2.3) and whose success opens a tunnel instead of answering
         */
        public Builder method(String method) {
            if (method == null || method.isEmpty()) {
                throw new IllegalArgumentException("HTTP method is empty");
            }
            if (method.equals("CONNECT")) {
                throw new IllegalArgumentException("HTTP method CONNECT asks a proxy for a tunnel to host:port "
                        + "and cannot be sent as a request for a URL; the transport tunnels through a proxy itself");
            }
            for (int i = 0; i < method.length(); i++) {
                char c = method.charAt(i);
                if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("HTTP method '" + method
                            + "' has invalid character at index " + i);
                }
            }
            this.method = method;
            return this;
        }

        /**
         * Sets the absolute URL. Its query is sent exactly as written ({@code a+b}, {@code ;},
         * {@code %2F} untouched); {@link #query} calls may add to, replace or remove its
         * parameters. A non-ASCII character or a space in the path or query is percent-encoded
         * as UTF-8, an international host name is sent in its ASCII form
         * ({@code bücher.example} as {@code xn--bcher-kva.example}), and the fragment is dropped.
         *
         * @throws IllegalArgumentException naming the URL and the problem: malformed, scheme not
         *     http or https, no host, bad port (0 or over 65535), user info, an IPv6 zone id, an
         *     IPv4 address not in dotted decimal ({@code 0177.0.0.1}), a host whose ASCII form is
         *     not a host name or that {@code java.net.IDN} would spell otherwise than browsers do
         *     ({@code faß.de}), a space at either end, a control character, or a {@code %} that
         *     does not start a percent-escape. The message shows user info as {@code ***}.
         */
        public Builder url(String url) {
            this.parsed = ParsedUrl.of(url);
            this.query = null;
            return this;
        }

        /**
         * Appends a query parameter, keeping others with the same name; its name and value are
         * percent-encoded (UTF-8) here, so any text may be passed as it is.
         *
         * @throws IllegalStateException before a URL is set
         */
        public Builder addQuery(String name, Object value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("query parameter name is empty");
            }
            if (value == null) {
                throw new IllegalArgumentException("query parameter '" + name + "' has a null value");
            }
            List<String> editable = editableQuery(name);
            editable.add(UrlCodec.encodeQueryComponent(name));
            editable.add(UrlCodec.encodeQueryComponent(String.valueOf(value)));
            return this;
        }

        /** Replaces every query parameter named {@code name} with one. */
        public Builder query(String name, Object value) {
            removeQuery(name);
            return addQuery(name, value);
        }

        /** Removes every query parameter named {@code name} (compared with the URL's names decoded). */
        public Builder removeQuery(String name) {
            List<String> editable = editableQuery(name);
            for (int i = editable.size() - 2; i >= 0; i -= 2) {
                if (UrlCodec.decode(editable.get(i)).equals(name)) {
                    editable.remove(i + 1);
                    editable.remove(i);
                }
            }
            return this;
        }

        /**
         * The encoded query list to change, copied from the URL's on the first change.
         *
         * @throws IllegalStateException before a URL is set: {@link #url} would drop the change
         */
        private List<String> editableQuery(String name) {
            if (parsed == null) {
                throw new IllegalStateException("query parameter '" + name + "' changed before the URL was set; "
                        + "call url(...) first, as setting it replaces the whole query");
            }
            if (query == null) {
                query = parsed.queryList();
            }
            return query;
        }

        /** Replaces every header named {@code name} (any case) with one. Rejects CR/LF. */
        public Builder header(String name, String value) {
            headers().set(name, value);
            return this;
        }

        /**
         * Appends a header, keeping others with the same name. Rejects CR/LF, and a second
         * {@code Host}: a request names one (RFC 9112 section 3.2); {@link #header} replaces it.
         */
        public Builder addHeader(String name, String value) {
            if ("Host".equalsIgnoreCase(name) && headers != null && headers.get("Host") != null) {
                throw new IllegalArgumentException("header 'Host' added twice ('" + headers.get("Host") + "', then '"
                        + value + "'); a request names one host, so use header(\"Host\", value) to replace it");
            }
            headers().add(name, value);
            return this;
        }

        /** Removes every header named {@code name} (any case). */
        public Builder removeHeader(String name) {
            if (headers != null) {
                headers.remove(name);
            }
            return this;
        }

        private Headers.Builder headers() {
            if (headers == null) {
                headers = new Headers.Builder();
            }
            return headers;
        }

        /** Sets the User-Agent for this request, replacing the manager's default. */
        public Builder userAgent(String userAgent) {
            return header("User-Agent", userAgent);
        }

        /** Sets the body (null for none). */
        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        /** Longest wait for the TCP connection; 0 waits forever. */
        public Builder connectTimeout(int millis) {
            this.connectTimeoutMillis = Checks.notNegative("connect timeout (ms)", millis);
            return this;
        }

        /**
         * Longest silence once connected, in either direction: waiting for response bytes, or
         * writing request bytes the server does not take; 0 waits forever. Over the socket
         * transport it also bounds each response head (status line and headers) as a whole, so
         * a server dripping one cannot hold the request.
         */
        public Builder readTimeout(int millis) {
            this.readTimeoutMillis = Checks.notNegative("read timeout (ms)", millis);
            return this;
        }

        /** Limit on the whole request from send to result, retries included; 0 for none. */
        public Builder totalTimeout(int millis) {
            this.totalTimeoutMillis = Checks.notNegative("total timeout (ms)", millis);
            return this;
        }

        /** Largest response body accepted, counted after decompression. */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = Checks.positive("maxResponseBytes", bytes);
            return this;
        }

        /** Higher priority requests leave the queue first; equal ones in send order. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** A tag for cancelling a group of requests with {@link FetchManager#cancelAll(Object)}. */
        public Builder tag(Object tag) {
            this.tag = tag;
            return this;
        }

        /** The retry policy for this request, replacing the manager's default. */
        public Builder retry(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** Makes a status outside 200-299 a {@link FailureKind#HTTP_STATUS} failure. */
        public Builder failOnHttpError(boolean fail) {
            this.failOnHttpError = fail;
            return this;
        }

        /** Whether to follow redirects (default true). */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /**
         * How this request uses the manager's HTTP cache ({@link FetchConfig.Builder#httpCache}):
         * normally (the default), forcing a network load, or only from the cache.
         *
         * @throws IllegalArgumentException if {@code mode} is null
         */
        public Builder cacheMode(CacheMode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("cache mode is null; use CacheMode.NORMAL");
            }
            this.cacheMode = mode;
            return this;
        }

        /**
         * Accepts a stored response up to {@code seconds} past its freshness without asking the
         * server (a request {@code max-stale}); a response marked {@code must-revalidate} or
         * {@code no-cache} is never used stale. Default 0.
         */
        public Builder maxStale(int seconds) {
            this.maxStaleSeconds = Checks.notNegative("maxStale (s)", seconds);
            return this;
        }

        /**
         * When the network fails (refused, unreachable, timed out, cut off) or the server answers
         * 5xx, answers from a stored response however stale, with
         * {@link HttpResponse#source()} {@link ResponseSource#STALE_AFTER_ERROR} and its age, unless
         * it was marked {@code must-revalidate} or {@code no-cache}. Default false.
         */
        public Builder staleIfError(boolean allow) {
            this.staleIfError = allow;
            return this;
        }

        /**
         * Validates and builds the request.
         *
         * @throws IllegalArgumentException if no URL was set, or a body was given to a method
         *     that cannot carry one (GET, HEAD)
         */
        public HttpRequest build() {
            if (parsed == null) {
                throw new IllegalArgumentException("request has no URL");
            }
            if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
                throw new IllegalArgumentException(method + " " + parsed.url + " cannot carry a body");
            }
            if (query == null) {
                return new HttpRequest(this, parsed.normalized, parsed, parsed.target);
            }
            String target = ParsedUrl.target(parsed.path, query);
            return new HttpRequest(this, parsed.scheme + "://" + parsed.authority + target, parsed, target);
        }

        Builder boundTo(FetchManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Builds the request and sends it through the manager that created this builder; poll
         * the handle from the game loop.
         *
         * @throws IllegalStateException if this builder did not come from a {@link FetchManager}
         */
        public FetchHandle<HttpResponse> send() {
            return send(Decoders.response(), null);
        }

        /** As {@link #send()}, with {@code callback} receiving the response on the render thread. */
        public FetchHandle<HttpResponse> send(FetchCallback<HttpResponse> callback) {
            return send(Decoders.response(), callback);
        }

        /**
         * As {@link #send()}, with {@code decoder} run on a worker thread and {@code callback}
         * (may be null) receiving its value on the render thread.
         */
        public <T> FetchHandle<T> send(ResponseDecoder<T> decoder, FetchCallback<T> callback) {
            if (manager == null) {
                throw new IllegalStateException("this builder was not made by a FetchManager; "
                        + "use manager.send(builder.build(), ...) or manager.get(url)");
            }
            return manager.send(build(), decoder, callback);
        }

        /**
         * Builds the request and sends it through the manager that created this builder, its body
         * consumed as it arrives: split into lines, each turned into an item by {@code decoder} on a
         * worker thread, the items delivered to {@code callback} on the render thread
         * ({@link FetchManager#stream}).
         *
         * @throws IllegalStateException if this builder did not come from a {@link FetchManager}
         */
        public <T> FetchHandle<Long> stream(LineDecoder<T> decoder, ItemCallback<T> callback) {
            if (manager == null) {
                throw new IllegalStateException("this builder was not made by a FetchManager; "
                        + "use manager.stream(builder.build(), ...) or manager.get(url)");
            }
            return manager.stream(build(), decoder, callback);
        }
    }
}
