package com.gdxfetch.net.internal;

import com.gdxfetch.internal.WorkerThreads;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
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
 * microseconds per request during a burst. {@code execute} only queues the task and wakes an
 * idle thread (or the spawner). Idle threads end after a minute.
 */
final class IoThreads implements Executor {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger idle = new AtomicInteger();
    private final Thread spawner;
    private final int priority;
    private volatile boolean shutdown;

    /** Threads at {@code priority}, which the caller has checked. */
    IoThreads(int priority) {
        this.priority = priority;
        spawner = WorkerThreads.create(this::spawnLoop, "gdx-fetch-io-spawner", priority);
        spawner.start();
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("transport disposed");
        }
        work.offer(task);
        if (work.size() > idle.get()) {
            LockSupport.unpark(spawner);
        }
    }

    private void spawnLoop() {
        while (!shutdown) {
            while (!shutdown && work.size() > idle.get()) {
                // Counted idle until it takes a task, so one wake-up makes one thread per task.
                idle.incrementAndGet();
                Thread worker = WorkerThreads.create(this::workLoop, "gdx-fetch-io-" + NEXT_ID.getAndIncrement(),
                        priority);
                threads.add(worker);
                worker.start();
            }
            LockSupport.park(this);
        }
    }

    private void workLoop() {
        try {
            while (!shutdown) {
                Runnable task;
                try {
                    task = work.poll(IDLE_NANOS, TimeUnit.NANOSECONDS);
                } catch (InterruptedException disposed) {
                    return;
                } finally {
                    idle.decrementAndGet();
                }
                if (task == null) {
                    return;
                }
                task.run();
                idle.incrementAndGet();
            }
            idle.decrementAndGet();
        } finally {
            threads.remove(Thread.currentThread());
            if (work.size() > idle.get()) {
                LockSupport.unpark(spawner);
            }
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
        shutdown = true;
        work.clear();
        LockSupport.unpark(spawner);
        List<Thread> snapshot = new ArrayList<>(threads);
        snapshot.add(spawner);
        for (int i = 0; i < snapshot.size(); i++) {
            // Wakes idle threads; a thread blocked on a socket ends when its socket is closed.
            snapshot.get(i).interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean interrupted = false;
        boolean allEnded = true;
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
}
