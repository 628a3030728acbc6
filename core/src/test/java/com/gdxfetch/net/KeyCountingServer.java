package com.gdxfetch.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that applies each POST once per Idempotency-Key, as a score service does:
 * the first request with a key takes effect and its answer is kept; a repeat gets the kept answer
 * and changes nothing. Statuses can be scripted ahead (a 5xx changes nothing), and one request
 * can be held after it took effect, to kill the client mid-send.
 */
final class KeyCountingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Integer> effects = new HashMap<>();
    private final Map<String, String> answers = new HashMap<>();
    private final List<String> receipts = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    private volatile boolean down;
    private volatile CountDownLatch hold;
    /** Counted down when a held request has taken effect and waits. */
    final CountDownLatch held = new CountDownLatch(1);
    /** Counted down each time an answer that took effect was written. */
    private volatile CountDownLatch answeredOnce = new CountDownLatch(1);

    KeyCountingServer() throws IOException {
        this(0);
    }

    KeyCountingServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers every request with 503 (changing nothing) until {@link #up()}. */
    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    /** The next requests get these statuses, then the normal 201; {@code "429 0"} adds Retry-After 0. */
    void script(String... statuses) {
        for (String s : statuses) {
            script.add(s);
        }
    }

    /** Holds the next request that takes effect until {@code release} is counted down. */
    void holdNext(CountDownLatch release) {
        hold = release;
    }

    /** Waits until an answer that took effect was written. */
    boolean awaitAnswered(long seconds) throws InterruptedException {
        return answeredOnce.await(seconds, TimeUnit.SECONDS);
    }

    synchronized int effectsOf(String key) {
        Integer n = effects.get(key);
        return n == null ? 0 : n;
    }

    synchronized int totalEffects() {
        int total = 0;
        for (int n : effects.values()) {
            total += n;
        }
        return total;
    }

    /** The Idempotency-Key of every request received, in order (null for a request without one). */
    synchronized List<String> receipts() {
        return new ArrayList<>(receipts);
    }

    synchronized List<String> bodies() {
        return new ArrayList<>(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String scripted;
        String kept;
        int effectNumber = -1;
        synchronized (this) {
            receipts.add(key);
            bodies.add(body);
            scripted = down ? "503" : script.poll();
            kept = key == null ? null : answers.get(key);
            if (scripted == null && kept == null) {
                effectNumber = totalEffects() + 1;
                effects.merge(key, 1, Integer::sum);
                answers.put(key, "{\"accepted\":" + effectNumber + "}");
            }
        }
        if (scripted != null) {
            String[] parts = scripted.split(" ");
            if (parts.length > 1) {
                exchange.getResponseHeaders().set("Retry-After", parts[1]);
            }
            respond(exchange, Integer.parseInt(parts[0]), "{\"error\":" + parts[0] + "}");
            return;
        }
        if (kept != null) {
            respond(exchange, 200, kept);
            return;
        }
        CountDownLatch release = hold;
        if (release != null) {
            hold = null;
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            respond(exchange, 201, "{\"accepted\":" + effectNumber + "}");
        } finally {
            answeredOnce.countDown();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
