package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * Opens a TCP connection, and TLS over it for https and wss, with the platform's host-name
 * checks ({@link TlsPlatform}). One piece of code for HTTP exchanges and WebSocket channels, so
 * both trust, and verify, exactly the same servers, and go through the same proxies.
 *
 * <p>The proxy is the one the JVM's {@link ProxySelector} picks, as {@code HttpURLConnection}
 * (and so {@code Gdx.net}) asks it: {@code http.proxyHost}, {@code https.proxyHost},
 * {@code socksProxyHost} or the system's settings on desktop, the network's proxy on Android.
 * Over an HTTP proxy, TLS and WebSockets go through a {@code CONNECT} tunnel, and plain requests
 * name their absolute URL on the request line (RFC 9112 section 3.2.2).
 */
final class Connector {
    /** Told of each socket as the attempt opens it, so a cancel on another thread can close it. */
    interface Attempt {
        /**
         * {@code socket} is the one a blocked call now waits on.
         *
         * @throws IOException (a CANCELLED {@link HttpFailure}) if the attempt was cancelled
         */
        void opening(Socket socket) throws IOException;

        /** True while the TCP connection is being opened, so a timeout then is a connect timeout. */
        void connecting(boolean connecting);
    }

    private Connector() {
    }

    /**
     * A connection to {@code host}:{@code port} (a name, or an IP literal, IPv6 in brackets).
     *
     * @param handshakeTimeoutMillis the time the whole TLS handshake, and the whole of a proxy's
     *     answer to {@code CONNECT}, may take (0 for no limit)
     * @param tunnel whether a plain connection through an HTTP proxy must still be a tunnel (a
     *     WebSocket's upgrade, which a proxy forwarding requests would not pass on)
     * @param proxyAuthorization the caller's {@code Proxy-Authorization} value for a
     *     {@code CONNECT}, or null
     */
    static Connection connect(SocketTransport transport, String hostKey, String host, int port, boolean tls,
            boolean tunnel, String proxyAuthorization, int connectTimeoutMillis, int handshakeTimeoutMillis,
            Attempt attempt) throws IOException, GeneralSecurityException {
        String bare = bareHost(host);
        Proxy proxy = proxyFor(tls, bare, port);
        boolean httpProxy = proxy.type() == Proxy.Type.HTTP;
        Socket plain;
        if (proxy.type() == Proxy.Type.DIRECT) {
            plain = connectDirect(transport, bare, port, connectTimeoutMillis, attempt);
        } else {
            long start = System.nanoTime();
            try {
                InetSocketAddress proxyAt = proxyAddress(transport, proxy, connectTimeoutMillis, attempt);
                InetSocketAddress to = httpProxy ? proxyAt
                        : socksTarget(transport, bare, port, remaining(connectTimeoutMillis, start), attempt);
                plain = connected(httpProxy ? new Socket() : new Socket(new Proxy(Proxy.Type.SOCKS, proxyAt)), to,
                        remaining(connectTimeoutMillis, start), attempt);
            } catch (HttpFailure cancelled) {
                throw cancelled;
            } catch (IOException e) {
                throw renamed(e, "through " + proxy.type().name().toLowerCase(Locale.ROOT) + " proxy " + name(proxy)
                        + ": " + e.getMessage());
            }
        }
        if (httpProxy && (tls || tunnel)) {
            openTunnel(plain, host, port, proxy, proxyAuthorization, handshakeTimeoutMillis);
        }
        if (!tls) {
            return new Connection(hostKey, plain, plain, httpProxy && !tunnel ? name(proxy) : null);
        }
        SSLSocket secure = (SSLSocket) transport.tlsFactory().createSocket(plain, bare, port, true);
        attempt.opening(secure);
        TlsPlatform platform = transport.tlsPlatform();
        platform.beforeHandshake(secure, bare);
        handshake(transport, secure, plain, bare, handshakeTimeoutMillis);
        platform.afterHandshake(secure, bare);
        return new Connection(hostKey, plain, secure, null);
    }

