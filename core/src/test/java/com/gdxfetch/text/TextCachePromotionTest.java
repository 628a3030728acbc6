package com.gdxfetch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text from {@code get} baked automatically once it is drawn unchanged for a run of frames, driven
 * frame by frame in the real GL window; the batch's largest flush tells glyph quads from one quad.
 */
class TextCachePromotionTest {
    private static final String FONT = TextCacheGlTest.DEJAVU;
    private static final Color AMBER = new Color(1f, 0.5f, 0f, 0.6f);
    private static SpriteBatch batch;

    @BeforeAll
    static void createBatch() {
        GlTestWindow.run(() -> batch = new SpriteBatch());
    }

    @AfterAll
    static void disposeBatch() {
        GlTestWindow.run(() -> batch.dispose());
    }

    @Test
    void aLabelDrawnForTheSetFramesSwitchesToOneQuadWithTheSamePixels() {
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(5).build()));
        int frames = 10;
        int[] quads = new int[frames];
        int[] promoted = new int[frames];
        Pixmap[] shots = new Pixmap[2];
        int[] frame = {0};
        GlTestWindow.runFrames(frames, () -> {
            int f = frame[0]++;
            quads[f] = frame(cache, () -> drawTinted(cache, "Lives: 3   Level 12", AMBER, 40, 150));
            promoted[f] = cache.promotedCount();
            if (f == 0 || f == frames - 1) {
                shots[f == 0 ? 0 : 1] = GlTestWindow.readFrameBuffer();
            }
        });
        for (int f = 0; f < 4; f++) {
            assertTrue(quads[f] > 10, "frame " + f + " draws glyph quads: " + quads[f]);
            assertEquals(0, promoted[f], "frame " + f);
        }
        assertEquals(1, promoted[4], "baked in the fifth consecutive frame");
        for (int f = 5; f < frames; f++) {
            assertEquals(1, quads[f], "frame " + f + " draws one quad");
        }
        assertTrue(TextCacheGlTest.litPixels(shots[0]) > 200, "text was drawn");
        assertEquals(0, TextCacheGlTest.differingPixels(shots[0], shots[1], 2), "glyphs vs promoted image");
        assertEquals(1, GlTestWindow.call(cache::promotionPaints).longValue());
        dispose(cache, shots);
    }

    @Test
    void aScoreThatChangesEveryFrameIsNeverBakedAndTheCacheStaysSmall() {
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(1024).maxBytes(8L << 20).sweepAfterFrames(10).promoteAfterFrames(3).build()));
        StringBuilder score = new StringBuilder();
        int[] largest = {0};
        int[] frame = {0};
        GlTestWindow.runFrames(200, () -> {
            frame(cache, () -> {
                cache.get("Score", FONT, Color.WHITE, 16).draw(batch, 10, 200);
                score.setLength(0);
                score.append(frame[0]++ * 7919);
                cache.get(score, FONT, Color.YELLOW, 16).draw(batch, 80, 200);
            });
            largest[0] = Math.max(largest[0], cache.size());
        });
        assertEquals(1, GlTestWindow.call(cache::promotedCount).intValue(), "only the steady label is baked");
        assertEquals(1, GlTestWindow.call(cache::promotionPaints).longValue());
        assertTrue(largest[0] <= 12, "entries after a frame: " + largest[0]);
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void aScreenOfNewLabelsIsPaintedAFewPerFrameAndEndsAsOneQuadEach() {
        int labels = 200;
        int perFrame = 4;
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(3).promotionsPerFrame(perFrame).build()));
        String[] texts = new String[labels];
        for (int i = 0; i < labels; i++) {
            texts[i] = String.format(Locale.ROOT, "%03d The quick brown fox jumps over the dog", i);
        }
        Runnable draws = () -> {
            for (int i = 0; i < labels; i++) {
                cache.get(texts[i], FONT, Color.WHITE, 16).draw(batch, 2, GlTestWindow.HEIGHT - 2 - (i % 20) * 12);
            }
        };
        Pixmap[] shots = new Pixmap[2];
        long[] mostPaintsInAFrame = {0};
        int[] lastQuads = {0};
        GlTestWindow.runUntil(() -> {
            long paintsBefore = cache.promotionPaints();
            lastQuads[0] = frame(cache, draws);
            mostPaintsInAFrame[0] = Math.max(mostPaintsInAFrame[0], cache.promotionPaints() - paintsBefore);
            if (shots[0] == null) {
                shots[0] = GlTestWindow.readFrameBuffer();
            }
            boolean allOneQuad = cache.promotedCount() == labels && lastQuads[0] == labels;
            if (allOneQuad) {
                shots[1] = GlTestWindow.readFrameBuffer();
            }
            return allOneQuad;
        }, 500);
        assertEquals(perFrame, mostPaintsInAFrame[0], "never more paints than allowed in one frame");
        // The shared page grew twice on the way, and the labels it moved were painted again.
        long paints = GlTestWindow.call(cache::promotionPaints);
        assertTrue(paints > labels, "paints: " + paints);
        assertTrue(TextCacheGlTest.litPixels(shots[0]) > 1000, "labels were drawn");
        assertEquals(0, TextCacheGlTest.differingPixels(shots[0], shots[1], 2), "all glyphs vs all promoted");
        dispose(cache, shots);
    }

    @Test
    void updateReportsUnfinishedWhileLabelsWaitForTheirTurnToBake() {
        TextCache cache = GlTestWindow.call(() -> new TextCache(
                TextCacheConfig.builder().promoteAfterFrames(1).promotionsPerFrame(1).build()));
        String[] labels = {"First label", "Second label", "Third label"};
        List<Boolean> finished = new ArrayList<>();
        GlTestWindow.runFrames(6, () -> {
            finished.add(cache.update());
            batch.begin();
            for (int i = 0; i < labels.length; i++) {
                cache.get(labels[i], FONT, Color.WHITE, 16).draw(batch, 2, 100 + i * 20);
            }
            batch.end();
        });
        // One paint a frame: three labels take three frames, two of which leave work behind.
        assertEquals(List.of(true, false, false, true, true, true), finished);
        assertEquals(3, GlTestWindow.call(cache::promotedCount).intValue());
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void aPromotedLabelThatLosesItsImageToTheByteCapDrawsItsGlyphsAgain() {
        String hud = "Keys: 2   Coins: 140";
        String other = "A second label, long enough to push the cache over its byte cap";
        long[] sizes = GlTestWindow.call(() -> {
            TextCache probe = new TextCache(TextCacheConfig.builder().promoteAfterFrames(1).build());
            probe.update();
            batch.begin();
            probe.get(hud, FONT, AMBER, 20).draw(batch, 0, 100);
            batch.end();
            long hudWithImage = probe.byteSize();
            probe.clear();
            probe.get(hud, FONT, AMBER, 20);
            long hudGlyphs = probe.byteSize();
            probe.get(other, FONT, AMBER, 20);
            long bothGlyphs = probe.byteSize();
            probe.dispose();
            return new long[] {hudGlyphs, hudWithImage, bothGlyphs};
        });
        assertTrue(sizes[1] > sizes[0], "the image counts towards the bytes");
        // Room for the label with its image, or both labels as glyphs, not both with the image.
        long cap = sizes[1] + (sizes[2] - sizes[0]) - 1;
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(100).maxBytes(cap).sweepAfterFrames(1000).promoteAfterFrames(1).build()));
        int[] quads = new int[3];
        int[] promoted = new int[3];
        Pixmap[] shots = new Pixmap[2];
        int[] frame = {0};
        long[] missesBeforeReturn = {0};
        GlTestWindow.runFrames(3, () -> {
            int f = frame[0]++;
            if (f == 1) {
                quads[f] = frame(cache, () -> cache.get(other, FONT, AMBER, 20).draw(batch, 10, 60));
                missesBeforeReturn[0] = cache.misses();
            } else {
                quads[f] = frame(cache, () -> drawTinted(cache, hud, AMBER, 20, 150));
                shots[f / 2] = GlTestWindow.readFrameBuffer();
            }
            promoted[f] = cache.promotedCount();
        });
        assertEquals(1, promoted[0], "promoted on its first frame");
        assertEquals(0, promoted[1], "the second label took the image's bytes");
        assertEquals(0, promoted[2], "no room to promote it again");
        assertEquals(missesBeforeReturn[0], GlTestWindow.call(cache::misses).longValue(),
                "the label itself stayed cached");
        assertTrue(quads[2] > 10, "glyph quads again: " + quads[2]);
        long bytes = GlTestWindow.call(cache::byteSize);
        assertTrue(bytes <= cap, "bytes " + bytes + " within " + cap);
        assertEquals(0, TextCacheGlTest.differingPixels(shots[0], shots[1], 2), "image vs glyphs again");
        dispose(cache, shots);
    }

    @Test
    void hitsAllocateNothingBeforeOrAfterPromotion() {
        int measured = 5000;
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(8000).build()));
        StringBuilder lives = new StringBuilder("Lives: 3");
        Runnable draws = () -> {
            cache.get(lives, FONT, Color.WHITE, 20).draw(batch, 10, 100);
            cache.get("Level 7", FONT, Color.WHITE, 20).draw(batch, 10, 50);
        };
        double[] bytesPerFrame = GlTestWindow.call(() -> {
            long empty = Allocations.allocatedBy(() -> { }, 1);
            cacheFrames(cache, draws, 1000);
            long beforePromotion = Allocations.allocatedBy(() -> cacheFrames(cache, draws, measured), 1) - empty;
            assertEquals(0, cache.promotedCount());
            cacheFrames(cache, draws, 2500);
            assertEquals(2, cache.promotedCount());
            long afterPromotion = Allocations.allocatedBy(() -> cacheFrames(cache, draws, measured), 1) - empty;
            return new double[] {beforePromotion / (double) measured, afterPromotion / (double) measured};
        });
        // Averaged, as a hit test over many lookups is: the JIT's rare one-off allocations stay under a byte a frame.
        assertTrue(bytesPerFrame[0] < 1, "bytes allocated per frame of glyph hits: " + bytesPerFrame[0]);
        assertTrue(bytesPerFrame[1] < 1, "bytes allocated per frame of promoted hits: " + bytesPerFrame[1]);
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void textAtFractionalPositionsOrWithPromotionOffStaysGlyphs() {
        TextCache moving = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(3).build()));
        TextCache off = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(0).build()));
        int[] frame = {0};
        GlTestWindow.runFrames(20, () -> {
            float x = 10 + frame[0]++ * 0.25f;
            frame(moving, () -> moving.get("Scrolling", FONT, Color.WHITE, 16).draw(batch, x, 100));
            frame(off, () -> off.get("Static", FONT, Color.WHITE, 16).draw(batch, 10, 100));
        });
        assertEquals(0, GlTestWindow.call(moving::promotedCount).intValue(), "moved by fractions of a pixel");
        assertEquals(0, GlTestWindow.call(off::promotedCount).intValue(), "promotion off");
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TextCacheConfig.builder().promoteAfterFrames(-1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TextCacheConfig.builder().promotionsPerFrame(0));
        assertTrue(none.getMessage().contains("promotionsPerFrame must be positive, was 0"), none.getMessage());
        GlTestWindow.run(() -> {
            moving.dispose();
            off.dispose();
        });
    }

    /**
     * One frame as a game draws it: update, clear, begin, draws, end. Returns the most sprites
     * the batch flushed at once, which is one per baked text and one per glyph otherwise.
     */
    private static int frame(TextCache cache, Runnable draws) {
        cache.update();
        Gdx.gl.glClearColor(0.1f, 0.2f, 0.9f, 1);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        batch.maxSpritesInBatch = 0;
        batch.begin();
        draws.run();
        batch.end();
        return batch.maxSpritesInBatch;
    }

    /** Update, begin, draws, end, {@code count} times, without clearing or reading back. */
    private static void cacheFrames(TextCache cache, Runnable draws, int count) {
        for (int i = 0; i < count; i++) {
            cache.update();
            batch.begin();
            draws.run();
            batch.end();
        }
    }

    /** Draws under a green batch tint, which text must ignore. */
    private static void drawTinted(TextCache cache, String text, Color color, int size, int y) {
        batch.setColor(Color.GREEN);
        cache.get(text, FONT, color, size).draw(batch, 12, y);
        batch.setColor(Color.WHITE);
    }

    private static void dispose(TextCache cache, Pixmap[] shots) {
        GlTestWindow.run(() -> {
            for (Pixmap shot : shots) {
                if (shot != null) {
                    shot.dispose();
                }
            }
            cache.dispose();
        });
    }
}
