package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.Platform;

/**
 * A {@link FetchManager}'s settings: limits, defaults for requests that leave them unset, the
 * transport. Immutable; build with {@link #builder()}. Any thread; a builder setter given a bad
 * value throws {@link IllegalArgumentException} naming the setting and the value.
 */
public final class FetchConfig {
    /** Default limit on requests in flight at once, over all hosts. */
    public static final int DEFAULT_MAX_REQUESTS = 64;
    /** Default limit on requests in flight at once to one host and port. */
    public static final int DEFAULT_MAX_REQUESTS_PER_HOST = 8;
    /** Default largest response body, after decompression: 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
    /** Default connect timeout: 10 s. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Default read timeout: 30 s. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 30_000;
    /** Default User-Agent. */
    public static final String DEFAULT_USER_AGENT = "gdx-fetch/0.1";
    /** Bytes of small HTTP cache bodies kept in memory by default (4 MiB). */
    public static final long DEFAULT_HTTP_CACHE_MEMORY_BYTES = 4L << 20;

    private final int maxRequests;
    private final int maxRequestsPerHost;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int totalTimeoutMillis;
    private final long maxResponseBytes;
    private final int maxRedirects;
    private final String userAgent;
    private final RetryPolicy retryPolicy;
    private final int updateBudgetMillis;
    private final int maxConcurrentDecodes;
    private final int undeliveredWarningMillis;
    private final Transport transport;
    private final CallbackErrorHandler callbackErrorHandler;
    private final Runnable wakeUp;
    private final Clock clock;
    private final OutboxConfig outbox;
    private final FileHandle httpCacheDirectory;
    private final long httpCacheMaxBytes;
    private final long httpCacheMemoryBytes;

