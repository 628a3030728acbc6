package com.gdxfetch.text;

import com.badlogic.gdx.graphics.g2d.Batch;

/**
 * A piece of text laid out once by {@link TextCache}, drawn in one call.
 *
 * <p>Render thread only: {@link #draw} from another thread throws {@link IllegalStateException}
 * naming both threads. Valid until the cache's next {@link TextCache#update()},
 * {@link TextCache#clear()} or {@link TextCache#dispose()}: fetch it again each frame (a hit is
 * a hash lookup) rather than keeping it.
 */
public interface CachedText {
    /**
     * Draws the text with the top-left of its first line at {@code (x, y)}, as
     * {@code BitmapFont.draw} places it; {@code batch} must be between {@code begin()} and {@code end()}.
     *
     * @throws IllegalStateException if the text was released by {@link TextCache#clear()} or
     *     {@link TextCache#dispose()}, or off the render thread that made its cache
     */
    void draw(Batch batch, float x, float y);

    /** Width of the laid-out text in pixels. */
    float width();

    /** Height of the laid-out text in pixels, from the top of the first line to the baseline of the last. */
    float height();
}
