package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.gdxfetch.testing.CapturingLogger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** The threading contract, seen from a real libGDX application loop (the headless backend). */
class RenderThreadTest {
    @Test
    void callbacksRunOnTheApplicationsRenderThreadInsideUpdate() throws Exception {
        MockWebServer server = new MockWebServer();
        for (int i = 0; i < 20; i++) {
            server.enqueue(new MockResponse().setBody("r" + i));
        }
        server.start();
        CompletableFuture<List<String>> outcome = new CompletableFuture<>();
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 60;
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() {
            FetchManager fetch;
            Thread renderThread;
            boolean inUpdate;
            final List<String> problems = new ArrayList<>();
            int delivered;

            @Override
            public void create() {
                fetch = new FetchManager();
                for (int i = 0; i < 20; i++) {
                    fetch.get(server.url("/r" + i).toString()).send(Decoders.text(), new FetchCallback<String>() {
                        @Override
                        public void onSuccess(String result, HttpResponse response) {
                            check();
                            delivered++;
                        }

                        @Override
                        public void onFailure(FetchException failure) {
                            problems.add(failure.getMessage());
                        }
                    });
                }
            }

            private void check() {
                if (Thread.currentThread() != renderThread) {
                    problems.add("callback on " + Thread.currentThread().getName());
                }
                if (!inUpdate) {
                    problems.add("callback outside update()");
                }
            }

            @Override
            public void render() {
                renderThread = Thread.currentThread();
                inUpdate = true;
                fetch.update();
                inUpdate = false;
                if (delivered + problems.size() == 20) {
                    fetch.dispose();
                    outcome.complete(problems);
                    Gdx.app.exit();
                }
            }
        }, config);
        try {
            assertEquals(List.of(), outcome.get(30, TimeUnit.SECONDS));
        } finally {
            app.exit();
            server.shutdown();
        }
    }

    @Test
    void awaitInCreateBeforeTheFirstUpdateThrowsInsteadOfFreezingTheGame() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 60;
        try (SilentServer silent = new SilentServer()) {
            HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() {
                FetchManager fetch;

                @Override
                public void create() {
                    fetch = new FetchManager();
                    FetchHandle<String> handle = fetch.get(silent.url("/never")).send(Decoders.text(), null);
                    try {
                        handle.await(2, TimeUnit.SECONDS);
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                }

                @Override
                public void render() {
                    fetch.update();
                }

                @Override
                public void dispose() {
                    fetch.dispose();
                }
            }, config);
            try {
                Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
                assertTrue(thrown instanceof IllegalStateException, String.valueOf(thrown));
                assertTrue(thrown.getMessage().contains("deadlock"), thrown.getMessage());
            } finally {
                app.exit();
            }
        }
    }

    @Test
    void resultsLeftUndeliveredForSecondsLogOneWarning() throws Exception {
        MockWebServer server = new MockWebServer();
        server.enqueue(new MockResponse().setBody("a"));
        server.enqueue(new MockResponse().setBody("b"));
        server.start();
        CapturingLogger warnings = CapturingLogger.ofLibrary();
        HeadlessApplication app = HeadlessApp.loggingTo(warnings);
        FakeClock clock = new FakeClock();
        FetchManager fetch = new FetchManager(FetchConfig.builder().clock(clock).undeliveredWarningMillis(5_000).build());
        try {
            fetch.update();
            FetchHandle<HttpResponse> first = fetch.get(server.url("/a").toString()).send();
            awaitAllPosted(fetch);
            assertTrue(warnings.lines().isEmpty(), "a result that has just arrived is no reason to warn");
            // The first result waits 6 s while update() is not being called; the next send sees it.
            clock.advance(6, TimeUnit.SECONDS);
            FetchHandle<HttpResponse> second = fetch.get(server.url("/b").toString()).send();
            awaitAllPosted(fetch);
            List<String> lines = warnings.lines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("update()"), lines.get(0));
            Frames.untilDone(fetch, first, second);
            assertNotNull(first.result());
        } finally {
            fetch.dispose();
            app.exit();
            server.shutdown();
        }
    }

    private static void awaitAllPosted(FetchManager fetch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fetch.inFlightCount() != 0 || fetch.queuedCount() != 0) {
            assertTrue(System.nanoTime() < deadline, "responses did not arrive");
            Thread.onSpinWait();
        }
    }
}
