package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every transport's exchange shares: the cancelled flag, progress reporting that stops a
 * cancelled exchange at its next read, and the guard that lets exactly one outcome reach the
 * listener.
 */
public abstract class ExchangeState implements Transport.Exchange {
    private static final VarHandle FINISHED;

    static {
        try {
            FINISHED = MethodHandles.lookup().findVarHandle(ExchangeState.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The request being exchanged. */
    protected final HttpRequest request;
    private final Transport.Listener listener;
    private final long startNanos;
    /** Set by the one outcome that reaches the listener. */
    private volatile boolean finished;
    private volatile boolean cancelled;
    private long firstByteNanos = -1;

    /** Starts the clock for {@code request}'s exchange. */
    protected ExchangeState(HttpRequest request, Transport.Listener listener) {
        this.request = request;
        this.listener = listener;
        this.startNanos = System.nanoTime();
    }

    @Override
    public final void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        abort();
    }

    /** Releases whatever the exchange is blocked on; called once, from the cancelling thread. */
    protected abstract void abort();

    /** Whether {@link #cancel()} was called. */
    public final boolean isCancelled() {
        return cancelled;
    }

    /** Whether the outcome has already been reported. */
    public final boolean isFinished() {
        return finished;
    }

    /** Milliseconds since the exchange started. */
    protected final long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Throws a cancellation failure if the exchange was cancelled. */
    public final void checkNotCancelled() throws HttpFailure {
        if (cancelled) {
            throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
        }
    }

    /** Reports request body progress, stopping here if cancelled. */
    public final void uploadProgress(long sent, long total) throws HttpFailure {
        checkNotCancelled();
        listener.uploadProgress(sent, total);
    }

    /** Reports response body progress, stopping here if cancelled; 0 marks the first byte. */
    public final void downloadProgress(long received, long total) throws HttpFailure {
        checkNotCancelled();
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime() - startNanos;
        }
        listener.downloadProgress(received, total);
    }

    /** Starts a response for this request with its timings filled in, up to now. */
    protected final HttpResponse.Builder responseBuilder() {
        long total = System.nanoTime() - startNanos;
        return new HttpResponse.Builder().url(request.url())
                .timings(0, firstByteNanos < 0 ? total : firstByteNanos, total);
    }

    /** Reports success unless an outcome was already reported or the exchange was cancelled. */
    protected final void complete(HttpResponse response) {
        if (cancelled) {
            fail(cancelledFailure(true));
        } else if (FINISHED.compareAndSet(this, false, true)) {
            listener.completed(response);
        }
    }

    /** Reports {@code failure} unless an outcome was already reported. */
    protected final void fail(FetchException failure) {
        if (FINISHED.compareAndSet(this, false, true)) {
            listener.failed(failure);
        }
    }

    /**
     * Reports {@code error}, classified; a cancelled exchange always reports
     * {@link FailureKind#CANCELLED}, whatever its blocked call threw when the socket closed.
     */
    protected final void fail(Throwable error, boolean connecting, boolean requestSent) {
        fail(cancelled ? cancelledFailure(requestSent) : Failures.of(request, error, connecting, requestSent));
    }

    /** The failure a cancelled exchange ends with. */
    protected final FetchException cancelledFailure(boolean requestSent) {
        return Failures.of(request, FailureKind.CANCELLED, "cancelled", null, requestSent);
    }
}
