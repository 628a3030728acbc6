package com.gdxfetch.net;

import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A self-signed certificate for {@code localhost}, with a TLS context serving it and one trusting only it. */
final class LocalhostTls {
    private final HeldCertificate certificate = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").build();

    SSLContext server() {
        return new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslContext();
    }

    SSLContext client() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build().sslContext();
    }
}
