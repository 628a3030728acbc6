package com.gdxfetch.net.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between a thread reading a body as it arrives and the render thread that
 * takes what it yields (items of a streamed body, events of an event stream, WebSocket messages)
 * inside {@code update()}. A reader that finds the hand-off full stops (and so stops reading its
 * socket: back-pressure reaches the server through TCP) until the render thread takes one, or
 * until what it reads for has ended.
 */
final class Handoff {
    /** What may wait for the render thread before the reader stops, for items and events. */
    static final int CAPACITY = 64;
    /** How long a waiting reader sleeps before it looks again whether its work ended. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Whether the reader should stop waiting: the request or channel it reads for has ended. */
    interface Ended {
        boolean isEnded();
    }

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong waitingSize = new AtomicLong();
    private final int maxWaiting;
    private final long maxSize;
    private final Ended ended;
    /** The thread that last waited here, to wake when there is room again. */
    private volatile Thread reader;
    /** Set by a reader about to park, so that only a take it waits for wakes it. */
    private volatile boolean readerWaiting;

    /** Room for {@link #CAPACITY} at once, whatever their sizes. */
    Handoff(Ended ended) {
        this(ended, CAPACITY, Long.MAX_VALUE);
    }

    /**
     * Room for {@code maxWaiting} at once, and for as many as fit in {@code maxSize} together
     * (one always fits when none waits, however large).
     */
    Handoff(Ended ended, int maxWaiting, long maxSize) {
        this.ended = ended;
        this.maxWaiting = maxWaiting;
        this.maxSize = maxSize;
    }

    /** {@link #reserve(long)} for one of no size. */
    boolean reserve() {
        return reserve(0);
    }

    /**
     * Waits until one more of {@code size} may be handed over, then counts it; reader thread.
     *
     * @return false, counting nothing, when the work ended first
     */
    boolean reserve(long size) {
        while (!hasRoom(size)) {
            if (ended.isEnded()) {
                return false;
            }
            reader = Thread.currentThread();
            readerWaiting = true;
            if (!hasRoom(size)) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
        if (ended.isEnded()) {
            return false;
        }
        waitingSize.addAndGet(size);
        waiting.incrementAndGet();
        return true;
    }

    private boolean hasRoom(long size) {
        int n = waiting.get();
        return n == 0 || (n < maxWaiting && waitingSize.get() + size <= maxSize);
    }

    /** {@link #taken(long)} for one of no size. */
    void taken() {
        taken(0);
    }

    /** One of {@code size} was taken by the render thread; wakes the reader if it waits for room or for the last. */
    void taken(long size) {
        waitingSize.addAndGet(-size);
        waiting.decrementAndGet();
        if (readerWaiting) {
            readerWaiting = false;
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
            readerWaiting = true;
            if (waiting.get() > 0) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
    }
}
