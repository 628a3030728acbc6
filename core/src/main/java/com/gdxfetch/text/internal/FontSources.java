package com.gdxfetch.text.internal;

import com.badlogic.gdx.files.FileHandle;

/** Picks the {@link FontSource} for a font file by its extension. */
public final class FontSources {
    private static final String FREETYPE_CLASS = "com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator";

    private FontSources() {
    }

    /**
     * A source for {@code file}: {@code .fnt} as a bitmap font, {@code .ttf}/{@code .otf} through gdx-freetype.
     *
     * @throws IllegalArgumentException if the file does not exist or has another extension
     * @throws IllegalStateException if it is a TrueType/OpenType file and gdx-freetype is missing
     */
    public static FontSource open(FileHandle file) {
        if (!file.exists()) {
            throw new IllegalArgumentException("font file not found: " + file.path() + " (" + file.type() + ")");
        }
        String extension = file.extension().toLowerCase(java.util.Locale.ROOT);
        if (extension.equals("fnt")) {
            return new BitmapFontSource(file);
        }
        if (extension.equals("ttf") || extension.equals("otf")) {
            requireFreeType(file);
            return new FreeTypeFontSource(file);
        }
        throw new IllegalArgumentException("font file " + file.path()
                + " is neither a bitmap font (.fnt) nor a TrueType/OpenType font (.ttf, .otf)");
    }

    private static void requireFreeType(FileHandle file) {
        try {
            Class.forName(FREETYPE_CLASS, false, FontSources.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("font file " + file.path() + " needs gdx-freetype: add "
                    + "com.badlogicgames.gdx:gdx-freetype and gdx-freetype-platform (natives) to the game", e);
        }
    }
}
