package com.gdxfetch.example.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.utils.Array;
import com.gdxfetch.text.CachedText;
import com.gdxfetch.text.TextCache;

/**
 * Text placement on top of the {@link TextCache}: every string is laid out once and drawn from
 * the cache afterwards, so HUD text costs a hash lookup per frame. Render thread only.
 */
public final class Ui {
    /** The font registered with the text cache. */
    public static final String FONT = "ui";
    public static final Color WHITE = new Color(0.95f, 0.96f, 1f, 1f);
    public static final Color DIM = new Color(0.62f, 0.68f, 0.86f, 1f);
    public static final Color ACCENT = new Color(1f, 0.84f, 0.35f, 1f);
    public static final Color MINT = new Color(0.45f, 0.95f, 0.72f, 1f);
    public static final Color ALERT = new Color(1f, 0.45f, 0.45f, 1f);

    /** Every size the game draws text at, so all can be generated before the first frame. */
    public static final int[] SIZES = {13, 14, 15, 16, 17, 18, 20, 24, 30, 40, 44, 56, 72};

    private final TextCache texts;

    /** Text through {@code texts}, in the font registered as {@link #FONT}. */
    public Ui(TextCache texts) {
        this.texts = texts;
    }

    /** Draws {@code text} with its top-left at (x, top); returns its width. */
    public float left(Batch batch, CharSequence text, int size, Color color, float x, float top) {
        CachedText t = texts.get(text, FONT, color, size);
        t.draw(batch, x, top);
        return t.width();
    }

    /** Draws {@code text} centred on {@code centreX} with its top at {@code top}. */
    public void centred(Batch batch, CharSequence text, int size, Color color, float centreX, float top) {
        CachedText t = texts.get(text, FONT, color, size);
        t.draw(batch, Math.round(centreX - t.width() / 2f), top);
    }

    /**
     * Draws large static text centred on {@code centreX}: baked once into a texture by the cache,
     * then one quad per frame instead of one per glyph.
     */
    public void heading(Batch batch, CharSequence text, int size, Color color, float centreX, float top) {
        CachedText t = texts.getBaked(text, FONT, color, size);
        t.draw(batch, Math.round(centreX - t.width() / 2f), top);
    }

    /**
     * Splits {@code text} at spaces into lines of at most {@code maxChars} characters (a longer
     * word gets a line of its own), for messages drawn line by line with {@link #centred}.
     */
    public static Array<String> wrap(String text, int maxChars) {
        Array<String> lines = new Array<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Draws {@code text} with its top-right at (right, top). */
    public void right(Batch batch, CharSequence text, int size, Color color, float right, float top) {
        CachedText t = texts.get(text, FONT, color, size);
        t.draw(batch, Math.round(right - t.width()), top);
    }
}
