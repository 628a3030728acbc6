package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.testing.TransportOutcome;
import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies framed by the connection's end over TLS, served by {@code openssl s_server} (RFC 9112
 * section 9.8): only a TLS close_notify ends one; a TCP close without it is a truncation.
 */
class TlsTruncationTest {
    private static final HeldCertificate CERTIFICATE = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").build();
    private static final String HEAD = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";

    @TempDir
    File dir;
    private Process server;
    /** What s_server prints: ACCEPT, then what it read from the client. */
    private java.io.BufferedReader serverOut;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private int start(String... options) throws Exception {
        File cert = new File(dir, "cert.pem");
        File key = new File(dir, "key.pem");
        Files.write(cert.toPath(), CERTIFICATE.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Files.write(key.toPath(), CERTIFICATE.privateKeyPkcs8Pem().getBytes(StandardCharsets.US_ASCII));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(Arrays.asList("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.getPath(), "-key", key.getPath(), "-naccept", "1"));
        command.addAll(Arrays.asList(options));
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        // s_server prints ACCEPT once it listens; a probe connection would use up its one accept.
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                server.getInputStream(), StandardCharsets.US_ASCII));
        serverOut = out;
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); !"ACCEPT".equals(line); line = out.readLine()) {
            assertTrue(line != null, "openssl s_server did not start: " + said);
            said.append(line).append('\n');
        }
        return port;
    }

    private static SSLContext trust() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(CERTIFICATE.certificate()).build()
                .sslContext();
    }

    /** The outcome of one GET; {@code received} counts down once {@code bodyBytes} of the body arrived. */
    private static Object fetch(String url, long bodyBytes, CountDownLatch received) throws Exception {
        SocketTransport transport = new SocketTransport(trust(), 0, 1000, Thread.NORM_PRIORITY, TlsPlatform.get());
        try {
            TransportOutcome outcome = new TransportOutcome() {
                @Override
                public void downloadProgress(long got, long total) {
                    if (got >= bodyBytes) {
                        received.countDown();
                    }
                }
            };
            transport.start(HttpRequest.get(url).connectTimeout(10_000).readTimeout(20_000).build(), outcome);
            return outcome.await();
        } finally {
            transport.dispose();
        }
    }

    /** The outcome of a GET of a server that sends {@code head} and 1000 bytes, then dies. */
    private Object cutAfter(String head) throws Exception {
        int port = start();
        char[] body = new char[1000];
        Arrays.fill(body, 'x');
        OutputStream relay = server.getOutputStream();
        relay.write((head + new String(body)).getBytes(StandardCharsets.US_ASCII));
        relay.flush();
        CountDownLatch received = new CountDownLatch(1);
        String url = "https://localhost:" + port + "/";
        Thread cut = new Thread(() -> {
            try {
                received.await();
                // Only once s_server has read the request: a process killed with unread bytes in
                // its socket makes the kernel send a reset, where this case needs a plain FIN.
                for (String line = serverOut.readLine(); line != null && !line.startsWith("GET "); ) {
                    line = serverOut.readLine();
                }
                // The kernel closes the killed server's socket: a TCP FIN, no close_notify.
                server.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                server.destroyForcibly();
            }
        });
        cut.start();

        Object outcome = fetch(url, body.length, received);
        cut.join();
        return outcome;
    }

    @Test
    void aCloseDelimitedBodyCutWithoutCloseNotifyFailsAsTruncated() throws Exception {
        String url = "GET https://localhost:";
        Object outcome = cutAfter(HEAD);

        assertTrue(outcome instanceof FetchException, "a truncated body was delivered as complete: " + outcome);
        FetchException failure = (FetchException) outcome;
        assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
        assertTrue(failure.getMessage().contains(url) && failure.getMessage().contains("close_notify"),
                failure.getMessage());
    }

    @Test
    void aBodyCutShortOfItsContentLengthOverTlsFailsAsProtocol() throws Exception {
        Object outcome = cutAfter("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n");

        assertTrue(outcome instanceof FetchException, String.valueOf(outcome));
        assertEquals(FailureKind.PROTOCOL, ((FetchException) outcome).kind(), ((FetchException) outcome).getMessage());
    }

    @Test
    void aChunkedBodyCutInsideAChunkOverTlsFailsAsProtocol() throws Exception {
        Object outcome = cutAfter("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n");

        assertTrue(outcome instanceof FetchException, String.valueOf(outcome));
        assertEquals(FailureKind.PROTOCOL, ((FetchException) outcome).kind(), ((FetchException) outcome).getMessage());
    }

    @Test
    void aCloseDelimitedBodyEndedWithCloseNotifyIsComplete() throws Exception {
        int port = start("-www");

        Object outcome = fetch("https://localhost:" + port + "/", Long.MAX_VALUE, new CountDownLatch(1));

        assertTrue(outcome instanceof HttpResponse, String.valueOf(outcome));
        HttpResponse response = (HttpResponse) outcome;
        assertEquals(null, response.headers().get("Content-Length"));
        assertTrue(response.text().contains("</HTML>") || response.text().contains("</BODY>"), response.text());
    }
}
