package com.gdxfetch.net;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * A private nginx on a loopback port, started in the foreground as the test's child and killed
 * with it. The plain one serves one folder, with an access log that records each request's Range
 * header; a request with an {@code X-Slow} header is served at 100 KB/s.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final File prefix;
    final int port;

    Nginx(File root, File prefix) throws IOException {
        this(prefix, "  log_format ranges '$request $status $http_range';\n  access_log %PREFIX%/access.log ranges;\n"
                + "  sendfile on;\n", "    listen 127.0.0.1:%PORT%;\n    root " + root.getAbsolutePath() + ";\n"
                + "    if ($http_x_slow) { set $limit_rate 100k; }\n");
    }

    /**
     * A private nginx with {@code http} directives and one {@code server} block, in which
     * {@code %PORT%} is its port and {@code %PREFIX%} its folder (for logs and certificates).
     */
    Nginx(File prefix, String http, String server) throws IOException {
        this.prefix = prefix;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\npid nginx.pid;\n"
                + "error_log %PREFIX%/error.log;\nevents { worker_connections 64; }\n"
                + "http {\n" + http + "  client_body_temp_path tmp;\n  proxy_temp_path tmp;\n  fastcgi_temp_path tmp;\n"
                + "  uwsgi_temp_path tmp;\n  scgi_temp_path tmp;\n  server {\n" + server + "  }\n}\n";
        conf = conf.replace("%PORT%", Integer.toString(port)).replace("%PREFIX%", prefix.getAbsolutePath());
        File file = new File(prefix, "nginx.conf");
        Files.write(file.toPath(), conf.getBytes(StandardCharsets.UTF_8));
        new File(prefix, "tmp").mkdirs();
        String nginx = new File("/usr/sbin/nginx").canExecute() ? "/usr/sbin/nginx" : "nginx";
        process = new ProcessBuilder(nginx, "-p", prefix.getAbsolutePath(), "-c", file.getAbsolutePath())
                .redirectErrorStream(true).redirectOutput(new File(prefix, "stdout.log")).start();
        ChildServer.awaitListening(process, port, "nginx", () -> log("error.log") + log("stdout.log"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** One of its logs so far ({@code access.log}: one line per request). */
    String log(String name) throws IOException {
        return ChildServer.log(prefix, name);
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
