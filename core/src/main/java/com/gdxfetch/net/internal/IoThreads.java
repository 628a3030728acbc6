package com.gdxfetch.net.internal;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.WorkerThreads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemon threads named {@code gdx-fetch-io-N} for blocking exchanges, one per running task, at a
 * priority chosen by the transport (see {@link WorkerThreads}).
 *
 * <p>Threads are created by a spawner thread, never by the caller of {@link #execute}: a game
 * sends from its render thread, and creating a thread there would cost a frame tens of
 * microseconds per request during a burst. {@code execute} only hands the task to an idle thread
 * and wakes it (or queues it and wakes the spawner). Idle threads end after a minute.
 *
 * <p>Tasks go where they wake the fewest threads. The most recently idle thread gets the next
 * task, so a sequence of requests keeps one warm thread rather than rotating over every idle
 * one. With no thread idle, a task waits for a thread whose task has said it is ending (see
 * {@link #currentTaskEnding}) rather than waking the spawner: a request sent from the callback
 * of the one before, or by the thread that freed its slot, is then picked up by the thread that
 * ran the last one, which parks in between only if it must.
 *
 * <p>{@code execute} wakes at most one idle thread at a time. Tasks sent while a woken thread
 * has not yet taken its own wait in the queue, and that thread, once running, wakes the next
 * idle one for them. Waking a parked thread costs the caller a system call and, on a virtual
 * machine, an interrupt to another core, paid by the render thread on every frame that sends a
 * burst; waking several in a row multiplies it (the bench notes record the measured cost).
 */
final class IoThreads implements Executor {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long MIN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Guards the fields below it and each worker's {@code task} and {@code ending}. */
    private final Object lock = new Object();
    /** Idle workers, the most recently idle last. */
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    /**
     * Tasks no worker has taken yet. Holds some while a worker is idle only during a wake: the
     * woken worker hands them on.
     */
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    /** Whether a worker has been handed a task and woken, and has not yet taken it. */
    private boolean waking;
    /** Threads started for queued tasks that have not yet taken one. */
    private int starting;
    /** Running threads whose task has said it is ending; each will take a queued task next. */
    private int ending;
    private final Set<Thread> threads = Collections.newSetFromMap(new ConcurrentHashMap<Thread, Boolean>());
    private final Thread spawner;
    private final int priority;
    private final Starter starter;
    private volatile boolean shutdown;

    /** Starts a worker thread; tests substitute one that fails as a JVM out of native threads does. */
    interface Starter {
        void start(Thread thread);
    }

    static final Starter PLATFORM = new Starter() {
        @Override
        public void start(Thread thread) {
            thread.start();
        }
    };

    /** Threads at {@code priority}, which the caller has checked. */
    IoThreads(int priority) {
        this(priority, PLATFORM);
    }

    /** Threads at {@code priority}, started by {@code starter}. */
    IoThreads(int priority, Starter starter) {
        this.priority = priority;
        this.starter = starter;
        // A class rather than a method reference: a JVM's first lambdas are bootstrapped at run
        // time, and this one is made with a game's first manager.
        spawner = WorkerThreads.create(new Runnable() {
            @Override
            public void run() {
                spawnLoop();
            }
        }, "gdx-fetch-io-spawner", priority);
        spawner.start();
    }

    @Override
    public void execute(Runnable task) {
        Thread toWake;
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("transport disposed");
            }
            queued.addLast(task);
            toWake = wakeForQueued();
        }
        if (toWake != null) {
            LockSupport.unpark(toWake);
        }
    }

    /**
     * Under {@link #lock}: the thread to wake for the first queued task, or null if none need be.
     * The most recently idle worker, handed the task, unless a wake is already in progress (the
     * woken worker calls this again); with no worker idle, the spawner, unless threads starting
     * or ending will take every queued task.
     */
    private Thread wakeForQueued() {
        if (queued.isEmpty()) {
            return null;
        }
        if (!idle.isEmpty()) {
            if (waking) {
                return null;
            }
            Worker worker = idle.pollLast();
            worker.task = queued.pollFirst();
            waking = true;
            return worker;
        }
        return unclaimedTasks() > 0 ? spawner : null;
    }

    private void spawnLoop() {
        long retryNanos = 0;
        while (!shutdown) {
            int toStart;
            synchronized (lock) {
                // Idle workers are being woken one after another for the queued tasks.
                toStart = shutdown || !idle.isEmpty() ? 0 : unclaimedTasks();
                if (toStart > 0) {
                    starting += toStart;
                }
            }
            Throwable refused = null;
            for (int i = 0; i < toStart && refused == null; i++) {
                Worker worker = WorkerThreads.configure(new Worker(), priority);
                threads.add(worker);
                try {
                    starter.start(worker);
                } catch (OutOfMemoryError | RuntimeException e) {
                    // Out of native threads (Android under memory pressure): the tasks stay queued
                    // for a running thread or a later start, instead of ending the spawner for good.
                    threads.remove(worker);
                    synchronized (lock) {
                        starting -= toStart - i;
                    }
                    refused = e;
                }
            }
            if (refused == null) {
                retryNanos = 0;
                LockSupport.park(this);
            } else {
                if (retryNanos == 0) {
                    new FetchLog().warn("could not start an I/O thread (" + refused
                            + "); requests wait until one starts, trying again for as long as it fails");
                }
                retryNanos = Math.min(MAX_RETRY_NANOS, Math.max(MIN_RETRY_NANOS, retryNanos * 2));
                LockSupport.parkNanos(this, retryNanos);
            }
        }
    }

    /** Under {@link #lock}: queued tasks that no thread starting or ending will take. */
    private int unclaimedTasks() {
        return queued.size() - starting - ending;
    }

    /**
     * The next task for {@code self}: a queued one, else one handed to it while idle; null when
     * it has been idle for a minute or the threads are shut down.
     */
    private Runnable nextTask(Worker self, boolean first) {
        synchronized (lock) {
            if (first) {
                starting--;
            }
            self.clearEnding();
            if (shutdown) {
                return null;
            }
            Runnable task = queued.pollFirst();
            if (task != null) {
                return task;
            }
            self.task = null;
            idle.addLast(self);
        }
        long deadline = System.nanoTime() + IDLE_NANOS;
        while (true) {
            LockSupport.parkNanos(this, deadline - System.nanoTime());
            // Interrupts come from shutdownAndJoin; clearing one keeps a later park from spinning.
            Thread.interrupted();
            Runnable task;
            Thread toWake;
            synchronized (lock) {
                if (shutdown) {
                    return null;
                }
                task = self.task;
                if (task == null) {
                    if (deadline - System.nanoTime() <= 0) {
                        idle.remove(self);
                        return null;
                    }
                    continue;
                }
                // Taken: an idle thread must not keep its last task (and its request) reachable.
                self.task = null;
                waking = false;
                toWake = wakeForQueued();
            }
            // Before this thread's own task, so the next thread's wake-up overlaps it.
            if (toWake != null) {
                LockSupport.unpark(toWake);
            }
            return task;
        }
    }

    /** Threads started and not yet ended, for tests. */
    int threadCount() {
        return threads.size();
    }

    /** Threads waiting for a task, for tests. */
    int idleCount() {
        synchronized (lock) {
            return idle.size();
        }
    }

    /**
     * Called by a task on one of these threads when all it has left to do is short (handing its
     * result over, freeing its slot): until it returns, a task with no idle thread to take it
     * waits for this thread instead of starting another. Does nothing on any other thread.
     */
    static void currentTaskEnding() {
        Thread current = Thread.currentThread();
        if (current instanceof Worker) {
            ((Worker) current).taskEnding();
        }
    }

    /**
     * Refuses new work, drops queued tasks, wakes idle threads and waits up to
     * {@code timeoutMillis} for every thread to end. Running tasks must be made to end by their
     * owner (the transport closes their sockets first).
     *
     * @return whether all ended in time
     */
    boolean shutdownAndJoin(long timeoutMillis) {
        synchronized (lock) {
            shutdown = true;
            queued.clear();
            idle.clear();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean interrupted = false;
        boolean allEnded = true;
        // The spawner first: it may be starting threads for tasks it counted before the shutdown,
        // and only once it has ended does the set hold every thread it started.
        LockSupport.unpark(spawner);
        spawner.interrupt();
        if (spawner != Thread.currentThread()) {
            try {
                spawner.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            allEnded = !spawner.isAlive();
        }
        List<Thread> snapshot = new ArrayList<>(threads);
        for (int i = 0; i < snapshot.size(); i++) {
            // Wakes idle threads; a thread blocked on a socket ends when its socket is closed.
            snapshot.get(i).interrupt();
        }
        for (int i = 0; i < snapshot.size(); i++) {
            Thread thread = snapshot.get(i);
            if (thread == Thread.currentThread()) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                if (left > 0) {
                    thread.join(left);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            allEnded &= !thread.isAlive();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return allEnded;
    }

    /** One I/O thread, the task handed to it while it is idle and whether its task is ending. */
    private final class Worker extends Thread {
        /** Set by {@link #execute} while the worker is idle. */
        Runnable task;
        boolean ending;

        Worker() {
            super("gdx-fetch-io-" + NEXT_ID.getAndIncrement());
        }

        void taskEnding() {
            synchronized (lock) {
                if (!ending) {
                    ending = true;
                    IoThreads.this.ending++;
                }
            }
        }

        /** Under {@link #lock}: the worker is back for its next task, or ending. */
        void clearEnding() {
            if (ending) {
                ending = false;
                IoThreads.this.ending--;
            }
        }

        @Override
        public void run() {
            try {
                boolean first = true;
                Runnable next;
                while ((next = nextTask(this, first)) != null) {
                    first = false;
                    next.run();
                    // Not kept while this thread waits for the next one.
                    next = null;
                }
            } finally {
                threads.remove(this);
                Thread toWake;
                synchronized (lock) {
                    clearEnding();
                    toWake = shutdown ? null : wakeForQueued();
                }
                if (toWake != null) {
                    LockSupport.unpark(toWake);
                }
            }
        }
    }
}
