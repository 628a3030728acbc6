package com.gdxfetch.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The bench thread as the render thread of a game that renders continuously with vsync off:
 * frames back to back, never sleeping, until a load ends. Every Java client in the throughput
 * suite runs beside such a loop, so each competes with the same busy render thread for the two
 * cores; for gdx-fetch the frame is {@code update()}, for the others it is empty. A frame may
 * also sleep until it is woken (gdx-fetch rendering on demand), so every load has one stall check.
 */
final class BackToBackFrames {
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Idle frames between clock reads, so the stall check costs the loop next to nothing. */
    private static final int FRAMES_PER_CLOCK_READ = 256;

    private BackToBackFrames() {
    }

    /**
     * Runs {@code frame} until {@code over} is true.
     *
     * @throws ClosedLoop.Stalled when {@code completions} has not moved for 30 s; the slowest
     *     client needs about 10 s for a whole cell, so the client has lost requests
     */
    static void run(Runnable frame, BooleanSupplier over, IntSupplier completions, int total)
            throws ClosedLoop.Stalled {
        int seen = completions.getAsInt();
        int idleFrames = 0;
        long lastProgress = System.nanoTime();
        while (!over.getAsBoolean()) {
            frame.run();
            int now = completions.getAsInt();
            if (now != seen) {
                seen = now;
                idleFrames = 0;
                lastProgress = System.nanoTime();
            } else if (++idleFrames % FRAMES_PER_CLOCK_READ == 0 && System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new ClosedLoop.Stalled("no completion for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS)
                        + " s: stalled at " + now + " of " + total);
            }
        }
    }
}
