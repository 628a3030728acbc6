package com.gdxfetch.net;

import com.badlogic.gdx.Net;
import com.gdxfetch.net.internal.GdxNetTransport;
import com.gdxfetch.net.internal.SocketTransport;

import javax.net.ssl.SSLContext;

/**
 * The transports a manager can send requests over.
 *
 * <p>{@link #sockets()} is the default on desktop: a lean HTTP/1.1 client written directly on
 * {@link java.net.Socket} and {@link javax.net.ssl.SSLSocket}, with a keep-alive pool per host.
 * It exists because the JDK's HttpURLConnection (which also backs {@code Gdx.net} on desktop)
 * refuses PATCH and custom methods, cannot be cancelled cleanly in the middle of an upload, and
 * is slower than a plain socket client on loopback; owning the socket lets cancellation close it
 * at once from any thread, so a blocked read or write ends and its thread is freed.
 * {@link #gdxNet()} sends through libGDX's own {@code Gdx.net} instead, for backends where that
 * is the better or the only choice; it shares the socket transport's body handling (size limit,
 * gzip and deflate) but inherits the backend's limits, which its failures name.
 *
 * <p>The socket transport's threads run at {@link Thread#MIN_PRIORITY} unless asked otherwise, so
 * sockets and decoders yield to the render thread; on Linux the JVM honours this only with
 * {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19} (see the README).
 *
 * <p>Every factory returns a new transport owning its own threads and connections; dispose it
 * (or the manager that owns it) when done. Factories may be called from any thread.
 */
public final class Transports {
    private Transports() {
    }

    /** The socket transport, trusting the JVM's default certificate authorities for https. */
    public static Transport sockets() {
        return new SocketTransport(null);
    }

    /**
     * The socket transport, trusting what {@code tls} trusts for https (for example a server's
     * self-signed certificate).
     *
     * @throws IllegalArgumentException if {@code tls} is null
     */
    public static Transport sockets(SSLContext tls) {
        if (tls == null) {
            throw new IllegalArgumentException("TLS context is null; use sockets() for the default trust");
        }
        return new SocketTransport(tls);
    }

    /**
     * The socket transport with its I/O threads (which also run decoders) at
     * {@code threadPriority}, for a game that wants downloads to compete with its render thread
     * as equals.
     *
     * @param tls the TLS context for https, or null for the JVM's default trust
     * @throws IllegalArgumentException if the priority is outside {@link Thread#MIN_PRIORITY} to
     *     {@link Thread#MAX_PRIORITY}
     */
    public static Transport sockets(SSLContext tls, int threadPriority) {
        return new SocketTransport(tls, threadPriority);
    }

    /**
     * A transport over {@code Gdx.net}, looked up when each exchange starts, so it may be created
     * before the libGDX application; an exchange started while {@code Gdx.net} is null fails with
     * {@link FailureKind#NETWORK}.
     */
    public static Transport gdxNet() {
        return new GdxNetTransport(null);
    }

    /**
     * A transport over the given libGDX {@link Net}.
     *
     * @throws IllegalArgumentException if {@code net} is null
     */
    public static Transport gdxNet(Net net) {
        if (net == null) {
            throw new IllegalArgumentException("Net is null; use gdxNet() to use Gdx.net");
        }
        return new GdxNetTransport(net);
    }
}
