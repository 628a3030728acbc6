package com.gdxfetch.net.internal;

import java.util.Collections;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * TLS where {@code SSLParameters} has SNI and endpoint identification (desktop Java, Android
 * API 24 on): the handshake sends the name and fails on a certificate for another one; the
 * names are checked once more after it, by the rules every platform shares.
 * {@link TlsPlatform#detect()} chooses it only where those classes exist.
 */
@SuppressSignatureCheck
final class EndpointIdentificationTls extends TlsPlatform {
    /**
     * Whether ALPN can be offered: Java 9 (and 8u252) on, Android API 29 on. Offering http/1.1
     * lets a server that speaks only HTTP/2 refuse the handshake by name, rather than be sent an
     * HTTP/1.1 request it answers with frames, and lets a server check that the client came for
     * HTTP, as RFC 9325 section 3.8 asks against cross-protocol attacks.
     */
    private static final boolean ALPN = hasAlpn();

    private static boolean hasAlpn() {
        try {
            SSLParameters.class.getMethod("setApplicationProtocols", String[].class);
            return true;
        } catch (NoSuchMethodException | SecurityException absent) {
            return false;
        }
    }

    @Override
    void beforeHandshake(SSLSocket socket, String host) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        String sni = sniName(host);
        if (sni != null) {
            try {
                parameters.setServerNames(Collections.<SNIServerName>singletonList(new SNIHostName(sni)));
            } catch (IllegalArgumentException notAnSniName) {
                // Names SNI cannot carry are still verified against the certificate.
            }
        }
        if (ALPN) {
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
        }
        socket.setSSLParameters(parameters);
    }

    @Override
    void afterHandshake(SSLSocket socket, String host) throws SSLPeerUnverifiedException {
        // The handshake has checked the name, but the JDK's check falls back to the common name.
        checkNames(socket, host);
    }
}
