package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** An outbox listener that records what it hears, on which thread, and whether inside update(). */
final class OutboxRecorder implements OutboxListener {
    final List<OutboxResult> answered = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    private Thread renderThread;
    private boolean inUpdate;

    @Override
    public void onAnswered(OutboxResult result) {
        check("onAnswered " + result);
        answered.add(result);
    }

    @Override
    public void onDropped(String id, String reason) {
        check("onDropped " + id);
        dropped.add(id + ": " + reason);
    }

    private void check(String what) {
        if (Thread.currentThread() != renderThread) {
            problems.add(what + " ran on " + Thread.currentThread().getName());
        }
        if (!inUpdate) {
            problems.add(what + " ran outside update()");
        }
    }

    /** Drives frames on this thread, the render thread, until {@code condition} holds. */
    void frames(FetchManager fetch, BooleanSupplier condition) {
        renderThread = Thread.currentThread();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            inUpdate = true;
            try {
                fetch.update();
            } finally {
                inUpdate = false;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("not reached in 30 s; answered " + answered + ", dropped " + dropped + ", pending "
                        + fetch.outbox().pendingCount());
            }
            LockSupport.parkNanos(Frames.FRAME_NANOS);
        }
    }
}
