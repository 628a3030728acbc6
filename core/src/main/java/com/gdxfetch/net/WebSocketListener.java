package com.gdxfetch.net;

/**
 * Receives a {@link WebSocket}'s events, on the thread that calls {@link FetchManager#update()},
 * inside that call (or, for channels still open at {@link FetchManager#dispose()}, their terminal
 * event inside {@code dispose()}). Events count against the update budget like HTTP results:
 * those left over wait for the next frame, still in order.
 *
 * <p>Each channel gets exactly one terminal event, {@link #onClosed} or {@link #onFailure}, and
 * nothing after it. With a reconnect policy, a connection that drops gives
 * {@link #onReconnecting} instead, then {@link #onOpen} again once reconnected. An exception thrown
 * here is caught and logged; the channel and other requests are unaffected. Every method but
 * {@code onFailure} does nothing unless overridden.
 */
public interface WebSocketListener {
    /** The handshake succeeded; {@code protocol} is the subprotocol the server chose, or "". */
    default void onOpen(WebSocket webSocket, String protocol) {
    }

    /** A whole text message arrived (fragments already joined, UTF-8 checked). */
    default void onText(WebSocket webSocket, String text) {
    }

    /** A whole binary message arrived; the array is the listener's to keep. */
    default void onBinary(WebSocket webSocket, byte[] data) {
    }

    /**
     * The server sent its close frame with {@code code} (1005 when it gave none) and
     * {@code reason}; {@link #onClosed} follows once the connection is shut.
     */
    default void onClosing(WebSocket webSocket, int code, String reason) {
    }

    /**
     * Terminal: the channel closed, with the code and reason of the server's close frame (1006 if
     * the connection ended before one came, after this side asked to close).
     */
    default void onClosed(WebSocket webSocket, int code, String reason) {
    }

    /**
     * Terminal: the channel failed, or was cancelled or disposed ({@link FailureKind#CANCELLED}).
     * {@link FetchException#kind()} says how and the message names the URL.
     */
    void onFailure(WebSocket webSocket, FetchException failure);

    /**
     * The connection dropped (or could not be opened) and the reconnect policy will try again
     * after {@code delayMillis}; {@code attempt} counts from 1 since the channel was last open.
     */
    default void onReconnecting(WebSocket webSocket, int attempt, long delayMillis) {
    }
}
