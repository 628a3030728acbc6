package com.gdxfetch.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cached pool of daemon threads named {@code gdx-fetch-io-N}, created on demand (the manager
 * bounds concurrency, so this pool need not), which remembers its threads so that
 * {@link #shutdownAndJoin} can wait until every one has really ended.
 */
final class IoThreads implements ThreadFactory {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    private final List<Thread> threads = new ArrayList<>();
    final ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<Runnable>(), this);

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "gdx-fetch-io-" + NEXT_ID.getAndIncrement());
        thread.setDaemon(true);
        synchronized (threads) {
            threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
            threads.add(thread);
        }
        return thread;
    }

    /**
     * Stops accepting work and waits up to {@code timeoutMillis} for every thread to end.
     *
     * @return whether all ended in time
     */
    boolean shutdownAndJoin(long timeoutMillis) {
        executor.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Thread> snapshot;
        synchronized (threads) {
            snapshot = new ArrayList<>(threads);
        }
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
