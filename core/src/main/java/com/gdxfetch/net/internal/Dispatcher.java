package com.gdxfetch.net.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.PriorityQueue;

/**
 * Decides when queued calls start: higher priority first, then send order, within a global and
 * a per-host limit on calls in flight. Its lock guards only this bookkeeping; calls are started
 * after the lock is released, and no user code ever runs under it. Steady traffic allocates
 * nothing here: calls to start are chained through {@link Call#nextToStart}, and a host whose last
 * call ended is kept as a spare for the next host.
 *
 * <p>A call cancelled while it waits leaves the queues at its turn, or sooner: once cancelled
 * waiting calls could be half of those queued, they are all dropped at once, so many cancelled
 * requests behind slow ones are not kept reachable here.
 */
final class Dispatcher {
    /** A class rather than a lambda: it is made with a game's first request (see Decoders). */
    private static final Comparator<Call<?>> ORDER = new Comparator<Call<?>>() {
        @Override
        public int compare(Call<?> a, Call<?> b) {
            if (a.priority != b.priority) {
                return a.priority > b.priority ? -1 : 1;
            }
            return Long.compare(a.sequence, b.sequence);
        }
    };

    private final int maxRequests;
    private final int maxRequestsPerHost;
    private final PriorityQueue<Call<?>> ready = new PriorityQueue<>(64, ORDER);
    private final HashMap<String, Host> hosts = new HashMap<>();
    private Host spare;
    private int running;
    /** Calls cancelled while waiting, as far as this knows; some may have left already. */
    private int cancelledWaiting;
    /** Set by dispose: nothing is queued or started any more; slots still come back. */
    private boolean closed;

    Dispatcher(int maxRequests, int maxRequestsPerHost) {
        this.maxRequests = maxRequests;
        this.maxRequestsPerHost = maxRequestsPerHost;
    }

    /** Queues {@code call}; starts it, or others, if slots are free. */
    void enqueue(Call<?> call) {
        Call<?> toStart;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (ready.isEmpty() && running < maxRequests && !call.isDone()) {
                // Nothing ahead of it: the queue would hand it straight back, so skip the queue.
                toStart = admit(call, host(call.hostKey));
            } else {
                ready.add(call);
                toStart = promote();
            }
        }
        start(toStart);
    }

    /** Frees the slot {@code call} held and starts whatever may now run. */
    void release(Call<?> call) {
        Call<?> toStart;
        synchronized (this) {
            running--;
            // Hosts stay through close(), so a slot freed while dispose() runs finds its host.
            Host host = hosts.get(call.hostKey);
            host.running--;
            refill(host);
            if (host.running == 0 && host.waiting.isEmpty()) {
                hosts.remove(call.hostKey);
                spare = host;
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

    /**
     * Notes that a call was cancelled while it may be waiting here; drops every cancelled
     * waiting call once they could be half of the queued ones. Any thread.
     */
    synchronized void cancelledWhileQueued() {
        cancelledWaiting++;
        if (cancelledWaiting < 64) {
            return;
        }
        int queued = ready.size();
        for (Host host : hosts.values()) {
            queued += host.waiting.size();
        }
        if (cancelledWaiting * 2 >= queued) {
            dropDone(ready);
            for (Host host : hosts.values()) {
                dropDone(host.waiting);
                // A call dropped from the ready queue may have been the one its host had moved
                // there as next in line (refill): the host's other waiting calls then wait for a
                // release that never comes. Queued again, each is parked anew if the host is full.
                if (host.running < maxRequestsPerHost) {
                    refill(host);
                }
            }
            cancelledWaiting = 0;
        }
    }

    private static void dropDone(PriorityQueue<Call<?>> queue) {
        for (Iterator<Call<?>> it = queue.iterator(); it.hasNext();) {
            if (it.next().isOverOrEnding()) {
                it.remove();
            }
        }
    }

    /**
     * Forgets every queued call and starts none from now on; slots held are still given back.
     * For dispose.
     */
    synchronized void close() {
        closed = true;
        ready.clear();
        for (Host host : hosts.values()) {
            host.waiting.clear();
        }
        cancelledWaiting = 0;
    }

    /** Moves ready calls into free slots; returns the chain of calls to start, or null. */
    private Call<?> promote() {
        Call<?> first = null;
        Call<?> last = null;
        while (!closed && running < maxRequests && !ready.isEmpty()) {
            Call<?> call = ready.poll();
            if (call.isDone()) {
                // A cancelled call may have been this host's next in line. Looked up, not made:
                // a host made for a call that never runs would never be released, so kept for good.
                Host host = hosts.get(call.hostKey);
                if (host != null) {
                    refill(host);
                }
                continue;
            }
            Host host = host(call.hostKey);
            if (admit(call, host) == null) {
                continue;
            }
            if (first == null) {
                first = call;
            } else {
                last.nextToStart = call;
            }
            last = call;
        }
        return first;
    }

    /** Gives {@code call} a slot and returns it, or parks it with its host when the host is full. */
    private Call<?> admit(Call<?> call, Host host) {
        if (host.running >= maxRequestsPerHost) {
            host.waiting.add(call);
            return null;
        }
        running++;
        host.running++;
        call.takeSlot();
        return call;
    }

    private Host host(String key) {
        Host host = hosts.get(key);
        if (host == null) {
            host = spare != null ? spare : new Host();
            spare = null;
            hosts.put(key, host);
        }
        return host;
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

    private static void start(Call<?> chain) {
        while (chain != null) {
            Call<?> call = chain;
            chain = call.nextToStart;
            call.nextToStart = null;
            call.start();
        }
    }

    private static final class Host {
        int running;
        final PriorityQueue<Call<?>> waiting = new PriorityQueue<>(8, ORDER);
    }
}
