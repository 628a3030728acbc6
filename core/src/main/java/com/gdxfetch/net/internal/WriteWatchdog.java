package com.gdxfetch.net.internal;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends writes that make no progress: the read timeout is the longest silence in either
 * direction, and a blocking socket write has no timeout of its own. Runs as a task on the
 * transport's I/O threads while exchanges are running, looking at each at least every
 * {@link #MAX_TICK_MILLIS}; it ends itself when none are, so an idle transport has no task.
 */
final class WriteWatchdog implements Runnable {
    static final long MAX_TICK_MILLIS = 100;
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS);

    private final Set<SocketExchange> running;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread thread;

    WriteWatchdog(Set<SocketExchange> running, Executor executor) {
        this.running = running;
        this.executor = executor;
    }

    /** Starts the watchdog unless it runs; call after adding to the running set. Any thread. */
    void ensureRunning() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException disposed) {
                scheduled.set(false);
            }
        }
    }

    /** Wakes the watchdog so it sees at once that nothing runs any more. Any thread. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = MAX_TICK_NANOS;
                for (SocketExchange exchange : running) {
                    wait = Math.min(wait, exchange.checkWriteProgress(now));
                }
                if (running.isEmpty()) {
                    scheduled.set(false);
                    // An exchange added after the check above saw scheduled still true; take over for it.
                    if (running.isEmpty() || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                }
                if (Thread.interrupted()) {
                    scheduled.set(false);
                    return;
                }
                LockSupport.parkNanos(this, Math.max(wait, 1_000_000));
            }
        } finally {
            thread = null;
        }
    }
}
