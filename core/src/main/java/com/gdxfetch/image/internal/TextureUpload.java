package com.gdxfetch.image.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.TextureData;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.GdxRuntimeException;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * One decoded image on its way to the GPU a strip of rows at a time, so a large sheet costs
 * several short frames instead of one long one. Render thread only.
 */
final class TextureUpload {
    private final Pixmap pixmap;
    private final TextureAtlasData.Page page;
    private final int stride;
    private Texture texture;
    private int row;

    TextureUpload(Pixmap pixmap, TextureAtlasData.Page page) {
        this.pixmap = pixmap;
        this.page = page;
        this.stride = pixmap.getPixels().capacity() / pixmap.getHeight();
    }

    /**
     * Writes the next part of the texture within {@code maxBytes} and returns the bytes written.
     * An image that fits goes up whole in one call. A larger one first gets its storage, alone
     * in that step, because allocating it writes every byte of it on some drivers (Mesa's
     * llvmpipe clears the whole storage of a large sheet); later steps upload rows, as many
     * as fit but at least one. Mipmapped pages go up whole: their smaller levels need the full
     * image.
     */
    long step(long maxBytes) {
        int height = pixmap.getHeight();
        long whole = (long) stride * height;
        if (texture == null) {
            boolean mipmaps = page != null && page.useMipMaps;
            texture = mipmaps || whole <= maxBytes ? new Texture(pixmap, mipmaps) : new Texture(new Storage(pixmap));
            AtlasRegions.applyPage(texture, page);
            if (mipmaps || whole <= maxBytes) {
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

    /** Texture storage of the pixmap's size and format, without pixels: the strips fill it. */
    private static final class Storage implements TextureData {
        private final Pixmap pixmap;

        Storage(Pixmap pixmap) {
            this.pixmap = pixmap;
        }

        @Override
        public TextureDataType getType() {
            return TextureDataType.Custom;
        }

        @Override
        public boolean isPrepared() {
            return true;
        }

        @Override
        public void prepare() {
        }

        @Override
        public Pixmap consumePixmap() {
            throw new GdxRuntimeException("strip uploads consume no pixmap");
        }

        @Override
        public boolean disposePixmap() {
            return false;
        }

        @Override
        public void consumeCustomData(int target) {
            Gdx.gl.glTexImage2D(target, 0, pixmap.getGLInternalFormat(), pixmap.getWidth(), pixmap.getHeight(), 0,
                    pixmap.getGLFormat(), pixmap.getGLType(), null);
        }

        @Override
        public int getWidth() {
            return pixmap.getWidth();
        }

        @Override
        public int getHeight() {
            return pixmap.getHeight();
        }

        @Override
        public Pixmap.Format getFormat() {
            return pixmap.getFormat();
        }

        @Override
        public boolean useMipMaps() {
            return false;
        }

        @Override
        public boolean isManaged() {
            return false;
        }
    }
}
