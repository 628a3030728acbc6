package com.gdxfetch.net.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections by scheme, host and port (plain and TLS apart, each by the
 * request's {@code host:port} key, so finding one builds no string). The most recently used one is handed
 * out first (it is the least likely to have been closed by the server); at most {@code maxIdlePerHost}
 * are kept per host (the socket transport's default keeps every one), and a cleaner closes those
 * idle for longer than the idle timeout, or than their server announced it keeps them.
 */
final class ConnectionPool {
    private final int maxIdlePerHost;
    private final long idleTimeoutNanos;
    private final Executor executor;
    private final Map<String, ArrayDeque<Connection>> plain = new HashMap<>();
    private final Map<String, ArrayDeque<Connection>> tls = new HashMap<>();
    private int idleCount;
    private boolean cleanerRunning;
    private boolean closed;
    /** A class rather than a method reference: it runs after a game's first request (see Decoders). */
    private final Runnable cleaner = new Runnable() {
        @Override
        public void run() {
            clean();
        }
    };

    ConnectionPool(int maxIdlePerHost, long idleTimeoutMillis, Executor executor) {
        this.maxIdlePerHost = maxIdlePerHost;
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.executor = executor;
    }

    /**
     * An idle connection to {@code hostKey} over TLS or not, or null when there is none. Each
     * candidate is checked outside the lock (the check asks the socket) and closed when the
     * server closed it, sent bytes nobody asked for, or its idle time is up.
     */
    Connection take(String hostKey, boolean overTls) {
        while (true) {
            Connection c;
            synchronized (this) {
                ArrayDeque<Connection> queue = idle(overTls).get(hostKey);
                if (queue == null || queue.isEmpty()) {
                    return null;
                }
                c = queue.pollLast();
                idleCount--;
            }
            if (System.nanoTime() - c.idleSinceNanos < idleLimitNanos(c) && c.isReusable()) {
                return c;
            }
            c.close();
        }
    }

    /**
     * Keeps {@code connection} for reuse, or closes it when the pool is full or closed, or when
     * bytes beyond the response it carried are waiting on it.
     */
    void put(Connection connection) {
        if (idleLimitNanos(connection) <= 0 || !connection.isReusable()) {
            connection.close();
            return;
        }
        Connection evicted = null;
        boolean startCleaner = false;
        synchronized (this) {
            if (closed || maxIdlePerHost == 0) {
                evicted = connection;
            } else {
                connection.idleSinceNanos = System.nanoTime();
                Map<String, ArrayDeque<Connection>> idle = idle(connection.tls);
                ArrayDeque<Connection> queue = idle.get(connection.hostKey);
                if (queue == null) {
                    queue = new ArrayDeque<>();
                    idle.put(connection.hostKey, queue);
                }
                if (queue.size() >= maxIdlePerHost) {
                    evicted = queue.pollFirst();
                    idleCount--;
                }
                queue.addLast(connection);
                idleCount++;
                if (!cleanerRunning) {
                    cleanerRunning = true;
                    startCleaner = true;
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        if (startCleaner) {
            try {
                executor.execute(cleaner);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    cleanerRunning = false;
                }
                closeAll();
            }
        }
    }

    /** The number of idle connections held. */
    synchronized int idleCount() {
        return idleCount;
    }

    /** Closes every idle connection and refuses new ones. */
    void closeAll() {
        List<Connection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (ArrayDeque<Connection> queue : plain.values()) {
                all.addAll(queue);
            }
            for (ArrayDeque<Connection> queue : tls.values()) {
                all.addAll(queue);
            }
            plain.clear();
            tls.clear();
            idleCount = 0;
            notifyAll();
        }
        closeAll(all);
    }

    /** Runs on an I/O thread while connections are idle, closing each when its time is up. */
    private void clean() {
        while (true) {
            List<Connection> expired = null;
            synchronized (this) {
                if (closed || idleCount == 0) {
                    cleanerRunning = false;
                    return;
                }
                long now = System.nanoTime();
                long[] nextExpiry = {Long.MAX_VALUE};
                expired = expire(plain, now, nextExpiry, null);
                expired = expire(tls, now, nextExpiry, expired);
                if (expired == null && nextExpiry[0] != Long.MAX_VALUE) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, nextExpiry[0]);
                    } catch (InterruptedException e) {
                        cleanerRunning = false;
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            closeAll(expired);
        }
    }

    /**
     * Removes {@code idle}'s connections whose time is up into {@code expired} (made when
     * needed) and lowers {@code nextExpiry[0]} to the wait until the next one's; under the lock.
     */
    private List<Connection> expire(Map<String, ArrayDeque<Connection>> idle, long now, long[] nextExpiry,
            List<Connection> expired) {
        for (Iterator<ArrayDeque<Connection>> queues = idle.values().iterator(); queues.hasNext(); ) {
            ArrayDeque<Connection> queue = queues.next();
            for (Iterator<Connection> it = queue.iterator(); it.hasNext(); ) {
                Connection c = it.next();
                long age = now - c.idleSinceNanos;
                long limit = idleLimitNanos(c);
                if (age >= limit) {
                    it.remove();
                    idleCount--;
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(c);
                } else {
                    nextExpiry[0] = Math.min(nextExpiry[0], limit - age);
                }
            }
            if (queue.isEmpty()) {
                queues.remove();
            }
        }
        return expired;
    }

    /** How long {@code c} may stay idle: the pool's timeout, or less when its server announced less. */
    private long idleLimitNanos(Connection c) {
        return Math.min(idleTimeoutNanos, c.serverIdleNanos);
    }

    private Map<String, ArrayDeque<Connection>> idle(boolean overTls) {
        return overTls ? tls : plain;
    }

    private static void closeAll(List<Connection> connections) {
        if (connections != null) {
            for (int i = 0; i < connections.size(); i++) {
                connections.get(i).close();
            }
        }
    }
}
