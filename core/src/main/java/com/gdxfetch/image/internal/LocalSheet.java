package com.gdxfetch.image.internal;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;

/** One local texture: a single image file or one page of an atlas. Render thread only. */
final class LocalSheet extends MemoryEntry {
    final String name;
    final FileHandle file;
    final TextureAtlasData.Page page;
    Texture texture;
    /** Set when the file could not be decoded; the placeholder stands in from then on. */
    boolean broken;

    LocalSheet(String name, FileHandle file, TextureAtlasData.Page page) {
        this.name = name;
        this.file = file;
        this.page = page;
    }

    /** Reads, decodes and uploads the file; returns the texture's bytes. */
    long load() {
        Texture loaded = page != null ? new Texture(file, page.format, page.useMipMaps) : new Texture(file);
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
