package com.gdxfetch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nginx with one worker on a free loopback port, serving the given files, run as a child
 * process from a configuration written under {@code dir}; {@link #close()} stops it. It serves
 * plain http, or https only (TLS 1.3, a self-signed ECDSA P-256 certificate for 127.0.0.1 made
 * with {@code openssl} at start, which {@link #trust()} trusts). A second port serves nginx's
 * {@code stub_status} over plain http, whose accepted-connection counter
 * {@link #acceptedConnections()} reads.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;
    private final int statusPort;
    private final Path certificate;
    private long statusQueries;

    private Nginx(Process process, int port, int statusPort, Path certificate) {
        this.process = process;
        this.port = port;
        this.statusPort = statusPort;
        this.certificate = certificate;
    }

    /** Writes {@code files} (name to content) under {@code dir}/www and starts nginx serving them. */
    static Nginx start(Path folder, Map<String, byte[]> files) throws IOException, InterruptedException {
        return start(folder, files, 0);
    }

    /**
     * As {@link #start(Path, Map)}, with the worker at nice {@code workerNice} (-20 to 19): 19 makes
     * it take CPU only when the client's threads leave some, as if it ran on another machine.
     */
    static Nginx start(Path folder, Map<String, byte[]> files, int workerNice) throws IOException, InterruptedException {
        return start(folder, files, workerNice, false, "");
    }

    /**
     * As {@link #start(Path, Map, int)}, serving https only when {@code tls} is true, with
     * {@code serverConfig} (nginx directives, such as {@code location} blocks adding headers)
     * inside the {@code server} block.
     */
    static Nginx start(Path folder, Map<String, byte[]> files, int workerNice, boolean tls, String serverConfig)
            throws IOException, InterruptedException {
        Path dir = folder.toAbsolutePath();
        String nginx = Packages.require("nginx", "nginx-light");
        Path www = dir.resolve("www");
        Files.createDirectories(www);
        Files.createDirectories(dir.resolve("logs"));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(www.resolve(file.getKey()), file.getValue());
        }
        Path certificate = tls ? selfSignedCertificate(dir) : null;
        int port = freePort();
        int statusPort = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.write(conf, config(dir, www, port, statusPort, workerNice, tls, serverConfig).getBytes(StandardCharsets.UTF_8));
        Process process = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/console.log").toFile())
                .start();
        Nginx server = new Nginx(process, port, statusPort, certificate);
        server.awaitListening();
        return server;
    }

    /** Writes cert.pem and key.pem (ECDSA P-256, for IP 127.0.0.1) under {@code dir}; returns cert.pem. */
    static Path selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        String openssl = Packages.require("openssl", "openssl");
        Path cert = dir.resolve("cert.pem");
        Process process = new ProcessBuilder(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/openssl.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IOException("openssl could not make a certificate; see logs/openssl.log");
        }
        return cert;
    }

    /** A TLS context trusting this server's certificate and nothing else. */
    SSLContext trust() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return BenchTrust.trustOnly(cert);
    }

    /** The certificate file (PEM), or null over plain http. */
    Path certificateFile() {
        return certificate;
    }

    /**
     * Connections nginx has accepted since it started on either port, those of these queries
     * excluded, so two readings around some work differ by the connections that work opened.
     */
    synchronized long acceptedConnections() throws IOException {
        statusQueries++;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), statusPort)) {
            socket.getOutputStream().write("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            // "Active connections: 1 \nserver accepts handled requests\n 12 12 345 \n..."
            int at = reply.indexOf("requests");
            if (at < 0) {
                throw new IOException("no stub_status in nginx's reply: " + reply);
            }
            return Long.parseLong(reply.substring(at + "requests".length()).trim().split("\\s+")[0]) - statusQueries;
        }
    }

    private static String config(Path dir, Path www, int port, int statusPort, int workerNice, boolean tls,
            String serverConfig) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "")
                + "worker_processes 1;\n"
                + "worker_priority " + workerNice + ";\n"
                + "worker_rlimit_nofile 16384;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 8192; multi_accept on; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  sendfile on;\n"
                + "  tcp_nopush on;\n"
                + "  tcp_nodelay on;\n"
                + "  keepalive_timeout 120s;\n"
                + "  keepalive_requests 10000000;\n"
                + "  types { application/json json; application/octet-stream bin; }\n"
                + "  default_type application/octet-stream;\n"
                + "  client_body_temp_path " + dir.resolve("tmp-body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + port + (tls ? " ssl" : "") + " backlog=4096;\n"
                + (tls ? "    ssl_certificate " + dir.resolve("cert.pem") + ";\n"
                        + "    ssl_certificate_key " + dir.resolve("key.pem") + ";\n"
                        + "    ssl_protocols TLSv1.3;\n"
                        + "    ssl_session_tickets on;\n" : "")
                + "    root " + www + ";\n"
                + "    location / { }\n"
                + serverConfig
                + "  }\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + statusPort + ";\n"
                + "    location = /status { stub_status; }\n"
                + "  }\n"
                + "}\n";
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + "; see its logs/console.log");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The URL of {@code file} on this server. */
    String url(String file) {
        return (certificate != null ? "https" : "http") + "://127.0.0.1:" + port + "/" + file;
    }

    /** The nginx master's process id, for CPU accounting. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        // SIGTERM: nginx's master stops its worker and exits.
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
