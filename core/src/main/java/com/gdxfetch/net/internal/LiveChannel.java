package com.gdxfetch.net.internal;

/**
 * What {@link Channels} needs of a long-lived connection whose events reach the render thread
 * inside {@code update()}: WebSocket channels and Server-Sent Event streams.
 */
abstract class LiveChannel {
    /** Render thread only: set once the terminal event ran, after which nothing else does. */
    boolean terminalDelivered;

    /** The URL, for log lines. Any thread. */
    public abstract String url();

    /** Ends the channel at once with a CANCELLED failure; its socket closes. Any thread. */
    public abstract void cancel();

    /** The terminal event once posted, else null. Any thread. */
    abstract Event terminalEvent();

    /** Runs {@code event}'s listener method. Render thread. */
    abstract void dispatch(Event event);

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
