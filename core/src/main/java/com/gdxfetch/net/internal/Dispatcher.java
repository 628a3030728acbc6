package com.gdxfetch.net.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Decides when queued calls start: higher priority first, then send order, within a global and
 * a per-host limit on calls in flight. Its lock guards only this bookkeeping; calls are started
 * after the lock is released, and no user code ever runs under it.
 */
final class Dispatcher {
    private static final Comparator<Call<?>> ORDER = (a, b) -> {
        if (a.priority != b.priority) {
            return a.priority > b.priority ? -1 : 1;
        }
        return Long.compare(a.sequence, b.sequence);
    };

    private final int maxRequests;
    private final int maxRequestsPerHost;
    private final PriorityQueue<Call<?>> ready = new PriorityQueue<>(64, ORDER);
    private final HashMap<String, Host> hosts = new HashMap<>();
    private int running;

    Dispatcher(int maxRequests, int maxRequestsPerHost) {
        this.maxRequests = maxRequests;
        this.maxRequestsPerHost = maxRequestsPerHost;
    }

    /** Queues {@code call}; starts it, or others, if slots are free. */
    void enqueue(Call<?> call) {
        List<Call<?>> toStart;
        synchronized (this) {
            ready.add(call);
            toStart = promote();
        }
        start(toStart);
    }

    /** Frees the slot {@code call} held and starts whatever may now run. */
    void release(Call<?> call) {
        List<Call<?>> toStart;
        synchronized (this) {
            running--;
            Host host = hosts.get(call.hostKey);
            host.running--;
            refill(host);
            if (host.running == 0 && host.waiting.isEmpty()) {
                hosts.remove(call.hostKey);
            }
            toStart = promote();
        }
        start(toStart);
    }

    /** Calls holding a slot now. */
    synchronized int runningCount() {
        return running;
    }

    /** Calls waiting for a slot (cancelled ones leave at their turn). */
    synchronized int queuedCount() {
        int count = ready.size();
        for (Host host : hosts.values()) {
            count += host.waiting.size();
        }
        return count;
    }

    /** Forgets every queued call; for dispose. */
    synchronized void clear() {
        ready.clear();
        hosts.clear();
    }

    private List<Call<?>> promote() {
        List<Call<?>> toStart = null;
        while (running < maxRequests && !ready.isEmpty()) {
            Call<?> call = ready.poll();
            Host host = hosts.get(call.hostKey);
            if (host == null) {
                host = new Host();
                hosts.put(call.hostKey, host);
            }
            if (call.isDone()) {
                // A cancelled call may have been this host's next in line.
                refill(host);
                continue;
            }
            if (host.running >= maxRequestsPerHost) {
                host.waiting.add(call);
                continue;
            }
            running++;
            host.running++;
            call.takeSlot();
            if (toStart == null) {
                toStart = new ArrayList<>(4);
            }
            toStart.add(call);
        }
        return toStart;
    }

    /** Moves the host's best live waiting call, if any, back to the ready queue. */
    private void refill(Host host) {
        Call<?> waiting;
        do {
            waiting = host.waiting.poll();
        } while (waiting != null && waiting.isDone());
        if (waiting != null) {
            ready.add(waiting);
        }
    }

    private static void start(List<Call<?>> toStart) {
        if (toStart != null) {
            for (int i = 0; i < toStart.size(); i++) {
                toStart.get(i).start();
            }
        }
    }

    private static final class Host {
        int running;
        final PriorityQueue<Call<?>> waiting = new PriorityQueue<>(8, ORDER);
    }
}
