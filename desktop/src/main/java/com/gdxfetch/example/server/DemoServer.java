package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example game's server on the loopback interface: sprite sheets under {@code /sheets/},
 * the leaderboard at {@code /api/scores}, {@code /api/ping}, the optional music pack under
 * {@code /packs/}, and the example's web build under {@code /web/} when the classpath carries it.
 * Scores persist in {@code scores.json} in the data folder. The leaderboard's
 * live feed, a WebSocket on a port of its own ({@link LiveScores}), tells every connected game
 * when the best scores change.
 *
 * <p>Started in-process by the game when no {@code --server} is given, or alone with
 * {@code --serve PORT}. Its handlers run on its own small pool of daemon threads; {@link #close()}
 * may be called from any thread.
 */
public final class DemoServer implements AutoCloseable {
    /** The atlas the game loads; the server also serves every page image it names. */
    public static final String SHEET = "sprites.atlas";
    private static final int THREADS = 4;

    static {
        // The JDK server otherwise leaves Nagle's algorithm on: a small response then waits on
        // the client's delayed-ACK timer on every request of a kept-alive connection.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** How fast the music pack goes out, so that its progress bar is seen on loopback. */
    public static final long PACK_BYTES_PER_SECOND = 2L << 20;

    private final HttpServer server;
    private final ExecutorService pool;
    private final PackHandler packs;
    private final LiveScores live;

    private DemoServer(HttpServer server, ExecutorService pool, PackHandler packs, LiveScores live) {
        this.server = server;
        this.pool = pool;
        this.packs = packs;
        this.live = live;
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
        PackHandler packs = new PackHandler(PACK_BYTES_PER_SECOND);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        LiveScores live = LiveScores.start();
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "demo-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext(SheetHandler.PREFIX, sheets);
        server.createContext(ScoresHandler.PATH, new ScoresHandler(scores, live));
        server.createContext(PingHandler.PATH, new PingHandler());
        server.createContext(PackHandler.PREFIX, packs);
        server.createContext(WebAppHandler.PREFIX, new WebAppHandler());
        server.createContext("/", exchange -> {
            try {
                Exchanges.sendError(exchange, 404, "no such resource " + exchange.getRequestURI().getPath());
            } finally {
                exchange.close();
            }
        });
        server.start();
        return new DemoServer(server, pool, packs, live);
    }

    /**
     * Starts the server the game runs in-process: on the port it had last time in this data
     * folder when that port is still free (so the URLs the game cached stay valid and the next
     * run can revalidate them), otherwise on any free port, which is then remembered.
     *
     * @throws IOException if no port can be bound or the data folder cannot be written
     */
    public static DemoServer startEmbedded(Path dataDir) throws IOException {
        Path remembered = dataDir.resolve("server-port");
        int port = 0;
        try {
            port = Integer.parseInt(Files.readString(remembered, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException firstRunOrUnreadable) {
            port = 0;
        }
        DemoServer server;
        try {
            server = start(port > 0 && port <= 65535 ? port : 0, dataDir);
        } catch (BindException taken) {
            server = start(0, dataDir);
        }
        if (server.port() != port) {
            Files.writeString(remembered, Integer.toString(server.port()), StandardCharsets.UTF_8);
        }
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients use, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The page that runs the example's web build against this server (same origin). */
    public String webUrl() {
        return url() + WebAppHandler.PREFIX + WebAppHandler.INDEX;
    }

    /** Whether the classpath carries the compiled web build that {@link #webUrl()} serves. */
    public static boolean hasWebBuild() {
        return WebAppHandler.available();
    }

    /** The music pack's bytes as served. */
    public byte[] musicPack() {
        return packs.pack();
    }

    /** Serves the music pack at {@code bytesPerSecond} from now on; 0 for no limit. */
    public void musicPackRate(long bytesPerSecond) {
        packs.rate(bytesPerSecond);
    }

    /**
     * Pack responses stop at byte {@code offset} of the file, the connection left open, until
     * {@link #releaseMusicPack()}: a download cut off mid-way, on demand.
     */
    public void holdMusicPackAt(long offset) {
        packs.holdAt(offset);
    }

    /** Lets held pack responses go on. */
    public void releaseMusicPack() {
        packs.release();
    }

    /** The live feed's WebSocket URL. */
    public String liveUrl() {
        return live.url();
    }

    /** Stops listening, drops the live feed's games and lets the worker threads go. */
    @Override
    public void close() {
        live.close();
        server.stop(0);
        pool.shutdownNow();
    }
}
