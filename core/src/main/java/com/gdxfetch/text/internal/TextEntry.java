package com.gdxfetch.text.internal;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.BitmapFontCache;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.gdxfetch.graphics.Painter;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.text.CachedText;

/**
 * One cached text: its key (font slot, characters, colour, baked or not), its glyph vertices, its
 * image on a bake page once baked or promoted,
 * and its links in the {@link TextTable} hash chain and recency list.
 *
 * <p>Render thread only.
 */
public final class TextEntry implements CachedText, Painter {
    private static final int OVERHEAD_BYTES = 160;

    final FontSlot slot;
    final StringBuilder text = new StringBuilder();
    private String keyString;
    final BitmapFontCache glyphs;
    int hash;
    int color;
    boolean baked;
    boolean live;
    int lastFrame;
    int listedFrame;
    long bytes;
    TextEntry nextInBucket;
    TextEntry newer;
    TextEntry older;
    int drawnFrame;
    int streak;

    private float width;
    private float height;
    private int bakeX;
    private int bakeY;
    private int imageWidth;
    private int imageHeight;
    private Promotion promotion;
    /** The render thread of the cache that made this entry: drawing reaches GL and the cache's bookkeeping. */
    private Object renderThread;
    private BakeAtlas atlas;
    private BakeAtlas.Slot image;

    TextEntry(FontSlot slot) {
        this.slot = slot;
        this.glyphs = new BitmapFontCache(slot.font, slot.font.usesIntegerPositions());
    }

    /**
     * An entry of {@code slot} for this key, laid out now; reuses a released entry's arrays when
     * there is one. With {@code bakeInto} it is baked now; otherwise {@code promotion} may bake it
     * later. Only {@code renderThread} may draw it.
     */
    public static TextEntry build(FontSlot slot, CharSequence chars, int hash, Color tint, int packedColor,
            BakeAtlas bakeInto, Promotion promotion, Object renderThread) {
        TextEntry entry = slot.obtain();
        entry.promotion = promotion;
        entry.renderThread = renderThread;
        entry.fill(chars, hash, tint, packedColor, bakeInto);
        return entry;
    }

    /** The entry listed after this one, towards the recent end, or null at that end. */
    public TextEntry newerListed() {
        return newer;
    }

    /** Whether this entry's text is laid out in {@code font}. */
    public boolean uses(FontSlot font) {
        return slot == font;
    }

    /** The frame this entry was last looked up in. */
    public int lastFrame() {
        return lastFrame;
    }

    /** The frame this entry was last placed at the recent end of the recency list. */
    public int listedFrame() {
        return listedFrame;
    }

    private void fill(CharSequence chars, int hash, Color tint, int packedColor, BakeAtlas bakeInto) {
        boolean bake = bakeInto != null;
        text.setLength(0);
        text.append(chars);
        // A String key is immutable: keeping the reference lets the same literal hit by identity.
        keyString = chars instanceof String ? (String) chars : null;
        this.hash = hash;
        this.color = packedColor;
        this.baked = bake;
        glyphs.clear();
        glyphs.setColor(tint);
        GlyphLayout layout = glyphs.setText(text, 0, 0);
        width = layout.width;
        height = layout.height;
        bytes = OVERHEAD_BYTES + 2L * text.capacity();
        for (int page = 0, n = glyphs.getPageCount(); page < n; page++) {
            // A page no glyph has been laid out on yet (all of them, for empty text) has no array.
            float[] vertices = glyphs.getVertices(page);
            if (vertices != null) {
                bytes += 4L * vertices.length;
            }
        }
        imageWidth = 0;
        drawnFrame = Integer.MIN_VALUE;
        streak = 0;
        // A text wider or taller than any texture GL allows keeps drawing its glyphs, as promotion
        // leaves such a text: its page could never be made, and every draw would throw.
        if (bake && imageFits(bakeInto)) {
            bytes += attachImage(bakeInto);
        }
        live = true;
    }