    /**
     * Runs the TLS handshake within {@code timeoutMillis} (0 for no limit): the socket's read
     * timeout bounds the wait between two bytes, and a deadline that closes the TCP socket the
     * whole handshake, which a server dripping its records would otherwise hold indefinitely.
     *
     * @throws HttpFailure READ_TIMEOUT naming the host and the timeout when either passes
     */
    private static void handshake(SocketTransport transport, SSLSocket secure, Socket plain, String host,
            int timeoutMillis) throws IOException {
        secure.setSoTimeout(Math.max(0, timeoutMillis));
        if (timeoutMillis <= 0) {
            secure.startHandshake();
            return;
        }
        IoWatchdog.Deadline whole = transport.watchdog().closeAfter(plain, timeoutMillis);
        try {
            secure.startHandshake();
        } catch (SocketTimeoutException e) {
            whole.end();
            // Said apart from a silent response: a server that takes the TCP connection but never
            // answers the ClientHello is often not speaking TLS on that port, or is overloaded.
            throw new HttpFailure(FailureKind.READ_TIMEOUT, "no answer to the TLS handshake from " + host + " in "
                    + timeoutMillis + " ms", e);
        } catch (IOException e) {
            if (!whole.end()) {
                throw handshakeTooSlow(host, timeoutMillis, e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            whole.end();
            throw e;
        }
        if (!whole.end()) {
            // It passed as the handshake ended, and closed the socket.
            throw handshakeTooSlow(host, timeoutMillis, null);
        }
    }

    private static HttpFailure handshakeTooSlow(String host, int timeoutMillis, IOException cause) {
        return new HttpFailure(FailureKind.READ_TIMEOUT, "no complete TLS handshake from " + host + " within "
                + timeoutMillis + " ms", cause);
    }

    /**
     * The first proxy the JVM's selector names for the target, or a direct connection when it
     * names none, fails, or there is no selector.
     */
    private static Proxy proxyFor(boolean tls, String bareHost, int port) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Proxy.NO_PROXY;
        }
        try {
            List<Proxy> proxies = selector.select(new URI(tls ? "https" : "http", null, bareHost, port, "/", null, null));
            return proxies == null || proxies.isEmpty() || proxies.get(0) == null ? Proxy.NO_PROXY : proxies.get(0);
        } catch (Exception e) {
            return Proxy.NO_PROXY;
        }
    }

    /**
     * A TCP connection to {@code host}: to its one address, or to whichever of several answers
     * first ({@link AddressRace}), so a name with an IPv6 and an IPv4 address, or with several
     * servers, still connects, and soon, when one of them is down or unreachable from the
     * player's network. When every address fails, the first one's failure decides the kind, and
     * the message says how many were tried; the others are suppressed in it. The name's lookup
     * ({@link NameLookups}) and the connection share the connect timeout.
     */
    private static Socket connectDirect(SocketTransport transport, String host, int port, int connectTimeoutMillis,
            Attempt attempt) throws IOException {
        long start = System.nanoTime();
        InetAddress[] addresses = transport.lookups().addresses(host, connectTimeoutMillis, attempt);
        int timeoutMillis = remaining(connectTimeoutMillis, start);
        if (addresses.length == 1) {
            return connected(new Socket(), new InetSocketAddress(addresses[0], port), timeoutMillis, attempt);
        }
        final AddressRace race = new AddressRace(addresses, port, timeoutMillis, transport.threads());
        Socket won;
        try {
            // A stand-in for the attempts' sockets: a cancel closes it, and so ends the race.
            attempt.opening(new Socket() {
                @Override
                public synchronized void close() throws IOException {
                    race.cancel();
                    super.close();
                }
            });
            attempt.connecting(true);
            won = race.run();
        } catch (HttpFailure cancelled) {
            throw cancelled;
        } catch (IOException e) {
            throw renamed(e, e.getMessage() + " (" + host + " has " + addresses.length
                    + " addresses and none took the connection)");
        }
        attempt.connecting(false);
        try {
            attempt.opening(won);
        } catch (IOException | RuntimeException e) {
            won.close();
            throw e;
        }
        return won;
    }

