package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.Transport;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

/**
 * A manager's live channels (WebSockets and Server-Sent Event streams) on desktop and mobile:
 * opens them over the socket transport; {@link ChannelQueue} hands their events to the render
 * thread, in order, from {@link Engine#update}.
 */
final class Channels extends ChannelQueue {
    Channels(Engine engine) {
        super(engine);
    }

    /**
     * Opens a channel. Any thread.
     *
     * @throws IllegalStateException once disposed, or when the transport is not the socket one
     */
    WebSocket open(WebSocketRequest request, WebSocketListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("WebSocket request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("WebSocket listener is null");
        }
        SocketTransport transport = socketTransport(engine.transport);
        if (transport == null) {
            throw new IllegalStateException("WebSockets need the socket transport (Transports.sockets()); "
                    + "this manager sends over " + engine.transport.getClass().getSimpleName()
                    + ", which cannot carry them, so " + request.url() + " was not opened");
        }
        return WsChannel.open(this, transport, request, listener, engine.config);
    }

    /**
     * Opens a Server-Sent Events stream. Any thread.
     *
     * @throws IllegalStateException once disposed, or when the transport is not the socket one
     */
    EventStream openEvents(EventStreamRequest request, EventStreamListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("event stream request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("event stream listener is null");
        }
        SocketTransport transport = socketTransport(engine.transport);
        if (transport == null) {
            throw new IllegalStateException("event streams need the socket transport (Transports.sockets()); "
                    + "this manager sends over " + engine.transport.getClass().getSimpleName()
                    + ", which cannot stream a body as it arrives, so " + request.url() + " was not opened");
        }
        return SseChannel.open(this, transport, request, listener, engine.config);
    }

    /** The socket transport {@code transport} is or wraps (through {@link Transport#delegate()}), or null. */
    private static SocketTransport socketTransport(Transport transport) {
        // Bounded: a wrapper whose delegate chain loops back is not followed for ever.
        for (int depth = 0; depth < 16 && transport != null; depth++) {
            if (transport instanceof SocketTransport) {
                return (SocketTransport) transport;
            }
            Transport inner = transport.delegate();
            if (inner == transport) {
                return null;
            }
            transport = inner;
        }
        return null;
    }
}