    /** True when this entry holds exactly this key. */
    boolean matches(FontSlot slot, CharSequence chars, int hash, int packedColor, boolean bake) {
        if (this.hash != hash || this.slot != slot || color != packedColor || baked != bake) {
            return false;
        }
        if (chars == keyString) {
            return true;
        }
        if (chars instanceof String) {
            return ((String) chars).contentEquals(text);
        }
        int length = chars.length();
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Frees the baked texture and, with {@code reuse}, returns the entry to its font slot. */
    public void release(boolean reuse) {
        live = false;
        keyString = null;
        if (image != null) {
            detachImage();
        }
        promotion = null;
        nextInBucket = null;
        newer = null;
        older = null;
        if (reuse) {
            glyphs.clear();
            slot.recycle(this);
        }
    }

    @Override
    public void draw(Batch batch, float x, float y) {
        Checks.renderThread(renderThread, "CachedText");
        if (!live) {
            throw new IllegalStateException("cached text \"" + text + "\" was released; get it from the TextCache again");
        }
        if (baked ? image != null : promotion.drawsImage(this, x, y)) {
            drawImage(batch, x, y);
        } else {
            glyphs.setPosition(x, y);
            glyphs.draw(batch);
        }
    }

    @Override
    public float width() {
        return width;
    }

    @Override
    public float height() {
        return height;
    }

    /** Paints the glyphs into the baked image, their bounding box's corner at the image's origin. */
    @Override
    public void paint(Batch batch, int imageWidth, int imageHeight) {
        glyphs.setPosition(-bakeX, -bakeY);
        glyphs.draw(batch);
    }

    private void drawImage(Batch batch, float x, float y) {
        // Glyph vertices carry their own colour; the baked quad must not pick up the batch tint either.
        float tint = batch.getPackedColor();
        batch.setPackedColor(Color.WHITE_FLOAT_BITS);
        image.draw(batch, this, color, x + bakeX, y + bakeY);
        batch.setPackedColor(tint);
    }

    /** True while the entry has space for an image on a bake page, painted or not. */
    boolean hasImage() {
        return image != null;
    }

    /** True when the entry has an image that is painted where it now lies. */
    boolean imagePainted() {
        return image != null && image.isPainted();
    }

    /** True when the entry has an image it was given by promotion rather than asked for with {@code getBaked}. */
    boolean isPromoted() {
        return image != null && !baked;
    }

    /** GPU bytes the entry's image takes or would take. */
    long imageBytes() {
        measureImage();
        return 4L * imageWidth * imageHeight;
    }

    /** Whether {@code bakeInto} can make a texture as large as this entry's image. */
    boolean imageFits(BakeAtlas bakeInto) {
        measureImage();
        return bakeInto.canHold(imageWidth, imageHeight);
    }

    /** Reserves the entry's image on {@code bakeInto} (painted on its next draw); returns its bytes. */
    long attachImage(BakeAtlas bakeInto) {
        measureImage();
        atlas = bakeInto;
        image = bakeInto.reserve(imageWidth, imageHeight);
        return image.byteSize();
    }

    /** Gives the entry's image back to its page, so it draws as glyphs again; returns the bytes freed. */
    long detachImage() {
        long freed = image.byteSize();
        atlas.release(image);
        image = null;
        atlas = null;
        return freed;
    }

    /** Sizes the image to the glyphs' exact bounds, so nothing is cropped and nothing wasted; once per layout. */
    private void measureImage() {
        if (imageWidth > 0) {
            return;
        }
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int page = 0, n = glyphs.getPageCount(); page < n; page++) {
            float[] vertices = glyphs.getVertices(page);
            for (int i = 0, count = glyphs.getVertexCount(page); i < count; i += 5) {
                minX = Math.min(minX, vertices[i]);
                maxX = Math.max(maxX, vertices[i]);
                minY = Math.min(minY, vertices[i + 1]);
                maxY = Math.max(maxY, vertices[i + 1]);
            }
        }
        if (minX > maxX) {
            minX = 0;
            minY = 0;
            maxX = 1;
            maxY = 1;
        } else {
            // Drawing has moved the vertices; the image is measured from the layout's origin.
            minX -= glyphs.getX();
            maxX -= glyphs.getX();
            minY -= glyphs.getY();
            maxY -= glyphs.getY();
        }
        bakeX = (int) Math.floor(minX);
        bakeY = (int) Math.floor(minY);
        imageWidth = Math.max(1, (int) Math.ceil(maxX) - bakeX);
        imageHeight = Math.max(1, (int) Math.ceil(maxY) - bakeY);
    }
}
