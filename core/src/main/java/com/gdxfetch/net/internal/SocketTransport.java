package com.gdxfetch.net.internal;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.WorkerThreads;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.Transport;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over plain and TLS sockets, with a keep-alive pool per host. Each exchange runs on
 * its own {@code gdx-fetch-io-N} thread; cancelling closes its socket so a blocked read or write
 * ends at once.
 *
 * <p>{@link #start} and {@link #dispose} may be called from any thread; listeners are called on
 * the exchange's I/O thread.
 */
public final class SocketTransport implements Transport {
    /**
     * Idle connections kept per host by default: every one. A connection is opened only when no
     * idle one is left, so a host never has more connections, idle and busy together, than the
     * exchanges it had running at once, which the manager's {@code maxRequestsPerHost} bounds; a
     * smaller cap would close, after each burst at that limit, connections the next burst opens
     * again, each with a TCP and TLS handshake. Idle ones close after the idle timeout.
     */
    static final int MAX_IDLE_PER_HOST = Integer.MAX_VALUE;
    /** How long an idle connection is kept. */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** How long {@link #dispose()} waits for the I/O threads to end. */
    static final long DISPOSE_WAIT_MILLIS = 30_000;

    private final SSLContext tls;
    private volatile SSLSocketFactory tlsFactory;
    private final IoThreads threads;
    private final ConnectionPool pool;
    private final Set<SocketExchange> running =
            Collections.newSetFromMap(new ConcurrentHashMap<SocketExchange, Boolean>());
    private final IoWatchdog watchdog;
    private final TlsPlatform tlsPlatform;
    private final NameLookups lookups;
    private volatile boolean disposed;

    /**
     * A transport trusting what {@code tls} trusts.
     *
     * @param tls the TLS context for https, or null for the JVM's default
     */
    public SocketTransport(SSLContext tls) {
        this(tls, WorkerThreads.DEFAULT_PRIORITY);
    }

    /**
     * A transport whose I/O threads run at {@code threadPriority}.
     *
     * @param tls the TLS context for https, or null for the JVM's default
     * @throws IllegalArgumentException if the priority is outside Thread's range
     */
    public SocketTransport(SSLContext tls, int threadPriority) {
        this(tls, MAX_IDLE_PER_HOST, IDLE_TIMEOUT_MILLIS, threadPriority);
    }

    /**
     * A transport with its own keep-alive limits.
     *
     * @param tls the TLS context for https, or null for the JVM's default
     * @param maxIdlePerHost idle connections kept per host (0 keeps none; the other
     *     constructors keep every one, as many as the manager's {@code maxRequestsPerHost} allows in use)
     * @param idleTimeoutMillis how long an idle connection is kept before it is closed
     * @param threadPriority the priority of its I/O threads
     */
    public SocketTransport(SSLContext tls, int maxIdlePerHost, long idleTimeoutMillis, int threadPriority) {
        this(tls, maxIdlePerHost, idleTimeoutMillis, threadPriority, TlsPlatform.get());
    }

    /** A transport taking its TLS steps from {@code tlsPlatform}, so tests can run each platform's. */
    SocketTransport(SSLContext tls, int maxIdlePerHost, long idleTimeoutMillis, int threadPriority,
            TlsPlatform tlsPlatform) {
        this(tls, maxIdlePerHost, idleTimeoutMillis, threadPriority, tlsPlatform, NameLookups.PLATFORM);
    }

    /** A transport asking {@code resolver} for host names' addresses, so tests can hold a lookup. */
    SocketTransport(SSLContext tls, int maxIdlePerHost, long idleTimeoutMillis, int threadPriority,
            TlsPlatform tlsPlatform, NameLookups.Resolver resolver) {
        if (maxIdlePerHost < 0 || idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("keep-alive limits must be maxIdlePerHost >= 0 and idleTimeoutMillis > 0, were "
                    + maxIdlePerHost + " and " + idleTimeoutMillis);
        }
        this.tls = tls;
        this.threads = new IoThreads(WorkerThreads.checkPriority(threadPriority));
        this.pool = new ConnectionPool(maxIdlePerHost, idleTimeoutMillis, threads);
        this.watchdog = new IoWatchdog(running, threads);
        this.tlsPlatform = tlsPlatform;
        this.lookups = new NameLookups(resolver, NameLookups.threadPerLookup(threadPriority));
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        SocketExchange exchange = new SocketExchange(this, request, listener);
        if (disposed) {
            exchange.fail(exchange.cancelledFailure(false));
            return exchange;
        }
        running.add(exchange);
        watchdog.ensureRunning();
        try {
            threads.execute(exchange);
        } catch (RejectedExecutionException e) {
            finished(exchange);
            exchange.fail(Failures.of(request, FailureKind.CANCELLED, "transport disposed", e, false));
        }
        return exchange;
    }

    /** The number of idle pooled connections, for tests and diagnostics. Any thread. */
    public int idleConnectionCount() {
        return pool.idleCount();
    }

    /**
     * Cancels running exchanges, closes pooled connections and waits (up to 30 s) for the
     * I/O threads to end. Any thread; idempotent.
     */
    @Override
    public void dispose() {
        disposed = true;
        for (SocketExchange exchange : running.toArray(new SocketExchange[0])) {
            exchange.cancel();
        }
        pool.closeAll();
        watchdog.wake();
        if (!threads.shutdownAndJoin(DISPOSE_WAIT_MILLIS)) {
            new FetchLog().warn("socket transport disposed, but some I/O threads were still running after "
                    + DISPOSE_WAIT_MILLIS / 1000 + " s");
        }
    }

    ConnectionPool pool() {
        return pool;
    }

    IoThreads threads() {
        return threads;
    }

    TlsPlatform tlsPlatform() {
        return tlsPlatform;
    }

    NameLookups lookups() {
        return lookups;
    }

    void finished(SocketExchange exchange) {
        running.remove(exchange);
    }

    IoWatchdog watchdog() {
        return watchdog;
    }

    SSLSocketFactory tlsFactory() throws java.security.NoSuchAlgorithmException {
        SSLSocketFactory factory = tlsFactory;
        if (factory == null) {
            factory = (tls != null ? tls : SSLContext.getDefault()).getSocketFactory();
            tlsFactory = factory;
        }
        return factory;
    }
}
