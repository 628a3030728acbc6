package com.gdxfetch.net.internal;

/**
 * Deadlines fired from {@code update()}: total timeouts and retry delays, at most one entry per
 * call, keyed by whichever of the two falls due first.
 *
 * <p>A binary heap of calls with their due times beside them in a second array; each call knows
 * its index, so a call that ends is
 * removed at once in logarithmic time and nothing of it stays reachable from here; adding and
 * removing allocate nothing once the array has grown. Checking for a due timer reads one
 * volatile field, so an idle frame pays nothing more. Any thread; the lock is held only for the
 * heap operation, never while a timer's work runs.
 */
final class Timers {
    private static final long NONE = Long.MAX_VALUE;

    private Call<?>[] heap = new Call<?>[16];
    /** {@code due[i]} is when {@code heap[i]} falls due. */
    private long[] due = new long[16];
    private int size;
    private boolean closed;
    private volatile long nextDueNanos = NONE;

    /**
     * Sets {@code call}'s timer to {@code dueNanos}, moving it if it has one. Does nothing for a
     * call that is over, or ending, or once {@link #close()}d: a timer set for it now would never
     * be removed.
     */
    synchronized void schedule(Call<?> call, long dueNanos) {
        if (closed || call.isOverOrEnding()) {
            return;
        }
        int index = call.timerIndex;
        if (index < 0) {
            if (size == heap.length) {
                Call<?>[] grown = new Call<?>[size * 2];
                System.arraycopy(heap, 0, grown, 0, size);
                heap = grown;
                long[] grownDue = new long[size * 2];
                System.arraycopy(due, 0, grownDue, 0, size);
                due = grownDue;
            }
            index = size++;
        }
        place(call, dueNanos, index);
        siftDown(siftUp(index));
        publishNext();
    }

    /** Removes {@code call}'s timer, if it has one. */
    synchronized void remove(Call<?> call) {
        int index = call.timerIndex;
        if (index >= 0) {
            removeAt(index);
            publishNext();
        }
    }

    /** Whether any timer is set; any thread. */
    boolean anyPending() {
        return nextDueNanos != NONE;
    }

    /** True when a timer is due at {@code nowNanos}. */
    boolean anyDue(long nowNanos) {
        long next = nextDueNanos;
        return next != NONE && nowNanos - next >= 0;
    }

    /** Removes and returns the earliest call whose timer is due at {@code nowNanos}, or null. */
    synchronized Call<?> pollDue(long nowNanos) {
        if (size == 0 || nowNanos - due[0] < 0) {
            return null;
        }
        Call<?> first = heap[0];
        removeAt(0);
        publishNext();
        return first;
    }

    /** Timers set; for tests. */
    synchronized int size() {
        return size;
    }

    /** Drops every timer and refuses new ones; for dispose. */
    synchronized void close() {
        closed = true;
        for (int i = 0; i < size; i++) {
            heap[i].timerIndex = -1;
            heap[i] = null;
        }
        size = 0;
        publishNext();
    }

    private void publishNext() {
        long next = size == 0 ? NONE : due[0];
        // A timer due at exactly NONE fires a nanosecond early rather than never.
        nextDueNanos = size != 0 && next == NONE ? NONE - 1 : next;
    }

    private void removeAt(int index) {
        Call<?> removed = heap[index];
        removed.timerIndex = -1;
        int last = --size;
        if (index != last) {
            place(heap[last], due[last], index);
            heap[last] = null;
            siftDown(siftUp(index));
        } else {
            heap[last] = null;
        }
    }

    /** Moves the entry at {@code index} towards the root while it is due earlier; returns where it ends. */
    private int siftUp(int index) {
        Call<?> call = heap[index];
        long when = due[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (when - due[parent] >= 0) {
                break;
            }
            place(heap[parent], due[parent], index);
            index = parent;
        }
        place(call, when, index);
        return index;
    }

    private void siftDown(int index) {
        Call<?> call = heap[index];
        long when = due[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && due[right] - due[child] < 0) {
                child = right;
            }
            if (due[child] - when >= 0) {
                break;
            }
            place(heap[child], due[child], index);
            index = child;
        }
        place(call, when, index);
    }

    private void place(Call<?> call, long dueNanos, int index) {
        heap[index] = call;
        due[index] = dueNanos;
        call.timerIndex = index;
    }
}
