package com.gdxfetch.net;

/**
 * A monotonic nanosecond clock: what drives total timeouts, retry delays (the outbox's too) and
 * the update budget. Replaceable through {@link FetchConfig.Builder#clock(Clock)} so tests can
 * move time by hand.
 *
 * <p>Read from the thread that calls {@link FetchManager#update()}, from the threads that send
 * requests and finish them, and from the outbox's thread, so an implementation must be
 * thread-safe; it must not block.
 */
public interface Clock {
    /** {@link System#nanoTime()}: the default. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** Nanoseconds from an arbitrary origin; only differences between readings mean anything. */
    long nanoTime();
}
