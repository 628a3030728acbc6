package com.gdxfetch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator.FreeTypeFontParameter;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.ContextLoss;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text cache in a real GL window: what it draws, what a hit costs, what it keeps and frees. */
class TextCacheGlTest {
    static final String DEJAVU = "fonts/DejaVuSans.ttf";
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
    void cachedDefaultFontTextDrawsTheSamePixelsAsBitmapFont() {
        String text = "Hello, gdx-fetch 123";
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        Pixmap[] shots = GlTestWindow.call(() -> {
            BitmapFont plain = new BitmapFont();
            Pixmap cached = render(() -> cache.get(text, TextCache.DEFAULT_FONT, Color.WHITE, 15).draw(batch, 10, 200));
            Pixmap direct = render(() -> plain.draw(batch, text, 10, 200));
            plain.dispose();
            return new Pixmap[] {cached, direct};
        });
        assertTrue(litPixels(shots[0]) > 50, "text was drawn: " + litPixels(shots[0]) + " lit pixels");
        assertEquals(0, differingPixels(shots[0], shots[1], 0));
        GlTestWindow.run(() -> {
            shots[0].dispose();
            shots[1].dispose();
            cache.dispose();
        });
    }

    @Test
    void trueTypeTextDrawsLikeTheGeneratedFontAndBakedTextIsUpright() {
        String text = "Top Ay";
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        Pixmap[] shots = GlTestWindow.call(() -> {
            FreeTypeFontGenerator generator = new FreeTypeFontGenerator(Gdx.files.internal(DEJAVU));
            FreeTypeFontParameter parameter = new FreeTypeFontParameter();
            parameter.size = 40;
            BitmapFont plain = generator.generateFont(parameter);
            Pixmap direct = render(() -> plain.draw(batch, text, 30, 150));
            Pixmap cached = render(() -> cache.get(text, DEJAVU, Color.WHITE, 40).draw(batch, 30, 150));
            Pixmap baked = render(() -> cache.getBaked(text, DEJAVU, Color.WHITE, 40).draw(batch, 30, 150));
            plain.dispose();
            generator.dispose();
            return new Pixmap[] {direct, cached, baked};
        });
        assertTrue(litPixels(shots[0]) > 200, "text was drawn: " + litPixels(shots[0]) + " lit pixels");
        assertEquals(0, differingPixels(shots[0], shots[1], 0), "cached vs BitmapFont.draw");
        // Drawn upside down, the baked "T" bar and "y" tail would land on different rows.
        assertEquals(0, differingPixels(shots[0], shots[2], 2), "baked vs BitmapFont.draw");
        GlTestWindow.run(() -> {
            for (Pixmap shot : shots) {
                shot.dispose();
            }
            cache.dispose();
        });
    }

    @Test
    void bakedAndGlyphTextDrawTheSamePixelsAgainAfterTheContextIsLost() {
        String text = "Top Ay";
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        Runnable draw = () -> {
            cache.getBaked(text, DEJAVU, Color.WHITE, 40).draw(batch, 30, 150);
            cache.get(text, DEJAVU, Color.WHITE, 24).draw(batch, 30, 60);
            cache.get(text, TextCache.DEFAULT_FONT, Color.WHITE, 15).draw(batch, 30, 20);
        };
        Pixmap before = GlTestWindow.call(() -> render(draw));

        GlTestWindow.run(ContextLoss::simulate);
        Pixmap after = GlTestWindow.call(() -> render(draw));

        assertTrue(litPixels(before) > 300, "text was drawn: " + litPixels(before) + " lit pixels");
        assertEquals(0, differingPixels(before, after, 0), "the same pixels after the loss");
        GlTestWindow.run(() -> {
            before.dispose();
            after.dispose();
            cache.dispose();
        });
    }

