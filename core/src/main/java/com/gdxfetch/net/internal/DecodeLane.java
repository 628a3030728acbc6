package com.gdxfetch.net.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Runs response decoders on the I/O threads, at most {@code slots} at once, without any thread
 * waiting for a slot. A worker whose response finds every slot taken leaves it in a queue and goes
 * back to its sockets; the worker holding a slot decodes what is queued before it lets go.
 *
 * <p>Why not a blocking semaphore: with eight connections and one slot, every response parked its
 * I/O thread and every decode woke the next one. On the frame benchmark those waits and wake-ups
 * were 12% of the workers' CPU, and each wake-up could land on the render thread's core.
 */
final class DecodeLane {
    /** A response to decode, with whatever follows from its outcome; must not throw. */
    interface Job {
        void decodeNow();
    }

    private final ConcurrentLinkedQueue<Job> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;

    DecodeLane(int slots) {
        this.slots = new Semaphore(slots);
    }

    /**
     * Runs {@code job} now if a slot is free, else leaves it to the worker holding one; either way
     * it has run, or will, before every slot is free again. Any thread.
     */
    void decode(Job job) {
        waiting.offer(job);
        // Re-checked after each release: a response queued while this worker held the last slot
        // found none free and is this worker's to decode.
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            try {
                for (Job next = waiting.poll(); next != null; next = waiting.poll()) {
                    next.decodeNow();
                }
            } finally {
                slots.release();
            }
        }
    }
}
