package com.gdxfetch.net.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A call's atomic flags and its monitor, kept out of {@link Call} so the web build can replace
 * them (GWT super-source): there a browser's one thread needs neither. Any thread.
 */
final class CallSync {
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Call> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Call.class, "state");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Call> HOLDS_SLOT =
            AtomicIntegerFieldUpdater.newUpdater(Call.class, "holdsSlot");

    private CallSync() {
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

    /** Waits on {@code call}'s monitor, which the caller holds, for at most {@code nanos}. */
    static void timedWait(Call<?> call, long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(call, nanos);
    }
}
