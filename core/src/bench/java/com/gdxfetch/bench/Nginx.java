package com.gdxfetch.bench;

import java.io.IOException;
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
 * process from a configuration written under {@code dir}; {@link #close()} stops it.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
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
        return start(folder, files, workerNice, "");
    }

    /**
     * As {@link #start(Path, Map, int)}, with {@code serverConfig} (nginx directives, such as
     * {@code location} blocks adding headers) inside the {@code server} block.
     */
    static Nginx start(Path folder, Map<String, byte[]> files, int workerNice, String serverConfig)
            throws IOException, InterruptedException {
        Path dir = folder.toAbsolutePath();
        String nginx = Packages.require("nginx", "nginx-light");
        Path www = dir.resolve("www");
        Files.createDirectories(www);
        Files.createDirectories(dir.resolve("logs"));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(www.resolve(file.getKey()), file.getValue());
        }
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.write(conf, config(dir, www, port, workerNice, serverConfig).getBytes(StandardCharsets.UTF_8));
        Process process = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/console.log").toFile())
                .start();
        Nginx server = new Nginx(process, port);
        server.awaitListening();
        return server;
    }

    private static String config(Path dir, Path www, int port, int workerNice, String serverConfig) {
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
                + "    listen 127.0.0.1:" + port + " backlog=4096;\n"
                + "    root " + www + ";\n"
                + "    location / { }\n"
                + serverConfig
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
        return "http://127.0.0.1:" + port + "/" + file;
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
