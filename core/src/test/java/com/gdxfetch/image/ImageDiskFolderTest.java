package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.internal.DiskCacheChild;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image cache's own disk folder (the disk cache {@code ImageCache} keeps without an HTTP
 * cache) after a process writing to it was killed with SIGKILL at a random moment: only whole
 * files are found there, the one cut short is a miss.
 */
class ImageDiskFolderTest {
    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void processKilledAtARandomPointOfAWriteLeavesOnlyWholeFiles() throws Exception {
        File dir = tmp.resolve("images").toFile();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-XX:-UsePerfData", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), DiskCacheChild.class.getName(), "fill", dir.getAbsolutePath())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine());
            // The child writes files back to back: a random wait lands the kill somewhere in one.
            LockSupport.parkNanos(new Random().nextInt(300_000) * 1000L);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }

        DiskCache cache = new DiskCache(dir, ImageCacheConfig.DEFAULT_DISK_BYTES);
        int whole = 0;
        int missesInARow = 0;
        for (int i = 0; missesInARow < 3; i++) {
            DiskCache.Entry entry = cache.lookup(DiskCacheChild.urlOf(i));
            byte[] body = entry == null ? null : cache.read(entry);
            if (body == null) {
                missesInARow++;
                continue;
            }
            missesInARow = 0;
            assertArrayEquals(DiskCacheChild.bodyOf(i), body, "file " + i);
            whole++;
        }
        assertTrue(whole > 20, "files written before the kill read back: " + whole);
    }
}
