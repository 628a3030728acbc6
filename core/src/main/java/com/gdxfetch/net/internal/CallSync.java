package com.gdxfetch.net.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A call's atomic flags, its monitor and its wait for a decode slot, kept out of {@link Call} so
 * the web build can replace them (GWT super-source): there a browser's one thread needs none of
 * them. Any thread.
 */
final class CallSync {
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Call> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Call.class, "state");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Call> HOLDS_SLOT =
            AtomicIntegerFieldUpdater.newUpdater(Call.class, "holdsSlot");

    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Call, Object> PENDING_RESULT =
            AtomicReferenceFieldUpdater.newUpdater(Call.class, Object.class, "pendingResult");

    private CallSync() {
    }

    /**
     * Takes the decoded value a call's attempt left, leaving null: of the threads that may end a
     * call (the one delivering it, the worker that decoded it), one alone gets it.
     */
    static Object takePendingResult(Call<?> call) {
        return PENDING_RESULT.getAndSet(call, null);
    }

    static boolean casState(Call<?> call, int expected, int next) {
        return STATE.compareAndSet(call, expected, next);
    }

    static boolean casSlot(Call<?> call, int expected, int next) {
        return HOLDS_SLOT.compareAndSet(call, expected, next);
    }

    /** Wakes the threads waiting on {@code call}'s monitor. */
    static void wakeAll(Call<?> call) {
        synchronized (call) {
            call.notifyAll();
        }
    }

    /**
     * Takes one of {@code slots} for {@code call}'s decode, waiting for one; false, holding none,
     * once the call has ended meanwhile. A cancel wakes no one here, so the wait looks again every
     * {@code recheckMillis}.
     */
    static boolean awaitDecodeSlot(Call<?> call, Semaphore slots, long recheckMillis) {
        boolean interrupted = false;
        try {
            while (true) {
                if (call.isOverOrEnding()) {
                    return false;
                }
                try {
                    if (slots.tryAcquire(recheckMillis, TimeUnit.MILLISECONDS)) {
                        if (!call.isOverOrEnding()) {
                            return true;
                        }
                        // Ended while the slot came free: it goes to the next response instead.
                        slots.release();
                        return false;
                    }
                } catch (InterruptedException e) {
                    // The transport's dispose wakes its threads so; it cancels the call too.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits on {@code call}'s monitor, which the caller holds, for at most {@code nanos}. */
    static void timedWait(Call<?> call, long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(call, nanos);
    }
}
