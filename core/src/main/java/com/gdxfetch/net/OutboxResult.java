package com.gdxfetch.net;

/**
 * The final answer to a request from the {@link Outbox}: a 2xx, or a 4xx that retrying cannot
 * fix (not 408 or 429). Immutable; readable from any thread. It reaches the game in
 * {@link OutboxListener#onAnswered}, on the thread that calls {@link FetchManager#update()}.
 */
public interface OutboxResult {
    /** The request's id, as {@link OutboxHandle#id()} returned when it was sent. */
    String id();

    /** The tag the request was sent with, or null. */
    String tag();

    /** The request's method. */
    String method();

    /** The request's URL. */
    String url();

    /** The Idempotency-Key the request was sent with, every time. */
    String idempotencyKey();

    /**
     * The final HTTP status; -1 when the answer's body was larger than
     * {@link OutboxConfig#maxResponseBytes()}, so only that the server answered is known.
     */
    int status();

    /** True for a 2xx status: the server accepted the request. */
    boolean isSuccessful();

    /** The response body (empty when there was none or it was too large); callers must not modify it. */
    byte[] body();

    /** The response body decoded as UTF-8. */
    String bodyText();
}
