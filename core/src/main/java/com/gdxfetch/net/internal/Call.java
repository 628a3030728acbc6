package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchState;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.Transport;
import com.gdxfetch.internal.Platform;
import com.gdxfetch.internal.Texts;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One sent request through its attempts, redirects and retries to its single delivery.
 *
 * <p>Transport threads run attempts and decoding and leave the outcome in the pending fields,
 * then post the call to the engine; the thread that calls {@code update()} makes the outcome
 * visible and runs the callback. The terminal state is decided by one compare-and-set, so
 * exactly one of success, failure or cancellation wins; the winner moves the state to an ending
 * mark, writes the result, response and failure, and only then publishes the terminal state
 * with a volatile write. A thread that reads a terminal state therefore sees every field of the
 * outcome, and while the mark is set the handle still reads as open. The state and slot flags
 * are volatile ints changed through field updaters ({@link CallSync}), so a call is one object
 * rather than three.
 */
public final class Call<T> implements FetchHandle<T> {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int SUCCEEDED = 2;
    private static final int FAILED = 3;
    private static final int CANCELLED = 4;
    /**
     * Added to the open state a finishing thread found: the outcome is being written. Readers
     * take the state without it, so a handle reads as open until the outcome is complete.
     */
    private static final int ENDING = 8;
    private static final FetchState[] STATES = FetchState.values();
    /** How often a response waiting for a decode slot looks whether its call was cancelled. */
    private static final long DECODE_SLOT_RECHECK_MILLIS = 10;

    final Engine engine;
    final HttpRequest request;
    final ResponseDecoder<T> decoder;
    final FetchCallback<T> callback;
    final String hostKey;
    final int priority;
    final long sequence;
    final long sentNanos;
    /** Where response bodies stream to, or null to gather them; the same for every attempt. */
    final StreamTarget streamTarget;

    /**
     * QUEUED or RUNNING, then ENDING plus that, then SUCCEEDED, FAILED or CANCELLED; left an open
     * state only by compare-and-set, so one thread alone writes the outcome.
     */
    volatile int state = QUEUED;
    /** 1 while the call holds a dispatcher slot. */
    volatile int holdsSlot;
    /** Threads inside {@link #await}; only then does publishing take the monitor to wake them. */
    private volatile int awaiting;
    /** The next call in the dispatcher's chain of calls to start; touched under its lock. */
    Call<?> nextToStart;
    /** Links in the engine's {@link LiveCalls}; touched under its lock. */
    Call<?> livePrev;
    Call<?> liveNext;
    boolean inLive;
    private volatile Transport.Exchange exchange;
    private volatile int generation;
    private volatile HttpRequest current;
    private int attempt = 1;
    private Redirects.Chain redirects;
    private long startedNanos;
    private volatile long firstByteNanos;
    /** When the outcome (or retry request) was last handed to {@code update()}; for the undelivered warning. */
    volatile long postedNanos;

    private volatile long bytesReceived;
    private volatile long contentLength = -1;
    private volatile long bytesSent;
    /** The upload's length as the transport reported it; -1 until then (a file's is read when sent). */
    private volatile long uploadTotal = -1;

    // Outcome left by a transport thread for update(); published by the completion queue.
    /** Taken only through {@link CallSync#takePendingResult}: a Disposable one is owned by whoever takes it. */
    volatile T pendingResult;
    HttpResponse pendingResponse;
    FetchException pendingFailure;
    long retryDelayNanos = -1;
    /**
     * The longest wait before a retry, about 73 years, however long a policy that accepts any
     * Retry-After is asked to wait: {@link Timers} (and the outbox's queue) order due times by
     * their difference, and one 2^63 ns ahead wraps past those already due, holding them behind it.
     */
    private static final long MAX_RETRY_DELAY_NANOS = Long.MAX_VALUE / 4;

    /** {@code delayMillis} in nanoseconds, capped at {@link #MAX_RETRY_DELAY_NANOS}. */
    static long retryDelayNanos(long delayMillis) {
        return Math.min(TimeUnit.MILLISECONDS.toNanos(delayMillis), MAX_RETRY_DELAY_NANOS);
    }

