package com.gdxfetch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

/** Text a game may hand the cache without thinking: empty, or more than a texture holds. */
class TextCacheInputTest {
    @TempDir
    File folder;
    private SpriteBatch batch;
    private TextCache cache;

    @BeforeEach
    void open() {
        GlTestWindow.run(() -> {
            batch = new SpriteBatch();
            cache = new TextCache();
        });
    }

    @AfterEach
    void close() {
        GlTestWindow.run(() -> {
            if (batch.isDrawing()) {
                batch.end();
            }
            cache.dispose();
            batch.dispose();
        });
    }

    private int litPixelsDrawing(Runnable draw) {
        return GlTestWindow.call(() -> {
            Gdx.gl.glClearColor(0, 0, 0, 1);
            Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
            batch.begin();
            draw.run();
            batch.end();
            Pixmap shot = GlTestWindow.readFrameBuffer();
            int lit = TextCacheGlTest.litPixels(shot);
            shot.dispose();
            return lit;
        });
    }

    @Test
    void anEmptyTextDrawsNothing() {
        StringBuilder cleared = new StringBuilder("Score: 10");
        cleared.setLength(0);
        assertEquals(0, litPixelsDrawing(() -> cache.get("", TextCache.DEFAULT_FONT, Color.WHITE, 15).draw(batch, 10, 100)));
        assertEquals(0, litPixelsDrawing(() -> cache.get(cleared, TextCache.DEFAULT_FONT, Color.WHITE, 15).draw(batch, 10, 100)));
        assertEquals(0, litPixelsDrawing(() -> cache.getBaked("", TextCache.DEFAULT_FONT, Color.WHITE, 15).draw(batch, 10, 100)));
    }

    @Test
    void aLabelWiderThanATextureCanHoldKeepsDrawingItsGlyphsPastThePromotionRun() {
        int limit = GlTestWindow.call(() -> {
            java.nio.IntBuffer max = com.badlogic.gdx.utils.BufferUtils.newIntBuffer(16);
            Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, max);
            return max.get(0);
        });
        // About 64 pixels a glyph at size 64: wider than the largest texture, yet under the byte cap.
        String wide = "W".repeat(limit / 64 + 8);
        int frames = cache.config().promoteAfterFrames() + 5;
        for (int i = 0; i < frames; i++) {
            int lit = litPixelsDrawing(() -> {
                cache.update();
                cache.get(wide, TextCache.DEFAULT_FONT, Color.WHITE, 64).draw(batch, 0, 100);
            });
            assertTrue(lit > 0, "frame " + i + " drew nothing");
        }
        assertEquals(0, GlTestWindow.call(cache::promotedCount));
    }

    @Test
    void aBakedLabelWiderThanATextureCanHoldDrawsItsGlyphsInsteadOfFailingAtEveryDraw() {
        int limit = GlTestWindow.call(() -> {
            java.nio.IntBuffer max = com.badlogic.gdx.utils.BufferUtils.newIntBuffer(16);
            Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, max);
            return max.get(0);
        });
        String wide = "W".repeat(limit / 64 + 8);
        for (int i = 0; i < 3; i++) {
            int lit = litPixelsDrawing(() -> {
                cache.update();
                cache.getBaked(wide, TextCache.DEFAULT_FONT, Color.WHITE, 64).draw(batch, 0, 100);
            });
            assertTrue(lit > 0, "frame " + i + " drew nothing");
            assertEquals(GL20.GL_NO_ERROR, (int) GlTestWindow.call(() -> Gdx.gl.glGetError()));
        }
        assertEquals(1, GlTestWindow.call(cache::size), "one entry, found again at every getBaked");
    }

    @Test
    void aBitmapFontWhoseSizeIsNoNumberFailsAtEverySizeAndKeepsNoTexture() {
        // The pages and glyphs libGDX reads are whole; only the info line's size, which libGDX
        // never reads, is no number.
        String fnt = Gdx.files.classpath("com/badlogic/gdx/utils/lsans-15.fnt").readString("UTF-8")
                .replace(" size=15 ", " size=15px ");
        Gdx.files.absolute(new File(folder, "broken.fnt").getPath()).writeString(fnt, false, "UTF-8");
        Gdx.files.classpath("com/badlogic/gdx/utils/lsans-15.png")
                .copyTo(Gdx.files.absolute(new File(folder, "lsans-15.png").getPath()));
        GlTestWindow.run(() -> {
            // libGDX counts managed textures only once the application has one.
            Texture counted = new Texture(Gdx.files.classpath("com/badlogic/gdx/utils/lsans-15.png"));
            int texturesBefore = Texture.getNumManagedTextures();
            cache.addFont("broken", Gdx.files.absolute(new File(folder, "broken.fnt").getPath()));
            GdxRuntimeException first = assertThrows(GdxRuntimeException.class,
                    () -> cache.get("Score", "broken", Color.WHITE, 15));
            assertTrue(first.getMessage().contains("broken.fnt"), first.getMessage());
            assertThrows(GdxRuntimeException.class, () -> cache.get("Score", "broken", Color.WHITE, 30),
                    "the font is as broken at the next size");
            assertEquals(texturesBefore, Texture.getNumManagedTextures(), "no page texture kept by the failed font");
            counted.dispose();
        });
    }
    @Test
    void aTrueTypeFileThatIsNoFontFailsNamingTheFileAndWhyAtEveryLookup() {
        String[] contents = {"", "this is no font"};
        for (int i = 0; i < contents.length; i++) {
            Gdx.files.absolute(new File(folder, "broken" + i + ".ttf").getPath()).writeString(contents[i], false, "UTF-8");
        }
        GlTestWindow.run(() -> {
            for (int i = 0; i < contents.length; i++) {
                cache.addFont("broken" + i, Gdx.files.absolute(new File(folder, "broken" + i + ".ttf").getPath()));
                for (int size : new int[] {15, 15, 30}) {
                    int font = i;
                    GdxRuntimeException e = assertThrows(GdxRuntimeException.class,
                            () -> cache.get("Score", "broken" + font, Color.WHITE, size));
                    assertTrue(e.getMessage().contains("broken" + i + ".ttf") && e.getMessage().contains("size " + size)
                            && e.getMessage().contains("Couldn't load font"), e.getMessage());
                }
            }
            assertEquals(0, cache.fontCount());
        });
    }
}