    /**
     * {@code socket} connected to {@code to} within {@code timeoutMillis}, or closed.
     *
     * @throws IOException as {@link Socket#connect}, or a CANCELLED {@link HttpFailure} from
     *     {@code attempt}
     */
    private static Socket connected(Socket socket, SocketAddress to, int timeoutMillis, Attempt attempt)
            throws IOException {
        try {
            attempt.opening(socket);
            socket.setTcpNoDelay(true);
            attempt.connecting(true);
            socket.connect(to, Math.max(0, timeoutMillis));
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // It never connected: closing only frees its descriptor.
            }
            throw e;
        }
        attempt.connecting(false);
        return socket;
    }

    /**
     * {@code e} with {@code message}, of the same kind (refused, unknown or silent), so that it is
     * classified as {@code e} would be; {@code e} is its cause.
     */
    private static IOException renamed(IOException e, String message) {
        // The type carries the kind (Failures.kindOf): a plain IOException would make an
        // unreachable network a broken connection.
        IOException named = e instanceof ConnectException ? new ConnectException(message)
                : e instanceof NoRouteToHostException ? new NoRouteToHostException(message)
                : e instanceof SocketTimeoutException ? new SocketTimeoutException(message)
                : e instanceof UnknownHostException ? new UnknownHostException(message)
                : e instanceof SocketException ? new SocketException(message)
                : new IOException(message);
        named.initCause(e);
        return named;
    }

    /**
     * What is left of the connect timeout begun at {@code startNanos} (at least 1 ms; 0 for none):
     * one timeout covers the name's lookup and the connection together, as a player waits for both.
     */
    private static int remaining(int connectTimeoutMillis, long startNanos) {
        return connectTimeoutMillis <= 0 ? 0 : (int) Math.max(1,
                connectTimeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** A proxy's address, its name looked up within the connect timeout: selectors name proxies by unresolved host names. */
    private static InetSocketAddress proxyAddress(SocketTransport transport, Proxy proxy, int timeoutMillis,
            Attempt attempt) throws IOException {
        InetSocketAddress a = (InetSocketAddress) proxy.address();
        return a.isUnresolved()
                ? new InetSocketAddress(transport.lookups().addresses(a.getHostString(), timeoutMillis, attempt)[0],
                        a.getPort())
                : a;
    }

    /**
     * What a SOCKS proxy is asked to connect to: an IP literal as it is, and a host name as the
     * name, for the proxy to look up (RFC 1928's domain form), as browsers and curl's
     * {@code socks5h} ask it. Looked up here, the name would go to the player's own resolver,
     * which may know nothing of the proxy's network or be out of reach where the proxy is the
     * only way out, and would tell that resolver which servers the game talks to. The JDK's
     * SOCKS 4 has no such form, so with {@code -DsocksProxyVersion=4} the name is looked up here.
     */
    private static InetSocketAddress socksTarget(SocketTransport transport, String host, int port, int timeoutMillis,
            Attempt attempt) throws IOException {
        if (HostnameCheck.isIpLiteral(host) || "4".equals(System.getProperty("socksProxyVersion"))) {
            return new InetSocketAddress(transport.lookups().addresses(host, timeoutMillis, attempt)[0], port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Asks the HTTP proxy on {@code socket} for a tunnel to {@code host}:{@code port} (RFC 9110
     * section 9.3.6), leaving the socket at the start of the tunnel.
     *
     * @throws HttpFailure NETWORK naming the proxy and its answer when it is not a 2xx (a 407
     *     asks for credentials, which go only as the caller's Proxy-Authorization), PROTOCOL when
     *     it is not HTTP or is a 101
     */
    private static void openTunnel(Socket socket, String host, int port, Proxy proxy, String proxyAuthorization,
            int timeoutMillis) throws IOException {
        String authority = host + ':' + port;
        socket.setSoTimeout(Math.max(0, timeoutMillis));
        OutputStream out = socket.getOutputStream();
        // The caller's credentials for the proxy go here, on the one request the proxy reads;
        // the requests inside the tunnel are the server's to read, and go without them.
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (proxyAuthorization != null ? "Proxy-Authorization: " + proxyAuthorization + "\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        HttpInput in = new HttpInput(socket.getInputStream());
        // Interim 1xx answers (100, 102, 103) are skipped, as RFC 9110 section 15.2 has any client
        // do; a 101 is returned so it can be refused by name: a tunnel is no protocol switch. The
        // answer is timed as a whole, as a TLS handshake is: a proxy dripping it would otherwise
        // hold the connection for as long as it likes.
        ResponseHead head = ResponseHead.readUpgrade(in, socket, Math.max(0, timeoutMillis),
                "answer from proxy " + name(proxy) + " to CONNECT");
        if (head.status == 101) {
            throw new HttpFailure(FailureKind.PROTOCOL, "proxy " + name(proxy) + " answered CONNECT " + authority
                    + " with 101 " + head.reason + "; a tunnel is opened by a 2xx");
        }
        if (head.status < 200 || head.status > 299) {
            throw new HttpFailure(FailureKind.NETWORK, "proxy " + name(proxy) + " refused a tunnel to "
                    + authority + ": " + head.status + " " + head.reason
                    + (head.status != 407 ? "" : credentialsNote(proxyAuthorization != null)));
        }
        if (in.buffered() != 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "proxy " + name(proxy) + " sent bytes after its "
                    + head.status + " to CONNECT, before the tunnel was used");
        }
    }

    /**
     * The failure for a 407 that the HTTP proxy forwarding {@code connection}'s requests sent, or
     * null when {@code head} is not one: the proxy's own answer (RFC 9110 section 15.5.8), which
     * delivered as the response would pass for what the server said, its cookies kept as the
     * server's.
     *
     * @param sent the request's headers, to say whether credentials went with it
     */
    static HttpFailure proxyAnswer(Connection connection, ResponseHead head, Headers sent) {
        if (head.status != 407 || connection.forwardingProxy == null) {
            return null;
        }
        return credentialsRefused("proxy " + connection.forwardingProxy, head.reason,
                RequestHeaders.proxyAuthorization(sent) != null);
    }

    /**
     * The failure for a 407 from {@code proxy} (named as the message should name it) forwarding a
     * request, with its reason phrase, on either transport.
     */
    static HttpFailure credentialsRefused(String proxy, String reason, boolean credentialsSent) {
        return new HttpFailure(FailureKind.NETWORK, proxy + " answered 407" + (reason.isEmpty() ? "" : " " + reason)
                + credentialsNote(credentialsSent));
    }

    /** What a proxy's 407 says: the credentials sent were refused, or it wants some. */
    private static String credentialsNote(boolean credentialsSent) {
        return credentialsSent ? " (it refused the Proxy-Authorization sent)" : " (it asks for credentials; none were sent)";
    }

    private static String name(Proxy proxy) {
        InetSocketAddress a = (InetSocketAddress) proxy.address();
        return a.getHostString() + ':' + a.getPort();
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
