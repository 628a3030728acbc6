package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.graphics.glutils.PixmapTextureData;
import com.badlogic.gdx.utils.Disposable;

/**
 * The region shown for missing and failed images: a magenta and black checkerboard nobody
 * mistakes for art. Made on first use; render thread only.
 *
 * <p>Managed: its pixels (one KiB) stay in memory, so libGDX uploads them again into a new GL
 * context after the old one was lost, into the same texture.
 */
public final class Placeholder implements Disposable {
    /** The checkerboard's bright colour, RGBA8888. */
    public static final int MAGENTA = 0xff00ffff;
    /** The checkerboard's dark colour, RGBA8888. */
    public static final int BLACK = 0x000000ff;
    private static final int SIZE = 16;

    private Pixmap pixmap;
    private Texture texture;
    private TextureRegion region;

    /** The placeholder region; the top-left and bottom-right quarters are magenta. */
    public TextureRegion region() {
        if (region == null) {
            pixmap = new Pixmap(SIZE, SIZE, Pixmap.Format.RGBA8888);
            int half = SIZE / 2;
            pixmap.setColor(BLACK);
            pixmap.fill();
            pixmap.setColor(MAGENTA);
            pixmap.fillRectangle(0, 0, half, half);
            pixmap.fillRectangle(half, half, half, half);
            texture = new Texture(new PixmapTextureData(pixmap, null, false, false, true));
            region = new TextureRegion(texture);
        }
        return region;
    }

    @Override
    public void dispose() {
        if (texture != null) {
            texture.dispose();
            pixmap.dispose();
            texture = null;
            pixmap = null;
            region = null;
        }
    }
}
