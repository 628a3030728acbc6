package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Drives a manager the way a game does: one {@code update()} per frame until something holds. */
final class Frames {
    static final long FRAME_NANOS = 1_000_000;
    private static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    private Frames() {
    }

    /** Runs frames until {@code condition} holds; fails after a generous real-time limit. */
    static int until(FetchManager manager, BooleanSupplier condition) {
        return until(manager, condition, DEFAULT_TIMEOUT_MILLIS);
    }

    static int until(FetchManager manager, BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int frames = 0;
        for (;;) {
            manager.update();
            frames++;
            if (condition.getAsBoolean()) {
                return frames;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("condition not reached after " + frames + " frames (" + timeoutMillis + " ms); open "
                        + manager.openCount() + ", in flight " + manager.inFlightCount() + ", queued "
                        + manager.queuedCount() + "; the library's threads:" + Threads.fetchThreadStacks());
            }
            LockSupport.parkNanos(FRAME_NANOS);
        }
    }

    /** Runs frames until every handle is done. */
    static int untilDone(FetchManager manager, FetchHandle<?>... handles) {
        return until(manager, () -> {
            for (FetchHandle<?> handle : handles) {
                if (!handle.isDone()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Runs exactly {@code count} frames. */
    static void run(FetchManager manager, int count) {
        for (int i = 0; i < count; i++) {
            manager.update();
            LockSupport.parkNanos(FRAME_NANOS);
        }
    }
}
