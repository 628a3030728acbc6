package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;

/**
 * What one key draws: a whole local image, one atlas region, or (with no sheet) the
 * placeholder. Render thread only.
 */
final class LocalSlot {
    final LocalSheet sheet;
    final TextureAtlasData.Region data;
    private AtlasRegion region;
    /** For a key with no file (no sheet): when it was last looked for, {@code System.nanoTime()}. */
    long lookedForNanos;
    /** For a key with no file: references {@code retain} took, handed to the image if its file appears. */
    int retainedWhileMissing;

    LocalSlot(LocalSheet sheet, TextureAtlasData.Region data) {
        this.sheet = sheet;
        this.data = data;
    }

    /** The region on the sheet's current texture, rebuilt only after the sheet reloaded. */
    AtlasRegion region() {
        Texture texture = sheet.texture;
        if (region == null || region.getTexture() != texture) {
            if (data != null) {
                region = AtlasRegions.create(data, texture);
            } else {
                region = new AtlasRegion(texture, 0, 0, texture.getWidth(), texture.getHeight());
                region.name = sheet.name;
            }
        }
        return region;
    }
}
