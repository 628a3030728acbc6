package com.gdxfetch.text.internal;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator.FreeTypeFontParameter;

/**
 * A TrueType/OpenType file rasterised by gdx-freetype at each asked size.
 *
 * <p>The only class that touches gdx-freetype, so the rest of the text cache loads without it;
 * {@link FontSources} checks that it is on the classpath before creating one.
 */
final class FreeTypeFontSource implements FontSource {
    private final FileHandle file;
    private final FreeTypeFontParameter parameter = new FreeTypeFontParameter();
    private FreeTypeFontGenerator generator;

    FreeTypeFontSource(FileHandle file) {
        this.file = file;
    }

    @Override
    public BitmapFont create(int size) {
        if (generator == null) {
            generator = new FreeTypeFontGenerator(file);
        }
        parameter.size = size;
        return generator.generateFont(parameter);
    }

    @Override
    public String describe() {
        return file.path();
    }

    @Override
    public void dispose() {
        if (generator != null) {
            generator.dispose();
            generator = null;
        }
    }
}
