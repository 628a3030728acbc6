package com.gdxfetch.image.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.gdxfetch.internal.RestorableStorage;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * One decoded image on its way to the GPU a strip of rows at a time, so a large sheet costs
 * several short frames instead of one long one: into a new texture, or, after the GL context was
 * lost, back into the texture it filled before. Render thread only.
 */
final class TextureUpload {
    private final Pixmap pixmap;
    private final TextureAtlasData.Page page;
    private final int stride;
    private final boolean mipmaps;
    private Texture texture;
    private int row;

    /** An upload into a new texture. */
    TextureUpload(Pixmap pixmap, TextureAtlasData.Page page) {
        this(pixmap, page, null);
    }

    /** An upload into {@code texture} (a restore after a lost context), or into a new one when null. */
    TextureUpload(Pixmap pixmap, TextureAtlasData.Page page, Texture texture) {
        this.pixmap = pixmap;
        this.page = page;
        this.texture = texture;
        this.stride = pixmap.getPixels().capacity() / pixmap.getHeight();
        this.mipmaps = page != null && page.useMipMaps;
    }

    /** Whether the pixels fit {@code texture}, so they can be restored into it. */
    static boolean fits(Pixmap pixmap, Texture texture) {
        return pixmap.getWidth() == texture.getWidth() && pixmap.getHeight() == texture.getHeight()
                && pixmap.getFormat() == texture.getTextureData().getFormat();
    }

    /**
     * Writes the next part of the texture within {@code maxBytes} and returns the bytes written.
     * A new image that fits goes up whole in one call. A larger one first gets its storage, alone
     * in that step, because allocating it writes every byte of it on some drivers (Mesa's
     * llvmpipe clears the whole storage of a large sheet); later steps upload rows, as many
     * as fit but at least one. A restore writes rows from the start: the reload into the new
     * context already gave the texture its storage. Mipmapped pages go up whole: their smaller
     * levels need the full image.
     */
    long step(long maxBytes) {
        int height = pixmap.getHeight();
        long whole = (long) stride * height;
        if (texture == null || mipmaps) {
            boolean allAtOnce = mipmaps || whole <= maxBytes;
            RestorableStorage storage = texture == null
                    ? new RestorableStorage(pixmap.getWidth(), height, pixmap.getFormat(), mipmaps)
                    : (RestorableStorage) texture.getTextureData();
            storage.fillWith(allAtOnce ? pixmap : null);
            try {
                if (texture == null) {
                    texture = new Texture(storage);
                    AtlasRegions.applyPage(texture, page);
                } else {
                    texture.load(storage);
                }
            } finally {
                storage.fillWith(null);
            }
            if (allAtOnce) {
                row = height;
            }
            return whole;
        }
        int rows = (int) Math.max(1, Math.min(height - row, maxBytes / stride));
        ByteBuffer pixels = pixmap.getPixels();
        texture.bind();
        Gdx.gl.glPixelStorei(GL20.GL_UNPACK_ALIGNMENT, 1);
        // Through Buffer: ByteBuffer.position(int) returns ByteBuffer only from Java 9, not on Android or RoboVM.
        Buffer buffer = pixels;
        buffer.position(row * stride);
        try {
            Gdx.gl.glTexSubImage2D(GL20.GL_TEXTURE_2D, 0, 0, row, pixmap.getWidth(), rows, pixmap.getGLFormat(),
                    pixmap.getGLType(), pixels);
        } finally {
            buffer.position(0);
        }
        Gdx.gl.glBindTexture(GL20.GL_TEXTURE_2D, 0);
        row += rows;
        return (long) rows * stride;
    }

    /**
     * Starts again from the first row: the context was lost, and the reload into the new one left
     * the texture blank.
     */
    void restart() {
        row = 0;
    }

    /** Whether every row is on the GPU. */
    boolean isDone() {
        return row >= pixmap.getHeight();
    }

    /** Frees the decoded pixels and hands over the finished texture. */
    Texture finish() {
        pixmap.dispose();
        return texture;
    }

    /** Frees the pixels and any partly uploaded texture. */
    void dispose() {
        pixmap.dispose();
        if (texture != null) {
            texture.dispose();
            texture = null;
        }
    }
}
