package com.gdxfetch.net;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on loopback answering every request at once with the two bytes "ok": a
 * fast, well-behaved peer for races, where only the client's side is under test.
 */
final class OkServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    /** A server accepting {@code backlog} waiting connections, answering on {@code threads} threads. */
    OkServer(int backlog, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[] {'o', 'k'});
            }
        });
        server.start();
    }

    /** The URL of {@code path} (starting with '/') on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
