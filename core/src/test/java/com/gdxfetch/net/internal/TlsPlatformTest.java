package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.testing.TransportOutcome;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each branch of the TLS platform seam on the desktop JVM: endpoint identification in the
 * handshake, and the Android-before-API-24 path (SNI through the socket's setHostname, the host
 * name checked after the handshake) with a certificate for the right host and for another.
 */
class TlsPlatformTest {
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    /** Serves https with {@code certificate} and returns a client trust that accepts only it. */
    private SSLContext serve(HeldCertificate certificate) throws Exception {
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(),
                false);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build().sslContext();
    }

    /** The outcome of one GET of {@code url} through a socket transport with {@code platform}. */
    private static Object fetch(SSLContext trust, TlsPlatform platform, String url) throws Exception {
        SocketTransport transport = new SocketTransport(trust, 0, 1000, Thread.NORM_PRIORITY, platform);
        try {
            TransportOutcome outcome = new TransportOutcome();
            transport.start(HttpRequest.get(url).connectTimeout(10_000).readTimeout(10_000).maxResponseBytes(1000)
                    .build(), outcome);
            return outcome.await();
        } finally {
            transport.dispose();
        }
    }

    private static FetchException tlsFailure(Object outcome) {
        assertTrue(outcome instanceof FetchException, "expected a failure, got " + outcome);
        FetchException failure = (FetchException) outcome;
        assertEquals(FailureKind.TLS, failure.kind(), failure.getMessage());
        return failure;
    }

    private static HeldCertificate certificateFor(String... names) {
        HeldCertificate.Builder builder = new HeldCertificate.Builder();
        for (String name : names) {
            builder.addSubjectAlternativeName(name);
        }
        return builder.build();
    }

    @Test
    void aDesktopJvmChecksTheHostNameInTheHandshake() {
        assertTrue(TlsPlatform.get() instanceof EndpointIdentificationTls, TlsPlatform.get().getClass().getName());
    }

    @Test
    void endpointIdentificationRefusesACertificateForAnotherHost() throws Exception {
        SSLContext trust = serve(certificateFor("game.example"));
        server.enqueue(new MockResponse().setBody("never"));

        tlsFailure(fetch(trust, new EndpointIdentificationTls(), "https://localhost:" + server.getPort() + "/"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theCheckAfterTheHandshakeAcceptsACertificateForTheHost() throws Exception {
        SSLContext trust = serve(certificateFor("localhost", "127.0.0.1"));
        server.enqueue(new MockResponse().setBody("by name"));
        server.enqueue(new MockResponse().setBody("by address"));

        Object byName = fetch(trust, new HostnameCheckTls(), "https://localhost:" + server.getPort() + "/");
        Object byAddress = fetch(trust, new HostnameCheckTls(), "https://127.0.0.1:" + server.getPort() + "/");

        assertEquals("by name", ((HttpResponse) byName).text());
        assertEquals("by address", ((HttpResponse) byAddress).text());
    }

    @Test
    void theCheckAfterTheHandshakeRefusesACertificateForAnotherHostBeforeSendingTheRequest() throws Exception {
        SSLContext trust = serve(certificateFor("game.example", "*.localhost"));
        server.enqueue(new MockResponse().setBody("never"));
        String url = "https://localhost:" + server.getPort() + "/secret";

        FetchException failure = tlsFailure(fetch(trust, new HostnameCheckTls(), url));

        assertTrue(failure.getMessage().contains(url), failure.getMessage());
        assertTrue(failure.getMessage().contains("not for host localhost"), failure.getMessage());
        assertTrue(failure.getMessage().contains("game.example"), failure.getMessage());
        assertTrue(!failure.isRequestSent());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theCheckAfterTheHandshakeMatchesAnAddressOnlyAgainstAddressEntries() throws Exception {
        SSLContext trust = serve(certificateFor("localhost"));
        server.enqueue(new MockResponse().setBody("never"));

        tlsFailure(fetch(trust, new HostnameCheckTls(), "https://127.0.0.1:" + server.getPort() + "/"));
    }

    @Test
    void wildcardsCoverExactlyOneLeftmostLabel() {
        java.security.cert.X509Certificate wildcard = certificateFor("*.example.com", "*.com").certificate();

        assertTrue(HostnameCheck.matches("a.example.com", wildcard));
        assertTrue(HostnameCheck.matches("A.Example.COM.", wildcard));
        assertTrue(!HostnameCheck.matches("example.com", wildcard));
        assertTrue(!HostnameCheck.matches("a.b.example.com", wildcard));
        assertTrue(!HostnameCheck.matches("example.com.evil", wildcard));
        assertTrue(!HostnameCheck.matches("anything.com", wildcard), "*.com covers no host");
    }

    @Test
    void sniGoesThroughTheSocketsOwnSetHostnameWhereItHasOne() throws Exception {
        HostnameCheckTls platform = new HostnameCheckTls();
        SniRecordingSocket android = new SniRecordingSocket();

        platform.beforeHandshake(android, "game.example");
        platform.beforeHandshake(android, "10.0.0.2");

        assertEquals("game.example", android.hostname, "names get SNI; addresses never do");
        assertNotNull(platform.hostnameSetter(SniRecordingSocket.class));
        SSLSocket desktop = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket();
        try {
            assertNull(platform.hostnameSetter(desktop.getClass()));
            platform.beforeHandshake(desktop, "game.example");
        } finally {
            desktop.close();
        }
    }

    @Test
    void sniNamesAHostWrittenWithATrailingDotWithoutTheDot() throws Exception {
        HeldCertificate certificate = certificateFor("localhost");
        SSLContext trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build()
                .sslContext();
        SSLServerSocket listening = (SSLServerSocket) new HandshakeCertificates.Builder().heldCertificate(certificate)
                .build().sslContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final String[] requested = new String[1];
        SocketTransport transport = new SocketTransport(trust, 0, 1000, Thread.NORM_PRIORITY,
                new EndpointIdentificationTls(), new NameLookups.Resolver() {
                    @Override
                    public InetAddress[] addresses(String host) {
                        return new InetAddress[] {InetAddress.getLoopbackAddress()};
                    }
                });
        try {
            TransportOutcome outcome = new TransportOutcome();
            transport.start(HttpRequest.get("https://localhost.:" + listening.getLocalPort() + "/").connectTimeout(10_000)
                    .readTimeout(10_000).build(), outcome);
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                SSLParameters parameters = accepted.getSSLParameters();
                parameters.setSNIMatchers(Collections.<SNIMatcher>singletonList(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        requested[0] = new String(name.getEncoded(), StandardCharsets.US_ASCII);
                        return true;
                    }
                }));
                accepted.setSSLParameters(parameters);
                accepted.startHandshake();
                InputStream in = accepted.getInputStream();
                int ends = 0;
                while (ends < 4) {
                    int b = in.read();
                    assertTrue(b >= 0, "the request head ended early");
                    ends = b == (ends % 2 == 0 ? '\r' : '\n') ? ends + 1 : b == '\r' ? 1 : 0;
                }
                OutputStream out = accepted.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertEquals("ok", ((HttpResponse) outcome.await()).text());
        } finally {
            transport.dispose();
            listening.close();
        }
        assertEquals("localhost", requested[0], "RFC 6066 section 3: the name without its trailing dot");
    }

    @Test
    void theSocketsOwnSetHostnameIsGivenTheHostWithoutItsTrailingDot() {
        SniRecordingSocket android = new SniRecordingSocket();

        new HostnameCheckTls().beforeHandshake(android, "game.example.");

        assertEquals("game.example", android.hostname);
    }

    /** A TLS listener on loopback with {@code certificate}, taking one connection at a time. */
    private static SSLServerSocket listen(HeldCertificate certificate) throws Exception {
        return (SSLServerSocket) new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslContext()
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static SSLContext trusting(HeldCertificate certificate) {
        return new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build().sslContext();
    }

    @Test
    void theHandshakeOffersHttp11AndNothingElseThroughAlpn() throws Exception {
        HeldCertificate certificate = certificateFor("localhost");
        final java.util.List<java.util.List<String>> offered = new java.util.ArrayList<>();
        SocketTransport transport = new SocketTransport(trusting(certificate), 0, 1000, Thread.NORM_PRIORITY,
                new EndpointIdentificationTls());
        try (SSLServerSocket listening = listen(certificate)) {
            TransportOutcome outcome = new TransportOutcome();
            transport.start(HttpRequest.get("https://localhost:" + listening.getLocalPort() + "/").connectTimeout(10_000)
                    .readTimeout(10_000).build(), outcome);
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                accepted.setHandshakeApplicationProtocolSelector((socket, protocols) -> {
                    offered.add(protocols);
                    return protocols.contains("http/1.1") ? "http/1.1" : null;
                });
                accepted.startHandshake();
                InputStream in = accepted.getInputStream();
                int ends = 0;
                while (ends < 4) {
                    int b = in.read();
                    assertTrue(b >= 0, "the request head ended early");
                    ends = b == (ends % 2 == 0 ? '\r' : '\n') ? ends + 1 : b == '\r' ? 1 : 0;
                }
                accepted.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                accepted.getOutputStream().flush();
            }
            assertEquals("ok", ((HttpResponse) outcome.await()).text());
        } finally {
            transport.dispose();
        }
        assertEquals(Collections.singletonList(Collections.singletonList("http/1.1")), offered);
    }

    @Test
    void aServerSpeakingOnlyHttp2FailsAsTlsSayingItDoesNotSpeakHttp11() throws Exception {
        HeldCertificate certificate = certificateFor("localhost");
        SocketTransport transport = new SocketTransport(trusting(certificate), 0, 1000, Thread.NORM_PRIORITY,
                new EndpointIdentificationTls());
        Object outcome;
        try (SSLServerSocket listening = listen(certificate)) {
            String url = "https://localhost:" + listening.getLocalPort() + "/";
            TransportOutcome pending = new TransportOutcome();
            transport.start(HttpRequest.get(url).connectTimeout(10_000).readTimeout(10_000).build(), pending);
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                SSLParameters parameters = accepted.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {"h2"});
                accepted.setSSLParameters(parameters);
                try {
                    accepted.startHandshake();
                    // A client that named no protocol is spoken to as an HTTP/2-only server
                    // speaks: its connection preface, an empty SETTINGS frame.
                    accepted.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
                    accepted.getOutputStream().flush();
                    accepted.getInputStream().read();
                } catch (java.io.IOException refused) {
                    // The handshake the client ended.
                }
            }
            outcome = pending.await();
            FetchException failure = tlsFailure(outcome);
            assertTrue(failure.getMessage().contains(url), failure.getMessage());
            assertTrue(failure.getMessage().contains("HTTP/1.1"), failure.getMessage());
        } finally {
            transport.dispose();
        }
    }

    @Test
    void aCertificateNamingTheHostOnlyInItsCommonNameIsRefusedOnEveryPlatform() throws Exception {
        SSLContext trust = serve(new HeldCertificate.Builder().commonName("localhost").build());
        server.enqueue(new MockResponse().setBody("never"));
        server.enqueue(new MockResponse().setBody("never"));
        String url = "https://localhost:" + server.getPort() + "/";

        FetchException desktop = tlsFailure(fetch(trust, new EndpointIdentificationTls(), url));
        FetchException olderAndroid = tlsFailure(fetch(trust, new HostnameCheckTls(), url));

        for (FetchException failure : new FetchException[] {desktop, olderAndroid}) {
            assertTrue(failure.getMessage().contains("not for host localhost"), failure.getMessage());
            assertTrue(failure.getMessage().contains("common name"), failure.getMessage());
            assertTrue(!failure.isRequestSent());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anIpv6LiteralUrlIsTrustedThroughTheCertificatesIpv6EntryOnEveryPlatform() throws Exception {
        HeldCertificate certificate = certificateFor("::1", "localhost");
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(),
                false);
        server.start(InetAddress.getByName("::1"), 0);
        SSLContext trust = trusting(certificate);
        server.enqueue(new MockResponse().setBody("desktop"));
        server.enqueue(new MockResponse().setBody("older Android"));
        String url = "https://[::1]:" + server.getPort() + "/";

        assertEquals("desktop", ((HttpResponse) fetch(trust, new EndpointIdentificationTls(), url)).text());
        assertEquals("older Android", ((HttpResponse) fetch(trust, new HostnameCheckTls(), url)).text());
    }
}