    // Written once, before the terminal state is published; read only after reading that state.
    private T result;
    private HttpResponse response;
    private FetchException failure;

    /** Whether the callback ran; touched only by the delivering thread. */
    boolean delivered;

    /** A retry waiting for its delay, and when it falls due; touched only by the update thread. */
    private boolean retryPending;
    private long retryAtNanos;
    /** The call's place in {@link Timers}, -1 when it has no timer; guarded by Timers. */
    int timerIndex = -1;

    Call(Engine engine, HttpRequest request, ResponseDecoder<T> decoder, FetchCallback<T> callback,
            long sequence, long sentNanos) {
        this(engine, request, decoder, callback, sequence, sentNanos, null);
    }

    Call(Engine engine, HttpRequest request, ResponseDecoder<T> decoder, FetchCallback<T> callback,
            long sequence, long sentNanos, StreamTarget streamTarget) {
        this.streamTarget = streamTarget;
        this.engine = engine;
        this.request = request;
        this.current = request;
        this.decoder = decoder;
        this.callback = callback;
        this.hostKey = request.hostKey();
        this.priority = request.priority();
        this.sequence = sequence;
        this.sentNanos = sentNanos;
    }

    // ---- dispatcher side

    /** Marks that the dispatcher gave this call a slot. */
    void takeSlot() {
        holdsSlot = 1;
    }

    /** Gives the slot back once, whoever gets here first. */
    void releaseSlot() {
        if (CallSync.casSlot(this, 1, 0)) {
            engine.dispatcher.release(this);
        }
    }

    /** Starts the current attempt; called by the dispatcher, outside its lock, holding a slot. */
    void start() {
        if (!CallSync.casState(this, QUEUED, RUNNING)) {
            releaseSlot();
            return;
        }
        if (startedNanos == 0) {
            startedNanos = engine.now();
        }
        if (engine.log.isDebug()) {
            engine.log.debug(request + " attempt " + attempt + " started after "
                    + millis(startedNanos - sentNanos) + " ms queued");
        }
        // Each attempt follows the redirects afresh; the last attempt's hops are no loop.
        redirects = null;
        launch(request);
    }

    private void launch(HttpRequest attemptRequest) {
        current = attemptRequest;
        firstByteNanos = 0;
        bytesReceived = 0;
        contentLength = -1;
        bytesSent = 0;
        Attempt listener = new Attempt(++generation, attemptRequest);
        if (streamTarget != null) {
            StreamTargets.register(attemptRequest, streamTarget);
        }
        Transport.Exchange started;
        try {
            started = engine.transport.start(attemptRequest, listener);
        } catch (RuntimeException e) {
            listener.failed(new FetchException(FailureKind.NETWORK, attemptRequest,
                    "transport refused to start: " + e, e));
            return;
        }
        exchange = started;
        if (isDone()) {
            stop(started);
        }
    }

    // ---- transport side

    private void completed(HttpResponse received) {
        HttpRequest sent = current;
        if (sent.followRedirects() && Redirects.isRedirect(received)) {
            if (redirects == null) {
                redirects = new Redirects.Chain();
            }
            HttpRequest next;
            try {
                next = redirects.follow(sent, received, engine.config.maxRedirects());
            } catch (FetchException e) {
                finish(null, null, e);
                return;
            }
            if (engine.log.isDebug()) {
                engine.log.debug(sent + " redirected " + received.status() + " to " + next.url());
            }
            launch(next);
            return;
        }
        HttpResponse timed = received.newBuilder()
                .timings(startedNanos - sentNanos, firstByteNanos - sentNanos, engine.now() - sentNanos)
                .build();
        if (!timed.isSuccessful() && retryIfAllowed(null, timed.status(), timed.header("Retry-After"))) {
            return;
        }
        if (sent.failOnHttpError() && !timed.isSuccessful()) {
            finish(null, timed, new FetchException(FailureKind.HTTP_STATUS, sent.method(), sent.url(),
                    "status " + timed.status() + " " + timed.reason(), null, timed, true));
            return;
        }
        T value;
        boolean bounded = !passesThrough(decoder);
        if (bounded && !CallSync.awaitDecodeSlot(this, engine.decodeSlots, DECODE_SLOT_RECHECK_MILLIS)) {
            // Cancelled (or timed out) while it waited: that outcome is posted, and a decode now
            // would only keep a live request's response from the slot.
            return;
        }
        try {
            value = decoder.decode(timed);
        } catch (FetchException e) {
            // A decoder that knows the kind of its failure (a download's HTTP status) keeps it.
            finish(null, timed, e);
            return;
        } catch (Throwable t) {
            finish(null, timed, new FetchException(FailureKind.DECODE, sent.method(), sent.url(),
                    "decoder " + describe(decoder) + " threw " + t, t, timed, true));
            return;
        } finally {
            if (bounded) {
                engine.decodeSlots.release();
            }
        }
        finish(value, timed, null);
    }

