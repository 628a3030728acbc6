package com.gdxfetch.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sent request: poll it from the game loop, read its progress, cancel it, or take its result.
 *
 * <p>Returned at once by {@code send}. Its state turns terminal on the thread that calls
 * {@link FetchManager#update()}, at the moment the callback (if any) runs, or at once on
 * {@link #cancel()}. Every method may be called from any thread, and what the getters say is
 * consistent from any thread: the terminal state is published only after the result, response
 * and failure are written, so a thread that sees {@link #isDone()} sees the outcome too (a
 * success's result and response, a failure's or cancellation's {@link FetchException}), and
 * once terminal nothing a getter says changes.
 */
public interface FetchHandle<T> {
    /** The request as sent (the first attempt's, before redirects). */
    HttpRequest request();

    /** The current state. */
    FetchState state();

    /** True once succeeded, failed or cancelled. */
    boolean isDone();

    /** True once delivered with a result. */
    boolean isSuccess();

    /** True once delivered with a failure. */
    boolean isFailed();

    /** True once cancelled. */
    boolean isCancelled();

    /** The HTTP status of the delivered response, or -1 before then or when there is none. */
    int status();

    /** Response body bytes received so far by the current attempt. */
    long bytesReceived();

    /** The response's Content-Length, or -1 while unknown. */
    long contentLength();

    /** Request body bytes written so far by the current attempt. */
    long bytesSent();

    /** The request body's length, or 0 for none. */
    long uploadLength();

    /**
     * The decoded result.
     *
     * @throws IllegalStateException if the request is not done yet (poll {@link #isDone()})
     * @throws FetchException if it failed or was cancelled
     */
    T result();

    /** The response, once done; null before, or when none arrived (always for a cancellation). */
    HttpResponse response();

    /** The failure, once failed or cancelled; null otherwise (and before then). */
    FetchException failure();

    /**
     * Cancels the request: a queued one never starts, an in-flight one has its connection closed
     * and its slot freed. The state is CANCELLED at once; the callback's
     * {@link FetchCallback#onCancelled()} runs in the next {@code update()}. Does nothing when
     * already done.
     *
     * @return true if this call cancelled it
     */
    boolean cancel();

    /**
     * Blocks until the request is done, then returns {@link #result()}. For worker threads and
     * tests; results are delivered by {@code update()}, so the game loop must keep running.
     *
     * @throws IllegalStateException on the thread that calls {@code update()}: it would deadlock.
     *     Before the first {@code update()}, that is the thread that constructed the manager
     *     (the render thread, for a manager made in {@code create()}).
     * @throws FetchException if it failed or was cancelled
     * @throws TimeoutException if {@code timeout} passed first; the request itself goes on
     * @throws InterruptedException if the waiting thread is interrupted
     */
    T await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;
}
