package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.fail;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against requests it cannot keep and a dispose racing sends. */
class OutboxHazardTest {
    @TempDir
    Path tmp;

    private final List<FetchManager> managers = new ArrayList<>();
    private final OutboxRecorder recorder = new OutboxRecorder();

    @AfterEach
    void close() {
        for (FetchManager m : managers) {
            m.dispose();
        }
        assertEquals(List.of(), recorder.problems);
    }

    private FetchManager manager(File folder) {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(folder)).retryDelays(5, 20)
                        .maxEntries(100_000).maxBytes(1L << 30).build())
                .build());
        managers.add(fetch);
        fetch.outbox().setListener(recorder);
        return fetch;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aFileBodyIsRefusedAtSendNamingTheFileInsteadOfBeingSentEmpty() throws Exception {
        File score = tmp.resolve("score.json").toFile();
        Files.write(score.toPath(), "{\"points\":12}".getBytes(StandardCharsets.UTF_8));
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        HttpRequest request = HttpRequest.post("http://127.0.0.1:" + freePort() + "/scores",
                RequestBody.file(new FileHandle(score), "application/json")).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fetch.outbox().send(request));

        assertTrue(e.getMessage().contains(score.getPath()), e.getMessage());
        assertTrue(e.getMessage().contains("RequestBody.bytes"), e.getMessage());
        assertEquals(0, fetch.outbox().pendingCount());
    }

    @Test
    void everySendThatReturnsAHandleWhileTheManagerIsDisposedIsStored() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/scores";
        for (int round = 0; round < 12; round++) {
            FetchManager fetch = manager(tmp.resolve("race" + round).toFile());
            List<OutboxHandle> handles = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch sending = new CountDownLatch(3);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < 40; i++) {
                        try {
                            handles.add(fetch.outbox().send(HttpRequest.post(url, RequestBody.text("s" + i)).build()));
                        } catch (IllegalStateException disposed) {
                            break;
                        } finally {
                            sending.countDown();
                        }
                    }
                });
                senders.add(sender);
                sender.start();
            }
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            fetch.dispose();
            for (Thread sender : senders) {
                sender.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (OutboxHandle handle : handles) {
                while (!handle.isStored() && handle.storeFailure() == null) {
                    if (System.nanoTime() - deadline > 0) {
                        fail("round " + round + ": " + handle.id() + " was accepted but never stored nor refused");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }
}
