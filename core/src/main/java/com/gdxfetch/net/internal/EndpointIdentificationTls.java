package com.gdxfetch.net.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * TLS where {@code SSLParameters} has SNI and endpoint identification (desktop Java, Android
 * API 24 on): the handshake sends the name and fails on a certificate for another one; the
 * names are checked once more after it, by the rules every platform shares.
 * {@link TlsPlatform#detect()} chooses it only where those members exist. They are reached by
 * reflection, so that no class of the library names an API that Android 21 or RoboVM lacks.
 */
final class EndpointIdentificationTls extends TlsPlatform {
    private final Method setEndpointIdentificationAlgorithm;
    private final Method setServerNames;
    private final Constructor<?> sniHostName;
    /**
     * {@code setApplicationProtocols}, or null where ALPN cannot be offered (before Java 9 and
     * 8u252, before Android API 29). Offering http/1.1 lets a server that speaks only HTTP/2
     * refuse the handshake by name, rather than be sent an HTTP/1.1 request it answers with
     * frames, and lets a server check that the client came for HTTP, as RFC 9325 section 3.8
     * asks against cross-protocol attacks.
     */
    private final Method setApplicationProtocols;

    /** @throws ReflectiveOperationException where the platform lacks SNI or endpoint identification */
    EndpointIdentificationTls() throws ReflectiveOperationException {
        setEndpointIdentificationAlgorithm = SSLParameters.class.getMethod("setEndpointIdentificationAlgorithm",
                String.class);
        setServerNames = SSLParameters.class.getMethod("setServerNames", List.class);
        sniHostName = Class.forName("javax.net.ssl.SNIHostName").getConstructor(String.class);
        Method alpn;
        try {
            alpn = SSLParameters.class.getMethod("setApplicationProtocols", String[].class);
        } catch (NoSuchMethodException absent) {
            alpn = null;
        }
        setApplicationProtocols = alpn;
    }

    @Override
    void beforeHandshake(SSLSocket socket, String host) {
        SSLParameters parameters = socket.getSSLParameters();
        try {
            setEndpointIdentificationAlgorithm.invoke(parameters, "HTTPS");
            String sni = sniName(host);
            if (sni != null) {
                Object name = sniServerName(sni);
                if (name != null) {
                    setServerNames.invoke(parameters, Collections.singletonList(name));
                }
            }
            if (setApplicationProtocols != null) {
                setApplicationProtocols.invoke(parameters, (Object) new String[] {"http/1.1"});
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            // Public members found at start-up: failing here means a broken platform, not a bad host.
            throw new IllegalStateException("cannot prepare the TLS handshake for " + host, e);
        }
        socket.setSSLParameters(parameters);
    }

    /** The {@code SNIHostName} for {@code sni}, or null for a name SNI cannot carry. */
    private Object sniServerName(String sni) throws IllegalAccessException, InvocationTargetException {
        try {
            return sniHostName.newInstance(sni);
        } catch (InstantiationException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                // Names SNI cannot carry are still verified against the certificate.
                return null;
            }
            throw e;
        }
    }

    @Override
    void afterHandshake(SSLSocket socket, String host) throws SSLPeerUnverifiedException {
        // The handshake has checked the name, but the JDK's check falls back to the common name.
        checkNames(socket, host);
    }
}
