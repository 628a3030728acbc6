package com.gdxfetch.net;

import com.gdxfetch.internal.Checks;
import com.gdxfetch.net.internal.ParsedUrl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An immutable WebSocket channel request: URL, handshake headers, subprotocols, timeouts and
 * limits. Built with {@code fetch.webSocket(url)} (then {@code open(listener)}) or
 * {@link #builder(String)}; the builder checks each value as it is set.
 *
 * <p>Immutable, so any thread may read it; a builder belongs to one thread.
 */
public final class WebSocketRequest {
    /** Default keep-alive ping interval: 25 s, under the idle timeouts common in proxies. */
    public static final int DEFAULT_PING_INTERVAL_MILLIS = 25_000;
    /** Default dead-peer timeout: 60 s without a byte from the server. */
    public static final int DEFAULT_DEAD_PEER_TIMEOUT_MILLIS = 60_000;
    /** Default largest message: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Default limit of bytes queued for sending: 16 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    /** Headers the opening handshake writes itself. */
    private static final String[] RESERVED_HEADERS = {"Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
        "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Content-Length",
        "Transfer-Encoding"};

    private final String url;
    private final Headers headers;
    private final List<String> subprotocols;
    private final int connectTimeoutMillis;
    private final int pingIntervalMillis;
    private final int deadPeerTimeoutMillis;
    private final int maxMessageBytes;
    private final long maxQueuedBytes;
    private final RetryPolicy reconnect;
    private final boolean perMessageDeflate;

    private WebSocketRequest(Builder b) {
        this.url = b.url;
        this.headers = b.headers.build();
        this.subprotocols = Collections.unmodifiableList(new ArrayList<>(b.subprotocols));
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.pingIntervalMillis = b.pingIntervalMillis;
        this.deadPeerTimeoutMillis = b.deadPeerTimeoutMillis;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.reconnect = b.reconnect;
        this.perMessageDeflate = b.perMessageDeflate;
    }

    /**
     * A builder for a channel to {@code url}.
     *
     * @throws IllegalArgumentException if the URL is malformed, its scheme is not ws or wss, or
     *     it has a fragment; the message names the URL
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL as given ({@code ws://} or {@code wss://}). */
    public String url() {
        return url;
    }

    /** Extra headers for the opening handshake. */
    public Headers headers() {
        return headers;
    }

    /** The subprotocols offered, in order of preference; empty for none. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Time allowed for the TCP connection, and again for the TLS handshake, for the server's whole
     * answer to the opening handshake (counted from the request, not between bytes) and for the
     * close handshake; {@link HttpRequest#DEFAULT} for the manager's connect timeout.
     */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** How long the channel may send nothing before it sends a ping; 0 for no pings. */
    public int pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /** How long the server may send nothing before the channel fails with READ_TIMEOUT; 0 for never. */
    public int deadPeerTimeoutMillis() {
        return deadPeerTimeoutMillis;
    }

    /** The largest message accepted, fragments joined; a larger one fails the channel (close 1009). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The most payload bytes {@code send} may queue before it refuses. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** The reconnect policy, or null when a dropped connection ends the channel. */
    public RetryPolicy reconnectPolicy() {
        return reconnect;
    }

    /** Whether the handshake offers {@code permessage-deflate} (RFC 7692) compression. */
    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    @Override
    public String toString() {
        return "WebSocket " + url;
    }

    /** Builds a {@link WebSocketRequest}; each setter checks its value at once. */
    public static final class Builder {
        private final String url;
        private final Headers.Builder headers = new Headers.Builder();
        private final List<String> subprotocols = new ArrayList<>(2);
        private int connectTimeoutMillis = HttpRequest.DEFAULT;
        private int pingIntervalMillis = DEFAULT_PING_INTERVAL_MILLIS;
        private int deadPeerTimeoutMillis = DEFAULT_DEAD_PEER_TIMEOUT_MILLIS;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private RetryPolicy reconnect;
        private boolean perMessageDeflate;
        private FetchManager manager;

        private Builder(String url) {
            this.url = checkUrl(url);
        }

        /** Sets a handshake header, replacing any of that name. Rejects CR/LF and the handshake's own headers. */
        public Builder header(String name, String value) {
            checkNotReserved(name);
            headers.set(name, value);
            return this;
        }

        /** Adds a handshake header, keeping others of that name. Rejects as {@link #header}. */
        public Builder addHeader(String name, String value) {
            checkNotReserved(name);
            headers.add(name, value);
            return this;
        }

        /** Offers {@code protocols} (HTTP tokens, no repeats), most preferred first, replacing earlier ones. */
        public Builder subprotocols(String... protocols) {
            if (protocols == null) {
                throw new IllegalArgumentException("subprotocols is null");
            }
            List<String> checked = new ArrayList<>(protocols.length);
            for (String protocol : protocols) {
                try {
                    Headers.checkName(protocol);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("subprotocol '" + protocol + "' is not a token: "
                            + e.getMessage(), e);
                }
                if (checked.contains(protocol)) {
                    throw new IllegalArgumentException("subprotocol '" + protocol + "' is offered twice");
                }
                checked.add(protocol);
            }
            subprotocols.clear();
            subprotocols.addAll(checked);
            return this;
        }

        /** See {@link WebSocketRequest#connectTimeoutMillis()}; must be positive. */
        public Builder connectTimeoutMillis(int millis) {
            this.connectTimeoutMillis = Checks.positive("connectTimeoutMillis", millis);
            return this;
        }

        /** See {@link WebSocketRequest#pingIntervalMillis()}; 0 turns pings off. */
        public Builder pingIntervalMillis(int millis) {
            this.pingIntervalMillis = Checks.notNegative("pingIntervalMillis", millis);
            return this;
        }

        /** See {@link WebSocketRequest#deadPeerTimeoutMillis()}; 0 waits for ever. */
        public Builder deadPeerTimeoutMillis(int millis) {
            this.deadPeerTimeoutMillis = Checks.notNegative("deadPeerTimeoutMillis", millis);
            return this;
        }

        /** See {@link WebSocketRequest#maxMessageBytes()}; must be positive. */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = Checks.positive("maxMessageBytes", bytes);
            return this;
        }

        /** See {@link WebSocketRequest#maxQueuedBytes()}; must be positive. */
        public Builder maxQueuedBytes(long bytes) {
            this.maxQueuedBytes = Checks.positive("maxQueuedBytes", bytes);
            return this;
        }

        /**
         * Reconnects after a dropped connection: up to {@code policy.maxAttempts()} attempts per
         * drop, each after {@code policy}'s backoff with jitter, reported as
         * {@link WebSocketListener#onReconnecting}. Null (the default) turns reconnection off.
         */
        public Builder reconnect(RetryPolicy policy) {
            this.reconnect = policy;
            return this;
        }

        /**
         * Offers {@code permessage-deflate} compression (RFC 7692; off by default). When the
         * server accepts, text and binary messages are compressed both ways, each side keeping
         * its window from message to message unless the server asks otherwise, and
         * {@link WebSocketRequest#maxMessageBytes()} applies to a message's inflated size, so a
         * small compressed message that would inflate past it fails the channel with
         * {@link FailureKind#TOO_LARGE} before more than the limit is held.
         */
        public Builder perMessageDeflate(boolean offer) {
            this.perMessageDeflate = offer;
            return this;
        }

        /** Builds the request. */
        public WebSocketRequest build() {
            return new WebSocketRequest(this);
        }

        Builder boundTo(FetchManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Builds the request and opens the channel through the manager that created this builder.
         * Any thread; returns at once.
         *
         * @throws IllegalStateException if this builder did not come from a {@link FetchManager},
         *     the manager is disposed, or its transport cannot carry WebSockets
         */
        public WebSocket open(WebSocketListener listener) {
            if (manager == null) {
                throw new IllegalStateException("this builder was not made by a FetchManager; "
                        + "use manager.open(builder.build(), listener) or manager.webSocket(url)");
            }
            return manager.open(build(), listener);
        }

        private static void checkNotReserved(String name) {
            Headers.checkName(name);
            for (String reserved : RESERVED_HEADERS) {
                if (reserved.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("header '" + name + "' is written by the WebSocket "
                            + "handshake itself" + (reserved.equals("Sec-WebSocket-Protocol")
                                    ? "; use subprotocols(...)" : ""));
                }
            }
        }

        private static String checkUrl(String url) {
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("WebSocket URL is empty");
            }
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
                throw new IllegalArgumentException("WebSocket URL '" + ParsedUrl.shown(url)
                        + "' must start with ws:// or wss://");
            }
            if (url.indexOf('#') >= 0) {
                throw new IllegalArgumentException("WebSocket URL '" + ParsedUrl.shown(url)
                        + "' has a fragment, which RFC 6455 forbids");
            }
            ParsedUrl.checkWebSocket(url);
            return url;
        }
    }
}
