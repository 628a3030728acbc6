package com.gdxfetch.net;

/**
 * Receives one {@link EventStream}'s events, all on the render thread inside
 * {@link FetchManager#update()}, counted against its budget, in the order they happened (a
 * stream still open at {@link FetchManager#dispose()} gets its terminal event inside
 * {@code dispose()} instead). Every stream ends with exactly one of {@link #onClosed} and
 * {@link #onFailure}, after which nothing else is called.
 */
public interface EventStreamListener {
    /** The server answered {@code 200} with {@code text/event-stream}; again after each reconnection. */
    default void onOpen(EventStream stream) {
    }

    /**
     * One event: its {@code type} ({@code "message"} unless the server named one), its
     * {@code data} (lines joined with {@code \n}) and the last event id at that point ("" if none).
     */
    void onEvent(EventStream stream, String type, String data, String id);

    /**
     * The stream ended or dropped and opens again after {@code delayMillis}: {@code attempt}
     * counts reconnections since the stream was last open, from 1. A game can show "reconnecting".
     */
    default void onReconnecting(EventStream stream, int attempt, long delayMillis) {
    }

    /** The game closed the stream, or the server answered {@code 204 No Content}: it will not reconnect. */
    default void onClosed(EventStream stream) {
    }

    /**
     * The stream failed for good: a status other than 200 ({@link FailureKind#HTTP_STATUS}), another
     * content type ({@link FailureKind#PROTOCOL}), an event over the limit
     * ({@link FailureKind#TOO_LARGE}), reconnections used up (the last drop's kind: for example
     * {@link FailureKind#READ_TIMEOUT} for a dead stream), or the stream cancelled
     * ({@link FailureKind#CANCELLED}, also for every stream open when the manager is disposed).
     */
    void onFailure(EventStream stream, FetchException failure);
}
