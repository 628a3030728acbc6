package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.badlogic.gdx.ApplicationLogger;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.files.FileHandle;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outbox that honours any Retry-After ({@code maxRetryAfterMillis(Long.MAX_VALUE)}) told to
 * wait centuries: that request waits, and the others still go out when they fall due. Its queue
 * orders due times by their difference, so a wait of 2^63 ns put ahead of a request already due
 * wrapped past it and held it behind the centuries-long wait.
 */
class OutboxFarRetryTest {
    /** The outbox's backoff; jitter makes the wait between half of it and all of it. */
    private static final long BACKOFF_MILLIS = 600;

    @TempDir
    Path tmp;

    @Test
    void aRetryAfterOfCenturiesDoesNotHoldBackARequestThatIsAlreadyDue() throws Exception {
        AtomicInteger bHits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/a", exchange -> answer(exchange, 503, "99999999999999"));
        server.createContext("/b", exchange -> answer(exchange, bHits.incrementAndGet() == 1 ? 503 : 200, null));
        server.start();
        CountDownLatch bWaits = new CountDownLatch(1);
        FakeClock clock = new FakeClock();
        ApplicationLogger logger = new QuietLogger() {
            @Override
            public void debug(String tag, String message) {
                if (message.contains("/b)") && message.contains("answered 503; retrying")) {
                    bWaits.countDown();
                } else if (message.contains("/a)") && message.contains("answered 503; retrying")) {
                    // The outbox's thread, just before it queues /a: /b falls due now, as it would
                    // for a busy or descheduled thread, so /a is queued behind a request already due.
                    clock.advance(BACKOFF_MILLIS + 100, TimeUnit.MILLISECONDS);
                }
            }
        };
        HeadlessApplication app = new HeadlessApplication(new com.badlogic.gdx.ApplicationAdapter() {
        }, HeadlessApp.config());
        app.setApplicationLogger(logger);
        app.setLogLevel(com.badlogic.gdx.Application.LOG_DEBUG);
        OutboxRecorder recorder = new OutboxRecorder();
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .clock(clock)
                .outbox(OutboxConfig.builder(new FileHandle(tmp.toFile()))
                        .retryDelays(BACKOFF_MILLIS, BACKOFF_MILLIS)
                        .maxRetryAfterMillis(Long.MAX_VALUE)
                        .build())
                .build());
        try {
            fetch.setLogLevel(com.badlogic.gdx.Application.LOG_DEBUG);
            fetch.outbox().setListener(recorder);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            fetch.outbox().send(HttpRequest.post(base + "/b", RequestBody.jsonText("{}")).build(), "b");
            recorder.frames(fetch, () -> bWaits.getCount() == 0);
            fetch.outbox().send(HttpRequest.post(base + "/a", RequestBody.jsonText("{}")).build(), "a");

            recorder.frames(fetch, () -> recorder.answered.size() == 1);

            assertEquals("b", recorder.answered.get(0).tag());
            assertEquals(200, recorder.answered.get(0).status());
            assertEquals(1, fetch.outbox().pendingCount(), "/a waits for its Retry-After");
            assertEquals(List.of(), recorder.problems);
        } finally {
            fetch.dispose();
            app.exit();
            server.stop(0);
        }
    }

    @Test
    void aRetryFallsDueWhenTheManagersClockSaysSoNotTheSystemsClock() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/r", exchange -> answer(exchange, hits.incrementAndGet() == 1 ? 503 : 200, null));
        server.start();
        CountDownLatch retryQueued = new CountDownLatch(1);
        ApplicationLogger logger = new QuietLogger() {
            @Override
            public void debug(String tag, String message) {
                if (message.contains("/r)") && message.contains("answered 503; retrying")) {
                    retryQueued.countDown();
                }
            }
        };
        HeadlessApplication app = new HeadlessApplication(new com.badlogic.gdx.ApplicationAdapter() {
        }, HeadlessApp.config());
        app.setApplicationLogger(logger);
        app.setLogLevel(com.badlogic.gdx.Application.LOG_DEBUG);
        OutboxRecorder recorder = new OutboxRecorder();
        FakeClock clock = new FakeClock();
        long hourMillis = TimeUnit.HOURS.toMillis(1);
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .clock(clock)
                .outbox(OutboxConfig.builder(new FileHandle(tmp.toFile()))
                        .retryDelays(hourMillis, hourMillis)
                        .build())
                .build());
        try {
            fetch.setLogLevel(com.badlogic.gdx.Application.LOG_DEBUG);
            fetch.outbox().setListener(recorder);
            fetch.outbox().send(HttpRequest.post("http://127.0.0.1:" + server.getAddress().getPort() + "/r",
                    RequestBody.jsonText("{}")).build(), "r");
            recorder.frames(fetch, () -> retryQueued.getCount() == 0);

            // An hour a frame: the line is logged just before the retry is queued, so the hour
            // that lets it fall due is one of those that come after the worker queued it.
            recorder.frames(fetch, () -> {
                if (hits.get() < 2) {
                    clock.advance(1, TimeUnit.HOURS);
                }
                return recorder.answered.size() == 1;
            });

            assertEquals(200, recorder.answered.get(0).status());
            assertEquals(2, hits.get());
            assertEquals(List.of(), recorder.problems);
        } finally {
            fetch.dispose();
            app.exit();
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String retryAfter) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, 2);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[] {'o', 'k'});
        }
    }

    /** Drops every line but the debug ones a test overrides. */
    private static class QuietLogger implements ApplicationLogger {
        @Override
        public void log(String tag, String message) {
        }

        @Override
        public void log(String tag, String message, Throwable exception) {
        }

        @Override
        public void error(String tag, String message) {
        }

        @Override
        public void error(String tag, String message, Throwable exception) {
        }

        @Override
        public void debug(String tag, String message) {
        }

        @Override
        public void debug(String tag, String message, Throwable exception) {
        }
    }
}
