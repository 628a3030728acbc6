package com.gdxfetch.graphics.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.graphics.Painter;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * A frame buffer a batch paints into, and the upright, premultiplied-alpha region it yields.
 *
 * <p>Painting borrows the caller's batch: a second batch would leave the caller's shader
 * program bound under its pending vertices. Everything the pass changes (batch projection,
 * blending, colour; GL frame buffer binding, viewport, clear colour) is put back afterwards, so a
 * repaint in the middle of the caller's {@code begin()}/{@code end()} is invisible to it. Render
 * thread only.
 */
public final class OffscreenTarget implements Disposable {
    private final int width;
    private final int height;
    private final Matrix4 projection = new Matrix4();
    private final Matrix4 savedProjection = new Matrix4();
    private final IntBuffer intQuery = BufferUtils.newIntBuffer(16);
    private final FloatBuffer floatQuery = BufferUtils.newFloatBuffer(16);
    private FrameBuffer frameBuffer;
    private TextureRegion region;

    public OffscreenTarget(int width, int height) {
        this.width = width;
        this.height = height;
        projection.setToOrtho2D(0, 0, width, height);
    }

    /** Clears the target to transparent and lets {@code painter} draw into it with {@code batch}. */
    public void paint(Batch batch, Painter painter) {
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
        int previousFrameBuffer = queryInt(GL20.GL_FRAMEBUFFER_BINDING);
        Gdx.gl.glGetIntegerv(GL20.GL_VIEWPORT, intQuery);
        int vx = intQuery.get(0);
        int vy = intQuery.get(1);
        int vw = intQuery.get(2);
        int vh = intQuery.get(3);
        Gdx.gl.glGetFloatv(GL20.GL_COLOR_CLEAR_VALUE, floatQuery);
        float cr = floatQuery.get(0);
        float cg = floatQuery.get(1);
        float cb = floatQuery.get(2);
        float ca = floatQuery.get(3);
        try {
            frameBuffer.begin();
            Gdx.gl.glClearColor(0f, 0f, 0f, 0f);
            Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
            batch.setProjectionMatrix(projection);
            // Straight-alpha sources blended onto transparent black: colour comes out premultiplied
            // and alpha accumulates correctly, instead of being squared.
            batch.setBlendFunctionSeparate(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA,
                    GL20.GL_ONE, GL20.GL_ONE_MINUS_SRC_ALPHA);
            batch.begin();
            try {
                painter.paint(batch, width, height);
            } finally {
                batch.end();
            }
        } finally {
            Gdx.gl.glBindFramebuffer(GL20.GL_FRAMEBUFFER, previousFrameBuffer);
            Gdx.gl.glViewport(vx, vy, vw, vh);
            Gdx.gl.glClearColor(cr, cg, cb, ca);
            batch.setProjectionMatrix(savedProjection);
            batch.setBlendFunctionSeparate(srcColor, dstColor, srcAlpha, dstAlpha);
            batch.setPackedColor(packedColor);
            if (wasDrawing) {
                batch.begin();
            }
        }
    }

    /** Draws the painted region with its bottom-left corner at {@code (x, y)}; the batch must be drawing. */
    public void draw(Batch batch, float x, float y) {
        if (region == null) {
            throw new IllegalStateException("offscreen target drawn before it was painted");
        }
        int srcColor = batch.getBlendSrcFunc();
        int dstColor = batch.getBlendDstFunc();
        int srcAlpha = batch.getBlendSrcFuncAlpha();
        int dstAlpha = batch.getBlendDstFuncAlpha();
        batch.setBlendFunctionSeparate(GL20.GL_ONE, GL20.GL_ONE_MINUS_SRC_ALPHA,
                GL20.GL_ONE, GL20.GL_ONE_MINUS_SRC_ALPHA);
        batch.draw(region, x, y, width, height);
        batch.setBlendFunctionSeparate(srcColor, dstColor, srcAlpha, dstAlpha);
    }

    /** The upright region of the painted texture, or null before the first paint. */
    public TextureRegion region() {
        return region;
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
            region = null;
        }
    }

    private void ensureFrameBuffer() {
        if (frameBuffer != null) {
            return;
        }
        int maxSize = queryInt(GL20.GL_MAX_TEXTURE_SIZE);
        if (width > maxSize || height > maxSize) {
            throw new IllegalArgumentException("offscreen size " + width + "x" + height
                    + " exceeds GL_MAX_TEXTURE_SIZE " + maxSize);
        }
        frameBuffer = new FrameBuffer(Pixmap.Format.RGBA8888, width, height, false);
        Texture texture = frameBuffer.getColorBufferTexture();
        texture.setFilter(Texture.TextureFilter.Nearest, Texture.TextureFilter.Nearest);
        region = new TextureRegion(texture);
        // GL textures start at the bottom row; the flip makes the region's top the painted top.
        region.flip(false, true);
    }

    private int queryInt(int name) {
        Gdx.gl.glGetIntegerv(name, intQuery);
        return intQuery.get(0);
    }
}