    private FetchConfig(Builder b) {
        this.maxRequests = b.maxRequests;
        this.maxRequestsPerHost = Math.min(b.maxRequestsPerHost, b.maxRequests);
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.totalTimeoutMillis = b.totalTimeoutMillis;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxRedirects = b.maxRedirects;
        this.userAgent = b.userAgent;
        this.retryPolicy = b.retryPolicy;
        this.updateBudgetMillis = b.updateBudgetMillis;
        this.maxConcurrentDecodes = b.maxConcurrentDecodes;
        this.undeliveredWarningMillis = b.undeliveredWarningMillis;
        this.transport = b.transport;
        this.callbackErrorHandler = b.callbackErrorHandler;
        this.wakeUp = b.wakeUp;
        this.clock = b.clock;
        this.outbox = b.outbox;
        this.httpCacheDirectory = b.httpCacheDirectory;
        this.httpCacheMaxBytes = b.httpCacheMaxBytes;
        this.httpCacheMemoryBytes = b.httpCacheMemoryBytes;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Requests in flight at once, over all hosts. */
    public int maxRequests() {
        return maxRequests;
    }

    /** Requests in flight at once to one host and port. */
    public int maxRequestsPerHost() {
        return maxRequestsPerHost;
    }

    /** Connect timeout for requests that set none. */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Read timeout for requests that set none. */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** Total timeout for requests that set none; 0 for none. */
    public int totalTimeoutMillis() {
        return totalTimeoutMillis;
    }

    /** Largest response body for requests that set none. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Redirects followed before failing with {@link FailureKind#PROTOCOL}. To receive a 3xx
     * answer itself instead, send the request with {@code followRedirects(false)}.
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** User-Agent for requests that set none. */
    public String userAgent() {
        return userAgent;
    }

    /** Retry policy for requests that set none. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Budget of {@link FetchManager#update()} without an argument. */
    public int updateBudgetMillis() {
        return updateBudgetMillis;
    }

    /** Decoders allowed to run at once. */
    public int maxConcurrentDecodes() {
        return maxConcurrentDecodes;
    }

    /** How long results may wait for {@code update()} before one warning is logged. */
    public int undeliveredWarningMillis() {
        return undeliveredWarningMillis;
    }

    /** The transport, or null for the default ({@link Transports#sockets()}). */
    public Transport transport() {
        return transport;
    }

    /** Where exceptions thrown by user callbacks go. */
    public CallbackErrorHandler callbackErrorHandler() {
        return callbackErrorHandler;
    }

    /**
     * What runs when a result starts waiting for {@code update()}, or null for the default: ask
     * libGDX for a frame when the game renders only on demand.
     */
    public Runnable wakeUp() {
        return wakeUp;
    }

    /** The monotonic clock, in nanoseconds; replaceable so tests can drive time. */
    public Clock clock() {
        return clock;
    }

    /** The outbox's settings, or null when the manager has no {@link Outbox} (the default). */
    public OutboxConfig outbox() {
        return outbox;
    }

    /** The HTTP cache's folder, or null when the manager keeps no HTTP cache (the default). */
    public FileHandle httpCacheDirectory() {
        return httpCacheDirectory;
    }

    /** The HTTP cache's bound in bytes, or 0 when there is no HTTP cache. */
    public long httpCacheMaxBytes() {
        return httpCacheMaxBytes;
    }

    /**
     * Bytes of small response bodies the HTTP cache also keeps in memory (default
     * {@link #DEFAULT_HTTP_CACHE_MEMORY_BYTES}), as configured; the cache uses at most
     * {@link #httpCacheMaxBytes()} of it.
     */
    public long httpCacheMemoryBytes() {
        return httpCacheMemoryBytes;
    }

    /** Receives an exception a user callback threw; runs on the thread that delivered it. */
    public interface CallbackErrorHandler {
        /** Handles {@code error}, thrown by the callback of {@code handle}. */
        void callbackFailed(FetchHandle<?> handle, Throwable error);
    }

    /** Collects settings; each setter validates its value. */
    public static final class Builder {
        private int maxRequests = DEFAULT_MAX_REQUESTS;
        private int maxRequestsPerHost = DEFAULT_MAX_REQUESTS_PER_HOST;
        private int connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MILLIS;
        private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;
        private int totalTimeoutMillis;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxRedirects = 10;
        private String userAgent = DEFAULT_USER_AGENT;
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private int updateBudgetMillis = 4;
        private int maxConcurrentDecodes = Math.max(1, Platform.processors() - 1);
        private int undeliveredWarningMillis = 5_000;
        private Transport transport;
        private CallbackErrorHandler callbackErrorHandler;
        private Runnable wakeUp;
        private Clock clock = Clock.SYSTEM;
        private OutboxConfig outbox;
        private FileHandle httpCacheDirectory;
        private long httpCacheMaxBytes;
        private long httpCacheMemoryBytes = DEFAULT_HTTP_CACHE_MEMORY_BYTES;

        /** Requests in flight at once over all hosts (default 64). */
        public Builder maxRequests(int max) {
            this.maxRequests = Checks.positive("maxRequests", max);
            return this;
        }

        /** Requests in flight at once to one host and port (default 8). */
        public Builder maxRequestsPerHost(int max) {
            this.maxRequestsPerHost = Checks.positive("maxRequestsPerHost", max);
            return this;
        }

        /**
         * Default connect timeout (10 s); 0 waits forever. Over the socket transport it bounds
         * the host name's lookup and the TCP connection together.
         */
        public Builder connectTimeoutMillis(int millis) {
            this.connectTimeoutMillis = Checks.notNegative("connectTimeoutMillis", millis);
            return this;
        }

        /**
         * Default read timeout (30 s): the longest silence in either direction once connected, no
         * response byte arriving or no progress writing the request, and over the socket transport
         * the longest a response head may take to arrive whole; 0 waits forever.
         */
        public Builder readTimeoutMillis(int millis) {
            this.readTimeoutMillis = Checks.notNegative("readTimeoutMillis", millis);
            return this;
        }

        /** Default total timeout (none); 0 for none. */
        public Builder totalTimeoutMillis(int millis) {
            this.totalTimeoutMillis = Checks.notNegative("totalTimeoutMillis", millis);
            return this;
        }

        /** Default largest response body after decompression (16 MiB). */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = Checks.positive("maxResponseBytes", bytes);
            return this;
        }

        /**
         * Redirects followed at most (default 10); with 0 any redirect fails with
         * {@link FailureKind#PROTOCOL}. A request that wants the 3xx answer itself sets
         * {@code followRedirects(false)}.
         */
        public Builder maxRedirects(int max) {
            this.maxRedirects = Checks.notNegative("maxRedirects", max);
            return this;
        }

        /** User-Agent sent by requests that set none (default {@value #DEFAULT_USER_AGENT}). */
        public Builder userAgent(String userAgent) {
            Headers.checkValue("User-Agent", userAgent);
            this.userAgent = userAgent;
            return this;
        }

        /** Retry policy for requests that set none (default: none). */
        public Builder retryPolicy(RetryPolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("retry policy is null; use RetryPolicy.none()");
            }
            this.retryPolicy = policy;
            return this;
        }

