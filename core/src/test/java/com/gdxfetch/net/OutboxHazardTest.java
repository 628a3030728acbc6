package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against requests it cannot keep. */
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

}
