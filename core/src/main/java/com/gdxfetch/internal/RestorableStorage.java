package com.gdxfetch.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.TextureData;
import com.badlogic.gdx.graphics.glutils.MipMapGenerator;
import com.badlogic.gdx.utils.GdxRuntimeException;

/**
 * Texture data that survives a lost GL context as blank storage: its size and format, and pixels
 * only while an upload is under way. Remote images and the frame buffers of composites and baked
 * text use it.
 *
 * <p>Managed, so libGDX gives the same {@code Texture} object a new GL name when it reloads
 * textures into a new context; the reload finds no pixels here and allocates blank storage of the
 * texture's size, which the owner fills again (the image cache from a fresh decode, a composite by
 * repainting). Keeping the pixels in memory for that would double the memory every image takes.
 * Render thread only.
 */
public class RestorableStorage implements TextureData {
    private final int width;
    private final int height;
    private final Pixmap.Format format;
    private final boolean mipmaps;
    private Pixmap pixels;

    public RestorableStorage(int width, int height, Pixmap.Format format, boolean mipmaps) {
        this.width = width;
        this.height = height;
        this.format = format;
        this.mipmaps = mipmaps;
    }

    /** The pixels the next upload writes, or null for blank storage. */
    public void fillWith(Pixmap pixmap) {
        this.pixels = pixmap;
    }

    @Override
    public void consumeCustomData(int target) {
        if (pixels == null) {
            int glFormat = Pixmap.Format.toGlFormat(format);
            int glType = Pixmap.Format.toGlType(format);
            // Every level when mipmapped: with level 0 alone the texture is incomplete under a
            // mipmap filter, and samples opaque black instead of the blank storage.
            int levelWidth = width;
            int levelHeight = height;
            for (int level = 0; ; level++) {
                Gdx.gl.glTexImage2D(target, level, glFormat, levelWidth, levelHeight, 0, glFormat, glType, null);
                if (!mipmaps || levelWidth == 1 && levelHeight == 1) {
                    return;
                }
                levelWidth = Math.max(1, levelWidth / 2);
                levelHeight = Math.max(1, levelHeight / 2);
            }
        }
        Gdx.gl.glPixelStorei(GL20.GL_UNPACK_ALIGNMENT, 1);
        if (mipmaps) {
            MipMapGenerator.generateMipMap(target, pixels, width, height);
        } else {
            Gdx.gl.glTexImage2D(target, 0, pixels.getGLInternalFormat(), width, height, 0, pixels.getGLFormat(),
                    pixels.getGLType(), pixels.getPixels());
        }
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
        throw new GdxRuntimeException("restorable textures are uploaded as custom data");
    }

    @Override
    public boolean disposePixmap() {
        return false;
    }

    @Override
    public int getWidth() {
        return width;
    }

    @Override
    public int getHeight() {
        return height;
    }

    @Override
    public Pixmap.Format getFormat() {
        return format;
    }

    @Override
    public boolean useMipMaps() {
        return mipmaps;
    }

    @Override
    public boolean isManaged() {
        return true;
    }
}
