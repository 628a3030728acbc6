package com.gdxfetch.net;

/**
 * One Server-Sent Events stream ({@code text/event-stream}), opened with
 * {@code fetch.events(url)...open(listener)}. Its events reach the {@link EventStreamListener}
 * on the render thread, inside {@link FetchManager#update()}, in order, and end with exactly one
 * terminal event: {@link EventStreamListener#onClosed} or {@link EventStreamListener#onFailure}.
 *
 * <p>As the HTML standard's {@code EventSource} does, a stream that ends or drops is reopened
 * after the server's {@code retry} delay (or the request's), sending the last event id in
 * {@code Last-Event-ID}, so the server can resume. Every method may be called from any thread
 * and returns at once.
 */
public interface EventStream {
    /** Where a stream is in its life. */
    enum State {
        /** Connecting, or waiting to reconnect. */
        CONNECTING,
        /** Open: events flow. */
        OPEN,
        /** Ended: its terminal event is delivered or waiting for {@code update()}. */
        CLOSED
    }

    /** The URL as given to {@code events(url)}. */
    String url();

    /** Where the stream is now. */
    State state();

    /** The id of the last event received ("" before any), which a reconnection sends back. */
    String lastEventId();

    /**
     * Closes the stream: no reconnection, and {@link EventStreamListener#onClosed} follows;
     * events already received and not yet delivered are dropped, also when it had already ended
     * (its listener then hears the end it had reached).
     *
     * @return false if it had already ended
     */
    boolean close();

    /**
     * Ends the stream at once with a {@link FailureKind#CANCELLED} failure, unless it already
     * ended; either way events already received and not yet delivered are dropped.
     */
    void cancel();
}
