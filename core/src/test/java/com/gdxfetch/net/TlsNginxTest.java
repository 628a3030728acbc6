package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection reuse over TLS against nginx, whose access log records each request's connection
 * number and whether its TLS session was resumed ({@code $ssl_session_reused}).
 */
class TlsNginxTest {
    private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Test Root").build();
    private static final HeldCertificate LEAF = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
            .signedBy(ROOT).build();

    @TempDir
    File dir;
    private Nginx nginx;

    @BeforeEach
    void start() throws Exception {
        File www = new File(dir, "www");
        www.mkdirs();
        Files.write(new File(www, "a.txt").toPath(), "hello".getBytes(StandardCharsets.US_ASCII));
        Files.write(new File(dir, "cert.pem").toPath(), LEAF.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Files.write(new File(dir, "key.pem").toPath(), LEAF.privateKeyPkcs8Pem().getBytes(StandardCharsets.US_ASCII));
        nginx = new Nginx(dir, "  log_format tls '$request $status $connection $ssl_session_reused';\n"
                + "  access_log %PREFIX%/access.log tls;\n  ssl_session_cache shared:tls:1m;\n",
                "    listen 127.0.0.1:%PORT% ssl;\n    ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "    ssl_certificate %PREFIX%/cert.pem;\n    ssl_certificate_key %PREFIX%/key.pem;\n"
                + "    root " + www.getAbsolutePath() + ";\n");
    }

    @AfterEach
    void stop() throws Exception {
        nginx.close();
    }

    /** The access log's lines once it has {@code count} (nginx writes each after its response). */
    private List<String> log(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String text = nginx.log("access.log");
            List<String> lines = text.isEmpty() ? Arrays.<String>asList() : Arrays.asList(text.split("\n"));
            if (lines.size() >= count || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.onSpinWait();
        }
    }

    private static SSLContext trust() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(ROOT.certificate()).build().sslContext();
    }

    private String url(String path) {
        return "https://localhost:" + nginx.port + path;
    }

    @Test
    void requestsInTurnShareOnePooledTlsConnection() throws Exception {
        Transport transport = Transports.sockets(trust());
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals("hello", ((HttpResponse) TlsServersTest.fetchOn(transport, url("/a.txt"), 10_000)).text());
            }
        } finally {
            transport.dispose();
        }

        List<String> lines = log(3);
        assertEquals(3, lines.size(), String.valueOf(lines));
        String connection = lines.get(0).split(" ")[4];
        for (String line : lines) {
            assertEquals(connection, line.split(" ")[4], "one connection, one handshake: " + lines);
        }
    }

    @Test
    void aNewConnectionResumesTheTlsSessionOfAnEarlierOne() throws Exception {
        SSLContext trust = trust();
        for (int i = 0; i < 2; i++) {
            Transport transport = Transports.sockets(trust);
            try {
                assertEquals(200, ((HttpResponse) TlsServersTest.fetchOn(transport, url("/a.txt"), 10_000)).status());
            } finally {
                transport.dispose();
            }
        }

        List<String> lines = log(2);
        assertTrue(lines.size() == 2 && lines.get(0).endsWith(" .") && lines.get(1).endsWith(" r"),
                "the second connection resumes the first's session: " + lines);
    }
}
