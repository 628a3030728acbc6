package com.gdxfetch.image.internal;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.TextureData;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.GdxRuntimeException;

/** One local texture: a single image file or one page of an atlas. Render thread only. */
final class LocalSheet extends MemoryEntry {
    final String name;
    final FileHandle file;
    final TextureAtlasData.Page page;
    /** The atlas listing {@link #page} and its path, for checking its regions; null for an image. */
    private final String atlasPath;
    private final TextureAtlasData atlas;
    Texture texture;
    /** Set when the file could not be decoded; the placeholder stands in from then on. */
    boolean broken;

    /** A single image file. */
    LocalSheet(String name, FileHandle file) {
        this(name, file, null, null, null);
    }

    /** A page of the atlas at {@code atlasPath}. */
    LocalSheet(String name, FileHandle file, TextureAtlasData.Page page, String atlasPath, TextureAtlasData atlas) {
        this.name = name;
        this.file = file;
        this.page = page;
        this.atlasPath = atlasPath;
        this.atlas = atlas;
    }

    /**
     * Reads, decodes and uploads the file; returns the texture's bytes.
     *
     * @throws GdxRuntimeException if the file cannot be decoded, is wider or taller than
     *     {@code glMaxTextureSize} (GL would refuse the upload with only an error flag, leaving a
     *     texture with no storage that draws black), or is an atlas page some region of which
     *     reaches outside it: libGDX would draw whatever the wrap mode puts there
     */
    long load(int glMaxTextureSize) {
        // As new Texture(file, ...) reads it, so the texture stays managed and reloads from the file.
        TextureData data = TextureData.Factory.loadFromFile(file, page != null ? page.format : null,
                page != null && page.useMipMaps);
        if (!data.isPrepared()) {
            data.prepare();
        }
        if (data.getWidth() > glMaxTextureSize || data.getHeight() > glMaxTextureSize) {
            if (data.getType() == TextureData.TextureDataType.Pixmap) {
                Pixmap pixels = data.consumePixmap();
                if (data.disposePixmap()) {
                    pixels.dispose();
                }
            }
            throw new GdxRuntimeException("image is " + data.getWidth() + "x" + data.getHeight()
                    + ", larger than the GL texture limit " + glMaxTextureSize);
        }
        Texture loaded = new Texture(data);
        if (page != null) {
            String misfit = AtlasRegions.misfit(atlasPath, atlas, page, loaded.getWidth(), loaded.getHeight());
            if (misfit != null) {
                loaded.dispose();
                throw new GdxRuntimeException(misfit);
            }
        }
        AtlasRegions.applyPage(loaded, page);
        texture = loaded;
        return 4L * loaded.getWidth() * loaded.getHeight();
    }

    @Override
    protected void unload() {
        if (texture != null) {
            texture.dispose();
            texture = null;
        }
    }

    @Override
    protected String describe() {
        return "image " + name;
    }
}
