package com.gdxfetch.bench;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.OutboxListener;
import com.gdxfetch.net.OutboxResult;
import com.gdxfetch.net.RequestBody;
import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Outbox write latency per request: a typical 200-byte JSON score POST put in the outbox, one at
 * a time. Three figures per request: how long {@code send} holds the calling (render) thread;
 * how long until the request is durably in the journal (written, synced, renamed: what a
 * {@code send} that wrote synchronously would hold the render thread for); and the whole trip to
 * a delivered outcome against a loopback server (store, send, answer recorded, listener run).
 */
public final class OutboxBench implements BenchSuite {
    private static final int WARM_UP = 50;
    private static final int REQUESTS = 300;

    private int answered;

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/scores", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":true}".getBytes();
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path journal = Files.createTempDirectory(outputDir, "outbox-journal");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/scores";
        String json = scoreJson();
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(journal.toFile())).build()).build());
        fetch.outbox().setListener(new OutboxListener() {
            @Override
            public void onAnswered(OutboxResult result) {
                answered++;
            }

            @Override
            public void onDropped(String id, String reason) {
                throw new IllegalStateException(reason);
            }
        });
        double[] sendMicros = new double[REQUESTS];
        double[] storeMicros = new double[REQUESTS];
        double[] roundTripMicros = new double[REQUESTS];
        try {
            for (int i = -WARM_UP; i < REQUESTS; i++) {
                HttpRequest request = HttpRequest.post(url, RequestBody.jsonText(json)).build();
                long t0 = System.nanoTime();
                OutboxHandle handle = fetch.outbox().send(request, "score");
                long t1 = System.nanoTime();
                while (!handle.isStored()) {
                    Thread.onSpinWait();
                }
                long t2 = System.nanoTime();
                int before = answered;
                while (answered == before) {
                    fetch.update();
                    LockSupport.parkNanos(20_000);
                }
                long t3 = System.nanoTime();
                if (i >= 0) {
                    sendMicros[i] = (t1 - t0) / 1e3;
                    storeMicros[i] = (t2 - t0) / 1e3;
                    roundTripMicros[i] = (t3 - t0) / 1e3;
                }
            }
        } finally {
            fetch.dispose();
            server.stop(0);
            try (Stream<Path> files = Files.walk(journal)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        new JsonOut()
                .put("suite", "outbox")
                .put("requests", REQUESTS)
                .put("bodyBytes", json.length())
                .put("journalFileSystem", fileSystemOf(outputDir))
                .put("sendReturnMicros", stats(sendMicros))
                .put("storedMicros", stats(storeMicros))
                .put("deliveredMicros", stats(roundTripMicros))
                .write(outputDir.resolve("outbox.json"));
    }

    private static JsonOut stats(double[] micros) {
        return new JsonOut().put("median", Stats.median(micros)).put("p99", Stats.percentile(micros, 99))
                .put("max", Stats.max(micros));
    }

    /** A 200-byte score submission, as the example game sends. */
    static String scoreJson() {
        StringBuilder json = new StringBuilder("{\"name\":\"player-one\",\"points\":123456,\"level\":7,"
                + "\"durationMillis\":183250,\"build\":\"1.4.2\",\"replay\":\"");
        while (json.length() < 198) {
            json.append('a');
        }
        return json.append("\"}").toString();
    }

    private static String fileSystemOf(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
