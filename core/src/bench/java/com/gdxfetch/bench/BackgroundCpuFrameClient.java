package com.gdxfetch.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * No networking, but CPU work on two other threads at the priority of gdx-fetch's workers while the
 * game would be sending: each thread computes for 130 us (about one response's worth of the
 * workers' CPU) and pauses 50 us (as for a socket read), from the first frame that would send
 * until a frame after the last. That is about 1.4 cores, more than the gdx-fetch workers use on the
 * same frames. Beside {@code no-network}, it shows what background work alone, touching nothing the
 * render thread touches, costs the frame on this machine.
 *
 * <p>Between bursts the threads park until a sending frame unparks them, as gdx-fetch's first send
 * wakes its idle I/O threads. A timed poll would wake them every millisecond through every other
 * client's loop too, and each such wake-up can take the render thread's core for tens of
 * microseconds.
 */
final class BackgroundCpuFrameClient extends FrameClient {
    private static final int THREADS = 2;
    private static final long BUSY_NANOS = TimeUnit.MICROSECONDS.toNanos(130);
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long FRAME_NANOS = 1_000_000_000L / 60;
    /** Steps of the fixed work's loop between clock reads: a few microseconds. */
    private static final long SPIN_STEP = 1_000;

    private final Thread[] threads = new Thread[THREADS];
    private volatile long busyUntil = System.nanoTime();
    private volatile boolean closed;
    /** Written by the busy threads so their work cannot be optimised away. */
    private volatile long sink;

    BackgroundCpuFrameClient() {
        for (int i = 0; i < THREADS; i++) {
            threads[i] = new Thread(this::work, "background-cpu-" + i);
            threads[i].setDaemon(true);
            threads[i].setPriority(Thread.MIN_PRIORITY);
            threads[i].start();
        }
    }

    @Override
    String name() {
        return "background-cpu";
    }

    @Override
    boolean fetches() {
        return false;
    }

    @Override
    void frame(String url, int newRequests) {
        if (newRequests > 0) {
            busyUntil = System.nanoTime() + 2 * FRAME_NANOS;
            for (Thread thread : threads) {
                LockSupport.unpark(thread);
            }
        }
    }

    private void work() {
        while (!closed) {
            if (System.nanoTime() - busyUntil >= 0) {
                LockSupport.park(this);
                continue;
            }
            long end = System.nanoTime() + BUSY_NANOS;
            long x = 0;
            while (System.nanoTime() - end < 0) {
                x += FrameBench.spin(SPIN_STEP);
            }
            sink = x;
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
