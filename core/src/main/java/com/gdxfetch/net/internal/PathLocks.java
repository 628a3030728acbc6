package com.gdxfetch.net.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Which download owns a partial file in this process, so that two downloads of one destination
 * (a cancelled one still closing, and its resume) never write it at once. Held by worker
 * threads only, for one exchange.
 */
final class PathLocks {
    private static final Map<String, Object> OWNERS = new HashMap<>();

    private PathLocks() {
    }

    /**
     * Makes {@code owner} the owner of {@code path}, waiting up to {@code timeoutMillis}; false if
     * it could not, or if {@code owner} was {@link DownloadTarget#isAbandoned() abandoned} first.
     */
    static boolean acquire(String path, DownloadTarget owner, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (OWNERS) {
            while (true) {
                Object current = OWNERS.get(path);
                if (current == null || current == owner) {
                    OWNERS.put(path, owner);
                    return true;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || owner.isAbandoned()) {
                    return false;
                }
                try {
                    OWNERS.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Wakes the waiting owners to look again whether they were abandoned. Any thread. */
    static void wakeWaiters() {
        synchronized (OWNERS) {
            OWNERS.notifyAll();
        }
    }

    /** Lets go of {@code path} if {@code owner} holds it. */
    static void release(String path, Object owner) {
        synchronized (OWNERS) {
            if (OWNERS.get(path) == owner) {
                OWNERS.remove(path);
                OWNERS.notifyAll();
            }
        }
    }
}