    private void failedAttempt(FetchException attemptFailure) {
        if (!retryIfAllowed(attemptFailure, -1, null)) {
            finish(null, null, attemptFailure);
        }
    }

    /**
     * Whether the attempt is tried again, judged for the first request, which a retry sends again:
     * after a redirect that one reached the server, so a POST answered with a 303 is not sent
     * again because the GET it led to failed, however that GET failed. A later hop that could not
     * connect is judged as a failure after sending: for the first request it is one.
     */
    private boolean retryIfAllowed(FetchException attemptFailure, int status, String retryAfter) {
        RetryPolicy policy = current.retryPolicy();
        FetchException judged = attemptFailure;
        if (current != request && attemptFailure != null) {
            FailureKind kind = attemptFailure.kind();
            boolean connecting = kind == FailureKind.CONNECT_REFUSED || kind == FailureKind.UNKNOWN_HOST
                    || kind == FailureKind.CONNECT_TIMEOUT;
            judged = new FetchException(connecting ? FailureKind.NETWORK : kind, request.method(), request.url(),
                    "redirected to " + current.url(), attemptFailure, null, true);
        }
        if (!policy.shouldRetry(request, attempt, judged, status)) {
            return false;
        }
        long delayMillis = policy.delayMillis(attempt, retryAfter, Platform.random(),
                System.currentTimeMillis());
        if (delayMillis < 0) {
            return false;
        }
        if (engine.log.isDebug()) {
            engine.log.debug(request + " attempt " + attempt + " ended with "
                    + (attemptFailure != null ? attemptFailure.kind().toString() : "status " + status)
                    + "; retrying in " + delayMillis + " ms");
        }
        retryDelayNanos = retryDelayNanos(delayMillis);
        postAttemptOutcome(true);
        return true;
    }

    private void finish(T value, HttpResponse received, FetchException attemptFailure) {
        pendingResult = value;
        pendingResponse = received;
        pendingFailure = attemptFailure;
        postAttemptOutcome(false);
    }

    /** Hands the attempt's outcome to update() and frees its slot: the last thing an attempt does. */
    private void postAttemptOutcome(boolean retry) {
        // On an I/O thread, a request sent in reply (by the callback or into the freed slot) can
        // wait for this thread instead of waking another.
        IoThreads.currentTaskEnding();
        if (retry) {
            // Freed first: once posted, update() may start the next attempt, which takes a slot
            // of its own that this thread would otherwise free.
            releaseSlot();
            engine.post(this);
            return;
        }
        // Posted before the slot is freed, so a caller seeing no request in flight knows every
        // outcome is waiting for update().
        engine.post(this);
        if (engine.isDisposed()) {
            // No update() will take it; dispose() may have called the call back already.
            discardPendingResult();
        }
        releaseSlot();
    }

    // ---- update() side

    /** Queues the retry delayed by {@link #retryDelayNanos}; update thread. */
    void scheduleRetry(long nowNanos) {
        long delay = retryDelayNanos;
        retryDelayNanos = -1;
        if (CallSync.casState(this, RUNNING, QUEUED)) {
            attempt++;
            retryPending = true;
            retryAtNanos = nowNanos + delay;
            engine.timers.schedule(this, nextTimerNanos());
        }
    }

