package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationLogger;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.image.internal.Placeholder;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.CapturingLogger;
import com.gdxfetch.testing.GlTestWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageTest {
    @TempDir
    Path root;
    private ImageCache images;

    @BeforeEach
    void writeImages() {
        TestImages.write(root.resolve("hero/red.png"), TestImages.solid(8, 8, TestImages.RED));
        TestImages.write(root.resolve("Blue.png"), TestImages.solid(8, 8, TestImages.BLUE));
        TestImages.write(root.resolve("broken.png"), "not a png".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void dispose() {
        if (images != null) {
            GlTestWindow.run(images::dispose);
        }
    }

    private void open(boolean placeholder) {
        images = GlTestWindow.call(() -> new ImageCache(null, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().placeholder(placeholder).noDiskCache().build()));
    }

    @Test
    void everySpellingOfAPathDrawsTheOneCachedImage() {
        open(true);
        GlTestWindow.run(() -> {
            TextureRegion region = images.get("hero/red.png");
            assertEquals(TestImages.RED, Screen.centre(region));
            assertSame(region, images.get("hero\\red.png"));
            assertSame(region, images.get("./hero//red.png"));
            assertSame(region, images.get("hero/./red.png"));
            assertEquals(1, images.residentCount());
            assertEquals(8 * 8 * 4, images.residentBytes());
        });
    }

    @Test
    void caseIsPartOfTheKey() {
        open(false);
        GlTestWindow.run(() -> {
            assertEquals(TestImages.BLUE, Screen.centre(images.get("Blue.png")));
            // The file system here is case-sensitive, so the other spelling names no file.
            assertThrows(IllegalArgumentException.class, () -> images.get("blue.png"));
        });
    }

    @Test
    void pathsClimbingOutOfTheRootAreRefused() {
        open(true);
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> images.get("hero/../../outside.png"));
            assertTrue(e.getMessage().contains("hero/../../outside.png"), e.getMessage());
            assertTrue(e.getMessage().contains("climbs out"), e.getMessage());
        });
    }

    @Test
    void unknownPathShowsThePlaceholderWithOneWarning() {
        open(true);
        List<String> lines = GlTestWindow.call(() -> {
            CapturingLogger logged = new CapturingLogger();
            ApplicationLogger original = Gdx.app.getApplicationLogger();
            Gdx.app.setApplicationLogger(logged);
            try {
                for (int frame = 0; frame < 5; frame++) {
                    images.update();
                    assertSame(images.placeholder(), images.get("missing/ghost.png"));
                    assertSame(images.placeholder(), images.get("missing\\ghost.png"));
                }
                TextureRegion shown = images.get("missing/ghost.png");
                assertEquals(Placeholder.MAGENTA, Screen.topLeft(shown));
                assertEquals(Placeholder.BLACK, Screen.topRight(shown));
            } finally {
                Gdx.app.setApplicationLogger(original);
            }
            return logged.lines();
        });
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("missing/ghost.png"), lines.get(0));
    }

    @Test
    void aPathAskedForBeforeItsFileExistsDrawsTheFileOnceItAppears() {
        // A game that downloads images into the root may ask for one before the download ends.
        open(true);
        GlTestWindow.run(() -> {
            assertSame(images.placeholder(), images.retain("later/green.png"));
            assertSame(images.placeholder(), images.get("later\\green.png"));
        });
        TestImages.write(root.resolve("later/green.png"), TestImages.solid(8, 8, TestImages.GREEN));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean shown = false;
        while (!shown && System.nanoTime() < deadline) {
            shown = GlTestWindow.call(() -> {
                images.update();
                return images.get("later/green.png") != images.placeholder();
            });
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(16));
        }
        assertTrue(shown, "the placeholder stayed after the file appeared");
        GlTestWindow.run(() -> {
            TextureRegion region = images.get("later/green.png");
            assertEquals(TestImages.GREEN, Screen.centre(region));
            assertSame(region, images.get("later\\green.png"), "every spelling draws the file");
            // The reference taken while the file was missing is the image's now.
            images.release("later/green.png");
            assertThrows(IllegalStateException.class, () -> images.release("later/green.png"));
        });
    }

    @Test
    void unknownPathThrowsNamingItWhenPlaceholdersAreOff() {
        open(false);
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> images.get("missing/ghost.png"));
            assertTrue(e.getMessage().contains("missing/ghost.png"), e.getMessage());
        });
    }

    @Test
    void undecodableFileShowsThePlaceholder() {
        open(true);
        GlTestWindow.run(() -> {
            assertSame(images.placeholder(), images.get("broken.png"));
            assertSame(images.placeholder(), images.get("broken.png"));
            assertEquals(0, images.residentCount());
        });
    }

    @Test
    void undecodableFileThrowsIllegalArgumentNamingItWhenPlaceholdersAreOff() {
        open(false);
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.get("./broken.png"));
            assertTrue(e.getMessage().contains("'./broken.png'"), e.getMessage());
            assertTrue(e.getMessage().contains(root.resolve("broken.png").toString()), e.getMessage());
            assertEquals(0, images.residentCount());
        });
    }

    @Test
    void aFileTheDecoderRefusesIsNamedWithTheDecodersReason() {
        TestImages.write(root.resolve("rle.bmp"), TestImages.rleBmp(8, 8));
        open(false);
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.get("rle.bmp"));
            assertTrue(e.getMessage().contains("'rle.bmp'"), e.getMessage());
            assertTrue(e.getMessage().contains("RLE"), e.getMessage());
        });
    }

    private static int glMaxTextureSize() {
        return GlTestWindow.call(() -> {
            java.nio.IntBuffer max = com.badlogic.gdx.utils.BufferUtils.newIntBuffer(16);
            Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, max);
            return max.get(0);
        });
    }

    @Test
    void anImageWiderThanTheGlTextureLimitShowsThePlaceholderAndLeavesNoGlError() {
        int limit = glMaxTextureSize();
        TestImages.write(root.resolve("wide.png"), TestImages.solid(limit + 1, 1, TestImages.RED));
        open(true);
        GlTestWindow.run(() -> {
            while (Gdx.gl.glGetError() != GL20.GL_NO_ERROR) {
                // errors left by earlier drawing are not this test's
            }
            assertSame(images.placeholder(), images.get("wide.png"));
            assertEquals(GL20.GL_NO_ERROR, Gdx.gl.glGetError(), "GL error after loading a too wide image");
            assertEquals(0, images.residentCount());
        });
    }

    @Test
    void anImageWiderThanTheGlTextureLimitThrowsNamingItsSizeWhenPlaceholdersAreOff() {
        int limit = glMaxTextureSize();
        TestImages.write(root.resolve("wide.png"), TestImages.solid(limit + 1, 1, TestImages.RED));
        open(false);
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.get("wide.png"));
            assertTrue(e.getMessage().contains("'wide.png'") && e.getMessage().contains((limit + 1) + "x1"),
                    e.getMessage());
            assertEquals(0, images.residentCount());
        });
    }

    @Test
    void cacheHitsAndIdleUpdatesAllocateNothing() {
        open(true);
        GlTestWindow.run(() -> {
            String[] spellings = {"hero/red.png", "hero\\red.png", "./hero//red.png", "Blue.png", "nope.png"};
            int[] state = {0, 0};
            Allocations.assertNothingAllocatedOnceWarm("cache hits and idle updates", () -> {
                int i = state[0]++;
                if (i % spellings.length == 0) {
                    images.update();
                }
                state[1] += images.get(spellings[i % spellings.length]).getRegionWidth();
            }, 20_000, 10_000);
            assertTrue(state[1] > 0);
        });
    }
}
