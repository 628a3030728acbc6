package com.gdxfetch.text.internal;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.BitmapFont.BitmapFontData;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.StreamUtils;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * An AngelCode {@code .fnt} font (libGDX's default font included), scaled to each asked size.
 *
 * <p>The page textures load once and are shared by every size; each size gets its own
 * {@link BitmapFontData} so scales never leak between sizes. No FreeType involved.
 */
public final class BitmapFontSource implements FontSource {
    /** The font {@code new BitmapFont()} uses, shipped inside the gdx jar. */
    public static final String DEFAULT_FONT_PATH = "com/badlogic/gdx/utils/lsans-15.fnt";

    private final FileHandle file;
    private BitmapFont pages;
    private int nativeSize;

    /** A source reading {@code file}; nothing loads until the first {@link #create}. */
    public BitmapFontSource(FileHandle file) {
        this.file = file;
    }

    @Override
    public BitmapFont create(int size) {
        if (pages == null) {
            // Kept only once its size is known: a file whose info line cannot be read would
            // otherwise fail once, then scale every later size by size / 0, and hold its pages.
            BitmapFont loaded = new BitmapFont(file);
            try {
                nativeSize = readNativeSize(file, loaded);
            } catch (RuntimeException e) {
                loaded.dispose();
                throw e;
            }
            pages = loaded;
        }
        BitmapFontData data = new BitmapFontData(file, false);
        data.setScale(size / (float) nativeSize);
        return new BitmapFont(data, pages.getRegions(), true);
    }

    @Override
    public String describe() {
        return file.path();
    }

    @Override
    public void dispose() {
        if (pages != null) {
            pages.dispose();
            pages = null;
        }
    }

    /** The {@code size=} of the font's {@code info} line; tools may write it negative. */
    private static int readNativeSize(FileHandle file, BitmapFont font) {
        BufferedReader reader = new BufferedReader(file.reader("UTF-8"), 512);
        try {
            String info = reader.readLine();
            int at = info == null ? -1 : info.indexOf(" size=");
            if (at >= 0) {
                int start = at + 6;
                int end = start;
                while (end < info.length() && info.charAt(end) != ' ') {
                    end++;
                }
                int size = Math.abs(Integer.parseInt(info.substring(start, end)));
                if (size > 0) {
                    return size;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new GdxRuntimeException("cannot read the info line of font file " + file.path(), e);
        } finally {
            StreamUtils.closeQuietly(reader);
        }
        return Math.max(1, Math.round(font.getLineHeight()));
    }
}
