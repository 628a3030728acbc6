package com.gdxfetch.graphics;

import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.graphics.internal.OffscreenTarget;
import com.gdxfetch.internal.Checks;

/**
 * Many static draws (a HUD frame, a tiled background) painted once into a texture, then drawn
 * each frame as a single quad until {@link #markDirty()} asks for a repaint.
 *
 * <pre>{@code
 * CachedComposite hud = new CachedComposite(320, 64, (batch, w, h) -> {
 *     for (int x = 0; x < w; x += 16) batch.draw(tile, x, 0);
 * });
 * // render():
 * batch.begin();
 * hud.draw(batch, 0, 0);   // paints only the first time and after markDirty()
 * batch.end();
 * }</pre>
 *
 * <p>Threading: create, draw and dispose on the render thread (it owns a GL frame buffer); a call
 * from another thread throws {@link IllegalStateException}, as does drawing after
 * {@link #dispose()}. The {@link Painter} runs on that thread, inside {@link #draw}; if it throws,
 * the exception propagates with the batch restored and the composite stays dirty. The texture holds premultiplied alpha and is
 * drawn with {@code GL_ONE, GL_ONE_MINUS_SRC_ALPHA}; the batch's previous blending is put back
 * after the quad, which costs a batch flush on each side when the batch blends differently. To
 * fade a composite, tint the batch with {@code (a, a, a, a)}.
 *
 * <p>Lost GL context (Android): the texture and {@link #region()} stay the same objects; the
 * painter runs again on the next {@link #draw} after the loss, with nothing for the game to do.
 */
public final class CachedComposite implements Disposable {
    /**
     * Straight-alpha sources blended onto transparent black: colour comes out premultiplied and
     * alpha accumulates correctly, instead of being squared.
     */
    private static final int[] PAINT_BLEND = {
        GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA, GL20.GL_ONE, GL20.GL_ONE_MINUS_SRC_ALPHA,
    };

    private final int width;
    private final int height;
    private final Painter painter;
    private final OffscreenTarget target;
    private final Thread renderThread = Thread.currentThread();
    private TextureRegion region;
    private boolean dirty = true;
    /** When the content was painted, to tell whether a lost context has blanked it since. */
    private int paintedIn;
    private boolean disposed;
    private int paintCount;

    /**
     * Creates a composite of {@code width x height} pixels painted by {@code painter}; no GL work
     * happens until the first {@link #draw}. Call on the render thread, which then owns it.
     *
     * @throws IllegalArgumentException if a size is not positive or the painter is null
     */
    public CachedComposite(int width, int height, Painter painter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("composite size must be positive, got " + width + "x" + height);
        }
        if (painter == null) {
            throw new IllegalArgumentException("painter is null");
        }
        this.width = width;
        this.height = height;
        this.painter = painter;
        this.target = new OffscreenTarget(width, height);
    }

    /** Asks for a repaint on the next {@link #draw}; call when what the painter draws has changed. Render thread. */
    public void markDirty() {
        Checks.renderThread(renderThread, "CachedComposite");
        dirty = true;
    }

    /**
     * True when {@link #markDirty()} asked for a repaint that has not happened yet. Any thread may
     * read it; it is not synchronised. A lost GL context is not counted here: {@link #draw} checks
     * for it itself, on the render thread.
     */
    public boolean isDirty() {
        return dirty;
    }

    /**
     * Draws the composite with its bottom-left corner at {@code (x, y)}, repainting it first if dirty
     * or if the GL context was lost since it was painted.
     *
     * <p>Render thread, with {@code batch} between {@code begin()} and {@code end()}. A repaint
     * ends and restarts the batch around the off-screen pass and restores its projection,
     * blending and colour; the painter runs on this thread, inside this call.
     *
     * @throws IllegalStateException off the render thread, or if the composite was disposed
     * @throws IllegalArgumentException if the size exceeds the GL maximum texture size
     */
    public void draw(Batch batch, float x, float y) {
        Checks.renderThread(renderThread, "CachedComposite");
        Checks.notDisposed(disposed, "CachedComposite");
        if (dirty || !OffscreenTarget.stillHolds(paintedIn)) {
            // Cleared before the painter runs, so that a markDirty() from inside it (content not
            // all there yet) asks for the next pass instead of being undone when this one ends.
            dirty = false;
            try {
                paintedIn = target.paint(batch, painter, 0, 0, width, height, 0f, 0f, 0f, PAINT_BLEND);
                if (region == null) {
                    region = target.region(0, 0, width, height);
                }
            } catch (RuntimeException | Error e) {
                // Painted again next time, as the Painter contract says.
                dirty = true;
                throw e;
            }
            paintCount++;
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

    /** How many times the painter has run; render thread. */
    public int paintCount() {
        Checks.renderThread(renderThread, "CachedComposite");
        return paintCount;
    }

    /** Width in pixels. Any thread. */
    public int width() {
        return width;
    }

    /** Height in pixels. Any thread. */
    public int height() {
        return height;
    }

    /** GPU bytes the texture takes once painted (RGBA8888). Any thread. */
    public long byteSize() {
        return target.byteSize();
    }

    /**
     * The painted, upright, premultiplied-alpha region, or null before the first draw; render thread.
     * It becomes invalid after {@link #dispose()}.
     */
    public TextureRegion region() {
        Checks.renderThread(renderThread, "CachedComposite");
        return region;
    }

    /** Releases the frame buffer and its texture; render thread. Safe to call twice. */
    @Override
    public void dispose() {
        Checks.renderThread(renderThread, "CachedComposite");
        disposed = true;
        region = null;
        target.dispose();
    }
}
