package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

/**
 * The web build's channels: WebSockets over the browser's own {@code WebSocket} object
 * ({@link BrowserWebSocket}) and event streams over {@code fetch()}
 * ({@link BrowserEventStream}), their events run inside {@code update()} by {@link ChannelQueue}
 * as on desktop.
 */
final class Channels extends ChannelQueue {
    Channels(Engine engine) {
        super(engine);
    }

    /**
     * Opens a channel. Update thread (the browser has one).
     *
     * @throws IllegalStateException once disposed
     */
    WebSocket open(WebSocketRequest request, WebSocketListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("WebSocket request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("WebSocket listener is null");
        }
        return BrowserWebSocket.open(this, request, listener, engine.config);
    }

    /**
     * Opens a Server-Sent Events stream. Update thread.
     *
     * @throws IllegalStateException once disposed
     */
    EventStream openEvents(EventStreamRequest request, EventStreamListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("event stream request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("event stream listener is null");
        }
        return BrowserEventStream.open(this, request, listener, engine.config);
    }
}
