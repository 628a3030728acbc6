package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process storing responses in its HTTP cache, killed with SIGKILL at a random moment (so at a
 * random point of some write): the next process to open the folder serves only whole entries,
 * byte for byte what the server sent.
 */
class HttpCacheKillTest {
    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void processKilledAtARandomPointOfAWriteLeavesOnlyWholeEntries(RepetitionInfo run) throws Exception {
        File dir = tmp.resolve("http-cache").toFile();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-XX:-UsePerfData", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), HttpCacheChild.class.getName(), "fill", dir.getAbsolutePath())
            .redirectErrorStream(true)
            .start();
        String base;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("writing "), "child said " + line);
            base = line.substring("writing ".length());
            // The child stores entries back to back: a random wait lands the kill somewhere in one.
            LockSupport.parkNanos(new Random().nextInt(400_000) * 1000L);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }

        FetchManager fetch = new FetchManager(FetchConfig.builder().httpCache(new FileHandle(dir), Long.MAX_VALUE).build());
        try {
            int whole = 0;
            int missesInARow = 0;
            for (int i = 0; missesInARow < 3; i++) {
                Recorder<HttpResponse> callback = new Recorder<>();
                Frames.untilDone(fetch, fetch.get(base + "/n/" + i).cacheMode(CacheMode.ONLY_IF_CACHED).send(callback));
                if (callback.failure != null) {
                    assertEquals(FailureKind.NOT_CACHED, callback.failure.kind(), "entry " + i);
                    missesInARow++;
                    continue;
                }
                missesInARow = 0;
                assertArrayEquals(HttpCacheChild.bodyOf(i), callback.response.body(), "run " + run.getCurrentRepetition()
                        + ", entry " + i);
                whole++;
            }
            assertTrue(whole > 20, "entries stored before the kill answer: " + whole);
        } finally {
            fetch.dispose();
        }
    }
}
