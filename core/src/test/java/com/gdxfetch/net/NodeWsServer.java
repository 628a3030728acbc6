package com.gdxfetch.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code ws} package's WebSocket server ({@code src/test/node/ws-server.js}), run with
 * Node as a child process on a free loopback port; {@link #close()} kills it.
 */
final class NodeWsServer implements AutoCloseable {
    private static final File DIR = new File("src/test/node");

    private final Process process;
    private final int port;
    private final boolean tls;

    private NodeWsServer(boolean tls, String... tlsFiles) throws IOException {
        if (!new File(DIR, "node_modules/ws").isDirectory()) {
            throw new IllegalStateException("the ws package is not installed: run 'npm ci --prefix core/src/test/node' "
                    + "(.ci/run does it)");
        }
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

    static NodeWsServer start() throws IOException {
        return new NodeWsServer(false);
    }

    static NodeWsServer startTls(File certificatePem, File keyPem) throws IOException {
        return new NodeWsServer(true, certificatePem.getAbsolutePath(), keyPem.getAbsolutePath());
    }

    String url(String path) {
        return (tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
