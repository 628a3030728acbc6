package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Closeables;
import com.gdxfetch.net.FailureKind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection to whichever of a host's addresses answers first, raced as RFC 8305 (Happy
 * Eyeballs) describes: the addresses in the resolver's order with the two families interleaved,
 * the next one tried once the one before has failed or has gone 250 ms unanswered, the whole
 * race within the connect timeout. The first connection made is kept and every other attempt
 * closed. So a player whose network drops IPv6 (or one of several servers) waits a quarter of a
 * second, not the connect timeout; and a name with many addresses that never answer costs the
 * connect timeout once, not once per address.
 *
 * <p>The calling thread makes the first attempt itself, so an address that answers at once
 * costs no other thread; later attempts run on the transport's I/O threads. Each attempt closes
 * its socket when it loses; {@link #cancel()} closes them all.
 */
final class AddressRace {
    /** RFC 8305 section 5's recommended Connection Attempt Delay. */
    static final long ATTEMPT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final InetSocketAddress[] targets;
    private final int timeoutMillis;
    /** When the race is lost if nothing connected ({@link System#nanoTime()}); set by {@link #run()}. */
    private long deadline;
    private final Executor threads;
    /** Guarded by this: the sockets of attempts connecting now, by target index. */
    private final Socket[] connecting;
    /** Guarded by this: each target's failure, by index. */
    private final IOException[] failures;
    /** Guarded by this: the index of the next target to try. */
    private int next;
    /** Guarded by this: how many attempts are connecting now. */
    private int inFlight;
    private Socket winner;
    private boolean cancelled;

    /**
     * @param timeoutMillis the whole race's connect timeout, 0 for none
     * @param threads runs the attempts after the first; when it refuses one, that address is
     *     tried only once an earlier attempt has failed
     */
    AddressRace(InetAddress[] addresses, int port, int timeoutMillis, Executor threads) {
        InetAddress[] ordered = interleaved(addresses);
        targets = new InetSocketAddress[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            targets[i] = new InetSocketAddress(ordered[i], port);
        }
        this.timeoutMillis = Math.max(0, timeoutMillis);
        this.threads = threads;
        connecting = new Socket[targets.length];
        failures = new IOException[targets.length];
    }

    /**
     * {@code addresses} with the families alternating, starting with the first one's (RFC 8305
     * section 4), each family in the resolver's order.
     */
    static InetAddress[] interleaved(InetAddress[] addresses) {
        List<InetAddress> preferred = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        for (InetAddress a : addresses) {
            (a.getClass() == addresses[0].getClass() ? preferred : other).add(a);
        }
        InetAddress[] result = new InetAddress[addresses.length];
        int n = 0;
        for (int i = 0; n < result.length; i++) {
            if (i < preferred.size()) {
                result[n++] = preferred.get(i);
            }
            if (i < other.size()) {
                result[n++] = other.get(i);
            }
        }
        return result;
    }

    /**
     * The first connection made; blocks the calling thread until then, or until every address
     * has failed or the race is cancelled.
     *
     * @return the connected socket, TCP_NODELAY set
     * @throws IOException the first address's failure, every other one suppressed in it, when
     *     none connected; a {@link SocketTimeoutException} when none connected within the
     *     connect timeout; a CANCELLED {@link HttpFailure} when cancelled
     */
    Socket run() throws IOException {
        synchronized (this) {
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        }
        attemptFrom(take(-1));
        Socket won;
        boolean ended;
        boolean timedOut = false;
        synchronized (this) {
            try {
                // A failed attempt takes the next address itself, so with one still untried
                // another attempt is about to start, unless the connect timeout has passed.
                while (winner == null && !cancelled && (inFlight > 0 || next < targets.length)) {
                    long left = timeoutMillis == 0 ? 1 : deadline - System.nanoTime();
                    if (left <= 0) {
                        timedOut = true;
                        cancelled = true;
                    } else if (timeoutMillis == 0) {
                        wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
            if (winner == null && !cancelled) {
                throw failure();
            }
            won = winner;
            ended = cancelled;
        }
        if (ended) {
            closeAll();
            if (won != null) {
                Closeables.closeQuietly(won);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while connecting");
            }
            if (timedOut) {
                SocketTimeoutException e = new SocketTimeoutException("connect timed out: none of "
                        + targets.length + " addresses answered within the connect timeout of " + timeoutMillis + " ms");
                for (IOException f : failuresSoFar()) {
                    e.addSuppressed(f);
                }
                throw e;
            }
            throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
        }
        return won;
    }

    /**
     * Milliseconds left of the connect timeout, 0 for none, -1 once it has passed. Rounded up, so
     * an attempt given them times out at the deadline, not just before it: one that failed a
     * fraction of a millisecond early would find time left and start the next address with
     * nothing to give it.
     */
    private synchronized int millisLeft() {
        if (timeoutMillis == 0) {
            return 0;
        }
        long left = deadline - System.nanoTime();
        return left <= 0 ? -1 : (int) ((left + 999_999) / 1_000_000);
    }

    /** Ends the race: every attempt's socket is closed and {@link #run()} throws CANCELLED. Any thread. */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        closeAll();
    }

    /** Makes attempts from target {@code index} on, each next one after a failure, until one connects or none is left. */
    private void attemptFrom(int index) {
        while (index >= 0) {
            Socket socket = new Socket();
            IOException failure = null;
            if (!begin(index, socket)) {
                Closeables.closeQuietly(socket);
                return;
            }
            try {
                int left = millisLeft();
                if (left < 0) {
                    throw new SocketTimeoutException("connect timed out before " + targets[index] + " was tried");
                }
                socket.setTcpNoDelay(true);
                socket.connect(targets[index], left);
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException("cannot connect to " + targets[index] + ": " + e, e);
            }
            if (failure == null) {
                if (!won(index, socket)) {
                    Closeables.closeQuietly(socket);
                }
                return;
            }
            Closeables.closeQuietly(socket);
            index = failed(index, failure);
        }
    }

    /**
     * Takes the next target: any when {@code expected} is -1, else only target {@code expected}
     * if it is still the next. Once one is taken with more left, an I/O thread is asked to start
     * the one after it in 250 ms, unless an earlier failure starts it sooner.
     *
     * @return the index taken, or -1 when none is left or the race is over
     */
    private int take(int expected) {
        int index;
        synchronized (this) {
            if (winner != null || cancelled || next >= targets.length || (expected >= 0 && next != expected)
                    || millisLeft() < 0) {
                return -1;
            }
            index = next++;
        }
        if (index + 1 < targets.length) {
            startLater(index + 1);
        }
        return index;
    }

    private void startLater(final int index) {
        final long due = System.nanoTime() + ATTEMPT_DELAY_NANOS;
        try {
            threads.execute(new Runnable() {
                @Override
                public void run() {
                    if (waitUntil(due, index)) {
                        attemptFrom(take(index));
                    }
                }
            });
        } catch (RejectedExecutionException disposed) {
            // The address is still tried when an earlier attempt fails.
        }
    }

    /** Waits until {@code due}; true when target {@code index} is then still untried and the race on. */
    private synchronized boolean waitUntil(long due, int index) {
        long left;
        try {
            while (winner == null && !cancelled && next == index && (left = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return winner == null && !cancelled && next == index;
    }

    /** Records {@code socket} as target {@code index}'s attempt; false when the race is over. */
    private synchronized boolean begin(int index, Socket socket) {
        if (winner != null || cancelled) {
            return false;
        }
        connecting[index] = socket;
        inFlight++;
        return true;
    }

    /**
     * Whether {@code socket}, just connected, is the first; if so every other attempt is closed.
     * Either way the race is over for this attempt's thread.
     */
    private boolean won(int index, Socket socket) {
        synchronized (this) {
            connecting[index] = null;
            inFlight--;
            if (winner != null || cancelled) {
                notifyAll();
                return false;
            }
            winner = socket;
            notifyAll();
        }
        closeAll();
        return true;
    }

    /**
     * Records target {@code index}'s failure and takes the next target at once: a refused
     * address need not wait out the attempt delay.
     */
    private int failed(int index, IOException failure) {
        synchronized (this) {
            connecting[index] = null;
            inFlight--;
            failures[index] = failure;
            notifyAll();
        }
        return take(-1);
    }

    /** Closes the sockets of the attempts still connecting. */
    private void closeAll() {
        Socket[] open;
        synchronized (this) {
            open = connecting.clone();
        }
        for (Socket s : open) {
            if (s != null) {
                Closeables.closeQuietly(s);
            }
        }
    }

    /** The first target's failure with the others suppressed in it; every attempt has ended. */
    private IOException failure() {
        IOException first = null;
        for (IOException e : failuresSoFar()) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        return first != null ? first : new IOException("no address of the host took the connection");
    }

    /** The attempts' failures so far, in the order their addresses were tried. */
    private synchronized List<IOException> failuresSoFar() {
        List<IOException> found = new ArrayList<>();
        for (IOException e : failures) {
            if (e != null) {
                found.add(e);
            }
        }
        return found;
    }
}
