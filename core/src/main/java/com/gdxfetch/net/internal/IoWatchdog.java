package com.gdxfetch.net.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends blocking socket calls whose time is up where a socket's read timeout cannot: a write that
 * makes no progress (the read timeout is the longest silence in either direction, and a blocking
 * write has no timeout of its own), and a TLS handshake a server drips a byte at a time, each in
 * time for the read timeout. Runs as a task on the transport's I/O threads while anything is
 * watched, looking at each at least every {@link #MAX_TICK_MILLIS}; it ends itself when nothing
 * is, so an idle transport has no task.
 */
final class IoWatchdog implements Runnable {
    static final long MAX_TICK_MILLIS = 100;
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS);

    /** Something the watchdog looks at; I/O threads. */
    interface Watched {
        /**
         * Ends the blocked call if its time is up at {@code now}.
         *
         * @return nanoseconds until it needs looking at again ({@link Long#MAX_VALUE} for not now)
         */
        long check(long now);
    }

    /** The transport's running exchanges, which it adds and removes. */
    private final Set<? extends Watched> exchanges;
    private final Set<Deadline> deadlines = Collections.newSetFromMap(new ConcurrentHashMap<Deadline, Boolean>());
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread thread;

    IoWatchdog(Set<? extends Watched> exchanges, Executor executor) {
        this.exchanges = exchanges;
        this.executor = executor;
    }

    /**
     * Starts the watchdog unless it runs; call after adding to the exchanges. It looks at each
     * within {@link #MAX_TICK_MILLIS} of when it asked to be looked at again. Any thread.
     */
    void ensureRunning() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException disposed) {
                scheduled.set(false);
            }
        }
    }

    /**
     * Closes {@code socket} once {@code timeoutMillis} have passed, unless {@link Deadline#end()}
     * comes first: for a call the socket's read timeout bounds only between two bytes.
     */
    Deadline closeAfter(Socket socket, int timeoutMillis) {
        Deadline d = new Deadline(this, socket, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        deadlines.add(d);
        ensureRunning();
        return d;
    }

    private boolean isIdle() {
        return exchanges.isEmpty() && deadlines.isEmpty();
    }

    /** Wakes the watchdog so it sees at once what changed. Any thread. */
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
                for (Watched w : exchanges) {
                    wait = Math.min(wait, w.check(now));
                }
                for (Watched w : deadlines) {
                    wait = Math.min(wait, w.check(now));
                }
                if (isIdle()) {
                    scheduled.set(false);
                    // One added after the check above saw scheduled still true; take over for it.
                    if (isIdle() || !scheduled.compareAndSet(false, true)) {
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

    /** A socket closed at a deadline unless the call it bounds ends first. */
    static final class Deadline implements Watched {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int PASSED = 2;

        private final IoWatchdog watchdog;
        private final Socket socket;
        private final long atNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        Deadline(IoWatchdog watchdog, Socket socket, long atNanos) {
            this.watchdog = watchdog;
            this.socket = socket;
            this.atNanos = atNanos;
        }

        @Override
        public long check(long now) {
            long left = atNanos - now;
            if (left > 0) {
                return left;
            }
            if (state.compareAndSet(RUNNING, PASSED)) {
                watchdog.deadlines.remove(this);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing is all that can be done.
                }
            }
            return Long.MAX_VALUE;
        }

        /**
         * Ends the watch, whatever the call's outcome.
         *
         * @return false if the deadline passed first and closed the socket
         */
        boolean end() {
            watchdog.deadlines.remove(this);
            return state.compareAndSet(RUNNING, ENDED) || state.get() == ENDED;
        }
    }
}
