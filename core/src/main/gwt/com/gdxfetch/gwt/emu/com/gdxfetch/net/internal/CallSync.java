package com.gdxfetch.net.internal;

import java.util.concurrent.Semaphore;

/** The browser's side of {@code CallSync}: one thread, so plain fields and no monitor. */
final class CallSync {
    private CallSync() {
    }

    static Object takePendingResult(Call<?> call) {
        Object value = call.pendingResult;
        call.pendingResult = null;
        return value;
    }

    static boolean casState(Call<?> call, int expected, int next) {
        if (call.state != expected) {
            return false;
        }
        call.state = next;
        return true;
    }

    static boolean casSlot(Call<?> call, int expected, int next) {
        if (call.holdsSlot != expected) {
            return false;
        }
        call.holdsSlot = next;
        return true;
    }

    static void wakeAll(Call<?> call) {
        // Nobody can wait: await() on the only thread throws before waiting.
    }

    static boolean awaitDecodeSlot(Call<?> call, Semaphore slots, long recheckMillis) {
        if (call.isOverOrEnding()) {
            return false;
        }
        // Decoding runs inside update() there, one at a time: a slot is free or nothing can free it.
        slots.acquireUninterruptibly();
        return true;
    }

    static void timedWait(Call<?> call, long nanos) throws InterruptedException {
        throw new IllegalStateException("a browser has one thread: waiting would block the update() that finishes "
                + call.request);
    }
}