    @Test
    void bakedLabelsShareOnePageAndMatchTheGlyphsInColourAndPlace() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        Color amber = new Color(1f, 0.5f, 0f, 0.6f);
        Object[] result = GlTestWindow.call(() -> {
            int buffersBefore = managedFrameBuffers();
            Pixmap glyphs = renderOver(0.1f, 0.2f, 0.9f, () -> drawLabels(cache, amber, false));
            Pixmap baked = renderOver(0.1f, 0.2f, 0.9f, () -> drawLabels(cache, amber, true));
            int pages = managedFrameBuffers() - buffersBefore;
            return new Object[] {glyphs, baked, pages, cache.size()};
        });
        Pixmap glyphs = (Pixmap) result[0];
        Pixmap baked = (Pixmap) result[1];
        assertEquals(1, result[2], "60 baked labels on one frame-buffer page");
        assertEquals(120, result[3]);
        assertTrue(litPixels(glyphs) > 1000, "labels were drawn");
        assertEquals(0, differingPixels(glyphs, baked, 2), "baked vs glyphs, translucent colour, tinted batch");
        GlTestWindow.run(() -> {
            glyphs.dispose();
            baked.dispose();
            cache.dispose();
        });
    }

    @Test
    void bakedPageGrowsIntoOneLargerPageAndMovedTextsRepaint() {
        TextCache cache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .maxEntries(1000).maxBytes(64L << 20).sweepAfterFrames(1000).build()));
        Object[] result = GlTestWindow.call(() -> {
            int buffersBefore = managedFrameBuffers();
            cache.update();
            Pixmap glyphs = render(() -> drawMany(cache, 20, false));
            // 300 labels of 40 characters outgrow the first pages; the first 20 move each time.
            cache.update();
            render(() -> drawMany(cache, 300, true));
            // Pages emptied by growth are freed at the next update(), once no batch can hold their quads.
            cache.update();
            Pixmap baked = render(() -> drawMany(cache, 20, true));
            return new Object[] {glyphs, baked, managedFrameBuffers() - buffersBefore};
        });
        Pixmap glyphs = (Pixmap) result[0];
        Pixmap baked = (Pixmap) result[1];
        assertEquals(1, result[2], "one grown page holds all 300");
        assertTrue(litPixels(glyphs) > 1000, "labels were drawn");
        assertEquals(0, differingPixels(glyphs, baked, 2));
        GlTestWindow.run(() -> {
            glyphs.dispose();
            baked.dispose();
            cache.dispose();
        });
    }

    private static void drawMany(TextCache cache, int count, boolean baked) {
        for (int i = 0; i < count; i++) {
            String label = String.format("%03d The quick brown fox jumps over the dog", i);
            CachedText text = baked ? cache.getBaked(label, DEJAVU, Color.WHITE, 16)
                    : cache.get(label, DEJAVU, Color.WHITE, 16);
            text.draw(batch, 2, GlTestWindow.HEIGHT - 2 - (i % 20) * 12);
        }
    }

    /** 60 labels of 12 px in two columns; the batch is tinted, which text must ignore. */
    private static void drawLabels(TextCache cache, Color color, boolean baked) {
        batch.setColor(Color.GREEN);
        for (int i = 0; i < 60; i++) {
            String label = "Item " + i + ": x" + (i * 37 % 100);
            CachedText text = baked ? cache.getBaked(label, DEJAVU, color, 12) : cache.get(label, DEJAVU, color, 12);
            text.draw(batch, 5 + (i / 30) * 160, GlTestWindow.HEIGHT - 2 - (i % 30) * 8);
        }
        batch.setColor(Color.WHITE);
    }

    @Test
    void hitsAllocateNothingForStringsOrStringBuilders() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        StringBuilder score = new StringBuilder("Score: 12345");
        double[] bytesPerLookup = GlTestWindow.call(() -> {
            cache.get("Score: 12345", DEJAVU, Color.WHITE, 20);
            long missesBefore = cache.misses();
            long empty = Allocations.allocatedBy(() -> { }, 1);
            int lookups = 20_000;
            long hits = Allocations.allocatedBy(() -> {
                batch.begin();
                cache.get(score, DEJAVU, Color.WHITE, 20).draw(batch, 10, 100);
                cache.get("Score: 12345", DEJAVU, Color.WHITE, 20).draw(batch, 10, 50);
                batch.end();
            }, lookups / 2);
            assertEquals(missesBefore, cache.misses(), "the StringBuilder hit the String's entry");
            return new double[] {(hits - empty) / (double) lookups};
        });
        assertTrue(bytesPerLookup[0] < 1, "bytes allocated per hit: " + bytesPerLookup[0]);
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void keyIsExactlyTextFontColourAndSizeWithOneFontPerSize() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        GlTestWindow.run(() -> {
            CachedText white = cache.get("Lives: 3", DEJAVU, Color.WHITE, 24);
            assertSame(white, cache.get(new StringBuilder("Lives: 3"), DEJAVU, new Color(1, 1, 1, 1), 24));
            assertNotSame(white, cache.get("Lives: 3", DEJAVU, Color.RED, 24));
            assertNotSame(white, cache.get("Lives: 2", DEJAVU, Color.WHITE, 24));
            assertNotSame(white, cache.get("Lives: 3", DEJAVU, Color.WHITE, 25));
            assertNotSame(white, cache.get("Lives: 3", TextCache.DEFAULT_FONT, Color.WHITE, 24));
            assertNotSame(white, cache.getBaked("Lives: 3", DEJAVU, Color.WHITE, 24));
            for (int i = 0; i < 100; i++) {
                cache.get("label " + i, DEJAVU, Color.WHITE, 24);
            }
            assertEquals(3, cache.fontCount(), "DejaVu 24 and 25, default 24");
            assertEquals(106, cache.size());
            assertTrue(cache.get("wider text", DEJAVU, Color.WHITE, 24).width()
                    > cache.get("text", DEJAVU, Color.WHITE, 24).width());
            cache.dispose();
        });
    }

    @Test
    void bitmapFontFilesScaleToTheAskedSize() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        float[] widths = GlTestWindow.call(() -> {
            cache.addFont("lsans", Gdx.files.classpath("com/badlogic/gdx/utils/lsans-15.fnt"));
            return new float[] {
                cache.get("Scaled text", "lsans", Color.WHITE, 15).width(),
                cache.get("Scaled text", "lsans", Color.WHITE, 30).width(),
                cache.get("Scaled text", TextCache.DEFAULT_FONT, Color.WHITE, 15).width(),
            };
        });
        assertEquals(2 * widths[0], widths[1], 2f, "30 px is twice 15 px");
        assertEquals(widths[0], widths[2], "the default font is this file");
        GlTestWindow.run(cache::dispose);
    }

    @Test
    void clearAndDisposeReleaseFontTexturesAndBakedFrameBuffers() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        GlTestWindow.run(() -> {
            int texturesBefore = Texture.getNumManagedTextures();
            int buffersBefore = managedFrameBuffers();
            batch.begin();
            CachedText baked = cache.getBaked("Game Over", DEJAVU, Color.WHITE, 64);
            baked.draw(batch, 0, 100);
            cache.get("Score", TextCache.DEFAULT_FONT, Color.WHITE, 30).draw(batch, 0, 30);
            batch.end();
            assertEquals(2, cache.fontCount());
            assertTrue(cache.textureByteSize() > 0);
            assertTrue(Texture.getNumManagedTextures() > texturesBefore);
            assertEquals(buffersBefore + 1, managedFrameBuffers());

            cache.clear();
            assertEquals(texturesBefore, Texture.getNumManagedTextures());
            assertEquals(buffersBefore, managedFrameBuffers());
            assertEquals(0, cache.fontCount());
            assertEquals(0, cache.size());
            assertEquals(0, cache.byteSize());
            IllegalStateException stale = assertThrows(IllegalStateException.class, () -> baked.draw(batch, 0, 0));
            assertTrue(stale.getMessage().contains("Game Over"), stale.getMessage());

            cache.get("again", DEJAVU, Color.WHITE, 64);
            assertEquals(1, cache.fontCount(), "added fonts still work after clear()");
            cache.dispose();
            assertEquals(texturesBefore, Texture.getNumManagedTextures());
            assertThrows(IllegalStateException.class, () -> cache.get("x", DEJAVU, Color.WHITE, 20));
        });
    }

    @Test
    void cachedTextDrawnFromAnotherThreadIsRefusedNamingBothThreads() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        String renderThread = GlTestWindow.call(() -> Thread.currentThread().getName());
        CachedText label = GlTestWindow.call(() -> cache.get("label", TextCache.DEFAULT_FONT, Color.WHITE, 15));
        CachedText baked = GlTestWindow.call(() -> cache.getBaked("baked", TextCache.DEFAULT_FONT, Color.WHITE, 15));
        String expected = "CachedText used from thread '" + Thread.currentThread().getName()
                + "'; it belongs to the render thread '" + renderThread + "'";
        for (CachedText text : new CachedText[] {label, baked}) {
            // Drawing reaches GL, the batch and the cache's promotion bookkeeping, all the render thread's.
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> text.draw(batch, 0, 0));
            assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        }
        GlTestWindow.run(() -> {
            assertEquals(2, cache.size(), "the refused draws released nothing");
            cache.dispose();
        });
    }

    @Test
    void badFontsAndSizesAreNamedInTheError() {
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        GlTestWindow.run(() -> {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> cache.get("hi", "fonts/Missing.ttf", Color.WHITE, 20));
            assertTrue(unknown.getMessage().contains("fonts/Missing.ttf"), unknown.getMessage());
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> cache.get("hi", DEJAVU, Color.WHITE, 0));
            assertTrue(small.getMessage().contains("size 0") && small.getMessage().contains(DEJAVU),
                    small.getMessage());
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> cache.get("hi", TextCache.DEFAULT_FONT, Color.WHITE, 1000));
            assertTrue(big.getMessage().contains("1000"), big.getMessage());
            IllegalArgumentException added = assertThrows(IllegalArgumentException.class,
                    () -> cache.addFont("title", Gdx.files.internal("fonts/Nope.otf")));
            assertTrue(added.getMessage().contains("fonts/Nope.otf"), added.getMessage());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> cache.addFont("licence", Gdx.files.internal("fonts/DejaVuSans-LICENSE.txt")));
            assertTrue(type.getMessage().contains("DejaVuSans-LICENSE.txt"), type.getMessage());
            cache.addFont("ui", Gdx.files.internal(DEJAVU));
            assertThrows(IllegalArgumentException.class, () -> cache.addFont("ui", Gdx.files.internal(DEJAVU)));
            assertEquals(0, cache.fontCount(), "nothing generated by failed lookups");
            cache.get("named", "ui", Color.WHITE, 20);
            assertEquals(1, cache.fontCount());
            cache.dispose();
        });
    }

    /** Clears the window to black, draws in a batch, and reads the frame back. Render thread. */
    static Pixmap render(Runnable draw) {
        return renderOver(0, 0, 0, draw);
    }

    /** Clears the window to a colour, draws in a batch, and reads the frame back. Render thread. */
    static Pixmap renderOver(float r, float g, float b, Runnable draw) {
        Gdx.gl.glClearColor(r, g, b, 1);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        batch.begin();
        draw.run();
        batch.end();
        return GlTestWindow.readFrameBuffer();
    }

    static int litPixels(Pixmap shot) {
        int lit = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                if ((shot.getPixel(x, y) >>> 8) != (shot.getPixel(0, 0) >>> 8)) {
                    lit++;
                }
            }
        }
        return lit;
    }

    static int differingPixels(Pixmap a, Pixmap b, int tolerance) {
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int pa = a.getPixel(x, y);
                int pb = b.getPixel(x, y);
                for (int shift = 8; shift < 32; shift += 8) {
                    if (Math.abs((pa >>> shift & 0xff) - (pb >>> shift & 0xff)) > tolerance) {
                        differing++;
                        break;
                    }
                }
            }
        }
        return differing;
    }

    private static int managedFrameBuffers() {
        Matcher count = Pattern.compile("\\{\\s*(\\d+)").matcher(FrameBuffer.getManagedStatus());
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }
}
