package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which thread may set the outbox's listener: the one that calls {@code update()}, where the
 * listener runs; before the first {@code update()}, any (a manager built on a loading thread).
 */
class OutboxListenerThreadTest {
    @TempDir
    Path tmp;

    @Test
    void setListenerFromAnotherThreadOnceTheGameUpdatesThrowsNamingBothThreads() throws Exception {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(tmp.toFile())).build()).build());
        try {
            fetch.update();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    fetch.outbox().setListener(new OutboxRecorder());
                } catch (Throwable e) {
                    thrown.set(e);
                }
            }, "loader");
            other.start();
            other.join();

            Throwable e = thrown.get();
            assertTrue(e instanceof IllegalStateException, "setListener on another thread gave " + e);
            String message = e.getMessage();
            assertTrue(message.contains("Outbox") && message.contains("'loader'")
                    && message.contains("'" + Thread.currentThread().getName() + "'"), message);
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void aListenerSetOnALoadingThreadBeforeTheFirstUpdateHearsOutcomesOnTheRenderThread() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/scores", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[] {'o', 'k'});
            }
        });
        server.start();
        OutboxRecorder recorder = new OutboxRecorder();
        AtomicReference<FetchManager> made = new AtomicReference<>();
        Thread loader = new Thread(() -> {
            FetchManager fetch = new FetchManager(FetchConfig.builder()
                    .outbox(OutboxConfig.builder(new FileHandle(tmp.toFile())).build()).build());
            fetch.outbox().setListener(recorder);
            made.set(fetch);
        }, "loader");
        loader.start();
        loader.join();
        FetchManager fetch = made.get();
        try {
            fetch.outbox().send(HttpRequest.post("http://127.0.0.1:" + server.getAddress().getPort() + "/scores",
                    RequestBody.jsonText("{\"p\":1}")).build(), "score");

            recorder.frames(fetch, () -> recorder.answered.size() == 1);

            assertEquals(201, recorder.answered.get(0).status());
            assertEquals(List.of(), recorder.problems);
            // Once the game updates, the listener belongs to its thread.
            assertThrows(IllegalStateException.class, () -> {
                Thread late = new Thread(() -> fetch.outbox().setListener(recorder), "late");
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                late.setUncaughtExceptionHandler((t, e) -> thrown.set(e));
                late.start();
                late.join();
                if (thrown.get() != null) {
                    throw thrown.get();
                }
            });
        } finally {
            fetch.dispose();
            server.stop(0);
        }
    }
}