    /** Whether the request has a total timeout; derived, not stored, to keep a call small. */
    private boolean hasDeadline() {
        return request.totalTimeoutMillis() > 0;
    }

    /** When the total timeout falls due, if there is one. */
    private long deadlineNanos() {
        return sentNanos + TimeUnit.MILLISECONDS.toNanos(request.totalTimeoutMillis());
    }

    /** Sets the total timeout's timer; the sending thread, once the call is in the live list. */
    void armDeadline() {
        if (hasDeadline()) {
            engine.timers.schedule(this, deadlineNanos());
        }
    }

    /** Whether a timer may be set for this call; update thread. */
    boolean mayHaveTimer() {
        return retryPending || hasDeadline();
    }

    /** Whichever of the total timeout and the pending retry falls due first. */
    private long nextTimerNanos() {
        if (retryPending && (!hasDeadline() || retryAtNanos - deadlineNanos() < 0)) {
            return retryAtNanos;
        }
        return deadlineNanos();
    }

    /** Runs what fell due at {@code nowNanos}, taken off {@link Timers}; update thread. */
    void timerFired(long nowNanos) {
        if (hasDeadline() && nowNanos - deadlineNanos() >= 0) {
            retryPending = false;
            expire();
            return;
        }
        if (retryPending && nowNanos - retryAtNanos >= 0) {
            retryPending = false;
            retryNow();
        }
        if (mayHaveTimer()) {
            engine.timers.schedule(this, nextTimerNanos());
        }
    }

    /** Whether the outcome is decided, written or not; Timers and the dispatcher need no more. */
    boolean isOverOrEnding() {
        return state >= SUCCEEDED;
    }

    /**
     * Drops what an attempt left for update() once the call is delivered: it will never be
     * published. Update thread, after taking the call from the completion queue, so no attempt
     * is still writing these.
     */
    void forgetPending() {
        discardPendingResult();
        pendingResponse = null;
        pendingFailure = null;
    }

    /**
     * Frees a decoded value no callback will receive (a cancel, a timeout or a dispose won while
     * it was decoded): a {@code Pixmap} holds native memory the collector never frees. On the
     * thread that ends the call, or, after dispose, on the worker that decoded it; decoders run
     * off the render thread, so what they make may be disposed off it.
     */
    private void discardPendingResult() {
        Object left = CallSync.takePendingResult(this);
        if (left instanceof Disposable) {
            try {
                ((Disposable) left).dispose();
            } catch (RuntimeException | Error e) {
                engine.log.error(request + ": disposing its undelivered result threw", e);
            }
        }
    }

    /** Whether the posted outcome is a retry request rather than a result. */
    boolean wantsRetry() {
        return retryDelayNanos >= 0;
    }

    /** Sends the next attempt after its delay; update thread. */
    void retryNow() {
        if (state == QUEUED) {
            engine.dispatcher.enqueue(this);
        }
    }

    /** Makes the pending outcome final and runs the callback; update thread. */
    void deliver() {
        if (delivered) {
            return;
        }
        int target = pendingFailure != null ? FAILED : SUCCEEDED;
        for (;;) {
            int s = state;
            if (s == CANCELLED) {
                deliverCancelled();
                return;
            }
            if (s >= SUCCEEDED) {
                // A cancel is writing its outcome; it posts the call again when done.
                return;
            }
            if (CallSync.casState(this, s, ENDING + s)) {
                break;
            }
        }
        @SuppressWarnings("unchecked")
        T value = (T) CallSync.takePendingResult(this);
        result = value;
        response = pendingResponse;
        failure = pendingFailure;
        publish(target);
        finishDelivery(target);
    }

    /** Fails the call with a total timeout, now; update thread. */
    void expire() {
        if (state >= SUCCEEDED) {
            return;
        }
        HttpRequest sent = current;
        FetchException timeout = new FetchException(FailureKind.TOTAL_TIMEOUT, sent.method(), sent.url(),
                "no result within the total timeout of " + request.totalTimeoutMillis() + " ms", null, null,
                startedNanos != 0);
        if (!terminate(FAILED, timeout)) {
            return;
        }
        finishDelivery(FAILED);
    }

