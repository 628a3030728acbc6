package com.gdxfetch.net;

/**
 * One WebSocket channel (RFC 6455), opened with {@code fetch.webSocket(url)...open(listener)}.
 * Its events reach the {@link WebSocketListener} on the render thread, inside
 * {@link FetchManager#update()}, in the order they happened, and end with exactly one terminal
 * event: {@link WebSocketListener#onClosed} or {@link WebSocketListener#onFailure}.
 *
 * <p>Every method may be called from any thread and returns at once: sending only queues the
 * message for the channel's writer thread.
 */
public interface WebSocket {
    /** Where a channel is in its life. */
    enum State {
        /** Connecting, in the opening handshake, or waiting to reconnect. */
        CONNECTING,
        /** Open: messages flow both ways. */
        OPEN,
        /** A close frame was queued or received; no more messages may be sent. */
        CLOSING,
        /** Ended: its terminal event is delivered or waiting for {@code update()}. */
        CLOSED
    }

    /** The URL as given to {@code webSocket(url)}. */
    String url();

    /** Where the channel is now. */
    State state();

    /** The subprotocol the server chose, or "" when none was (or the channel is not open yet). */
    String protocol();

    /**
     * Queues a text message (sent as UTF-8 in one frame, a lone surrogate as U+FFFD as browsers
     * send it). A message sent while the channel is {@link State#CONNECTING} waits for the
     * connection being made; one sent while it is {@link State#OPEN} goes out on that connection.
     * If that connection fails or drops first, the message is discarded with every other still
     * queued for it: none is carried over to a later connection.
     *
     * @return false, and nothing is queued, once the channel is closing or closed
     * @throws IllegalArgumentException if {@code text} is null
     * @throws IllegalStateException if the message would take {@link #queuedBytes()} past the
     *     channel's {@code maxQueuedBytes}; the message names the limit
     */
    boolean send(String text);

    /**
     * Queues a binary message, as {@link #send(String)}; the array is copied, so the caller may
     * reuse it.
     */
    boolean send(byte[] data);

    /**
     * Starts the close handshake: queues a close frame after the messages already queued; the
     * channel ends with {@link WebSocketListener#onClosed} once the server answers (or after the
     * connect timeout if it does not, with code 1006). Before the channel opened, it ends at once
     * with {@code onClosed(code, reason)} and nothing is sent.
     *
     * @param code 1000 (normal) or an application code 3000-4999
     * @param reason a short text (at most 123 UTF-8 bytes), may be empty
     * @return false if the channel was already closing or closed
     * @throws IllegalArgumentException for another code or a longer reason
     */
    boolean close(int code, String reason);

    /**
     * Ends the channel at once, without a close handshake: its socket is closed and it ends with
     * {@link WebSocketListener#onFailure} of kind {@link FailureKind#CANCELLED}, unless it had
     * already ended. From then on the listener hears nothing but the channel's end (that one, or
     * the one it had already reached): messages already received and not yet delivered are
     * dropped. Idempotent.
     */
    void cancel();

    /** Payload bytes queued by {@code send} and not yet written to the socket. */
    long queuedBytes();
}
