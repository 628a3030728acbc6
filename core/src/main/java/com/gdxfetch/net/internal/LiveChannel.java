package com.gdxfetch.net.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link Channels} needs of a long-lived connection whose events reach the render thread
 * inside {@code update()}: WebSocket channels and Server-Sent Event streams.
 */
abstract class LiveChannel {
    /** Render thread only: set once the terminal event ran, after which nothing else does. */
    boolean terminalDelivered;
    /**
     * Set when the game ended the channel itself ({@code cancel()}, an event stream's
     * {@code close()}): from then on its listener hears only the end, not what was still queued.
     */
    volatile boolean endedByGame;
    /** Set by the first terminal event posted; nothing is posted after it. */
    final AtomicBoolean ended = new AtomicBoolean();
    private final Channels channels;
    /** Guarded by {@link #ended}. */
    private Event terminal;

    LiveChannel(Channels channels) {
        this.channels = channels;
    }

    /** The queue this channel's events go through. */
    final Channels channels() {
        return channels;
    }

    /** Posts {@code event} unless the channel already ended. Any thread. */
    final void post(Event event) {
        if (!ended.get()) {
            channels.post(event);
        }
    }

    /**
     * Posts the terminal event if none was, the channel's state set to closed first so that its
     * listener sees it closed; the first one wins. Any thread.
     */
    final boolean endWith(Event event) {
        // Under the lock terminalEvent() reads in: dispose() must not find the channel ended by
        // another thread and its terminal event not yet set.
        synchronized (ended) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            markClosed();
            terminal = event;
        }
        channels.post(event);
        return true;
    }

    /** Sets the state the channel reports to closed. Called once, before its terminal event is posted. */
    abstract void markClosed();

    /** The URL, for log lines. Any thread. */
    public abstract String url();

    /** Ends the channel at once with a CANCELLED failure; its socket closes. Any thread. */
    public abstract void cancel();

    /** The terminal event once set, else null; waits for an {@link #endWith} under way. Any thread. */
    final Event terminalEvent() {
        synchronized (ended) {
            return terminal;
        }
    }

    /** Runs {@code event}'s listener method. Render thread. */
    abstract void dispatch(Event event);

    /** Whether {@code event} still reaches the listener: not once the game ended the channel, but its end. */
    final boolean heard(Event event) {
        return !endedByGame || event.isTerminal();
    }

    /** One event on its way to the render thread. */
    abstract static class Event {
        final LiveChannel channel;

        Event(LiveChannel channel) {
            this.channel = channel;
        }

        /** Whether this event ends its channel (closed or failed). */
        abstract boolean isTerminal();
    }
}
