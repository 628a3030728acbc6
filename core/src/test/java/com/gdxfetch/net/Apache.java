package com.gdxfetch.net;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * A private Apache httpd on a loopback port, started in the foreground as the test's child with
 * its own configuration (not the system's) and killed with it. Its access log records, per
 * request, the client's port, how many requests its connection had carried before, the request
 * line, the status and the Range and If-None-Match headers.
 */
final class Apache implements AutoCloseable {
    private static final String BINARY = "/usr/sbin/apache2";
    private static final String MODULES = "/usr/lib/apache2/modules/";

    private final Process process;
    private final File prefix;
    final int port;

    /**
     * Serves {@code root}, which with its parent folders must be readable by everyone: started as
     * root, httpd serves from processes running as nobody. A request with an {@code X-Slow}
     * header is served at 200 KB/s.
     *
     * @param directives server-wide directives after the fixed ones (listen, logs, modules)
     */
    Apache(File root, File prefix, String directives) throws IOException {
        if (!new File(BINARY).canExecute()) {
            throw new IllegalStateException(BINARY + " is missing: install the apache2 package to run this test");
        }
        this.prefix = prefix;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        StringBuilder conf = new StringBuilder();
        for (String module : new String[] {"mpm_event", "authz_core", "dir", "mime", "headers", "deflate", "filter",
                "alias", "setenvif", "ratelimit", "log_config"}) {
            File so = new File(MODULES + "mod_" + module + ".so");
            // log_config is built into Debian's binary, the others are loadable modules.
            if (so.exists()) {
                conf.append("LoadModule ").append(module).append("_module ").append(so).append('\n');
            }
        }
        String p = prefix.getAbsolutePath();
        conf.append("ServerRoot ").append(p).append("\nServerName 127.0.0.1\nListen 127.0.0.1:").append(port)
                .append("\nUser nobody\nGroup nogroup\nPidFile ").append(p).append("/httpd.pid\nMutex posixsem\n")
                .append("ErrorLog ").append(p).append("/error.log\nLogLevel warn\n")
                .append("LogFormat \"%{remote}p %k %r %>s %{Range}i %{If-None-Match}i %{If-Range}i\" exchanges\n")
                .append("SetOutputFilter RATE_LIMIT\nSetEnvIf X-Slow . rate-limit=200\n")
                .append("CustomLog ").append(p).append("/access.log exchanges\nTypesConfig /etc/mime.types\n")
                .append("DocumentRoot ").append(root.getAbsolutePath()).append("\n<Directory ")
                .append(root.getAbsolutePath()).append(">\n  Require all granted\n</Directory>\n").append(directives);
        File file = new File(prefix, "httpd.conf");
        Files.write(file.toPath(), conf.toString().getBytes(StandardCharsets.UTF_8));
        process = new ProcessBuilder(BINARY, "-f", file.getAbsolutePath(), "-DFOREGROUND").redirectErrorStream(true)
                .redirectOutput(new File(prefix, "stdout.log")).start();
        ChildServer.awaitListening(process, port, "apache2", () -> log("error.log") + log("stdout.log"));
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
        // SIGTERM, so that the parent takes its worker processes down with it.
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
