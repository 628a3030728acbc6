package com.gdxfetch.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The httpbin project's server (Debian's {@code python3-httpbin}) run by gunicorn on a loopback
 * port the kernel picks, with threaded workers so connections are kept alive. {@code .ci/run}
 * installs both packages; {@link #close()} stops the server.
 */
public final class Httpbin implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final int port;

    private Httpbin(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts httpbin and returns once it listens. */
    public static Httpbin start() throws IOException {
        if (!new File("/usr/bin/gunicorn").canExecute()) {
            throw new IOException("gunicorn is not installed: run .ci/run, or apt-get install python3-httpbin gunicorn");
        }
        Process process = new ProcessBuilder("/usr/bin/gunicorn", "--bind", "127.0.0.1:0", "--workers", "2",
                "--worker-class", "gthread", "--threads", "8", "--keep-alive", "30", "httpbin:app")
                .redirectErrorStream(true)
                .start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = log.readLine()) != null;) {
            seen.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                drain(log, "httpbin-log");
                return new Httpbin(process, Integer.parseInt(listening.group(1)));
            }
        }
        process.destroyForcibly();
        throw new IOException("httpbin (gunicorn) exited before listening:\n" + seen);
    }

    /**
     * Keeps reading a child server's log on a daemon thread named {@code threadName}, so the
     * server never blocks on a full pipe once its start-up lines have been read.
     */
    public static void drain(BufferedReader log, String threadName) {
        Thread drainer = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // discarded: the log only matters while starting
                }
            } catch (IOException ended) {
                // the server stopped
            }
        }, threadName);
        drainer.setDaemon(true);
        drainer.start();
    }

    /** The URL of {@code pathAndQuery} (starting with '/') on this server. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
