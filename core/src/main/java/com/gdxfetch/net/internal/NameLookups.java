package com.gdxfetch.net.internal;

import com.gdxfetch.internal.WorkerThreads;
import com.gdxfetch.net.FailureKind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Host names' addresses, each looked up on a thread of its own while the caller waits at
 * most its connect timeout. The platform's resolver takes no timeout, and with a network that has
 * dropped or a DNS server that never answers it can block for tens of seconds: the connect
 * timeout is meant to bound the whole way to a connection, so it bounds the lookup too (what
 * neither {@code HttpURLConnection} nor OkHttp do).
 *
 * <p>One lookup per name at a time: requests to a name whose lookup is slow wait for the same
 * one, rather than each holding a thread in the resolver. A lookup that outlasts its callers goes
 * on, and a later request for the name waits for it. Results are not kept here: the platform's
 * resolver caches them for as long as its settings say.
 */
final class NameLookups {
    /** Looks up a name's addresses, blocking; the platform's resolver outside tests. */
    interface Resolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** {@link InetAddress#getAllByName}; a class rather than a lambda (see Dispatcher). */
    static final Resolver PLATFORM = new Resolver() {
        @Override
        public InetAddress[] addresses(String host) throws UnknownHostException {
            return InetAddress.getAllByName(host);
        }
    };

    /**
     * Runs each lookup on a daemon thread of its own at {@code priority}. Not the I/O threads:
     * the transport's dispose waits for those, and a resolver that never answers cannot be
     * interrupted, so a game quitting while its DNS server is silent would wait for it. A lookup
     * holds no socket or file, so nothing is left open when one outlives the transport.
     */
    static Executor threadPerLookup(final int priority) {
        return new Executor() {
            @Override
            public void execute(Runnable lookup) {
                WorkerThreads.create(lookup, "gdx-fetch-lookup", priority).start();
            }
        };
    }

    private final ConcurrentHashMap<String, Lookup> inFlight = new ConcurrentHashMap<>();
    private final Resolver resolver;
    private final Executor threads;

    NameLookups(Resolver resolver, Executor threads) {
        this.resolver = resolver;
        this.threads = threads;
    }

    /**
     * The addresses of {@code host} (an IP literal is answered at once, on the calling thread).
     *
     * @param timeoutMillis how long to wait for the lookup; 0 or less waits as long as it takes
     * @param attempt given a stand-in socket whose closing (a cancel) ends the wait
     * @throws UnknownHostException when the name has no address
     * @throws SocketTimeoutException ("connect timed out ...") when the lookup did not answer in time
     * @throws HttpFailure CANCELLED when the attempt was cancelled
     */
    InetAddress[] addresses(String host, int timeoutMillis, Connector.Attempt attempt) throws IOException {
        if (HostnameCheck.isIpLiteral(host)) {
            return resolver.addresses(host);
        }
        Lookup lookup = inFlight.get(host);
        if (lookup == null) {
            Lookup mine = new Lookup(host);
            lookup = inFlight.putIfAbsent(host, mine);
            if (lookup == null) {
                lookup = mine;
                threads.execute(mine);
            }
        }
        final Waiter waiter = new Waiter(lookup);
        attempt.opening(new Socket() {
            @Override
            public synchronized void close() throws IOException {
                waiter.cancel();
                super.close();
            }
        });
        // The lookup is the first step of opening the connection: a timeout now is a connect timeout.
        attempt.connecting(true);
        return waiter.await(host, timeoutMillis);
    }

    /** One lookup of one name, run once on an I/O thread; its waiters wait on it. */
    private final class Lookup implements Runnable {
        private final String host;
        /** Guarded by this. */
        private boolean done;
        private InetAddress[] addresses;
        private IOException failure;

        Lookup(String host) {
            this.host = host;
        }

        @Override
        public void run() {
            InetAddress[] found = null;
            IOException failed = null;
            try {
                found = resolver.addresses(host);
            } catch (UnknownHostException e) {
                failed = e;
            } catch (RuntimeException e) {
                // A SecurityException, or a resolver's own failure: the name is not usable here.
                failed = new IOException("cannot look up " + host + ": " + e, e);
            } finally {
                inFlight.remove(host, this);
                synchronized (this) {
                    done = true;
                    addresses = found;
                    failure = failed != null || found != null ? failed
                            : new UnknownHostException(host + ": the resolver failed");
                    notifyAll();
                }
            }
        }
    }

    /** One caller's wait for a {@link Lookup}, which only its own cancel ends early. */
    private static final class Waiter {
        private final Lookup lookup;
        /** Guarded by {@code lookup}. */
        private boolean cancelled;

        Waiter(Lookup lookup) {
            this.lookup = lookup;
        }

        void cancel() {
            synchronized (lookup) {
                cancelled = true;
                lookup.notifyAll();
            }
        }

        InetAddress[] await(String host, int timeoutMillis) throws IOException {
            int bound = Math.max(0, timeoutMillis);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bound);
            synchronized (lookup) {
                while (!lookup.done && !cancelled) {
                    long left = bound == 0 ? 0 : deadline - System.nanoTime();
                    if (bound != 0 && left <= 0) {
                        throw new SocketTimeoutException("connect timed out: the lookup of " + host
                                + " did not answer within the connect timeout of " + bound + " ms");
                    }
                    try {
                        if (bound == 0) {
                            lookup.wait();
                        } else {
                            TimeUnit.NANOSECONDS.timedWait(lookup, left);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while looking up " + host);
                    }
                }
                if (cancelled) {
                    throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
                }
                if (lookup.failure != null) {
                    throw copy(lookup.failure);
                }
                return lookup.addresses.clone();
            }
        }

        /** The lookup's failure for one waiter: each gets its own, the shared one as its cause. */
        private static IOException copy(IOException shared) {
            IOException own = shared instanceof UnknownHostException
                    ? new UnknownHostException(shared.getMessage()) : new IOException(shared.getMessage());
            own.initCause(shared);
            return own;
        }
    }
}
