package com.gdxfetch.graphics.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.graphics.Painter;
import com.gdxfetch.internal.GlContext;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * A frame buffer that a batch paints into, a rectangle at a time, and the upright regions it yields.
 *
 * <p>Painting borrows the caller's batch: a second batch would leave the caller's shader
 * program bound under its pending vertices. Everything the pass changes (batch projection,
 * blending, colour; GL frame buffer binding, viewport, scissor, clear colour) is put back
 * afterwards, so a repaint in the middle of the caller's {@code begin()}/{@code end()} is
 * invisible to it.
 *
 * <p>A lost GL context keeps the frame buffer's texture object, and so every region made from it,
 * but blanks its content: {@link #paint} returns a stamp, and {@link #stillHolds(int)} tells the
 * owner when to paint again. Render thread only.
 */
public final class OffscreenTarget implements Disposable {
    private final int width;
    private final int height;
    private final Matrix4 projection = new Matrix4();
    private final Matrix4 savedProjection = new Matrix4();
    private final IntBuffer intQuery = BufferUtils.newIntBuffer(16);
    private final FloatBuffer floatQuery = BufferUtils.newFloatBuffer(16);
    private RestorableFrameBuffer frameBuffer;

    /** A target of {@code width x height} pixels; the frame buffer is made on the first paint. */
    public OffscreenTarget(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Clears the rectangle at {@code (x, y)} (from the bottom-left) to the given colour and lets
     * {@code painter} draw into it, with {@code (0, 0)} at the rectangle's corner, y up.
     *
     * @param blend four blend factors (colour source, colour destination, alpha source, alpha
     *     destination) the batch paints with
     * @return the stamp to pass to {@link #stillHolds(int)}
     * @throws IllegalArgumentException if the target exceeds the GL maximum texture size
     */
    public int paint(Batch batch, Painter painter, int x, int y, int w, int h,
            float clearR, float clearG, float clearB, int[] blend) {
        ensureFrameBuffer();
        boolean wasDrawing = batch.isDrawing();
        if (wasDrawing) {
            batch.end();
        }
        savedProjection.set(batch.getProjectionMatrix());
        int srcColor = batch.getBlendSrcFunc();
        int dstColor = batch.getBlendDstFunc();
        int srcAlpha = batch.getBlendSrcFuncAlpha();
        int dstAlpha = batch.getBlendDstFuncAlpha();
        float packedColor = batch.getPackedColor();
        GlState saved = GlState.capture(intQuery, floatQuery);
        try {
            frameBuffer.begin();
            Gdx.gl.glEnable(GL20.GL_SCISSOR_TEST);
            Gdx.gl.glScissor(x, y, w, h);
            Gdx.gl.glClearColor(clearR, clearG, clearB, 0f);
            Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
            batch.setProjectionMatrix(projection.setToOrtho2D(-x, -y, width, height));
            batch.setBlendFunctionSeparate(blend[0], blend[1], blend[2], blend[3]);
            batch.begin();
            try {
                painter.paint(batch, w, h);
            } finally {
                batch.end();
            }
        } finally {
            saved.restore();
            batch.setProjectionMatrix(savedProjection);
            batch.setBlendFunctionSeparate(srcColor, dstColor, srcAlpha, dstAlpha);
            batch.setPackedColor(packedColor);
            if (wasDrawing) {
                batch.begin();
            }
        }
        return GlContext.generation();
    }

    /**
     * Whether what {@link #paint} drew when it returned {@code stamp} is still there: false once
     * the GL context was lost since, which blanked it. Allocates nothing.
     */
    public static boolean stillHolds(int stamp) {
        return stamp == GlContext.generation();
    }

    /**
     * An upright region of the rectangle at {@code (x, y)} (from the bottom-left), drawn the
     * right way up: GL textures start at the bottom row, so the region is flipped vertically.
     */
    public TextureRegion region(int x, int y, int w, int h) {
        ensureFrameBuffer();
        TextureRegion region = new TextureRegion(frameBuffer.getColorBufferTexture(), x, y, w, h);
        region.flip(false, true);
        return region;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Bytes of GPU memory the colour texture takes (RGBA8888). */
    public long byteSize() {
        return 4L * width * height;
    }

    @Override
    public void dispose() {
        if (frameBuffer != null) {
            frameBuffer.dispose();
            frameBuffer = null;
        }
    }

    private void ensureFrameBuffer() {
        if (frameBuffer != null) {
            frameBuffer.rebuildIfLost();
            return;
        }
        Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, intQuery);
        int maxSize = intQuery.get(0);
        if (width > maxSize || height > maxSize) {
            throw new IllegalArgumentException("offscreen size " + width + "x" + height
                    + " exceeds GL_MAX_TEXTURE_SIZE " + maxSize);
        }
        frameBuffer = new RestorableFrameBuffer(width, height);
    }
}
