package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.testing.TransportOutcome;
import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket transport against {@code openssl s_server} and nginx configured as real servers are
 * misconfigured: each refusal is a TLS (or timeout) failure whose message names the URL and says
 * what was wrong.
 */
class TlsServersTest {
    private static final long DAY = 86_400_000L;
    private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(1)
            .commonName("Test Root").build();
    private static final HeldCertificate INTERMEDIATE = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Test Intermediate").signedBy(ROOT).build();
    private static final HeldCertificate[] NONE = {};

    @TempDir
    File dir;

    private static SSLContext trustRoot() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(ROOT.certificate()).build().sslContext();
    }

    private static HeldCertificate.Builder localhost() {
        return new HeldCertificate.Builder().addSubjectAlternativeName("localhost");
    }

    /** The outcome of one GET of {@code url}: an HttpResponse or a FetchException. */
    static Object fetch(SSLContext trust, String url, int readTimeoutMillis) throws Exception {
        Transport transport = Transports.sockets(trust);
        try {
            return fetchOn(transport, url, readTimeoutMillis);
        } finally {
            transport.dispose();
        }
    }

    static Object fetchOn(Transport transport, String url, int readTimeoutMillis) throws Exception {
        return fetchOn(transport, url, readTimeoutMillis, "GET");
    }

    /** The outcome of one {@code method} (GET, or a POST of a small body) on {@code transport}. */
    static Object fetchOn(Transport transport, String url, int readTimeoutMillis, String method) throws Exception {
        HttpRequest.Builder builder = method.equals("POST")
                ? HttpRequest.post(url, RequestBody.bytes("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "text/plain"))
                : HttpRequest.get(url);
        TransportOutcome outcome = new TransportOutcome();
        transport.start(builder.connectTimeout(10_000).readTimeout(readTimeoutMillis).build(), outcome);
        return outcome.await();
    }

    private static FetchException failure(Object outcome, FailureKind kind, String url, String... says) {
        assertTrue(outcome instanceof FetchException, "expected a failure, got " + outcome);
        FetchException failure = (FetchException) outcome;
        assertEquals(kind, failure.kind(), failure.getMessage());
        assertTrue(failure.getMessage().contains(url), failure.getMessage());
        for (String said : says) {
            assertTrue(failure.getMessage().contains(said), "no '" + said + "' in: " + failure.getMessage());
        }
        return failure;
    }

    private Object fetchFrom(HeldCertificate leaf, HeldCertificate[] chain, String... options) throws Exception {
        try (OpensslServer server = new OpensslServer(dir, leaf, chain, options)) {
            return fetch(trustRoot(), server.url("localhost"), 10_000);
        }
    }

    private Object[] fetchUrl(HeldCertificate leaf, HeldCertificate[] chain, String... options) throws Exception {
        try (OpensslServer server = new OpensslServer(dir, leaf, chain, options)) {
            return new Object[] {server.url("localhost"), fetch(trustRoot(), server.url("localhost"), 10_000)};
        }
    }

    @Test
    void aChainWithTheIntermediateSentIsTrustedThroughItsRoot() throws Exception {
        HeldCertificate leaf = localhost().addSubjectAlternativeName("127.0.0.1").signedBy(INTERMEDIATE).build();
        try (OpensslServer server = new OpensslServer(dir, leaf, new HeldCertificate[] {INTERMEDIATE})) {
            assertEquals(200, ((HttpResponse) fetch(trustRoot(), server.url("localhost"), 10_000)).status());
            assertEquals(200, ((HttpResponse) fetch(trustRoot(), server.url("127.0.0.1"), 10_000)).status());
        }
    }

    @Test
    void aChainMissingItsIntermediateFailsAsTlsSayingNoChainLeadsToATrustedRoot() throws Exception {
        Object[] got = fetchUrl(localhost().signedBy(INTERMEDIATE).build(), NONE);

        assertFalse(failure(got[1], FailureKind.TLS, (String) got[0], "not trusted", "intermediate").isRequestSent());
    }

    @Test
    void anExpiredCertificateFailsAsTlsSayingItExpired() throws Exception {
        long now = System.currentTimeMillis();
        Object[] got = fetchUrl(localhost().validityInterval(now - 10 * DAY, now - DAY).signedBy(ROOT).build(), NONE);

        failure(got[1], FailureKind.TLS, (String) got[0], "expired");
    }

    @Test
    void aCertificateNotValidYetFailsAsTlsSayingSo() throws Exception {
        long now = System.currentTimeMillis();
        Object[] got = fetchUrl(localhost().validityInterval(now + DAY, now + 10 * DAY).signedBy(ROOT).build(), NONE);

        failure(got[1], FailureKind.TLS, (String) got[0], "not valid yet");
    }

    /** Over TLS 1.3 the client's handshake ends before the server checks it, so the refusal comes as the answer. */
    @Test
    void aServerRequiringAClientCertificateFailsAsTlsSayingSo() throws Exception {
        Object[] got = fetchUrl(localhost().signedBy(ROOT).build(), NONE, "-tls1_3", "-Verify", "1");

        failure(got[1], FailureKind.TLS, (String) got[0], "client certificate");
    }

    @Test
    void aPlainHttpServerOnAnHttpsUrlFailsAsTlsSayingItIsNotTls() throws Exception {
        File root = new File(dir, "root");
        root.mkdirs();
        File prefix = new File(dir, "nginx");
        prefix.mkdirs();
        try (Nginx nginx = new Nginx(root, prefix)) {
            String url = "https://127.0.0.1:" + nginx.port + "/";

            failure(fetch(trustRoot(), url, 10_000), FailureKind.TLS, url, "not TLS", "plain HTTP");
        }
    }

    @Test
    void aServerSilentAfterTheClientHelloFailsAsAReadTimeoutNamingTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "https://localhost:" + silent.getLocalPort() + "/";

            failure(fetch(trustRoot(), url, 500), FailureKind.READ_TIMEOUT, url, "TLS handshake", "500 ms");
        }
    }

    @Test
    void aServerDrippingItsHandshakeFailsAsAReadTimeoutOnceTheReadTimeoutHasPassed() throws Exception {
        // A handshake record announced at its largest and sent a byte at a time, each well inside
        // the read timeout: only a limit on the whole handshake ends it.
        try (RawServer raw = new RawServer((socket, index) -> RawServer.dripTlsHandshake(socket))) {
            String url = raw.url("/").replace("http://127.0.0.1", "https://localhost");

            failure(fetch(trustRoot(), url, 500), FailureKind.READ_TIMEOUT, url, "no complete TLS handshake",
                    "500 ms");
        }
    }

    @Test
    void aServerSpeakingOnlyTls10FailsAsTlsSayingNoVersionIsShared() throws Exception {
        Object[] got = fetchUrl(localhost().rsa2048().signedBy(ROOT).build(), NONE, "-tls1", "-cipher", "ALL:@SECLEVEL=0");

        failure(got[1], FailureKind.TLS, (String) got[0], "no TLS version");
    }

    @Test
    void aServerOfferingOnlyCipherSuitesTheClientRefusesFailsAsTlsSayingSo() throws Exception {
        Object[] got = fetchUrl(localhost().rsa2048().signedBy(ROOT).build(), NONE, "-tls1_2", "-cipher",
                "CAMELLIA128-SHA:@SECLEVEL=0");

        failure(got[1], FailureKind.TLS, (String) got[0], "cipher suite");
    }

    @Test
    void aServerWithNoCertificateForTheRequestedNameFailsAsTlsSayingSo() throws Exception {
        // s_server answers SNI other than the name it serves with an unrecognized_name alert, as
        // nginx's ssl_reject_handshake and CDNs do for a name they do not host.
        Object[] got = fetchUrl(localhost().signedBy(ROOT).build(), NONE, "-servername", "game.example",
                "-servername_fatal", "-cert2", new File(dir, "cert.pem").getPath(), "-key2",
                new File(dir, "key.pem").getPath());

        failure(got[1], FailureKind.TLS, (String) got[0], "no certificate for the host name");
    }

    /** The JDK's TLS server, behind OkHttp's MockWebServer, answers text it cannot read with an alert record. */
    @Test
    void anHttpUrlOnATlsServerFailsSayingTheServerAnsweredInTls() throws Exception {
        MockWebServer server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(localhost().signedBy(ROOT).build())
                .build().sslSocketFactory(), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        try {
            String url = "http://localhost:" + server.getPort() + "/";

            FetchException failure = failure(fetch(trustRoot(), url, 10_000), FailureKind.PROTOCOL, url,
                    "answered in TLS", "https");
            assertEquals(0, server.getRequestCount());
            assertTrue(failure.isRequestSent(), "the request went out in plain text");
        } finally {
            server.shutdown();
        }
    }

    @Test
    void aPooledConnectionTheServerEndedWithCloseNotifyIsNotUsedForTheNextGetOrPost() throws Exception {
        // A server ending an idle keep-alive connection sends close_notify, then closes; a POST
        // written on that connection would not be sent again, so it must go out on a fresh one.
        LocalhostTls tls = new LocalhostTls();
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        Semaphore closeNow = new Semaphore(0);
        Semaphore closed = new Semaphore(0);
        try (ServerSocket server = tls.server().getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        try (Socket socket = server.accept()) {
                            InputStream in = socket.getInputStream();
                            String head = RawServer.readHead(in);
                            requests.add(i + " " + head.substring(0, head.indexOf(' ')));
                            if (head.startsWith("POST")) {
                                in.readNBytes(2);
                            }
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                    .getBytes(StandardCharsets.US_ASCII));
                            closeNow.acquire();
                        }
                        closed.release();
                    }
                } catch (Exception e) {
                    requests.add("server: " + e);
                }
            });
            serving.start();
            String url = "https://localhost:" + server.getLocalPort() + "/";
            Transport transport = Transports.sockets(tls.client());
            try {
                List<Object> outcomes = new ArrayList<>();
                for (String method : new String[] {"GET", "POST", "GET"}) {
                    outcomes.add(fetchOn(transport, url, 10_000, method));
                    closeNow.release();
                    assertTrue(closed.tryAcquire(10, TimeUnit.SECONDS));
                }
                for (Object outcome : outcomes) {
                    assertTrue(outcome instanceof HttpResponse && ((HttpResponse) outcome).text().equals("ok"),
                            String.valueOf(outcome));
                }
                assertEquals(List.of("0 GET", "1 POST", "2 GET"), requests);
            } finally {
                transport.dispose();
                serving.join(10_000);
            }
        }
    }
}