        /** Budget of {@link FetchManager#update()} without an argument (default 4 ms). */
        public Builder updateBudgetMillis(int millis) {
            this.updateBudgetMillis = Checks.notNegative("updateBudgetMillis", millis);
            return this;
        }

        /**
         * Decoders allowed to run at once (default: one fewer than the CPU cores, at least one),
         * so decoding a burst of responses leaves a core to the render thread.
         */
        public Builder maxConcurrentDecodes(int max) {
            this.maxConcurrentDecodes = Checks.positive("maxConcurrentDecodes", max);
            return this;
        }

        /** Results waiting this long for {@code update()} log one warning (default 5 s). */
        public Builder undeliveredWarningMillis(int millis) {
            this.undeliveredWarningMillis = Checks.positive("undeliveredWarningMillis", millis);
            return this;
        }

        /** The transport; the manager disposes it. Default {@link Transports#sockets()}. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** Receives exceptions thrown by user callbacks (default: logged as errors). */
        public Builder callbackErrorHandler(CallbackErrorHandler handler) {
            this.callbackErrorHandler = handler;
            return this;
        }

        /**
         * Runs when a result or channel event starts waiting for {@code update()} and none was
         * waiting since the last one: on the worker thread that finished the request or read the
         * event, or, for what the game ends itself ({@code cancel()}, {@code cancelAll()}, a
         * channel's {@code close} or {@code cancel}), on the thread that called it, whichever
         * that is, the render thread included; and on the thread calling {@code update()} when its
         * budget left results or events for the next call. It must return at once. The default (null) calls {@code Gdx.graphics.requestRendering()} when
         * continuous rendering is off, so a game that renders on demand still gets its callbacks;
         * a game that drives {@code update()} from its own loop can wake that loop here instead.
         * Exceptions it throws are logged and do not affect the request.
         */
        public Builder wakeUp(Runnable wakeUp) {
            this.wakeUp = wakeUp;
            return this;
        }

        /** The monotonic nanosecond clock that drives timeouts and retry delays, the outbox's too. */
        public Builder clock(Clock nanoClock) {
            if (nanoClock == null) {
                throw new IllegalArgumentException("clock is null");
            }
            this.clock = nanoClock;
            return this;
        }

        /**
         * Gives the manager an {@link Outbox} kept in {@code outbox}'s folder (default: none).
         * The manager starts loading the journal earlier runs left on its worker at once.
         */
        public Builder outbox(OutboxConfig outbox) {
            this.outbox = outbox;
            return this;
        }

        /**
         * Keeps an HTTP cache (RFC 9111, private) in {@code directory}, such as
         * {@code Gdx.files.local("http-cache")}, holding up to {@code maxBytes} of bodies and
         * metadata; the least recently used entries go first. GET responses the server allows are
         * stored and answer later requests per {@link HttpRequest#cacheMode()}; the folder is read
         * and written only on worker threads and survives restarts. Off by default.
         *
         * @throws IllegalArgumentException if {@code directory} is null or read-only (classpath or
         *     internal), or {@code maxBytes} is not positive
         * @throws IllegalStateException in a web build, which has no HTTP cache of its own yet
         */
        public Builder httpCache(FileHandle directory, long maxBytes) {
            if (Platform.isWeb()) {
                throw new IllegalStateException("the HTTP cache (FetchConfig.httpCache) is not available in web "
                        + "builds yet; build the web game's FetchConfig without it");
            }
            if (directory == null) {
                throw new IllegalArgumentException("HTTP cache folder is null");
            }
            this.httpCacheDirectory = Checks.writableFolder("HTTP cache folder", directory);
            this.httpCacheMaxBytes = Checks.positive("httpCache maxBytes", maxBytes);
            return this;
        }

        /**
         * Bytes of response bodies the HTTP cache also keeps in memory (default
         * {@link FetchConfig#DEFAULT_HTTP_CACHE_MEMORY_BYTES}; 0 for none), so a fresh hit reads no file: the
         * least recently used bodies leave memory first and stay on disk. Bodies over a quarter of
         * this (or over 256 KiB) are kept on disk only.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder httpCacheMemory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("httpCacheMemory bytes is negative: " + bytes);
            }
            this.httpCacheMemoryBytes = bytes;
            return this;
        }

        /** Builds the configuration. */
        public FetchConfig build() {
            return new FetchConfig(this);
        }
    }
}
