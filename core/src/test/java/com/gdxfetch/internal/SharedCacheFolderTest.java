package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two disk caches over one folder, as two processes (or two managers) sharing it: what one
 * replaces or evicts is a quiet miss for the other, never damage.
 */
class SharedCacheFolderTest {
    private static final String URL = "https://example.com/shared.png";

    @TempDir
    Path tmp;

    private File dir() {
        return tmp.resolve("cache").toFile();
    }

    /** Version {@code v} of {@code url}'s body: its length and bytes differ per URL and version. */
    private static byte[] bodyOf(String url, int v) {
        byte[] body = new byte[1000 + (url.hashCode() & 0xff) + v * 37 % 500];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (url.hashCode() + v * 131 + i);
        }
        return body;
    }

    @Test
    void entryTheOtherCacheReplacedIsAQuietMissThenItsVersionIsRead() throws IOException {
        DiskCache a = new DiskCache(dir(), 1 << 20);
        DiskCache b = new DiskCache(dir(), 1 << 20);
        a.write(URL, bodyOf(URL, 1), "\"1\"", null);
        DiskCache.Entry seen = a.lookup(URL);

        b.write(URL, bodyOf(URL, 2), "\"2\"", null);

        assertNull(a.read(seen));
        DiskCache.Entry now = a.lookup(URL);
        assertEquals("\"2\"", now.etag(), "the other cache's entry was left in place");
        assertArrayEquals(bodyOf(URL, 2), a.read(now));
    }

    @Test
    void entryTheOtherCacheEvictedIsAQuietMiss() throws IOException {
        DiskCache a = new DiskCache(dir(), 1 << 20);
        // Room for the other cache's one entry only.
        DiskCache b = new DiskCache(dir(), bodyOf("other", 1).length + 600);
        a.write(URL, bodyOf(URL, 1), null, null);
        DiskCache.Entry seen = a.lookup(URL);
        assertTrue(seen.body.setLastModified(System.currentTimeMillis() - 60_000));

        b.write("https://example.com/other.png", bodyOf("other", 1), null, null);

        assertFalse(seen.exists(), "b's trim evicted a's entry");
        assertNull(a.read(seen));
        assertNull(a.lookup(URL));
    }

    @Test
    void bodyAndMetadataThatDisagreeWhileTheOtherCacheWritesAreNotDamage() throws IOException {
        DiskCache a = new DiskCache(dir(), 1 << 20);
        a.write(URL, bodyOf(URL, 1), null, null);
        DiskCache.Entry seen = a.lookup(URL);
        // The other cache's write between its two renames: new body in place, its metadata still
        // in a fresh temporary file.
        File metaTemp = new File(dir(), seen.name() + ".4242.tmp");
        assertTrue(metaTemp.createNewFile());
        Files.write(seen.body.toPath(), bodyOf(URL, 2));

        assertNull(a.read(seen), "a quiet miss, not damage");
        assertTrue(seen.body.exists() && seen.meta.exists(), "nothing was deleted under the other writer");
    }

    @Test
    void trimDeletesMetadataWhoseBodyIsGone() throws IOException {
        DiskCache a = new DiskCache(dir(), 1 << 20);
        DiskCache b = new DiskCache(dir(), 1 << 20);
        a.write(URL, bodyOf(URL, 1), null, null);
        DiskCache.Entry orphan = a.lookup(URL);
        assertTrue(orphan.body.delete());

        b.write("https://example.com/other.png", bodyOf("other", 1), null, null);

        assertFalse(orphan.meta.exists());
        assertNull(a.lookup(URL));
        assertNotNull(b.lookup("https://example.com/other.png"));
    }

    @Test
    void interleavedWritesTrimsAndReadsOfTwoCachesServeOnlyWholeEntriesAndNeverSeeDamage() throws IOException {
        String[] urls = new String[12];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = "https://example.com/" + i + ".png";
        }
        // Room for about half the URLs, so trims evict what the other cache wrote.
        DiskCache[] caches = {new DiskCache(dir(), 10_000), new DiskCache(dir(), 10_000)};
        List<DiskCache.Entry> seen = new ArrayList<>();
        Random random = new Random(7);
        int hits = 0;
        for (int step = 0; step < 600; step++) {
            DiskCache cache = caches[random.nextInt(2)];
            String url = urls[random.nextInt(urls.length)];
            int action = random.nextInt(4);
            if (action == 0) {
                int v = random.nextInt(1000);
                cache.write(url, bodyOf(url, v), "\"" + v + "\"", null);
            } else if (action == 1) {
                cache.trim();
            } else if (action == 2) {
                DiskCache.Entry entry = cache.lookup(url);
                if (entry != null) {
                    seen.add(entry);
                }
            } else if (!seen.isEmpty()) {
                // An entry looked up earlier, perhaps by the other cache, read now.
                DiskCache.Entry entry = seen.remove(random.nextInt(seen.size()));
                byte[] body = cache.read(entry);
                if (body != null) {
                    assertArrayEquals(bodyOf(entry.url(), version(entry)), body, "step " + step);
                    hits++;
                }
            }
        }
        assertTrue(hits > 20, "some reads hit: " + hits);
    }

    @Test
    void twoCachesWritingAndReadingTheSameEntriesAtOnceNeverSeeDamage() throws Exception {
        String[] urls = {URL, "https://example.com/b.png", "https://example.com/c.png"};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                DiskCache cache = new DiskCache(dir(), 1 << 20);
                Random random = new Random(seed);
                try {
                    start.await();
                    for (int i = 0; i < 400; i++) {
                        String url = urls[random.nextInt(urls.length)];
                        if (random.nextBoolean()) {
                            int v = random.nextInt(1000);
                            cache.write(url, bodyOf(url, v), "\"" + v + "\"", null);
                        } else {
                            DiskCache.Entry entry = cache.lookup(url);
                            byte[] body = entry == null ? null : cache.read(entry);
                            if (body != null) {
                                assertArrayEquals(bodyOf(url, version(entry)), body);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("a cache saw damage or a wrong body", failure.get());
        }
    }

    private static int version(DiskCache.Entry entry) {
        String etag = entry.etag();
        return Integer.parseInt(etag.substring(1, etag.length() - 1));
    }
}
