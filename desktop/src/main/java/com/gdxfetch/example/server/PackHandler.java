package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The optional music pack ({@code GET /packs/music-pack.wav}) and its manifest
 * ({@code GET /packs/music-pack.json}: size and SHA-256). The pack is the game's loop played
 * {@value #LOOPS} times, built once at start. It is served the way a download host serves big
 * files: a strong ETag, {@code Range: bytes=N-} answered with 206 when {@code If-Range} still
 * matches (200, the whole file, when it does not), 416 past the end. The body goes out at a
 * limited rate, so the game's progress bar has something to show on loopback.
 */
final class PackHandler implements HttpHandler {
    static final String PREFIX = "/packs/";
    static final String PACK = "music-pack.wav";
    static final String MANIFEST = "music-pack.json";
    private static final int LOOPS = 12;
    private static final int PIECE = 16 * 1024;

    private final byte[] pack;
    private final String etag;
    private final String manifest;
    private volatile long bytesPerSecond;
    private volatile long holdAt = -1;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    PackHandler(long bytesPerSecond) throws IOException {
        this.pack = build();
        this.bytesPerSecond = bytesPerSecond;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pack);
            this.etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            this.manifest = "{\"file\": \"" + PACK + "\", \"size\": " + pack.length + ", \"sha256\": \""
                    + HexFormat.of().formatHex(digest) + "\"}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The pack's bytes, for tests. */
    byte[] pack() {
        return pack;
    }

    /** Sends at most {@code rate} bytes per second from now on; 0 for no limit. */
    void rate(long rate) {
        bytesPerSecond = rate;
    }

    /** Responses stop sending at byte {@code offset} of the file until {@link #release()}. */
    void holdAt(long offset) {
        hold = new CountDownLatch(1);
        holdAt = offset;
    }

    void release() {
        holdAt = -1;
        hold.countDown();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Exchanges.sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use GET");
                return;
            }
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (name.equals(MANIFEST)) {
                Exchanges.sendJson(exchange, 200, manifest);
            } else if (name.equals(PACK)) {
                sendPack(exchange);
            } else {
                Exchanges.sendError(exchange, 404, "no pack file '" + name + "'");
            }
        } finally {
            exchange.close();
        }
    }

    private void sendPack(HttpExchange exchange) throws IOException {
        long from = rangeStart(exchange.getRequestHeaders().getFirst("Range"),
                exchange.getRequestHeaders().getFirst("If-Range"));
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        if (from >= pack.length) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + pack.length);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (pack.length - 1) + "/" + pack.length);
            exchange.sendResponseHeaders(206, pack.length - from);
        } else {
            exchange.sendResponseHeaders(200, pack.length);
        }
        OutputStream out = exchange.getResponseBody();
        long start = System.nanoTime();
        long sent = 0;
        for (int at = (int) from; at < pack.length; ) {
            long stop = holdAt;
            if (stop >= 0 && at >= stop) {
                out.flush();
                awaitRelease();
                continue;
            }
            int n = Math.min(PIECE, pack.length - at);
            if (stop >= 0) {
                n = (int) Math.min(n, stop - at);
            }
            out.write(pack, at, n);
            at += n;
            sent += n;
            long rate = bytesPerSecond;
            if (rate > 0) {
                // Paced against the start, so the average holds whatever the scheduler does.
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    out.flush();
                    LockSupport.parkNanos(wait);
                }
            }
        }
        out.flush();
    }

    private void awaitRelease() throws IOException {
        try {
            if (!hold.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the pack stayed on hold for 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the pack was on hold", e);
        }
    }

    /** Where a {@code Range: bytes=N-} asks to start, 0 when absent, malformed or for another version. */
    private long rangeStart(String range, String ifRange) {
        if (range == null || !range.startsWith("bytes=") || !range.endsWith("-")
                || (ifRange != null && !ifRange.equals(etag))) {
            return 0;
        }
        try {
            long from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
            return from < 0 ? 0 : from;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The loop on the classpath, its samples repeated {@value #LOOPS} times under one WAV header. */
    private static byte[] build() throws IOException {
        byte[] loop;
        try (InputStream in = PackHandler.class.getResourceAsStream("/music/loop.wav")) {
            if (in == null) {
                throw new IOException("music/loop.wav is not on the classpath");
            }
            loop = in.readAllBytes();
        }
        // The generator writes a plain 44-byte header; the samples follow it.
        int samples = loop.length - 44;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * LOOPS).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(loop, 0, 44);
        for (int i = 0; i < LOOPS; i++) {
            wav.put(loop, 44, samples);
        }
        wav.putInt(4, 36 + samples * LOOPS).putInt(40, samples * LOOPS);
        return wav.array();
    }
}
