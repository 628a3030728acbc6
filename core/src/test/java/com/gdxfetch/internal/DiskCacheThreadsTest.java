package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One disk cache used by several threads at once, as the HTTP cache does (lookups and reads on
 * worker threads, writes, refreshes and their trims on I/O threads), racing on real files.
 */
class DiskCacheThreadsTest {
    private static final String URL = "https://example.com/a.png";
    private static final String[] OTHERS = {"https://example.com/b.png", "https://example.com/c.png"};
    private static final int ROUNDS = 150;

    @TempDir
    Path tmp;

    /** What one thread of a race does. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code a} and {@code b} on two threads released together, each after a random spin of
     * up to {@code spreadNanos} so that either may be ahead or land inside the other, and
     * rethrows what either threw.
     */
    private static void race(Random random, long spreadNanos, Step a, Step b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Step[] steps = {a, b};
        long[] spins = {(long) (random.nextDouble() * spreadNanos), (long) (random.nextDouble() * spreadNanos)};
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            Step step = steps[t];
            long spin = spins[t];
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    long until = System.nanoTime() + spin;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    step.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("a racing thread failed", failure.get());
        }
    }

    /**
     * A cache over this round's folder holding URL and two other entries of one size, bounded to
     * room for two of them; URL is the one used longest ago.
     */
    private DiskCache threeEntriesRoomForTwo(int round) throws Exception {
        File dir = roundDir(round);
        DiskCache filler = new DiskCache(dir, 1 << 20);
        filler.write(URL, DiskCacheChild.bodyOf(0), null, null);
        for (String other : OTHERS) {
            filler.write(other, DiskCacheChild.bodyOf(0), null, null);
        }
        assertTrue(filler.lookup(URL).body.setLastModified(System.currentTimeMillis() - 3_600_000));
        long entryBytes = DiskCacheChild.bodyOf(0).length + 600;
        return new DiskCache(dir, 2 * entryBytes + 200);
    }

    private File roundDir(int round) {
        return tmp.resolve("cache" + round).toFile();
    }

    @Test
    void refreshRacingAWriteOfTheSameEntryNeverLeavesItsMetadataOverTheNewBody() throws Exception {
        Random random = new Random(1);
        for (int round = 0; round < ROUNDS; round++) {
            DiskCache cache = new DiskCache(roundDir(round), 1 << 20);
            cache.write(URL, DiskCacheChild.bodyOf(1), "\"1\"", null);
            DiskCache.Entry old = cache.lookup(URL);

            race(random, 100_000,
                    () -> cache.rewriteMetadata(old, "\"1\"", null, Map.of("refreshed", "yes")),
                    () -> cache.write(URL, DiskCacheChild.bodyOf(2), "\"2\"", null));

            DiskCache.Entry now = cache.lookup(URL);
            assertNotNull(now, "round " + round + ": the new write is stored");
            assertEquals("\"2\"", now.etag(), "round " + round);
            assertArrayEquals(DiskCacheChild.bodyOf(2), cache.read(now), "round " + round);
        }
    }

    @Test
    void trimRacingAWriteNeverDeletesTheEntryTheWriteJustStored() throws Exception {
        Random random = new Random(2);
        for (int round = 0; round < ROUNDS; round++) {
            // URL is the entry used longest ago, about to be rewritten: the trim's first pick.
            DiskCache cache = threeEntriesRoomForTwo(round);

            race(random, 3_000_000, cache::trim, () -> cache.write(URL, DiskCacheChild.bodyOf(7), "\"7\"", null));

            DiskCache.Entry now = cache.lookup(URL);
            assertNotNull(now, "round " + round + ": the newest entry survived the trims");
            assertArrayEquals(DiskCacheChild.bodyOf(7), cache.read(now), "round " + round);
        }
    }

    @Test
    void trimRacingARemoveDeletesNoMoreThanTheBoundNeeds() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < ROUNDS; round++) {
            // The removed entry is all that has to go.
            DiskCache cache = threeEntriesRoomForTwo(round);

            race(random, 200_000, cache::trim, () -> cache.remove(URL));

            for (String other : OTHERS) {
                assertNotNull(cache.lookup(other), "round " + round + ": " + other + " was not evicted");
            }
        }
    }

    @Test
    void lookupFindingUnreadableMetadataNeverDeletesTheEntryAWriteJustReplacedItWith() throws Exception {
        Random random = new Random(4);
        // The write must land in the few microseconds between the failed read and the delete.
        for (int round = 0; round < 3 * ROUNDS; round++) {
            DiskCache cache = new DiskCache(roundDir(round), 1 << 20);
            cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
            Files.write(cache.lookup(URL).meta.toPath(), "length=unreadable\n".getBytes(StandardCharsets.ISO_8859_1));

            race(random, 3_000_000, () -> cache.lookup(URL),
                    () -> cache.write(URL, DiskCacheChild.bodyOf(2), null, null));

            DiskCache.Entry now = cache.lookup(URL);
            assertNotNull(now, "round " + round + ": the write replacing the damaged entry is kept");
            assertArrayEquals(DiskCacheChild.bodyOf(2), cache.read(now), "round " + round);
        }
    }

    @Test
    void trimDeletingOrphanMetadataNeverDeletesTheMetadataAWriteJustRenamedInPlace() throws Exception {
        Random random = new Random(5);
        DiskCache cache = new DiskCache(roundDir(0), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        // The write's two renames must both land between the trim's look for the body and its
        // delete; other files in the folder lengthen that look, which lists the folder.
        for (int i = 0; i < 500; i++) {
            assertTrue(new File(roundDir(0), "other" + i).createNewFile());
        }
        for (int round = 0; round < ROUNDS; round++) {
            cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
            assertTrue(cache.lookup(URL).body.delete());

            race(random, 1_000_000, cache::trim, () -> cache.write(URL, DiskCacheChild.bodyOf(2), null, null));

            DiskCache.Entry now = cache.lookup(URL);
            assertNotNull(now, "round " + round + ": the write kept its metadata");
            assertArrayEquals(DiskCacheChild.bodyOf(2), cache.read(now), "round " + round);
        }
    }
}
