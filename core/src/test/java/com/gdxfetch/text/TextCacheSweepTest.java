package com.gdxfetch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.graphics.Color;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.Test;

/** Sweeping and eviction, driven one frame at a time the way a game's render() drives the cache. */
class TextCacheSweepTest {
    private static final String FONT = TextCache.DEFAULT_FONT;

    @Test
    void textUnusedForTheSweepPeriodIsDroppedAndTextInUseIsKept() {
        int sweepAfter = 5;
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(1000).maxBytes(1L << 30).sweepAfterFrames(sweepAfter).build()));
        int[] frame = {0};
        int[] sizeAfterUpdate = new int[20];
        GlTestWindow.runFrames(20, () -> {
            cache.update();
            sizeAfterUpdate[frame[0]] = cache.size();
            cache.get("always", FONT, Color.WHITE, 15);
            if (frame[0] == 0) {
                cache.get("only in frame 0", FONT, Color.WHITE, 15);
            }
            frame[0]++;
        });
        // Used in frame 0, it survives the updates starting frames 1..5 and goes at frame 6.
        for (int f = 1; f <= sweepAfter; f++) {
            assertEquals(2, sizeAfterUpdate[f], "after the update starting frame " + f);
        }
        for (int f = sweepAfter + 1; f < 20; f++) {
            assertEquals(1, sizeAfterUpdate[f], "after the update starting frame " + f);
        }
        assertEquals(2, GlTestWindow.call(cache::misses).longValue());
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void aScoreChangingEveryFrameStaysWithinTheCapsAndStaticLabelsKeepHitting() {
        int maxEntries = 40;
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(maxEntries).maxBytes(64 * 1024).sweepAfterFrames(30).build()));
        StringBuilder score = new StringBuilder();
        int frames = 3000;
        int[] largest = {0};
        long[] largestBytes = {0};
        int[] frame = {0};
        GlTestWindow.runFrames(frames, () -> {
            cache.update();
            largest[0] = Math.max(largest[0], cache.size());
            largestBytes[0] = Math.max(largestBytes[0], cache.byteSize());
            for (int label = 0; label < 10; label++) {
                cache.get(LABELS[label], FONT, Color.WHITE, 15);
            }
            score.setLength(0);
            score.append("Score: ").append(frame[0] * 7919);
            cache.get(score, FONT, Color.YELLOW, 15);
            frame[0]++;
        });
        assertTrue(largest[0] <= maxEntries, "entries after update: " + largest[0]);
        assertTrue(largestBytes[0] <= 64 * 1024, "bytes after update: " + largestBytes[0]);
        assertEquals(10 + frames, GlTestWindow.call(cache::misses).longValue(),
                "every label laid out once, every score once");
        assertEquals(10L * (frames - 1), GlTestWindow.call(cache::hits).longValue());
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void textZoomingThroughManySizesKeepsItsGeneratedFontsWithinTheirByteCapAndSteadyLabelsKeepTheirs() {
        long cap = 4L << 20;
        TextCache cache = GlTestWindow.call(() -> {
            TextCache made = new TextCache(TextCacheConfig.builder().maxFontBytes(cap).promoteAfterFrames(0).build());
            made.addFont("ui", com.badlogic.gdx.Gdx.files.internal(TextCacheGlTest.DEJAVU));
            return made;
        });
        int first = 8;
        int last = 96;
        int[] size = {first};
        long[] largest = {0};
        GlTestWindow.runFrames(last - first + 1, () -> {
            cache.update();
            largest[0] = Math.max(largest[0], cache.textureByteSize());
            cache.get("Score", "ui", Color.WHITE, 20);
            cache.get("Zoom", "ui", Color.WHITE, size[0]++);
        });
        long[] settled = GlTestWindow.call(() -> {
            cache.update();
            cache.get("Score", "ui", Color.WHITE, 20);
            cache.update();
            return new long[] {cache.textureByteSize(), cache.fontCount(), cache.misses()};
        });
        assertTrue(settled[0] <= cap, "font texture bytes once the zoom stopped: " + settled[0] + ", cap " + cap
                + ", largest after an update " + largest[0]);
        assertTrue(settled[1] < last - first, "fonts kept: " + settled[1]);
        assertEquals(1 + (last - first + 1), settled[2], "the steady label was laid out once, its font never dropped");
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void overTheEntryCapTheLeastRecentlyUsedGoesFirst() {
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(3).maxBytes(1L << 30).sweepAfterFrames(1000).build()));
        GlTestWindow.run(() -> {
            cache.update();
            CachedText a = cache.get("A", FONT, Color.WHITE, 15);
            cache.get("B", FONT, Color.WHITE, 15);
            cache.get("C", FONT, Color.WHITE, 15);
            cache.update();
            assertSame(a, cache.get("A", FONT, Color.WHITE, 15));
            cache.get("D", FONT, Color.WHITE, 15);
            assertEquals(3, cache.size(), "B, the least recently used, made room for D");
            long misses = cache.misses();
            cache.get("A", FONT, Color.WHITE, 15);
            cache.get("C", FONT, Color.WHITE, 15);
            assertEquals(misses, cache.misses(), "A and C still cached");
            cache.get("B", FONT, Color.WHITE, 15);
            assertEquals(misses + 1, cache.misses(), "B had been evicted");
            cache.dispose();
        });
    }

    @Test
    void theByteCapEvictsButNeverWhatTheCurrentFrameDraws() {
        GlTestWindow.run(() -> {
            TextCache probe = new TextCache();
            probe.get("entry 00", FONT, Color.WHITE, 15);
            long entryBytes = probe.byteSize();
            probe.dispose();

            TextCache cache = new TextCache(TextCacheConfig.builder()
                    .maxEntries(1000).maxBytes(entryBytes * 3).sweepAfterFrames(1000).build());
            cache.update();
            CachedText[] drawn = new CachedText[5];
            for (int i = 0; i < 5; i++) {
                drawn[i] = cache.get("entry 0" + i, FONT, Color.WHITE, 15);
            }
            assertEquals(5, cache.size(), "all five are this frame's, none evicted yet");
            cache.update();
            assertEquals(3, cache.size());
            assertTrue(cache.byteSize() <= entryBytes * 3, "bytes: " + cache.byteSize());
            long misses = cache.misses();
            cache.get("entry 04", FONT, Color.WHITE, 15);
            assertEquals(misses, cache.misses(), "the most recent survived");
            cache.get("entry 00", FONT, Color.WHITE, 15);
            assertEquals(misses + 1, cache.misses(), "the oldest was evicted");
            cache.dispose();
        });
    }

    @Test
    void badLimitsAreRejectedWithTheirValues() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TextCacheConfig.builder().maxEntries(0));
        assertTrue(bad.getMessage().contains("maxEntries must be positive, was 0"), bad.getMessage());
        IllegalArgumentException fonts = assertThrows(IllegalArgumentException.class,
                () -> TextCacheConfig.builder().maxFontBytes(-1));
        assertTrue(fonts.getMessage().contains("maxFontBytes must be positive, was -1"), fonts.getMessage());
    }

    private static final String[] LABELS = {
        "Lives", "Level", "Time", "Coins", "Keys", "Map", "Menu", "Pause", "Quit", "Options",
    };
}
