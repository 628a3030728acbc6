package com.gdxfetch.text.internal;

import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.utils.Disposable;

/**
 * A typeface that yields a {@link BitmapFont} per pixel size.
 *
 * <p>Render thread only. {@link #dispose()} frees what the source loaded (textures, the font
 * file) but the source stays usable: the next {@link #create} loads again.
 */
public interface FontSource extends Disposable {
    /** A new font of {@code size} pixels; the caller disposes it before disposing the source. */
    BitmapFont create(int size);

    /** The file or name this source reads, for error messages. */
    String describe();
}
