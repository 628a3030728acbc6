package com.gdxfetch.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code ws} package's WebSocket server ({@code src/test/node/ws-server.js}), run with
 * Node as a child process on a free loopback port; {@link #close()} kills it. The package is
 * installed at its locked version ({@code npm ci}) the first time it is missing. Public for the
 * benchmarks, which run against the same server.
 */
public final class NodeWsServer implements AutoCloseable {
    private static final File DIR = new File("src/test/node");

    private final Process process;
    private final int port;
    private final boolean tls;

    private NodeWsServer(boolean tls, String... tlsFiles) throws IOException {
        installOnce();
        this.tls = tls;
        String[] command = tls
                ? new String[] {"node", "ws-server.js", "--tls", tlsFiles[0], tlsFiles[1]}
                : new String[] {"node", "ws-server.js"};
        process = new ProcessBuilder(command).directory(DIR).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException("ws-server.js did not report its port; it printed '" + line + "'");
        }
        port = Integer.parseInt(line.substring(5).trim());
    }

    /** Installs the locked ws package when it is missing; node_modules is ignored by git. */
    private static synchronized void installOnce() throws IOException {
        if (new File(DIR, "node_modules/ws").isDirectory()) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("'npm ci' in " + DIR.getAbsolutePath() + " failed; Node and npm are needed "
                        + "(.ci/run installs them)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted installing the ws package", e);
        }
    }

    public static NodeWsServer start() throws IOException {
        return new NodeWsServer(false);
    }

    static NodeWsServer startTls(File certificatePem, File keyPem) throws IOException {
        return new NodeWsServer(true, certificatePem.getAbsolutePath(), keyPem.getAbsolutePath());
    }

    public String url(String path) {
        return (tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
