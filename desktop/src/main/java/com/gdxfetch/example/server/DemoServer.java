package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example game's server on the loopback interface: sprite sheets under {@code /sheets/},
 * the leaderboard at {@code /api/scores}, and {@code /api/ping}. Scores persist in
 * {@code scores.json} in the data folder.
 *
 * <p>Started in-process by the game when no {@code --server} is given, or alone with
 * {@code --serve PORT}. Its handlers run on its own small pool of daemon threads; {@link #close()}
 * may be called from any thread.
 */
public final class DemoServer implements AutoCloseable {
    /** The atlas the game loads; the server also serves every page image it names. */
    public static final String SHEET = "sprites.atlas";
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService pool;

    private DemoServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * Starts a server on 127.0.0.1 at {@code port} (0 picks a free one), keeping scores in
     * {@code dataDir}.
     *
     * @throws IOException if the port is taken, the sheets are missing from the classpath, or the
     *     data folder cannot be written
     */
    public static DemoServer start(int port, Path dataDir) throws IOException {
        ScoreStore scores = ScoreStore.open(dataDir.resolve("scores.json"));
        SheetHandler sheets = new SheetHandler(SHEET);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "demo-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext(SheetHandler.PREFIX, sheets);
        server.createContext(ScoresHandler.PATH, new ScoresHandler(scores));
        server.createContext(PingHandler.PATH, new PingHandler());
        server.createContext("/", exchange -> {
            try {
                Exchanges.sendError(exchange, 404, "no such resource " + exchange.getRequestURI().getPath());
            } finally {
                exchange.close();
            }
        });
        server.start();
        return new DemoServer(server, pool);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients use, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops listening and lets the worker threads go. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
