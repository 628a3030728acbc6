package com.gdxfetch.graphics;

import com.badlogic.gdx.graphics.g2d.Batch;

/**
 * Draws the content of a {@link CachedComposite} into its off-screen texture.
 *
 * <p>Called on the render thread, from inside {@link CachedComposite#draw}, only when the
 * composite is dirty. The batch is already begun and projects {@code (0, 0)} to the bottom-left
 * and {@code (width, height)} to the top-right of the composite, y up, as on screen.
 */
public interface Painter {
    /**
     * Draws everything the composite shows; must not end or begin the batch.
     *
     * <p>A runtime exception thrown here propagates out of {@link CachedComposite#draw} with the
     * batch and GL state restored; the composite stays dirty and is painted again next time.
     */
    void paint(Batch batch, int width, int height);
}
