package com.gdxfetch.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Deadlines fired from {@code update()}: total timeouts and retry delays. Checking for a due
 * timer reads one volatile field, so an idle frame pays nothing more.
 */
final class Timers {
    /** What a timer does when it fires. */
    enum Kind { RETRY, TOTAL_TIMEOUT }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>(16,
            (a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private volatile long nextDueNanos = Long.MAX_VALUE;

    /** Schedules {@code call}'s {@code kind} at {@code dueNanos}. Any thread. */
    synchronized void add(long dueNanos, Call<?> call, Kind kind) {
        queue.add(new Timer(dueNanos, call, kind));
        nextDueNanos = queue.peek().dueNanos;
    }

    /** Whether any timer is set; any thread. */
    boolean anyPending() {
        return nextDueNanos != Long.MAX_VALUE;
    }

    /** True when a timer is due at {@code nowNanos}. */
    boolean anyDue(long nowNanos) {
        long next = nextDueNanos;
        return next != Long.MAX_VALUE && nowNanos - next >= 0;
    }

    /** Removes and returns the timers due at {@code nowNanos}, earliest first. */
    synchronized List<Timer> takeDue(long nowNanos) {
        List<Timer> due = new ArrayList<>(4);
        while (!queue.isEmpty() && nowNanos - queue.peek().dueNanos >= 0) {
            due.add(queue.poll());
        }
        nextDueNanos = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().dueNanos;
        return due;
    }

    /** Drops every timer; for dispose. */
    synchronized void clear() {
        queue.clear();
        nextDueNanos = Long.MAX_VALUE;
    }

    /** One scheduled deadline. */
    static final class Timer {
        final long dueNanos;
        final Call<?> call;
        final Kind kind;

        Timer(long dueNanos, Call<?> call, Kind kind) {
            this.dueNanos = dueNanos;
            this.call = call;
            this.kind = kind;
        }
    }
}