    /** Runs onCancelled once; update thread, or the disposing thread. */
    void deliverCancelled() {
        if (delivered) {
            return;
        }
        finishDelivery(CANCELLED);
    }

    /**
     * Waits out a cancel that another thread is still writing, so the handle reads CANCELLED
     * before its callback runs; for dispose, which delivers without waiting for a post. The
     * writer is between two adjacent steps, so this ends at once.
     */
    void awaitSettled() {
        while (state >= ENDING) {
            Platform.spinWait();
        }
    }

    private void finishDelivery(int target) {
        delivered = true;
        forgetPending();
        if (streamTarget != null) {
            // An exchange that dispose() dropped before it ran never says it ended.
            StreamTargets.unregister(current, streamTarget);
        }
        engine.delivered(this);
        if (engine.log.isDebug()) {
            engine.log.debug(request + " " + STATES[target].name().toLowerCase(java.util.Locale.ROOT)
                    + (failure != null && target == FAILED ? " (" + failure.getMessage() + ")" : "")
                    + " after " + millis(engine.now() - sentNanos) + " ms");
        }
        if (callback == null) {
            return;
        }
        try {
            if (target == SUCCEEDED) {
                callback.onSuccess(result, response);
            } else if (target == FAILED) {
                callback.onFailure(failure);
            } else {
                callback.onCancelled();
            }
        } catch (Throwable t) {
            engine.callbackFailed(this, t);
        }
    }

    /** Moves to a terminal state unless one was reached; stops the exchange and frees the slot. */
    private boolean terminate(int target, FetchException reason) {
        for (;;) {
            int s = state;
            if (s >= SUCCEEDED) {
                return false;
            }
            if (CallSync.casState(this, s, ENDING + s)) {
                break;
            }
        }
        failure = reason;
        publish(target);
        Transport.Exchange running = exchange;
        if (running != null) {
            stop(running);
        }
        if (streamTarget != null) {
            // Before its exchange opens a socket, a download may wait for another's partial file,
            // which closing no socket would end.
            streamTarget.callEnded();
        }
        releaseSlot();
        return true;
    }

    /** Cancels an exchange; a transport that throws doing so is logged, and the call still ends. */
    private void stop(Transport.Exchange running) {
        try {
            running.cancel();
        } catch (RuntimeException | Error e) {
            engine.log.error(request + ": the transport's Exchange.cancel() threw", e);
        }
    }

    /**
     * Publishes the terminal state {@code target}, the outcome's fields being written, and wakes
     * {@link #await}ing threads, if any.
     */
    private void publish(int target) {
        state = target;
        // Both fields are volatile: either this sees the waiter, or the waiter sees the state.
        if (awaiting != 0) {
            CallSync.wakeAll(this);
        }
    }

    // ---- FetchHandle

    @Override
    public HttpRequest request() {
        return request;
    }

    /** The state as handles report it: a call whose outcome is being written is still open. */
    private int visibleState() {
        int s = state;
        return s >= ENDING ? s - ENDING : s;
    }

    private static boolean terminal(int s) {
        return s >= SUCCEEDED && s < ENDING;
    }

    @Override
    public FetchState state() {
        return STATES[visibleState()];
    }

    @Override
    public boolean isDone() {
        return terminal(state);
    }

    @Override
    public boolean isSuccess() {
        return state == SUCCEEDED;
    }

