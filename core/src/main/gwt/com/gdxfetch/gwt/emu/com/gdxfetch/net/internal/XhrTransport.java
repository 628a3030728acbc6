package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import com.google.gwt.core.client.JavaScriptObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The browser's transport: one {@code XMLHttpRequest} per exchange, its body an
 * {@code arraybuffer} both ways. The browser's events only queue here; the engine runs them inside
 * {@code update()} ({@link FramePump}), where a completed body is copied and decoded under the
 * frame's budget, at most one large body per frame. {@code cancel()} aborts the request.
 *
 * <p>What the browser decides itself: it follows redirects (a request that asks not to fails at
 * send with {@link FailureKind#BROWSER_REFUSED}), sends its own cookies and User-Agent, decompresses bodies, and refuses headers a
 * page may not set; a request naming one fails at send with {@link FailureKind#BROWSER_REFUSED}.
 * It does not say when a connection opened, so the connect and read timeouts count together until
 * the response head arrives, then the read timeout alone between bytes. A failure without a
 * response cannot be told apart from a CORS refusal for a cross-origin URL; an offline browser
 * says so. Update thread (the browser has one).
 */
public final class XhrTransport implements Transport, FramePump {
    /** A body at least this large is decoded alone in its frame. */
    static final int LARGE_BODY = 64 * 1024;

    private static final String[] FORBIDDEN = {"accept-charset", "accept-encoding", "access-control-request-headers",
        "access-control-request-method", "connection", "cookie", "cookie2", "date", "dnt", "expect", "host",
        "keep-alive", "origin", "referer", "set-cookie", "te", "trailer", "upgrade", "via"};

    private final ArrayDeque<Event> events = new ArrayDeque<Event>();
    private final List<XhrExchange> open = new ArrayList<XhrExchange>();
    private boolean disposed;

    public XhrTransport() {
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        XhrExchange exchange = new XhrExchange(this, request, listener);
        if (disposed) {
            exchange.fail(FailureKind.NETWORK, "the transport is disposed", false);
            return exchange;
        }
        String refusal = refusal(request);
        if (refusal != null) {
            exchange.fail(FailureKind.BROWSER_REFUSED, refusal, false);
            return exchange;
        }
        open.add(exchange);
        exchange.send();
        return exchange;
    }

    /** Why the browser would refuse {@code request}, or null when it would send it. */
    static String refusal(HttpRequest request) {
        String method = request.method();
        if (method.equals("CONNECT") || method.equals("TRACE") || method.equals("TRACK")) {
            return "browsers do not let a page send " + method + " requests";
        }
        if (!request.followRedirects()) {
            return "browsers follow redirects themselves and show a page only the final answer, so "
                    + "followRedirects(false) cannot be honoured; leave it at its default for the web build";
        }
        Headers headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("user-agent")) {
                if (!FetchConfig.DEFAULT_USER_AGENT.equals(headers.value(i))) {
                    return "browsers do not let a page set User-Agent (it is the browser's own); remove it "
                            + "from the request or FetchConfig for the web build";
                }
                continue;
            }
            String forbidden = forbiddenHeader(name);
            if (forbidden != null) {
                return forbidden;
            }
        }
        return null;
    }

    /** Why a page may not set the header {@code name}, or null when it may (User-Agent aside). */
    static String forbiddenHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("proxy-") || lower.startsWith("sec-")) {
            return "browsers do not let a page set " + name + " (a Proxy- or Sec- header)";
        }
        for (String forbidden : FORBIDDEN) {
            if (lower.equals(forbidden)) {
                return "browsers do not let a page set the header " + name
                        + " (the browser sets it itself; see the Fetch standard's forbidden request headers)";
            }
        }
        return null;
    }

    /**
     * {@code value} as a page must hand it to the browser for the bytes desktop sends, its UTF-8:
     * the browser sends each char of a header value as one byte and refuses any above U+00FF.
     */
    static String headerValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return BrowserUtf8.byteString(value);
            }
        }
        return value;
    }

    /**
     * How long a request or an event stream waits for its response head: the connect and read
     * timeouts together, since the browser does not say when its connection opened (desktop has
     * the connect timeout for the connection, then the read timeout for the head); 0 (no limit)
     * when either is 0, as a timeout of 0 waits for ever.
     */
    static int untilHeadMillis(int connectMillis, int readMillis) {
        return connectMillis == 0 || readMillis == 0 ? 0
                : (int) Math.min(Integer.MAX_VALUE, (long) connectMillis + readMillis);
    }

    @Override
    public boolean hasEvents() {
        return !events.isEmpty();
    }

    @Override
    public void runEvents(Clock clock, long deadlineNanos) {
        boolean largeDone = false;
        Event event;
        while ((event = events.peek()) != null) {
            boolean large = event.type == Event.LOADED && event.exchange.bodyLength() >= LARGE_BODY;
            if (large && largeDone) {
                return;
            }
            events.poll();
            event.exchange.run(event);
            largeDone |= large;
            if (clock.nanoTime() - deadlineNanos >= 0) {
                return;
            }
        }
    }

    void queue(Event event) {
        events.offer(event);
        OnDemandRendering.requestFrame();
    }

    void closed(XhrExchange exchange) {
        open.remove(exchange);
    }

    @Override
    public void dispose() {
        disposed = true;
        for (XhrExchange exchange : new ArrayList<XhrExchange>(open)) {
            exchange.cancel();
        }
        open.clear();
        events.clear();
    }

    /** One queued thing an exchange's request did. */
    static final class Event {
        static final int HEAD = 0;
        static final int DOWNLOAD = 1;
        static final int UPLOAD = 2;
        static final int LOADED = 3;
        static final int FAILED = 4;

        final XhrExchange exchange;
        final int type;
        final double done;
        final double total;
        final FetchException failure;

        Event(XhrExchange exchange, int type, double done, double total, FetchException failure) {
            this.exchange = exchange;
            this.type = type;
            this.done = done;
            this.total = total;
            this.failure = failure;
        }
    }

    /**
     * Stops {@code xhr} with its handlers removed first, so nothing of it reaches Java afterwards.
     * Requests and event streams use it. Update thread.
     */
    static native void detachAndAbort(JavaScriptObject xhr) /*-{
        xhr.onreadystatechange = null;
        xhr.onprogress = null;
        xhr.onload = null;
        xhr.onerror = null;
        xhr.abort();
    }-*/;

    /** One request in flight; its JavaScript side calls the {@code on*} methods. */
    static final class XhrExchange implements Exchange {
        private final XhrTransport transport;
        private final HttpRequest request;
        private final Listener listener;
        private JavaScriptObject xhr;
        /** Set once the outcome is queued, or on cancel: later browser events are ignored. */
        private boolean ended;
        private boolean cancelled;
        private final BrowserTimer timer = new BrowserTimer(new Runnable() {
            @Override
            public void run() {
                onTimeout();
            }
        });
        private boolean headSeen;

        XhrExchange(XhrTransport transport, HttpRequest request, Listener listener) {
            this.transport = transport;
            this.request = request;
            this.listener = listener;
        }

        void send() {
            try {
                xhr = open(request.method(), request.url());
            } catch (RuntimeException e) {
                fail(FailureKind.BROWSER_REFUSED, "the browser refused to open the request: " + e.getMessage(), false);
                return;
            }
            Headers headers = request.headers();
            try {
                for (int i = 0; i < headers.size(); i++) {
                    String name = headers.name(i);
                    if (name.equalsIgnoreCase("User-Agent") || RequestHeaders.isFraming(name)) {
                        continue;
                    }
                    setHeader(xhr, name, headerValue(headers.value(i)));
                }
                String contentType = RequestHeaders.contentTypeToAdd(request);
                if (contentType != null) {
                    setHeader(xhr, "Content-Type", headerValue(contentType));
                }
            } catch (RuntimeException e) {
                fail(FailureKind.BROWSER_REFUSED, "the browser refused a header of the request: " + e.getMessage(), false);
                return;
            }
            byte[] body = request.body() != null ? request.body().bytes() : null;
            timer.arm(untilHeadMillis());
            try {
                start(xhr, body);
            } catch (RuntimeException e) {
                fail(FailureKind.BROWSER_REFUSED, "the browser refused to send the request: " + e.getMessage(), false);
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            ended = true;
            timer.cancel();
            transport.closed(this);
            if (xhr != null) {
                detachAndAbort(xhr);
            }
        }

        /** Ends with {@code kind}, aborting the request if it is still running. */
        void fail(FailureKind kind, String detail, boolean sent) {
            if (ended) {
                return;
            }
            ended = true;
            timer.cancel();
            transport.closed(this);
            if (xhr != null) {
                detachAndAbort(xhr);
            }
            transport.queue(new Event(this, Event.FAILED, 0, 0, new FetchException(kind, request.method(),
                    request.url(), detail, null, null, sent)));
        }

        int bodyLength() {
            return xhr == null ? 0 : responseLength(xhr);
        }

        /** Runs a queued event; inside update(). */
        void run(Event event) {
            if (cancelled) {
                return;
            }
            switch (event.type) {
                case Event.HEAD:
                    listener.downloadProgress(0, (long) event.total);
                    break;
                case Event.DOWNLOAD:
                    listener.downloadProgress((long) event.done, (long) event.total);
                    break;
                case Event.UPLOAD:
                    listener.uploadProgress((long) event.done, (long) event.total);
                    break;
                case Event.LOADED:
                    deliverResponse();
                    break;
                default:
                    listener.failed(event.failure);
                    break;
            }
        }

        private void deliverResponse() {
            int status = status(xhr);
            if (status < 100 || status > 999) {
                // The browser hands a page whatever number the status line held; desktop's
                // transports refuse such a line, and no response can be built with it.
                xhr = null;
                listener.failed(new FetchException(FailureKind.PROTOCOL, request, "the server answered with status "
                        + status + ", not a 3-digit code", null));
                return;
            }
            int length = responseLength(xhr);
            long limit = request.maxResponseBytes();
            if (limit >= 0 && length > limit) {
                listener.failed(new FetchException(FailureKind.TOO_LARGE, request, "body of " + length
                        + " bytes is over the limit of " + limit, null));
                return;
            }
            byte[] body = new byte[length];
            copyBody(xhr, body);
            Headers.Builder headers = Headers.EMPTY.newBuilder();
            String all = allHeaders(xhr);
            int at = 0;
            while (at < all.length()) {
                int end = all.indexOf('\n', at);
                if (end < 0) {
                    end = all.length();
                }
                String line = all.substring(at, end).trim();
                int colon = line.indexOf(':');
                if (colon > 0) {
                    // The browser hands each byte of a field over as one char: read them as
                    // desktop reads the same bytes, UTF-8 as its text.
                    headers.addReceived(Utf8.fieldText(line.substring(0, colon).trim()),
                            Utf8.fieldText(line.substring(colon + 1).trim()));
                }
                at = end + 1;
            }
            if (headers.get("Content-Encoding") != null) {
                // The browser has undone the coding: the body is not what these fields describe,
                // and desktop drops them once it has decoded a body too.
                headers.remove("Content-Encoding").remove("Content-Length");
            }
            String url = responseUrl(xhr);
            HttpResponse response = new HttpResponse.Builder()
                    .status(status, Utf8.fieldText(statusText(xhr)))
                    .headers(headers.build())
                    .body(body)
                    .url(url == null || url.isEmpty() ? request.url() : url)
                    .build();
            xhr = null;
            listener.completed(response);
        }

        // ---- called by the browser, outside update(): only queue

        void onHead(double contentLength) {
            if (ended) {
                return;
            }
            headSeen = true;
            long limit = request.maxResponseBytes();
            if (limit >= 0 && contentLength > limit) {
                fail(FailureKind.TOO_LARGE, "Content-Length " + (long) contentLength + " is over the limit of "
                        + limit, true);
                return;
            }
            timer.arm(request.readTimeoutMillis());
            transport.queue(new Event(this, Event.HEAD, 0, contentLength, null));
        }

        void onDownload(double loaded, double total) {
            if (ended) {
                return;
            }
            long limit = request.maxResponseBytes();
            if (limit >= 0 && loaded > limit) {
                fail(FailureKind.TOO_LARGE, "body of over " + limit + " bytes", true);
                return;
            }
            timer.arm(request.readTimeoutMillis());
            transport.queue(new Event(this, Event.DOWNLOAD, loaded, total, null));
        }

        void onUpload(double loaded, double total) {
            if (ended) {
                return;
            }
            timer.arm(untilHeadMillis());
            transport.queue(new Event(this, Event.UPLOAD, loaded, total, null));
        }

        void onLoad() {
            if (ended) {
                return;
            }
            ended = true;
            timer.cancel();
            transport.closed(this);
            transport.queue(new Event(this, Event.LOADED, 0, 0, null));
        }

        void onError() {
            if (ended) {
                return;
            }
            if (!isOnline()) {
                fail(FailureKind.NETWORK, "the browser is offline", false);
            } else if (!isSameOrigin(request.url())) {
                fail(FailureKind.BROWSER_REFUSED, "the browser refused the cross-origin response or could not "
                        + "reach the server: a server whose CORS headers do not allow this page's origin ("
                        + pageOrigin() + ") looks the same to a page as one that is down; the browser's "
                        + "console says which", true);
            } else {
                fail(FailureKind.NETWORK, "the browser could not reach the server (connection refused, reset "
                        + "or host unknown; the browser does not tell a page which)", true);
            }
        }

        private int untilHeadMillis() {
            return XhrTransport.untilHeadMillis(request.connectTimeoutMillis(), request.readTimeoutMillis());
        }

        void onTimeout() {
            if (ended) {
                return;
            }
            if (headSeen) {
                fail(FailureKind.READ_TIMEOUT, "no byte for " + request.readTimeoutMillis() + " ms", true);
            } else {
                fail(FailureKind.READ_TIMEOUT, "no response within " + untilHeadMillis() + " ms (a browser does not say when its connection opened, "
                        + "so the connect and read timeouts count together until the response head)", true);
            }
        }

        // ---- the browser's side

        private static native JavaScriptObject open(String method, String url) /*-{
            var xhr = new XMLHttpRequest();
            xhr.open(method, url, true);
            xhr.responseType = "arraybuffer";
            return xhr;
        }-*/;

        private static native void setHeader(JavaScriptObject xhr, String name, String value) /*-{
            xhr.setRequestHeader(name, value);
        }-*/;

        private native void start(JavaScriptObject xhr, byte[] body) /*-{
            var self = this;
            xhr.onreadystatechange = $entry(function() {
                if (xhr.readyState == 2) {
                    var length = xhr.getResponseHeader("Content-Length");
                    self.@com.gdxfetch.net.internal.XhrTransport.XhrExchange::onHead(D)(length == null ? -1 : +length);
                }
            });
            xhr.onprogress = $entry(function(e) {
                self.@com.gdxfetch.net.internal.XhrTransport.XhrExchange::onDownload(DD)(e.loaded, e.lengthComputable ? e.total : -1);
            });
            xhr.onload = $entry(function() {
                self.@com.gdxfetch.net.internal.XhrTransport.XhrExchange::onLoad()();
            });
            xhr.onerror = $entry(function() {
                self.@com.gdxfetch.net.internal.XhrTransport.XhrExchange::onError()();
            });
            if (body == null) {
                xhr.send();
                return;
            }
            xhr.upload.onprogress = $entry(function(e) {
                self.@com.gdxfetch.net.internal.XhrTransport.XhrExchange::onUpload(DD)(e.loaded, e.lengthComputable ? e.total : body.length);
            });
            var bytes = new Int8Array(body.length);
            for (var i = 0; i < body.length; i++) {
                bytes[i] = body[i];
            }
            xhr.send(bytes);
        }-*/;

        private static native int responseLength(JavaScriptObject xhr) /*-{
            return xhr.response ? xhr.response.byteLength : 0;
        }-*/;

        private static native void copyBody(JavaScriptObject xhr, byte[] out) /*-{
            if (!xhr.response) {
                return;
            }
            var bytes = new Int8Array(xhr.response);
            for (var i = 0; i < bytes.length; i++) {
                out[i] = bytes[i];
            }
        }-*/;

        private static native String allHeaders(JavaScriptObject xhr) /*-{
            return xhr.getAllResponseHeaders() || "";
        }-*/;

        private static native String responseUrl(JavaScriptObject xhr) /*-{
            return xhr.responseURL || null;
        }-*/;

        private static native int status(JavaScriptObject xhr) /*-{
            return xhr.status;
        }-*/;

        private static native String statusText(JavaScriptObject xhr) /*-{
            return xhr.statusText || "";
        }-*/;

        private static native boolean isOnline() /*-{
            return $wnd.navigator.onLine !== false;
        }-*/;

        private static native boolean isSameOrigin(String url) /*-{
            try {
                return new URL(url, $wnd.location.href).origin === $wnd.location.origin;
            } catch (e) {
                return false;
            }
        }-*/;

        private static native String pageOrigin() /*-{
            return $wnd.location.origin;
        }-*/;
    }
}
