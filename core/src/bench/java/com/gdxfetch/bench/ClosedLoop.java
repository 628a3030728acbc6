package com.gdxfetch.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bookkeeping for clients whose callbacks run on their own threads: hands out send slots,
 * checks each body, and runs empty frames on the bench thread until the last completion.
 */
final class ClosedLoop {
    private final int total;
    private final int bodyBytes;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger errors = new AtomicInteger();

    ClosedLoop(int total, int bodyBytes) {
        this.total = total;
        this.bodyBytes = bodyBytes;
    }

    /** Claims the right to send one more request; false once {@code total} have been sent. */
    boolean claim() {
        return started.getAndIncrement() < total;
    }

    /** Records a completed response; false when the load is over (finished or failed). */
    boolean completed(int status, int length) {
        if (status != 200 || length != bodyBytes) {
            fail(new IllegalStateException("status " + status + ", " + length + " body bytes; expected 200 and "
                    + bodyBytes));
            return false;
        }
        completed.incrementAndGet();
        return !over();
    }

    /**
     * Records a request that failed in the client (not a wrong answer): it counts as done so the
     * load goes on, unless more than 1% fail. Returns false when the load is over.
     */
    boolean errored(Throwable error) {
        int count = errors.incrementAndGet();
        if (count == 1) {
            System.out.println("[bench] request failed in the client: " + error);
        }
        if (count > total / 100) {
            fail(error);
            return false;
        }
        completed.incrementAndGet();
        return !over();
    }

    /** Requests that failed in the client so far. */
    int errors() {
        return errors.get();
    }

    /** Ends the load with {@code error}. */
    void fail(Throwable error) {
        failure.compareAndSet(null, error);
    }

    /**
     * Runs empty frames back to back on the calling thread, as a continuously rendering game's
     * render thread beside its networking, until the last completion or the first failure.
     *
     * @throws Stalled when nothing completes for 30 s (see {@link SpinningThreads} for the peer
     *     that loses requests)
     */
    void await() throws Stalled {
        BackToBackFrames.run(() -> { }, this::over, completed::get, total);
        Throwable error = failure.get();
        if (error != null) {
            throw failedAfter(completed.get(), error);
        }
    }

    /** What a load throws when one of its requests failed: how far it got, and why. */
    static IllegalStateException failedAfter(int completions, Throwable error) {
        return new IllegalStateException("request failed after " + completions + " completions", error);
    }

    private boolean over() {
        return completed.get() >= total || failure.get() != null;
    }

    /** A client stopped answering: some of its requests will never complete. */
    static final class Stalled extends Exception {
        Stalled(String message) {
            super(message);
        }
    }
}
