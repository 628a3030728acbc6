package com.gdxfetch.graphics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.badlogic.gdx.graphics.glutils.PixmapTextureData;
import com.badlogic.gdx.math.Matrix4;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.ContextLoss;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

class CachedCompositeTest {
    private static final int W = GlTestWindow.WIDTH;
    private static final int H = GlTestWindow.HEIGHT;
    private static SpriteBatch batch;
    private static Pixmap whitePixels;
    private static Texture white;

    @BeforeAll
    static void createBatch() {
        GlTestWindow.run(() -> {
            batch = new SpriteBatch();
            whitePixels = new Pixmap(1, 1, Pixmap.Format.RGBA8888);
            whitePixels.setColor(Color.WHITE);
            whitePixels.fill();
            // Managed, as a game's own textures are, so it survives the lost context of a test.
            white = new Texture(new PixmapTextureData(whitePixels, null, false, false, true));
        });
    }

    @AfterAll
    static void disposeBatch() {
        GlTestWindow.run(() -> {
            batch.dispose();
            white.dispose();
            whitePixels.dispose();
        });
    }

    @Test
    void paintsOnceThenOnlyAfterMarkDirty() {
        Color[] fill = {Color.RED};
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(W, H, (b, w, h) -> {
            b.setColor(fill[0]);
            b.draw(white, 0, 0, w, h);
        }));
        int[] pixel = new int[1];
        GlTestWindow.runFrames(30, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));
        assertEquals(1, GlTestWindow.call(composite::paintCount).intValue());
        assertEquals(0xff0000ff, pixel[0]);

        fill[0] = Color.BLUE;
        GlTestWindow.runFrames(10, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));
        assertEquals(1, GlTestWindow.call(composite::paintCount).intValue(),
                "changed painter state alone must not repaint");
        assertEquals(0xff0000ff, pixel[0]);

        GlTestWindow.run(composite::markDirty);
        assertTrue(composite.isDirty());
        GlTestWindow.runFrames(10, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));
        assertEquals(2, GlTestWindow.call(composite::paintCount).intValue());
        assertEquals(0x0000ffff, pixel[0]);
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void aPainterThatMarksTheCompositeDirtyWhilePaintingIsRunAgainNextDraw() {
        // A painter whose content is not all there yet (an image still loading) asks for another pass.
        Color[] fill = {Color.RED};
        CachedComposite[] self = new CachedComposite[1];
        CachedComposite composite = GlTestWindow.call(() -> self[0] = new CachedComposite(W, H, (b, w, h) -> {
            b.setColor(fill[0]);
            b.draw(white, 0, 0, w, h);
            if (fill[0] == Color.RED) {
                fill[0] = Color.BLUE;
                self[0].markDirty();
            }
        }));
        int[] pixel = new int[1];
        GlTestWindow.runFrames(10, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));
        assertEquals(2, GlTestWindow.call(composite::paintCount).intValue(),
                "painted again after the painter's own markDirty(), then no more");
        assertEquals(0x0000ffff, pixel[0]);
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void aCompositeShowsItsPaintedContentAgainAfterTheContextIsLost() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(W, H, (b, w, h) -> {
            b.setColor(Color.RED);
            b.draw(white, 0, 0, w, h);
        }));
        int[] pixel = new int[1];
        GlTestWindow.runFrames(2, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));
        TextureRegion region = GlTestWindow.call(composite::region);
        Texture texture = region.getTexture();

        GlTestWindow.run(ContextLoss::simulate);
        GlTestWindow.runFrames(2, () -> pixel[0] = drawAndRead(composite, W / 2, H / 2));

        assertEquals(0xff0000ff, pixel[0], "painted again");
        assertEquals(2, GlTestWindow.call(composite::paintCount).intValue(), "painted once more, not every frame");
        GlTestWindow.run(() -> {
            assertSame(region, composite.region(), "the same region");
            assertSame(texture, composite.region().getTexture(), "the same texture");
        });
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void aCompositeKeepsOneFrameBufferEntryAcrossLossesAndDisposesItsOneTextureWithIt() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(16, 16, (b, w, h) -> {
            b.setColor(Color.RED);
            b.draw(white, 0, 0, w, h);
        }));
        int buffersBefore = GlTestWindow.call(CachedCompositeTest::managedFrameBuffers);
        int texturesBefore = GlTestWindow.call(Texture::getNumManagedTextures);
        GlTestWindow.runFrames(1, () -> drawAndRead(composite, 8, 8));
        int buffersPainted = GlTestWindow.call(CachedCompositeTest::managedFrameBuffers);

        GlTestWindow.run(ContextLoss::simulate);
        GlTestWindow.run(ContextLoss::simulate);
        GlTestWindow.runFrames(1, () -> drawAndRead(composite, 8, 8));

        assertEquals(buffersBefore + 1, buffersPainted, "one entry once painted");
        assertEquals(buffersPainted, GlTestWindow.call(CachedCompositeTest::managedFrameBuffers).intValue(),
                "one entry after two losses");
        assertEquals(texturesBefore + 1, GlTestWindow.call(Texture::getNumManagedTextures).intValue(),
                "one colour texture");
        GlTestWindow.run(composite::dispose);
        assertEquals(buffersBefore, GlTestWindow.call(CachedCompositeTest::managedFrameBuffers).intValue(),
                "the entry gone");
        assertEquals(texturesBefore, GlTestWindow.call(Texture::getNumManagedTextures).intValue(),
                "the colour texture gone");
    }

    @Test
    void drawingAPaintedCompositeAllocatesNothing() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(16, 16, (b, w, h) -> {
            b.setColor(Color.RED);
            b.draw(white, 0, 0, w, h);
        }));
        GlTestWindow.run(() -> {
            batch.begin();
            Allocations.assertNothingAllocatedOnceWarm("drawing a painted composite",
                    () -> composite.draw(batch, 0, 0), 5_000, 2_000);
            batch.end();
            composite.dispose();
        });
    }

    @Test
    void paintedTopAppearsAtTopOfScreen() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(W, H, (b, w, h) -> {
            b.setColor(Color.GREEN);
            b.draw(white, 0, 0, w, h / 2f);
            b.setColor(Color.RED);
            b.draw(white, 0, h / 2f, w, h / 2f);
        }));
        int[] topAndBottom = GlTestWindow.call(() -> {
            clear(0, 0, 0);
            batch.begin();
            composite.draw(batch, 0, 0);
            batch.end();
            // readPixel counts rows from the bottom of the window, as GL does.
            return new int[] {GlTestWindow.readPixel(W / 2, H - 5), GlTestWindow.readPixel(W / 2, 5)};
        });
        assertEquals(0xff0000ff, topAndBottom[0], "top of the screen");
        assertEquals(0x00ff00ff, topAndBottom[1], "bottom of the screen");
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void repaintInsideBeginEndRestoresTheCallersBatchState() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(32, 32, (b, w, h) -> {
            b.setColor(Color.RED);
            b.draw(white, 0, 0, w, h);
        }));
        Object[] result = GlTestWindow.call(() -> {
            Matrix4 shifted = new Matrix4().setToOrtho2D(-100, 0, W, H);
            batch.setProjectionMatrix(shifted);
            batch.setColor(Color.YELLOW);
            batch.setBlendFunctionSeparate(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA,
                    GL20.GL_ONE, GL20.GL_ONE);
            clear(0, 0, 0);
            batch.begin();
            batch.draw(white, 0, 0, 10, 10);
            composite.draw(batch, 50, 100);
            batch.draw(white, 0, 200, 10, 10);
            batch.end();
            Object[] r = {
                GlTestWindow.readPixel(105, 5), GlTestWindow.readPixel(105, 205),
                GlTestWindow.readPixel(165, 115),
                Arrays.equals(shifted.val, batch.getProjectionMatrix().val),
                batch.getColor().equals(Color.YELLOW),
                batch.getBlendDstFuncAlpha(),
            };
            batch.setProjectionMatrix(new Matrix4().setToOrtho2D(0, 0, W, H));
            batch.setColor(Color.WHITE);
            batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
            return r;
        });
        assertEquals(0xffff00ff, result[0], "caller's draw before the repaint");
        assertEquals(0xffff00ff, result[1], "caller's draw after the repaint");
        assertEquals(0xff0000ff, result[2], "the composite, under the caller's shifted projection");
        assertEquals(true, result[3], "projection restored");
        assertEquals(true, result[4], "colour restored");
        assertEquals(GL20.GL_ONE, result[5], "blending restored");
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void repaintInsideTheCallersFrameBufferLeavesItBoundWithItsScissor() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(20, 20, (b, w, h) -> {
            b.setColor(Color.RED);
            b.draw(white, 0, 0, w, h);
        }));
        int[] result = GlTestWindow.call(() -> {
            FrameBuffer own = new FrameBuffer(Pixmap.Format.RGBA8888, 64, 64, false);
            own.begin();
            Gdx.gl.glClearColor(0, 0, 1, 1);
            Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
            Gdx.gl.glEnable(GL20.GL_SCISSOR_TEST);
            Gdx.gl.glScissor(0, 0, 64, 64);
            batch.setProjectionMatrix(new Matrix4().setToOrtho2D(0, 0, 64, 64));
            batch.begin();
            composite.draw(batch, 0, 0);
            batch.setColor(Color.GREEN);
            batch.draw(white, 40, 40, 10, 10);
            batch.setColor(Color.WHITE);
            batch.end();
            int[] r = {
                GlTestWindow.readPixel(5, 5), GlTestWindow.readPixel(45, 45), GlTestWindow.readPixel(30, 5),
                Gdx.gl.glIsEnabled(GL20.GL_SCISSOR_TEST) ? 1 : 0,
            };
            Gdx.gl.glDisable(GL20.GL_SCISSOR_TEST);
            own.end();
            own.dispose();
            batch.setProjectionMatrix(new Matrix4().setToOrtho2D(0, 0, W, H));
            return r;
        });
        assertEquals(0xff0000ff, result[0], "composite drawn into the caller's frame buffer");
        assertEquals(0x00ff00ff, result[1], "caller's own draw after the repaint");
        assertEquals(0x0000ffff, result[2], "caller's clear untouched by the off-screen clear");
        assertEquals(1, result[3], "scissor test still enabled");
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void translucentPaintBlendsOnceOverTheScreen() {
        CachedComposite composite = GlTestWindow.call(() -> new CachedComposite(16, 16, (b, w, h) -> {
            b.setColor(1f, 0f, 0f, 0.5f);
            b.draw(white, 0, 0, w, h);
        }));
        int pixel = GlTestWindow.call(() -> {
            clear(0, 0, 1);
            batch.begin();
            composite.draw(batch, 0, 0);
            batch.end();
            return GlTestWindow.readPixel(8, 8);
        });
        assertNear(0x80, pixel >>> 24, "red");
        assertNear(0x00, pixel >>> 16 & 0xff, "green");
        assertNear(0x7f, pixel >>> 8 & 0xff, "blue");
        GlTestWindow.run(composite::dispose);
    }

    @Test
    void badSizesAndUseAfterDisposeAreNamed() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new CachedComposite(0, 10, (b, w, h) -> { }));
        assertTrue(size.getMessage().contains("0x10"), size.getMessage());
        CachedComposite huge = GlTestWindow.call(() -> new CachedComposite(1 << 20, 4, (b, w, h) -> { }));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> GlTestWindow.run(() -> {
            batch.begin();
            try {
                huge.draw(batch, 0, 0);
            } finally {
                batch.end();
            }
        }));
        assertTrue(tooBig.getMessage().contains("1048576x4"), tooBig.getMessage());
        CachedComposite disposed = GlTestWindow.call(() -> new CachedComposite(4, 4, (b, w, h) -> { }));
        GlTestWindow.run(disposed::dispose);
        assertThrows(IllegalStateException.class, () -> GlTestWindow.run(() -> disposed.draw(batch, 0, 0)));
    }

    /** Frame buffers in libGDX's registry, every application's. */
    private static int managedFrameBuffers() {
        int sum = 0;
        for (String count : FrameBuffer.getManagedStatus().replaceAll("[^0-9 ]", "").trim().split(" +")) {
            sum += count.isEmpty() ? 0 : Integer.parseInt(count);
        }
        return sum;
    }

    private static int drawAndRead(CachedComposite composite, int x, int y) {
        clear(0, 0, 0);
        batch.begin();
        composite.draw(batch, 0, 0);
        batch.end();
        return GlTestWindow.readPixel(x, y);
    }

    private static void clear(float r, float g, float b) {
        Gdx.gl.glClearColor(r, g, b, 1f);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
    }

    private static void assertNear(int expected, int actual, String channel) {
        assertTrue(Math.abs(expected - actual) <= 3, channel + ": expected ~" + expected + " but was " + actual);
    }
}
