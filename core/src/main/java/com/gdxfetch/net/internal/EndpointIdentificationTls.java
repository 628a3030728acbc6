package com.gdxfetch.net.internal;

import java.util.Collections;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS where {@code SSLParameters} has SNI and endpoint identification (desktop Java, Android
 * API 24 on): the handshake sends the name and fails on a certificate for another one.
 * {@link TlsPlatform#detect()} chooses it only where those classes exist.
 */
@SuppressSignatureCheck
final class EndpointIdentificationTls extends TlsPlatform {
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
        socket.setSSLParameters(parameters);
    }

    @Override
    void afterHandshake(SSLSocket socket, String host) {
        // The handshake has checked the certificate against the host name.
    }
}
