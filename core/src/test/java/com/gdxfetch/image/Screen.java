package com.gdxfetch.image;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.testing.GlTestWindow;

/** Draws a region over the whole window and reads colours back; render thread only. */
final class Screen {
    private static SpriteBatch batch;

    private Screen() {
    }

    /**
     * Draws {@code region} stretched over the window and returns the colour at the point
     * {@code (u, v)} of the region, with (0, 0) its top-left corner and (1, 1) its bottom-right.
     */
    static int colourAt(TextureRegion region, float u, float v) {
        if (batch == null) {
            batch = new SpriteBatch();
        }
        int w = GlTestWindow.WIDTH;
        int h = GlTestWindow.HEIGHT;
        Gdx.gl.glViewport(0, 0, w, h);
        Gdx.gl.glClearColor(0.5f, 0.5f, 0.5f, 1f);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        batch.getProjectionMatrix().setToOrtho2D(0, 0, w, h);
        batch.disableBlending();
        batch.begin();
        batch.draw(region, 0, 0, w, h);
        batch.end();
        // GL rows count from the bottom.
        return GlTestWindow.readPixel((int) (u * (w - 1)), (int) ((1f - v) * (h - 1)));
    }

    /** The colour at the centre of the region's top-left quarter, and so on. */
    static int topLeft(TextureRegion region) {
        return colourAt(region, 0.25f, 0.25f);
    }

    static int topRight(TextureRegion region) {
        return colourAt(region, 0.75f, 0.25f);
    }

    static int centre(TextureRegion region) {
        return colourAt(region, 0.5f, 0.5f);
    }
}
