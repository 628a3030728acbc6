package com.gdxfetch.text.internal;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator.FreeTypeFontParameter;
import com.badlogic.gdx.utils.GdxRuntimeException;

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
    /**
     * Why the file could not be opened as a font, once it could not, until {@link #dispose}:
     * libGDX's generator keeps the FreeType library it made when the file turns out to be no font,
     * so each new attempt would leave another one behind, at every lookup a game retries.
     */
    private GdxRuntimeException unusable;

    FreeTypeFontSource(FileHandle file) {
        this.file = file;
    }

    @Override
    public BitmapFont create(int size) {
        if (unusable != null) {
            throw new GdxRuntimeException(unusable.getMessage(), unusable);
        }
        if (generator == null) {
            try {
                generator = new FreeTypeFontGenerator(file);
            } catch (GdxRuntimeException e) {
                unusable = e;
                throw e;
            }
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
        // Released by clear(): the file may have been replaced since, so the next lookup tries it again.
        unusable = null;
        if (generator != null) {
            generator.dispose();
            generator = null;
        }
    }
}
