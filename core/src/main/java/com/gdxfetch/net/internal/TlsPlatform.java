package com.gdxfetch.net.internal;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The TLS steps that differ between platforms: how a socket asks for the host's certificate
 * (SNI) and where that certificate is checked against the host name. Decided once per process:
 * desktop Java and Android 7 (API 24) on have {@code SSLParameters.setServerNames} and endpoint
 * identification, so the handshake itself checks the name; older Android has neither, so its
 * socket's own {@code setHostname} asks for SNI and the name is checked after the handshake.
 * Both run that check after the handshake ({@link #checkNames}), so every platform accepts the
 * same certificates.
 */
abstract class TlsPlatform {
    private static final TlsPlatform CURRENT = detect();

    /** The platform's TLS steps. */
    static TlsPlatform get() {
        return CURRENT;
    }

    /** Prepares {@code socket} to connect to {@code host} (a name or a bare IP literal). */
    abstract void beforeHandshake(SSLSocket socket, String host);

    /**
     * Checks the handshake's outcome for {@code host}.
     *
     * @throws javax.net.ssl.SSLPeerUnverifiedException if the certificate is not for {@code host}
     */
    abstract void afterHandshake(SSLSocket socket, String host) throws IOException;

    /**
     * Checks the certificate {@code socket}'s handshake brought against {@code host} by RFC 9110
     * section 4.3.4 ({@link HostnameCheck}), so that every platform accepts the same
     * certificates: only the subject alternative names count, where a JDK's own check still
     * takes a common name from a certificate that has none.
     *
     * @throws SSLPeerUnverifiedException naming the host and the names the certificate has
     */
    static void checkNames(SSLSocket socket, String host) throws SSLPeerUnverifiedException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            throw new SSLPeerUnverifiedException("server sent no X.509 certificate for " + host);
        }
        X509Certificate certificate = (X509Certificate) chain[0];
        if (!HostnameCheck.matches(host, certificate)) {
            List<String> names = HostnameCheck.names(certificate);
            throw new SSLPeerUnverifiedException("certificate is not for host " + host + "; " + (names.isEmpty()
                    ? "it has no subject alternative names, and a common name alone names no host, as browsers"
                            + " also refuse it"
                    : "it names " + names));
        }
    }

    /**
     * The name SNI carries for {@code host}, or null for none: an IP literal gets none, and a
     * name written fully qualified ({@code "game.example."}) goes without its trailing dot, which
     * RFC 6066 section 3 leaves out, so a server picks the same certificate for both spellings.
     */
    static String sniName(String host) {
        if (HostnameCheck.isIpLiteral(host)) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.isEmpty() ? null : name;
    }

    static TlsPlatform detect() {
        try {
            return new EndpointIdentificationTls();
        } catch (ReflectiveOperationException | SecurityException | LinkageError absent) {
            return new HostnameCheckTls();
        }
    }
}
