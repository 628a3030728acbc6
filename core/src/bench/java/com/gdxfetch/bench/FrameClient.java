package com.gdxfetch.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One way a game fetches JSON, driven by the frame benchmark's loop: each frame it sends the
 * requests it is told to and turns whatever has arrived into objects. Created once and used for
 * every loop, as a game keeps its networking for its whole run. Keeps the tallies every client
 * reports the same way.
 */
abstract class FrameClient implements AutoCloseable {
    private final AtomicInteger failed = new AtomicInteger();
    private int parsed;
    private long checksum;

    /** The name in frame.json. */
    abstract String name();

    /** Whether it makes the requests it is told to; the loop waits for their responses only if so. */
    boolean fetches() {
        return true;
    }

    /** One frame's networking, on the loop thread: send {@code newRequests} to {@code url}, handle arrivals. */
    abstract void frame(String url, int newRequests) throws Exception;

    @Override
    public abstract void close();

    /** Clears the tallies before a loop; the client itself, its threads and connections, live on. */
    final void startLoop() {
        parsed = 0;
        failed.set(0);
        checksum = 0;
        loopStarted();
    }

    /** Clears a client's own per-loop figures. */
    void loopStarted() {
    }

    /**
     * How this loop's deliveries kept to the client's time budget, or null for a client that
     * hands over everything that has arrived, with no budget.
     */
    DeliveryTimes deliveryTimes() {
        return null;
    }

    /**
     * A budgeted client's deliveries over one loop, in ms of wall time: the budget of one delivery
     * call, the longest call, the longest single callback, and the latest a callback began after
     * its call did. The budget holds when no callback began after it was spent, so a call overruns
     * by the one callback it was in at most; a call's length also counts time the thread was not
     * running.
     */
    static final class DeliveryTimes {
        final double budgetMs;
        final double longestUpdateMs;
        final double longestCallbackMs;
        final double latestCallbackStartMs;

        DeliveryTimes(double budgetMs, double longestUpdateMs, double longestCallbackMs,
                double latestCallbackStartMs) {
            this.budgetMs = budgetMs;
            this.longestUpdateMs = longestUpdateMs;
            this.longestCallbackMs = longestCallbackMs;
            this.latestCallbackStartMs = latestCallbackStartMs;
        }
    }

    /** Counts a response parsed and handed to the game; on the loop thread. */
    final void parsedOne(Leaderboard board) {
        parsedOne(board.checksum());
    }

    /** Counts a response or message handed to the game, with a value drawn from it; on the loop thread. */
    final void parsedOne(long value) {
        parsed++;
        checksum += value;
    }

    /** Counts a request that failed (a game would lose it) and prints the first; any thread. */
    final void failedOne(Object cause) {
        if (failed.getAndIncrement() == 0) {
            System.out.println("[bench] frame: " + name() + " request failed: " + cause);
        }
    }

    /** Responses parsed into objects and handed to the game so far. */
    final int parsed() {
        return parsed;
    }

    /** Responses that failed instead. */
    final int failed() {
        return failed.get();
    }

    /** A checksum over everything parsed, so no work can be skipped. */
    final long checksum() {
        return checksum;
    }
}
