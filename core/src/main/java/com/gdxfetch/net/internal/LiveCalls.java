package com.gdxfetch.net.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls sent and not yet delivered, for cancelling and counting them: a list threaded
 * through the calls themselves, so adding and removing one allocates nothing. Any thread.
 */
final class LiveCalls {
    private Call<?> head;
    private volatile int count;
    private boolean closed;

    /** Adds {@code call}, which must not be in the list; false, and not added, once closed. */
    synchronized boolean add(Call<?> call) {
        if (closed) {
            return false;
        }
        call.liveNext = head;
        if (head != null) {
            head.livePrev = call;
        }
        head = call;
        call.inLive = true;
        count++;
        return true;
    }

    /** Removes {@code call}; returns false if it was not in the list. */
    synchronized boolean remove(Call<?> call) {
        if (!call.inLive) {
            return false;
        }
        Call<?> prev = call.livePrev;
        Call<?> next = call.liveNext;
        if (prev != null) {
            prev.liveNext = next;
        } else {
            head = next;
        }
        if (next != null) {
            next.livePrev = prev;
        }
        call.livePrev = null;
        call.liveNext = null;
        call.inLive = false;
        count--;
        return true;
    }

    /** How many calls are in the list. */
    int count() {
        return count;
    }

    /** The calls in the list now, oldest first. */
    synchronized List<Call<?>> snapshot() {
        List<Call<?>> calls = new ArrayList<>(count);
        for (Call<?> c = head; c != null; c = c.liveNext) {
            calls.add(c);
        }
        for (int i = 0, j = calls.size() - 1; i < j; i++, j--) {
            Call<?> swap = calls.get(i);
            calls.set(i, calls.get(j));
            calls.set(j, swap);
        }
        return calls;
    }

    /** Refuses further adds, empties the list and returns what it held, oldest first; for dispose. */
    synchronized List<Call<?>> close() {
        closed = true;
        List<Call<?>> calls = snapshot();
        Call<?> c = head;
        while (c != null) {
            Call<?> next = c.liveNext;
            c.livePrev = null;
            c.liveNext = null;
            c.inLive = false;
            c = next;
        }
        head = null;
        count = 0;
        return calls;
    }
}