    @Override
    public boolean isFailed() {
        return state == FAILED;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    @Override
    public int status() {
        HttpResponse r = response();
        return r == null ? -1 : r.status();
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long uploadLength() {
        HttpRequest r = current;
        if (r.body() == null) {
            return 0;
        }
        long known = r.body().contentLength();
        return known >= 0 ? known : uploadTotal;
    }

    @Override
    public T result() {
        // The fields are read after the state, whose volatile write followed theirs.
        int s = state;
        if (s == SUCCEEDED) {
            return result;
        }
        if (s == FAILED || s == CANCELLED) {
            throw failure;
        }
        throw new IllegalStateException(request + " is not done yet (" + STATES[s >= ENDING ? s - ENDING : s]
                + "); poll isDone() from the game loop, or use a callback");
    }

    @Override
    public HttpResponse response() {
        return terminal(state) ? response : null;
    }

    @Override
    public FetchException failure() {
        return terminal(state) ? failure : null;
    }

    @Override
    public boolean cancel() {
        if (state >= SUCCEEDED) {
            return false;
        }
        HttpRequest sent = current;
        boolean waiting = state == QUEUED;
        if (!terminate(CANCELLED, new FetchException(FailureKind.CANCELLED, sent.method(), sent.url(),
                "cancelled", null, null, startedNanos != 0))) {
            return false;
        }
        if (waiting) {
            engine.dispatcher.cancelledWhileQueued();
        }
        if (engine.log.isDebug()) {
            engine.log.debug(request + " cancel requested");
        }
        engine.post(this);
        return true;
    }

    @Override
    public T await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        engine.checkNotUpdateThread("await()");
        if (!isDone()) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            synchronized (this) {
                awaiting++;
                try {
                    while (!isDone()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new TimeoutException(request + " not done after " + unit.toMillis(timeout) + " ms");
                        }
                        CallSync.timedWait(this, left);
                    }
                } finally {
                    awaiting--;
                }
            }
        }
        return result();
    }

    @Override
    public String toString() {
        return request + " [" + state() + "]";
    }

    /** The decoder's own name when it gives one, else its class, without a lambda's generated suffix. */
    private static String describe(ResponseDecoder<?> decoder) {
        if (Platform.hasOwnToString(decoder)) {
            return decoder.toString();
        }
        String name = decoder.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : "(a lambda in " + name.substring(0, lambda) + ")";
    }

    /**
     * Whether {@code decoder} only hands over the response or its body array: it does no work a
     * decode slot should bound, and waiting for one would make I/O threads queue behind parsers.
     */
    private static boolean passesThrough(ResponseDecoder<?> decoder) {
        return decoder == (Object) Decoders.response() || decoder == (Object) Decoders.bytes();
    }

    private static String millis(long nanos) {
        return Texts.millis(nanos);
    }

    /**
     * A transport listener that says whether its {@code completed} does no work worth a worker
     * thread, so a transport holding the answer in memory may call it from {@code start}.
     */
    interface CheapCompletion {
        /** True when completing only hands the response over: no decoding, no body to stream. */
        boolean completesCheaply();
    }

    /** Listens to one exchange; ignores it once a newer exchange or a terminal state took over. */
    private final class Attempt implements StreamingListener, CheapCompletion {
        private final int id;
        private final HttpRequest sent;

        Attempt(int id, HttpRequest sent) {
            this.id = id;
            this.sent = sent;
        }

        /** The exchange is over: its request no longer names the stream target. */
        private void ended() {
            if (streamTarget != null) {
                StreamTargets.unregister(sent, streamTarget);
            }
        }

        private boolean stale() {
            return id != generation || isDone();
        }

        @Override
        public StreamTarget streamTarget() {
            return streamTarget;
        }

        @Override
        public boolean completesCheaply() {
            return streamTarget == null && passesThrough(decoder);
        }

        @Override
        public void uploadProgress(long sent, long total) {
            if (!stale()) {
                bytesSent = sent;
                uploadTotal = total;
            }
        }

        @Override
        public void downloadProgress(long received, long total) {
            if (stale()) {
                return;
            }
            if (firstByteNanos == 0) {
                firstByteNanos = engine.now();
            }
            contentLength = total;
            bytesReceived = received;
        }

        @Override
        public void completed(HttpResponse received) {
            ended();
            if (!stale()) {
                Call.this.completed(received);
            }
        }

        @Override
        public void failed(FetchException attemptFailure) {
            ended();
            if (!stale()) {
                failedAttempt(attemptFailure);
            }
        }
    }
}
