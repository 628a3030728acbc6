package com.gdxfetch.text.internal;

import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;

/**
 * One generated font, for one (typeface, pixel size), plus released entries kept for reuse.
 *
 * <p>Reusing an entry reuses its glyph vertex arrays and text buffer, so text that changes
 * every frame (a score) settles into allocating nothing. Render thread only.
 */
public final class FontSlot implements Disposable {
    private static final int SPARE_LIMIT = 32;

    final int id;
    final BitmapFont font;
    /**
     * GPU bytes of the page textures this font alone holds: a scaled {@code .fnt} font shares its
     * source's pages and holds none.
     */
    public final long ownedTextureBytes;
    /** The frame this font was last looked up in; stamped by the cache on every lookup. */
    public int lastFrame;
    private final Array<TextEntry> spare = new Array<>(false, 8);

    /**
     * A slot owning {@code font}, looked up first in {@code frame}; {@code id} is unique within
     * its cache and feeds the key hash.
     */
    public FontSlot(int id, BitmapFont font, int frame) {
        this.id = id;
        this.font = font;
        this.lastFrame = frame;
        this.ownedTextureBytes = font.ownsTexture() ? textureBytes() : 0;
    }

    /** A released entry of this font, or a new one. */
    TextEntry obtain() {
        return spare.size > 0 ? spare.pop() : new TextEntry(this);
    }

    /** Keeps a released entry for reuse, up to a small limit. */
    void recycle(TextEntry entry) {
        if (spare.size < SPARE_LIMIT) {
            spare.add(entry);
        }
    }

    /** GPU bytes of the font's page textures. */
    public long textureBytes() {
        long bytes = 0;
        for (int i = 0, n = font.getRegions().size; i < n; i++) {
            TextureRegion page = font.getRegions().get(i);
            bytes += 4L * page.getTexture().getWidth() * page.getTexture().getHeight();
        }
        return bytes;
    }

    @Override
    public void dispose() {
        spare.clear();
        font.dispose();
    }
}
