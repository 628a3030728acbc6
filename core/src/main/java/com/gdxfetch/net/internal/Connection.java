package com.gdxfetch.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** One open socket to a server, with its buffered input and request writer. */
final class Connection {
    /** The {@code host:port} it is connected to. */
    final String hostKey;
    final boolean tls;
    /** The socket requests and responses go through: the TLS socket over https. */
    final Socket socket;
    /**
     * The TCP socket (the same as {@link #socket} for plain http): its input shows bytes the
     * server sent that nobody has read, and closing it ends a blocked TLS write at once, where
     * closing the TLS socket would first wait for that write.
     */
    private final Socket raw;
    private final InputStream rawIn;
    final HttpInput in;
    final WatchedOutput out;
    final RequestWriter writer = new RequestWriter();
    /**
     * Whether requests name their absolute URL on the request line: plain http through an HTTP
     * proxy, which forwards each request to the server it names.
     */
    final boolean absoluteForm;
    /** That proxy's {@code host:port}, for messages about its own answers; null without one. */
    final String forwardingProxy;
    /** When this connection went back to the pool, for idle eviction. */
    long idleSinceNanos;
    /** How long it may stay idle by what its server announced ({@link #serverKeepsIdle}); no limit by default. */
    long serverIdleNanos = Long.MAX_VALUE;

    /** @param forwardingProxy the HTTP proxy forwarding its requests ({@link #forwardingProxy}), or null */
    Connection(String hostKey, Socket raw, Socket socket, String forwardingProxy) throws IOException {
        this.hostKey = hostKey;
        this.forwardingProxy = forwardingProxy;
        this.absoluteForm = forwardingProxy != null;
        this.tls = raw != socket;
        this.raw = raw;
        this.socket = socket;
        this.rawIn = raw.getInputStream();
        this.in = new HttpInput(socket.getInputStream());
        this.out = new WatchedOutput(socket.getOutputStream());
    }

    /**
     * Notes the idle time its server announced with its latest response ({@code Keep-Alive:
     * timeout}, in seconds; -1 for none). The connection is kept idle a second less, or half as
     * long for an announcement of a second or less, so that a request is not sent just as the
     * server closes it: a request written whole then may have reached the server, and only one
     * that may be repeated could be sent again.
     */
    void serverKeepsIdle(long seconds) {
        serverIdleNanos = seconds < 0 ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(seconds * 1000 - 1000, seconds * 500));
    }

    /**
     * Whether it may carry another exchange: open, and not one unread byte, neither in our buffer
     * nor in the TLS layer's nor in the socket's. A byte the server sent unasked (an earlier
     * response's excess, a smuggled response, a TLS alert) would otherwise be read as the next
     * request's response. Any thread; makes no blocking call.
     */
    boolean isReusable() {
        if (socket.isClosed() || socket.isInputShutdown() || in.buffered() != 0) {
            return false;
        }
        try {
            return rawIn.available() == 0 && (!tls || socket.getInputStream().available() == 0);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the server has not closed this idle connection. Its end of stream cannot be told
     * from silence without a read, so this waits up to a millisecond for one; a byte arriving
     * instead makes the connection unusable too. Only the thread about to use it.
     */
    boolean isStillOpen() {
        try {
            int timeout = raw.getSoTimeout();
            raw.setSoTimeout(1);
            try {
                rawIn.read();
                return false;
            } catch (SocketTimeoutException silent) {
                return true;
            } finally {
                raw.setSoTimeout(timeout);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * After its input ended: whether a TLS server closed the TCP connection without a
     * close_notify. The JDK's TLS socket returns the end of stream either way, but shuts down the
     * input of the socket under it only when the close_notify was missing. Other TLS providers
     * (Conscrypt on Android) give no such sign, and are taken at their end of stream.
     */
    boolean endedWithoutCloseNotify() {
        return tls && socket.getClass().getName().startsWith("sun.security.ssl.") && raw.isInputShutdown();
    }

    /**
     * Whether the server has sent bytes nobody has read while a request is still being written:
     * over plain TCP, the start of an answer given before the body was read. False over TLS,
     * where such bytes may be a session ticket rather than an answer, and where a write cut
     * short closes the TLS socket for reading too. Any thread; makes no blocking call.
     */
    boolean answerWaiting() {
        if (tls) {
            return false;
        }
        try {
            return rawIn.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Ends the sending side only, so that a write blocked on a server that stopped reading fails
     * at once while what the server sent can still be read; closes the socket when that fails.
     */
    void shutdownOutput() {
        try {
            raw.shutdownOutput();
        } catch (IOException e) {
            closeRaw();
        }
    }

    /** Closes the socket, ignoring failures; safe from any thread and more than once. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that fails to close.
        }
    }

    /** Closes the TCP socket under any TLS, so a write blocked in the TLS layer fails at once. */
    void closeRaw() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // As in close().
        }
    }
}
