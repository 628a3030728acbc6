package com.gdxfetch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Fails a suite when a thread keeps a core busy while the bench is between loads: on two cores
 * such a thread would void every later figure without any sign in them. It has happened with a
 * peer: in libGDX 1.14.2, {@code NetJavaImpl.sendHttpRequest} puts into its {@code tasks} map
 * outside the lock under which its pool threads remove from it, and a pool thread has been left
 * looping in {@code ObjectMap.remove} for good after a throughput cell and during the frame suite.
 */
final class SpinningThreads {
    private static final long WINDOW_MILLIS = 200;
    /** CPU time over the window above which a thread counts as spinning: three quarters of a core. */
    private static final long SPINNING_NANOS = WINDOW_MILLIS * 750_000;

    private SpinningThreads() {
    }

    /** Throws naming each thread of this JVM that is busy for most of a short idle window. */
    static void check(String after) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        Map<Long, Long> before = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        Thread.sleep(WINDOW_MILLIS);
        StringBuilder spinning = new StringBuilder();
        for (Map.Entry<Long, Long> entry : before.entrySet()) {
            long id = entry.getKey();
            long now = threads.getThreadCpuTime(id);
            if (id == self || entry.getValue() < 0 || now < 0 || now - entry.getValue() < SPINNING_NANOS) {
                continue;
            }
            ThreadInfo info = threads.getThreadInfo(id, 3);
            if (info != null) {
                spinning.append("\n  ").append(info.getThreadName()).append(" at ")
                        .append(java.util.Arrays.toString(info.getStackTrace()));
            }
        }
        if (spinning.length() > 0) {
            throw new IllegalStateException("after " + after + ", these threads kept a core busy while the bench was "
                    + "idle, so the figures from here on would not be valid; run the command again:" + spinning);
        }
    }
}
