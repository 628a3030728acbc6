package com.gdxfetch.text.internal;

import com.badlogic.gdx.utils.IntMap;

/** A typeface and the sizes generated from it so far. Render thread only. */
public final class FontFamily {
    /** Where the sizes come from. */
    public final FontSource source;
    /** Generated fonts by pixel size. */
    public final IntMap<FontSlot> sizes = new IntMap<>();

    /** A family with no size generated yet. */
    public FontFamily(FontSource source) {
        this.source = source;
    }

    /** Disposes every generated size and whatever the source loaded; the family can generate again. */
    public void release() {
        for (IntMap.Entry<FontSlot> entry : sizes.entries()) {
            entry.value.dispose();
        }
        sizes.clear();
        source.dispose();
    }
}
