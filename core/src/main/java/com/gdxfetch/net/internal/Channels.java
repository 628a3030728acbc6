package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;
import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.Transport;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A manager's live channels (WebSockets and Server-Sent Event streams): opens them over the
 * socket transport, and hands their events to the render thread, in order, from
 * {@link Engine#update}.
 */
final class Channels {
    private final Engine engine;
    private final ConcurrentLinkedQueue<LiveChannel.Event> events = new ConcurrentLinkedQueue<>();
    /** Channels whose terminal event is not yet delivered; guarded by itself. */
    private final List<LiveChannel> live = new ArrayList<>();
    private final AtomicInteger liveCount = new AtomicInteger();
    private boolean closed;

    Channels(Engine engine) {
        this.engine = engine;
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

    /**
     * Adds {@code channel} to the live ones.
     *
     * @throws IllegalStateException once disposed
     */
    void register(LiveChannel channel) {
        synchronized (live) {
            if (closed) {
                throw new IllegalStateException("FetchManager is disposed; cannot open " + channel.url());
            }
            live.add(channel);
            liveCount.incrementAndGet();
        }
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

    /** Queues {@code event} for the next {@code update()} and wakes a game rendering on demand. Any thread. */
    void post(LiveChannel.Event event) {
        events.offer(event);
        engine.wake();
    }

    /** Channels not yet ended, their terminal event delivered. Any thread. */
    int liveCount() {
        return liveCount.get();
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    /** Delivers events, at least one, until {@code deadline} passes. Render thread. */
    void deliver(long deadline, Clock clock) {
        LiveChannel.Event event;
        while ((event = events.poll()) != null) {
            deliverNow(event);
            if (clock.nanoTime() - deadline >= 0) {
                return;
            }
        }
    }

    /** Runs {@code event} now, its listener's exception caught and logged. Render thread. */
    void deliverNow(LiveChannel.Event event) {
        LiveChannel channel = event.channel;
        if (channel.terminalDelivered) {
            return;
        }
        if (event.isTerminal()) {
            channel.terminalDelivered = true;
            synchronized (live) {
                if (live.remove(channel)) {
                    liveCount.decrementAndGet();
                }
            }
        }
        try {
            channel.dispatch(event);
        } catch (Throwable error) {
            engine.log.error("listener of " + channel.url() + " threw; the channel is unaffected", error);
        }
    }

    /** Refuses new channels and cancels every open one; their sockets close. Render thread, in dispose(). */
    List<LiveChannel> close() {
        List<LiveChannel> open;
        synchronized (live) {
            closed = true;
            open = new ArrayList<>(live);
        }
        for (int i = 0; i < open.size(); i++) {
            open.get(i).cancel();
        }
        return open;
    }

    /** Runs each channel's terminal event on this thread, after close() and the transport's end. */
    void deliverTerminals(List<LiveChannel> open) {
        events.clear();
        for (int i = 0; i < open.size(); i++) {
            LiveChannel channel = open.get(i);
            LiveChannel.Event terminal = channel.terminalEvent();
            if (terminal != null) {
                deliverNow(terminal);
            }
        }
    }
}
