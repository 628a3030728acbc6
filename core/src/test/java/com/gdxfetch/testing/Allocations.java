package com.gdxfetch.testing;

import java.lang.management.ManagementFactory;

/** Measures what the calling thread allocates, with the JVM's per-thread allocation counter. */
public final class Allocations {
    private static final int BLOCKS = 5;

    private Allocations() {
    }

    /** Bytes the calling thread allocated while running {@code body} {@code times} times. */
    public static long allocatedBy(Runnable body, int times) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < times; i++) {
            body.run();
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * Asserts that {@code body} allocates nothing once warm: after {@code warmup} runs, blocks of
     * {@code times} runs are measured until one allocates zero bytes. Allocation in every run
     * shows in every block and fails; a rare one-off by the JIT compiler in one block does not.
     *
     * @throws AssertionError naming {@code what} and the bytes of each block
     */
    public static void assertNothingAllocatedOnceWarm(String what, Runnable body, int warmup, int times) {
        allocatedBy(body, warmup);
        StringBuilder blocks = new StringBuilder();
        for (int block = 0; block < BLOCKS; block++) {
            long bytes = allocatedBy(body, times);
            if (bytes == 0) {
                return;
            }
            blocks.append(block == 0 ? "" : ", ").append(bytes);
        }
        throw new AssertionError(what + " allocated in every block of " + times + " runs: " + blocks + " bytes");
    }
}
