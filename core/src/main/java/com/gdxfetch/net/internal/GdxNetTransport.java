package com.gdxfetch.net.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Net;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.Transport;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP over libGDX's {@link Net#sendHttpRequest}, for backends where sockets are not the best
 * choice. Redirects are left to the manager; bodies go through the same size limit and
 * decoding as the socket transport.
 *
 * <p>Limits come from the backend: on desktop and Android, Gdx.net is HttpURLConnection, which
 * refuses PATCH and custom methods (reported as a {@link FailureKind#PROTOCOL} failure), sends a
 * body only with POST, PUT and PATCH, has one timeout for connect and read, and cannot interrupt
 * a blocked read when cancelled (the exchange reports the cancellation at once; the backend's
 * thread ends at its next read or its timeout), reads no further than an interim response
 * other than {@code 100 Continue} (reported as a {@link FailureKind#PROTOCOL} failure), cannot
 * read an answer the server sent while the body was still going out (a {@code 413}; reported as
 * {@link FailureKind#NETWORK} saying so), puts no header of the request on a proxy's
 * {@code CONNECT}, and gives a SOCKS proxy an address it looked up itself.
 *
 * <p>Sends and cancels hold the backend's {@code NetJavaImpl} monitor ({@link NetJavaImplMonitor}),
 * which libGDX 1.14.2's own {@code sendHttpRequest} does not take for all of its bookkeeping.
 *
 * <p>{@link #start} and {@link #dispose} may be called from any thread; listeners are called on
 * Gdx.net's threads, or on the calling thread when Gdx.net fails a request at once.
 */
public final class GdxNetTransport implements Transport {
    private final Net net;
    private final Set<GdxNetExchange> running = Collections.newSetFromMap(new ConcurrentHashMap<GdxNetExchange, Boolean>());
    /** The last Net sent through and its monitor, so a send looks the monitor up only when the Net changes. */
    private volatile Guarded guarded;
    private volatile boolean disposed;

    /**
     * A transport over {@code net}.
     *
     * @param net the Net to use, or null to use {@code Gdx.net} as it is when each exchange starts
     */
    public GdxNetTransport(Net net) {
        this.net = net;
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        GdxNetExchange exchange = new GdxNetExchange(this, request, listener);
        Net target = net != null ? net : Gdx.net;
        if (disposed) {
            exchange.fail(Failures.of(request, FailureKind.CANCELLED, "transport disposed", null, false));
        } else if (target == null) {
            exchange.fail(Failures.of(request, FailureKind.NETWORK, "Gdx.net is not set (no libGDX application "
                    + "is running); create the transport with Transports.gdxNet(Net)", null, false));
        } else if (Gdx.app == null) {
            exchange.fail(Failures.of(request, FailureKind.NETWORK, "Gdx.net needs a running libGDX application "
                    + "(Gdx.app is null) to send requests without following redirects", null, false));
        } else if (request.body() != null && !GdxNetExchange.sendsBody(request.method())) {
            exchange.fail(Failures.of(request, FailureKind.PROTOCOL, "the Gdx.net transport sends a body only with "
                    + "POST, PUT and PATCH, not " + request.method() + "; use Transports.sockets()", null, false));
        } else if (request.body() != null && request.body().file() != null) {
            exchange.fail(Failures.of(request, FailureKind.PROTOCOL, "the Gdx.net transport cannot stream a file "
                    + "body (RequestBody.file); use Transports.sockets()", null, false));
        } else if (GdxNetExchange.droppedHeader(request) != null) {
            exchange.fail(Failures.of(request, FailureKind.PROTOCOL, "the Gdx.net transport cannot send the header '"
                    + GdxNetExchange.droppedHeader(request) + "' on this backend: the JDK's HttpURLConnection drops "
                    + "it (unless the JVM runs with -Dsun.net.http.allowRestrictedHeaders=true); use "
                    + "Transports.sockets()", null, false));
        } else {
            running.add(exchange);
            if (disposed) {
                // dispose() may have cancelled the running exchanges before this one was added.
                exchange.cancel();
            } else {
                exchange.send(guarded(target));
            }
        }
        return exchange;
    }

    private Guarded guarded(Net target) {
        Guarded last = guarded;
        if (last == null || last.net != target) {
            last = new Guarded(target, NetJavaImplMonitor.of(target));
            guarded = last;
        }
        return last;
    }

    /** Cancels running exchanges; Gdx.net itself stays as it is. Any thread; idempotent. */
    @Override
    public void dispose() {
        disposed = true;
        for (GdxNetExchange exchange : running.toArray(new GdxNetExchange[0])) {
            exchange.cancel();
        }
    }

    void finished(GdxNetExchange exchange) {
        running.remove(exchange);
    }

    /** A Net and the monitor to hold while sending or cancelling through it. */
    static final class Guarded {
        final Net net;
        final Object monitor;

        Guarded(Net net, Object monitor) {
            this.net = net;
            this.monitor = monitor;
        }
    }
}
