package com.gdxfetch.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocket;

/**
 * Opens a TCP connection, and TLS over it for https and wss, with the platform's host-name
 * checks ({@link TlsPlatform}). One piece of code for HTTP exchanges and WebSocket channels, so
 * both trust, and verify, exactly the same servers.
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
     * @param handshakeTimeoutMillis the read timeout of the TLS handshake (0 for none)
     */
    static Connection connect(SocketTransport transport, String hostKey, String host, int port, boolean tls,
            int connectTimeoutMillis, int handshakeTimeoutMillis, Attempt attempt)
            throws IOException, GeneralSecurityException {
        String bare = bareHost(host);
        Socket plain = new Socket();
        attempt.opening(plain);
        plain.setTcpNoDelay(true);
        attempt.connecting(true);
        plain.connect(new InetSocketAddress(bare, port), Math.max(0, connectTimeoutMillis));
        attempt.connecting(false);
        if (!tls) {
            return new Connection(hostKey, plain, plain);
        }
        SSLSocket secure = (SSLSocket) transport.tlsFactory().createSocket(plain, bare, port, true);
        attempt.opening(secure);
        TlsPlatform platform = transport.tlsPlatform();
        platform.beforeHandshake(secure, bare);
        secure.setSoTimeout(Math.max(0, handshakeTimeoutMillis));
        secure.startHandshake();
        platform.afterHandshake(secure, bare);
        return new Connection(hostKey, plain, secure);
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
