package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What every transport's exchange shares: the cancelled flag, progress reporting that stops a
 * cancelled exchange at its next read, and the guard that lets exactly one outcome reach the
 * listener.
 */
abstract class ExchangeState implements Transport.Exchange {
    /** A field updater rather than an AtomicBoolean: one object per exchange, not two. */
    private static final AtomicIntegerFieldUpdater<ExchangeState> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(ExchangeState.class, "finished");
    private static final AtomicIntegerFieldUpdater<ExchangeState> CANCELLED =
            AtomicIntegerFieldUpdater.newUpdater(ExchangeState.class, "cancelled");
    private static final AtomicIntegerFieldUpdater<ExchangeState> STREAM_ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ExchangeState.class, "streamEnded");

    /** The request being exchanged. */
    protected final HttpRequest request;
    private final Transport.Listener listener;
    private final long startNanos;
    /** 1 once the one outcome that reaches the listener is reported. */
    private volatile int finished;
    /** 1 once {@link #cancel()} was called; set once, so {@link #abort()} runs once. */
    private volatile int cancelled;
    private long firstByteNanos = -1;
    /** Where the body streams to, or null to gather it; from a {@link StreamingListener} or {@link StreamTargets}. */
    private final StreamTarget streamTarget;
    /** The request as {@link StreamTarget#prepare} rewrote it; null until then. */
    private HttpRequest prepared;
    /** 1 once {@link StreamTarget#exchangeEnded} was called. */
    private volatile int streamEnded;
    /** True once the body streams to a {@link DecodingSink}; only the thread reading the body uses it. */
    private boolean decodingSink;

    /** Starts the clock for {@code request}'s exchange. */
    protected ExchangeState(HttpRequest request, Transport.Listener listener) {
        this.request = request;
        this.listener = listener;
        this.startNanos = System.nanoTime();
        // A wrapping transport's own listener still finds the target through the request.
        this.streamTarget = listener instanceof StreamingListener
                ? ((StreamingListener) listener).streamTarget() : StreamTargets.of(request);
    }

    /** Where this exchange's body streams to, or null when it is gathered into the response. */
    public final StreamTarget streamTarget() {
        return streamTarget;
    }

    /**
     * Whether a gzip or deflate body reaches the caller decoded: the transport asked for
     * compression ({@link RequestHeaders#decodesTransparently}), or the body streams to a sink
     * that undoes what a server applied unasked. Thread reading the body.
     */
    final boolean decodesBody() {
        return decodingSink || RequestHeaders.decodesTransparently(request);
    }

    /** Notes that the body streams to {@code sink}, before its first byte. Thread reading the body. */
    final void streamsTo(BodySink sink) {
        decodingSink = sink instanceof DecodingSink;
    }

    /** The request as sent: as {@link StreamTarget#prepare} rewrote it, or as given. */
    public final HttpRequest sentRequest() {
        HttpRequest p = prepared;
        return p != null ? p : request;
    }

    /** Lets the stream target rewrite the request before it is written; worker thread. */
    protected final HttpRequest prepareStream() throws java.io.IOException {
        if (streamTarget != null) {
            prepared = streamTarget.prepare(request);
        }
        return sentRequest();
    }

    /** Tells the stream target, once, that the exchange is over; before the outcome is reported. */
    protected final void endStream() {
        if (streamTarget != null && streamEnded == 0 && STREAM_ENDED.compareAndSet(this, 0, 1)) {
            streamTarget.exchangeEnded();
        }
    }

    @Override
    public final void cancel() {
        // Cancel and dispose can race for the same exchange: only the first aborts it.
        if (cancelled == 0 && CANCELLED.compareAndSet(this, 0, 1)) {
            abort();
        }
    }

    /** Releases whatever the exchange is blocked on; called once, from the cancelling thread. */
    protected abstract void abort();

    /** Whether {@link #cancel()} was called. */
    public final boolean isCancelled() {
        return cancelled != 0;
    }

    /** Whether the outcome has already been reported. */
    public final boolean isFinished() {
        return finished != 0;
    }

    /** Milliseconds since the exchange started. */
    protected final long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Throws a cancellation failure if the exchange was cancelled. */
    public final void checkNotCancelled() throws HttpFailure {
        if (cancelled != 0) {
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
        endStream();
        if (cancelled != 0) {
            fail(cancelledFailure(true));
        } else if (FINISHED.compareAndSet(this, 0, 1)) {
            listener.completed(response);
        }
    }

    /** Reports {@code failure} unless an outcome was already reported. */
    protected final void fail(FetchException failure) {
        endStream();
        failLeavingStream(failure);
    }

    /**
     * As {@link #fail(FetchException)} without ending the stream: for a thread other than the
     * one reading the body (a cancel), which must not release what that thread still uses.
     */
    protected final void failLeavingStream(FetchException failure) {
        if (FINISHED.compareAndSet(this, 0, 1)) {
            listener.failed(failure);
        }
    }

    /**
     * Reports {@code error}, classified; a cancelled exchange always reports
     * {@link FailureKind#CANCELLED}, whatever its blocked call threw when the socket closed.
     */
    protected final void fail(Throwable error, boolean connecting, boolean requestSent) {
        fail(cancelled != 0 ? cancelledFailure(requestSent) : Failures.of(request, error, connecting, requestSent));
    }

    /** The failure a cancelled exchange ends with. */
    protected final FetchException cancelledFailure(boolean requestSent) {
        return Failures.of(request, FailureKind.CANCELLED, "cancelled", null, requestSent);
    }
}
