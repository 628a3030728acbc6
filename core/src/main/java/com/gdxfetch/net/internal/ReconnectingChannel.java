package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The shape WebSocket channels and event streams share: one task, on one of the socket
 * transport's I/O threads, connects, reads until the connection ends, and then either reconnects
 * (after a delay, announced with an event) or ends the channel with the connection's outcome.
 * Subclasses say what one connection does and how reconnections are paced; {@link #abort} ends
 * the current connection and the wait at once, from any thread.
 */
abstract class ReconnectingChannel<A extends ReconnectingChannel.Attempt> extends LiveChannel implements Runnable {
    static final int CONNECTING = 0;
    static final int OPEN = 1;

    /** CONNECTING, OPEN, then states of the subclass's own; its closed state is {@link #closedState}. */
    final AtomicInteger state = new AtomicInteger(CONNECTING);
    private final SocketTransport transport;
    private final ParsedUrl target;
    private final int connectTimeoutMillis;
    private final int closedState;
    private volatile A attempt;
    private volatile Thread task;

    ReconnectingChannel(Channels channels, SocketTransport transport, String url, int connectTimeoutMillis,
            int closedState) {
        super(channels);
        this.transport = transport;
        this.target = ParsedUrl.of(url);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.closedState = closedState;
    }

    /**
     * Registers the channel with its manager and starts its task, or ends it at once when the
     * transport is disposed. Any thread.
     *
     * @throws IllegalStateException once the manager is disposed
     */
    final void open() {
        channels().register(this);
        try {
            transport.threads().execute(this);
        } catch (RejectedExecutionException e) {
            endWith(failedEvent(failure(FailureKind.CANCELLED, "transport disposed", e)));
        }
    }

    // ---- what a subclass supplies ----

    /** A new attempt's state. */
    abstract A newAttempt();

    /** One connection: how it ended, or null when the channel already ended (closed, cancelled). */
    abstract Outcome connectAndRead(A attempt);

    /**
     * The delay before reconnection {@code number} (from 1 since the channel was last open), after
     * the connection {@code last}, or -1 when no more are allowed.
     */
    abstract long reconnectDelayMillis(int number, A last);

    /** Whether the game still allows a reconnection (it did not ask to close). */
    boolean mayReconnect() {
        return true;
    }

    /** Called after each connection ended, before anything else happens. */
    void connectionEnded() {
    }

    abstract Event reconnectingEvent(int number, long delayMillis);

    abstract Event failedEvent(FetchException failure);

    @Override
    final void markClosed() {
        state.set(closedState);
    }

    // ---- the task ----

    @Override
    public final void run() {
        task = Thread.currentThread();
        try {
            int reconnects = 0;
            while (!ended.get()) {
                A a = newAttempt();
                attempt = a;
                Outcome outcome = ended.get() ? null : connectAndRead(a);
                connectionEnded();
                if (outcome == null || ended.get()) {
                    return;
                }
                if (a.opened) {
                    reconnects = 0;
                }
                // The state before mayReconnect(): a close() that changed it had said so first.
                int now = state.get();
                long delay = outcome.reconnectable && mayReconnect() ? reconnectDelayMillis(reconnects + 1, a) : -1;
                if (delay >= 0 && now != closedState && state.compareAndSet(now, CONNECTING)) {
                    reconnects++;
                    post(reconnectingEvent(reconnects, delay));
                    waitMillis(delay);
                    continue;
                }
                endWith(outcome.event);
                return;
            }
        } catch (RuntimeException | Error e) {
            // Whatever escapes (a broken CookieHandler, a bug), the channel still gets its one
            // terminal event, and this thread goes on serving others.
            endWith(failedEvent(failure(FailureKind.NETWORK, "unexpected error: " + e, e)));
            abort();
        } finally {
            task = null;
            connectionEnded();
        }
    }

    /** The current attempt, or null before the first. */
    final A attempt() {
        return attempt;
    }

    /** Ends the current connection and wakes the task from a reconnection delay. Any thread. */
    final void abort() {
        A a = attempt;
        if (a != null) {
            a.end();
        }
        Thread t = task;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Parks for {@code millis}, or until the channel ends. */
    private void waitMillis(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!ended.get() && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** Connects {@code a} to the channel's host with the connect timeout for connecting and TLS. */
    final Connection connect(A a) throws IOException, GeneralSecurityException {
        return connect(a, target);
    }

    /** {@link #connect(Attempt)} to {@code to} instead, a URL a redirect named. */
    final Connection connect(A a, ParsedUrl to) throws IOException, GeneralSecurityException {
        Connection c = Connector.connect(transport, to.hostKey, to.host, to.port,
                to.scheme.equals("https"), upgrades(), proxyAuthorization(), connectTimeoutMillis,
                connectTimeoutMillis, a);
        a.connection = c;
        return c;
    }

    /** Whether the channel upgrades its connection to another protocol, so an HTTP proxy must tunnel it. */
    abstract boolean upgrades();

    /** The caller's {@code Proxy-Authorization} value, for a {@code CONNECT}; null when none. */
    abstract String proxyAuthorization();

    final ParsedUrl target() {
        return target;
    }

    final SocketTransport transport() {
        return transport;
    }

    final int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    final FetchException failure(FailureKind kind, String detail, Throwable cause) {
        return new FetchException(kind, "GET", url(), detail, cause, null, kind != FailureKind.CANCELLED);
    }

    /**
     * The failure a connection ended with: a read timeout once open ({@code silence} says which
     * timeout), a disposed transport, or what {@link Failures} makes of it.
     */
    final FetchException connectionFailure(Throwable cause, A a, String silence) {
        if (cause instanceof SocketTimeoutException && a.opened) {
            return failure(FailureKind.READ_TIMEOUT, "no byte from the server for " + silence, cause);
        }
        if (cause instanceof RejectedExecutionException) {
            return failure(FailureKind.CANCELLED, "transport disposed", cause);
        }
        return Failures.of("GET", url(), cause, a.connecting, a.sentRequest);
    }

    /** Whether a connection that failed this way may be followed by another: the network dropped it. */
    static boolean dropped(FailureKind kind) {
        return kind == FailureKind.NETWORK || kind == FailureKind.READ_TIMEOUT || Failures.beforeConnection(kind);
    }

    /** How one connection ended: the terminal event if the channel ends there, and whether it may reconnect. */
    static final class Outcome {
        final Event event;
        final boolean reconnectable;

        private Outcome(Event event, boolean reconnectable) {
            this.event = event;
            this.reconnectable = reconnectable;
        }

        static Outcome of(Event event, boolean reconnectable) {
            return new Outcome(event, reconnectable);
        }
    }

    /** One connection attempt's socket, closed to end a blocked read at once. */
    static class Attempt implements Connector.Attempt {
        volatile Socket socket;
        volatile Connection connection;
        volatile boolean connecting;
        volatile boolean sentRequest;
        volatile boolean opened;
        private final AtomicBoolean over = new AtomicBoolean();
        private final AtomicBoolean channelEnded;

        Attempt(AtomicBoolean channelEnded) {
            this.channelEnded = channelEnded;
        }

        @Override
        public void opening(Socket s) throws IOException {
            socket = s;
            if (channelEnded.get() || over.get()) {
                throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
            }
        }

        @Override
        public void connecting(boolean now) {
            connecting = now;
        }

        final boolean isOver() {
            return over.get();
        }

        /** Closes the socket (the TCP one too, so a write blocked under TLS ends). */
        void end() {
            over.set(true);
            Connection c = connection;
            if (c != null) {
                c.closeRaw();
                c.close();
            } else {
                Socket s = socket;
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // Closing is all that can be done.
                    }
                }
            }
        }
    }
}
