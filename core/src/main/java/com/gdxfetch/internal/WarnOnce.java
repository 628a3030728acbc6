package com.gdxfetch.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a warning the first time each cause is met, and stays quiet for it afterwards: a failure
 * that repeats on every request or frame (a full disk, a read-only folder) would otherwise flood
 * the log. Remembers at most {@link #MAX_CAUSES} causes; past that it stays quiet. Any thread.
 */
public final class WarnOnce {
    /** Causes remembered; a bound, so an odd message per failure cannot grow the set without end. */
    static final int MAX_CAUSES = 32;

    private final FetchLog log;
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();

    /** Warnings for one owner (one cache), through {@code log}. */
    public WarnOnce(FetchLog log) {
        this.log = log;
    }

    /** Logs {@code message} if {@code cause} has not been warned about yet; returns whether it did. */
    public boolean warn(String cause, String message) {
        if (seen.size() >= MAX_CAUSES || seen.putIfAbsent(cause, Boolean.TRUE) != null) {
            return false;
        }
        log.warn(message);
        return true;
    }
}
