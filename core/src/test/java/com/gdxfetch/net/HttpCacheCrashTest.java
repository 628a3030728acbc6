package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP cache's files after a process killed while storing, and after a disk that filled up. */
class HttpCacheCrashTest {
    @TempDir
    Path tmp;

    private File dir() {
        return tmp.resolve("http-cache").toFile();
    }

    @RepeatedTest(3)
    void processKilledWhileStoringNeverLeavesAPartialEntryToBeDelivered() throws Exception {
        Process child = startChild("exec \"$0\" \"$@\"", "fill");
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

        FetchManager fetch = new FetchManager(FetchConfig.builder().httpCache(new FileHandle(dir()), Long.MAX_VALUE).build());
        try {
            int whole = 0;
            int missesInARow = 0;
            for (int i = 0; missesInARow < 3; i++) {
                Recorder<HttpResponse> callback = new Recorder<>();
                Frames.untilDone(fetch, fetch.get(base + "/n/" + i).cacheMode(CacheMode.ONLY_IF_CACHED).send(callback));
                if (callback.failure != null) {
                    assertEquals(FailureKind.NOT_CACHED, callback.failure.kind());
                    missesInARow++;
                    continue;
                }
                missesInARow = 0;
                assertArrayEquals(HttpCacheChild.bodyOf(i), callback.response.body(), "entry " + i);
                assertEquals(ResponseSource.CACHE, callback.response.source());
                whole++;
            }
            assertTrue(whole > 20, "entries stored before the kill answer: " + whole);
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void fullDiskStillDeliversTheResponseAndStoresNothingOfIt() throws Exception {
        // A file-size limit of 32 KiB (64 blocks of 512 bytes) stands in for a full disk: the
        // 256 KiB body's write fails part-way, as it does when the disk fills.
        Process child = startChild("ulimit -f 64 && exec \"$0\" \"$@\"", "full");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);

        assertTrue(output.contains("delivered 262144 NETWORK"), output);
        assertTrue(output.contains("HTTP cache cannot write to its folder " + dir().getAbsolutePath() + ": File too large"), output);
        assertTrue(output.contains("then NOT_CACHED"), "the older small copy is not kept as if new: " + output);
        // The folder's lock file (empty) may stay; no entry or temporary file may.
        String[] left = dir().list((folder, name) -> !name.equals(".lock"));
        for (String name : left) {
            assertTrue(!name.endsWith(".tmp"), "temporary file left behind: " + name);
        }
        assertEquals(0, left.length, String.join(", ", left));
    }

    private Process startChild(String script, String mode) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder("/bin/sh", "-c", script, java, "-XX:-UsePerfData", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), HttpCacheChild.class.getName(), mode,
                dir().getAbsolutePath())
            .redirectErrorStream(true)
            .start();
    }
}
