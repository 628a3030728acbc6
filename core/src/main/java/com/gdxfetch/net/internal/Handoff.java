package com.gdxfetch.net.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between a thread reading a body as it arrives and the render thread that
 * takes what it yields (items of a streamed body, events of an event stream) inside
 * {@code update()}. At most {@link #CAPACITY} wait; a reader that finds the hand-off full stops
 * (and so stops reading its socket: back-pressure reaches the server through TCP) until the
 * render thread takes one, or until what it reads for has ended.
 */
final class Handoff {
    /** What may wait for the render thread before the reader stops. */
    static final int CAPACITY = 64;
    /** How long a waiting reader sleeps before it looks again whether its work ended. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Whether the reader should stop waiting: the request or channel it reads for has ended. */
    interface Ended {
        boolean isEnded();
    }

    private final AtomicInteger waiting = new AtomicInteger();
    private final Ended ended;
    /** The thread that last waited here, to wake when there is room again. */
    private volatile Thread reader;

    Handoff(Ended ended) {
        this.ended = ended;
    }

    /**
     * Waits until one more may be handed over, then counts it; reader thread.
     *
     * @return false, counting nothing, when the work ended first
     */
    boolean reserve() {
        while (waiting.get() >= CAPACITY) {
            if (ended.isEnded()) {
                return false;
            }
            reader = Thread.currentThread();
            LockSupport.parkNanos(this, RECHECK_NANOS);
        }
        if (ended.isEnded()) {
            return false;
        }
        waiting.incrementAndGet();
        return true;
    }

    /** One was taken by the render thread; wakes the reader when it may be waiting for room or for the last. */
    void taken() {
        int left = waiting.decrementAndGet();
        if (left == CAPACITY - 1 || left == 0) {
            Thread t = reader;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** How many wait. Any thread. */
    int waiting() {
        return waiting.get();
    }

    /** Waits until the render thread took everything handed over, or the work ended; reader thread. */
    void awaitTaken() {
        reader = Thread.currentThread();
        while (waiting.get() > 0 && !ended.isEnded()) {
            LockSupport.parkNanos(this, RECHECK_NANOS);
        }
    }
}
