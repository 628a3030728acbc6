package com.gdxfetch.net;

import com.gdxfetch.internal.Checks;
import com.gdxfetch.net.internal.ParsedUrl;

import java.util.Locale;

/**
 * A Server-Sent Events stream to open: URL, extra headers, timeouts, the event size limit and
 * how reconnection works. Immutable; build with {@code fetch.events(url)} (which opens it with
 * {@code open(listener)}) or {@link #builder(String)}. Any thread.
 */
public final class EventStreamRequest {
    /** A stream with no byte (not even a comment) for this long is dead and reconnects. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 60_000;
    /** The wait before reconnecting until the server sends {@code retry}: the HTML standard suggests a few seconds. */
    public static final int DEFAULT_RECONNECT_DELAY_MILLIS = 3_000;
    /** Reconnections in a row, without the stream opening, before it fails. */
    public static final int DEFAULT_MAX_RECONNECTS = 10;
    /** The longest line and the most data one event may carry. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

    private static final String[] RESERVED_HEADERS = {"Host", "Accept", "Cache-Control", "Last-Event-ID",
        "Connection", "Content-Length", "Transfer-Encoding", "Accept-Encoding"};

    private final String url;
    private final Headers headers;
    private final String lastEventId;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int reconnectDelayMillis;
    private final int maxReconnects;
    private final int maxEventBytes;

    private EventStreamRequest(Builder b) {
        this.url = b.url;
        this.headers = b.headers.build();
        this.lastEventId = b.lastEventId;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.reconnectDelayMillis = b.reconnectDelayMillis;
        this.maxReconnects = b.maxReconnects;
        this.maxEventBytes = b.maxEventBytes;
    }

    /**
     * A builder not bound to a manager; open the result with
     * {@link FetchManager#open(EventStreamRequest, EventStreamListener)}.
     *
     * @throws IllegalArgumentException if the URL is malformed or not http:// or https://
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL as given. */
    public String url() {
        return url;
    }

    /** Extra request headers. */
    public Headers headers() {
        return headers;
    }

    /** The {@code Last-Event-ID} of the first request ("" for none), to resume where a game left off. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The connect timeout, or {@link HttpRequest#DEFAULT} for the manager's. */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** How long the stream may stay silent before it counts as dead; 0 for never. */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** The wait before reconnecting until the server's {@code retry} field replaces it. */
    public int reconnectDelayMillis() {
        return reconnectDelayMillis;
    }

    /** Reconnections in a row, without the stream opening, before it fails; 0 for none. */
    public int maxReconnects() {
        return maxReconnects;
    }

    /** The longest line, and the most data, one event may carry. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public String toString() {
        return "event stream " + url;
    }

    /** Builds an {@link EventStreamRequest}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String url;
        private final Headers.Builder headers = new Headers.Builder();
        private String lastEventId = "";
        private int connectTimeoutMillis = HttpRequest.DEFAULT;
        private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;
        private int reconnectDelayMillis = DEFAULT_RECONNECT_DELAY_MILLIS;
        private int maxReconnects = DEFAULT_MAX_RECONNECTS;
        private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private FetchManager manager;

        private Builder(String url) {
            this.url = checkUrl(url);
        }

        /**
         * Sets a request header, replacing any of that name.
         *
         * @throws IllegalArgumentException for a bad name or value, or a header the stream writes
         *     itself (Accept, Cache-Control, Last-Event-ID and the framing ones)
         */
        public Builder header(String name, String value) {
            checkNotReserved(name);
            headers.set(name, value);
            return this;
        }

        /** Adds a request header, keeping any of that name; checked as {@link #header}. */
        public Builder addHeader(String name, String value) {
            checkNotReserved(name);
            headers.add(name, value);
            return this;
        }

        /**
         * The {@code Last-Event-ID} to send with the first request ("" for none), for a game
         * resuming a stream it read before; later reconnections send the last id received.
         *
         * @throws IllegalArgumentException if null or holding CR, LF or NUL
         */
        public Builder lastEventId(String id) {
            if (id == null) {
                throw new IllegalArgumentException("lastEventId is null; use \"\" for none");
            }
            if (id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("lastEventId holds CR, LF or NUL, which an event id cannot");
            }
            this.lastEventId = id;
            return this;
        }

        /** The connect timeout (name lookup, TCP and TLS); at least 1. */
        public Builder connectTimeoutMillis(int millis) {
            this.connectTimeoutMillis = Checks.positive("connectTimeoutMillis", millis);
            return this;
        }

        /** How long the stream may stay silent before it counts as dead and reconnects; 0 for never. */
        public Builder readTimeoutMillis(int millis) {
            this.readTimeoutMillis = Checks.notNegative("readTimeoutMillis", millis);
            return this;
        }

        /** The wait before reconnecting, until the server's {@code retry} field replaces it; 0 or more. */
        public Builder reconnectDelayMillis(int millis) {
            this.reconnectDelayMillis = Checks.notNegative("reconnectDelayMillis", millis);
            return this;
        }

        /** Reconnections in a row, without the stream opening, before it fails; 0 never reconnects. */
        public Builder maxReconnects(int count) {
            this.maxReconnects = Checks.notNegative("maxReconnects", count);
            return this;
        }

        /** The longest line and the most data one event may carry; a larger one fails with TOO_LARGE. */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = Checks.positive("maxEventBytes", bytes);
            return this;
        }

        /** The request, for {@link FetchManager#open(EventStreamRequest, EventStreamListener)}. */
        public EventStreamRequest build() {
            return new EventStreamRequest(this);
        }

        Builder boundTo(FetchManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Opens the stream on the manager that made this builder. Any thread; returns at once.
         *
         * @throws IllegalStateException for a builder from {@link EventStreamRequest#builder}, once
         *     the manager is disposed, or when its transport is not the socket one
         */
        public EventStream open(EventStreamListener listener) {
            if (manager == null) {
                throw new IllegalStateException("this builder was not made by a FetchManager; "
                        + "use manager.open(builder.build(), listener) or manager.events(url)");
            }
            return manager.open(build(), listener);
        }

        private static void checkNotReserved(String name) {
            Headers.checkName(name);
            for (String reserved : RESERVED_HEADERS) {
                if (reserved.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("header '" + name + "' is written by the event stream itself"
                            + (reserved.equals("Last-Event-ID") ? "; use lastEventId(...)" : ""));
                }
            }
        }

        private static String checkUrl(String url) {
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("event stream URL is empty");
            }
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new IllegalArgumentException("event stream URL '" + ParsedUrl.shown(url) + "' must start with http:// or https://");
            }
            ParsedUrl.of(url);
            return url;
        }
    }
}
