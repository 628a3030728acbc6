package com.gdxfetch.net;

import java.io.File;
import java.io.IOException;

/**
 * The npm {@code ws} package's WebSocket server ({@code src/test/node/ws-server.js}), run with
 * Node as a child process on a free loopback port ({@link NodeServer}); {@link #close()} kills
 * it. Public for the benchmarks, which run against the same server.
 */
public final class NodeWsServer implements AutoCloseable {
    private final NodeServer node;
    private final boolean tls;

    private NodeWsServer(boolean tls, String... tlsFiles) throws IOException {
        this.tls = tls;
        node = tls ? new NodeServer("ws-server.js", "--tls", tlsFiles[0], tlsFiles[1]) : new NodeServer("ws-server.js");
    }

    public static NodeWsServer start() throws IOException {
        return new NodeWsServer(false);
    }

    /** The server with permessage-deflate: {@code "--deflate"}, or {@code "--deflate-no-context"}. */
    static NodeWsServer startDeflate(String option) throws IOException {
        return new NodeWsServer(option);
    }

    private NodeWsServer(String option) throws IOException {
        this.tls = false;
        node = new NodeServer("ws-server.js", option);
    }

    static NodeWsServer startTls(File certificatePem, File keyPem) throws IOException {
        return new NodeWsServer(true, certificatePem.getAbsolutePath(), keyPem.getAbsolutePath());
    }

    public String url(String path) {
        return (tls ? "wss://localhost:" : "ws://127.0.0.1:") + node.port + path;
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
    }
}
