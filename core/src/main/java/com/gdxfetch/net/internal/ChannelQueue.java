package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of a manager's live channels that every platform shares: the channels not yet ended,
 * and the queue their events wait in until {@link Engine#update} runs them on the render thread,
 * in order, under the frame's budget. How a channel is opened (sockets on desktop, the browser's
 * own objects on the web) is {@link Channels}'.
 */
abstract class ChannelQueue {
    final Engine engine;
    private final ConcurrentLinkedQueue<LiveChannel.Event> events = new ConcurrentLinkedQueue<>();
    /** Channels whose terminal event is not yet delivered; guarded by itself. */
    private final List<LiveChannel> live = new ArrayList<>();
    private final AtomicInteger liveCount = new AtomicInteger();
    private boolean closed;

    ChannelQueue(Engine engine) {
        this.engine = engine;
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

    /** Refuses new channels and cancels every open one; their connections close. Render thread, in dispose(). */
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
