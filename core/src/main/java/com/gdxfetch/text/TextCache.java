package com.gdxfetch.text;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.IntMap;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.text.internal.BakeAtlas;
import com.gdxfetch.text.internal.BitmapFontSource;
import com.gdxfetch.text.internal.FontFamily;
import com.gdxfetch.text.internal.FontSlot;
import com.gdxfetch.text.internal.FontSource;
import com.gdxfetch.text.internal.FontSources;
import com.gdxfetch.text.internal.Promotion;
import com.gdxfetch.text.internal.TextEntry;
import com.gdxfetch.text.internal.TextTable;

/**
 * Text laid out once and drawn many times, keyed by exactly (text, font, colour, size).
 *
 * <pre>{@code
 * TextCache texts = new TextCache();
 * texts.addFont("ui", Gdx.files.internal("fonts/DejaVuSans.ttf"));
 * // render():
 * texts.update();
 * batch.begin();
 * texts.get("Press start", "ui", Color.WHITE, 24).draw(batch, 20, 200);
 * texts.get(scoreBuilder, TextCache.DEFAULT_FONT, Color.YELLOW, 15).draw(batch, 20, 40);
 * batch.end();
 * }</pre>
 *
 * <p>A hit is a hash of the characters and a table probe: no key object, no string, no
 * allocation, and a {@link CharSequence} such as a {@link StringBuilder} hits without
 * {@code toString()}. Each (font, size) is generated once (TrueType/OpenType files through
 * gdx-freetype, {@code .fnt} files and {@link #DEFAULT_FONT} without it) and kept until
 * {@link #clear()}. Entries not drawn for a number of frames are swept by {@link #update()}, and
 * the entry and byte caps evict the least recently used (to the frame), so text that changes every frame cannot
 * grow the cache without bound; entries used in the current frame are never evicted before the
 * next {@link #update()}, which is how long a returned {@link CachedText} stays valid.
 *
 * <p>Text from {@link #get} that is drawn unchanged, at whole-pixel positions, in
 * {@linkplain #setPromoteAfterFrames consecutive frames} is baked automatically, as
 * {@link #getBaked} would: from then on it draws as one quad instead of one per glyph. A few
 * labels are painted per frame at most ({@link #setPromotionsPerFrame}), the others draw their
 * glyphs until their turn, so a screen of new labels never makes one long frame; an image is
 * taken only while it fits the byte cap, and under byte pressure the least recently used text
 * loses its image before it loses its entry. Text that changes every frame is a new entry each
 * frame and is never baked. Like {@link #getBaked}, promoted text is pixel-exact under a
 * pixel-for-pixel projection; turn promotion off for text drawn through a zoomed or rotated camera.
 *
 * <p>Render thread only (it creates textures); nothing here is synchronised.
 */
public final class TextCache implements Disposable {
    /** Name of libGDX's built-in font ({@code new BitmapFont()}), usable at any size without FreeType. */
    public static final String DEFAULT_FONT = "default";
    /** Consecutive frames a {@link #get} text is drawn before it is baked, unless set otherwise. */
    public static final int DEFAULT_PROMOTE_AFTER_FRAMES = 30;
    /** Most texts baked (or re-painted after their bake page grew) per frame, unless set otherwise. */
    public static final int DEFAULT_PROMOTIONS_PER_FRAME = 4;
    /** Smallest font size in pixels. */
    public static final int MIN_SIZE = 4;
    /** Largest font size in pixels. */
    public static final int MAX_SIZE = 256;

    private final int maxEntries;
    private final long maxBytes;
    private final int sweepAfterFrames;
    private final ObjectMap<String, FontFamily> families = new ObjectMap<>();
    private final TextTable table = new TextTable();
    private final BakeAtlas atlas = new BakeAtlas();
    private final Promotion promotion;
    private int frame;
    private int nextSlotId;
    private long hits;
    private long misses;
    private boolean disposed;

    /** A cache of at most 1024 entries and 8 MiB, sweeping entries unused for 300 frames. */
    public TextCache() {
        this(1024, 8L << 20, 300);
    }

    /**
     * A cache with the given limits.
     *
     * @param maxEntries most entries kept after an {@link #update()}
     * @param maxBytes most bytes (glyph vertices, text, baked textures) kept after an {@link #update()}
     * @param sweepAfterFrames an entry not drawn for this many frames is dropped
     * @throws IllegalArgumentException if a limit is not positive
     */
    public TextCache(int maxEntries, long maxBytes, int sweepAfterFrames) {
        if (maxEntries <= 0 || maxBytes <= 0 || sweepAfterFrames <= 0) {
            throw new IllegalArgumentException("text cache limits must be positive, got maxEntries=" + maxEntries
                    + ", maxBytes=" + maxBytes + ", sweepAfterFrames=" + sweepAfterFrames);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.sweepAfterFrames = sweepAfterFrames;
        this.promotion = new Promotion(table, atlas, maxBytes, DEFAULT_PROMOTE_AFTER_FRAMES,
                DEFAULT_PROMOTIONS_PER_FRAME);
    }

    /**
     * Sets how many consecutive frames a text from {@link #get} must be drawn, at whole-pixel
     * positions, before it is baked into one quad; 0 turns promotion off (texts already baked
     * keep their images until evicted). Render thread.
     *
     * @throws IllegalArgumentException if {@code frames} is negative
     */
    public void setPromoteAfterFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("promoteAfterFrames must be 0 (off) or positive, got " + frames);
        }
        promotion.setAfterFrames(frames);
    }

    /** Consecutive frames of drawing before a {@link #get} text is baked; 0 when promotion is off. */
    public int getPromoteAfterFrames() {
        return promotion.afterFrames();
    }

    /**
     * Sets the most promoted texts painted per frame, first paints and repaints after their bake
     * page grew together; a text over the allowance draws its glyphs that frame. Takes effect at the
     * next {@link #update()}. Render thread.
     *
     * @throws IllegalArgumentException if {@code paints} is less than 1
     */
    public void setPromotionsPerFrame(int paints) {
        if (paints < 1) {
            throw new IllegalArgumentException("promotionsPerFrame must be at least 1, got " + paints);
        }
        promotion.setPerFrame(paints);
    }

    /** Most promoted texts painted per frame. */
    public int getPromotionsPerFrame() {
        return promotion.perFrame();
    }

    /**
     * Registers a font file under {@code name}: {@code .ttf}/{@code .otf} (needs gdx-freetype) or
     * {@code .fnt}. Nothing is generated until a size is asked for. A font name that was never
     * added is looked up as an internal file path, so {@code get(text, "fonts/a.ttf", ...)} works too.
     *
     * @throws IllegalArgumentException if the name is taken, the file is missing or of another type
     * @throws IllegalStateException if the file needs gdx-freetype and it is not on the classpath
     */
    public void addFont(String name, FileHandle file) {
        checkLive();
        if (name == null || file == null) {
            throw new IllegalArgumentException("font name and file must not be null, got " + name + ", " + file);
        }
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("font name '" + name + "' is already added");
        }
        families.put(name, new FontFamily(FontSources.open(file)));
    }

    /**
     * The cached text for exactly these inputs, laid out now on a miss.
     *
     * @param font a name given to {@link #addFont}, {@link #DEFAULT_FONT}, or an internal font file path
     * @param size pixel size, {@link #MIN_SIZE} to {@link #MAX_SIZE}
     * @throws IllegalArgumentException for a null argument, an unknown font or a size out of range
     * @throws IllegalStateException after {@link #dispose()}
     */
    public CachedText get(CharSequence text, String font, Color color, int size) {
        return lookup(text, font, color, size, false);
    }

    /**
     * Like {@link #get}, but the text is drawn once into a texture (on its first draw) and later
     * draws are one quad, for large or many static texts. Baked texts share 1024x1024 frame-buffer
     * pages, so consecutive ones draw without a batch flush between them; a text larger than a
     * page gets a page of its own. The first draw ends and restarts the batch around the
     * off-screen pass. The baked pixels count towards the byte cap. Baked text is pixel-exact when
     * drawn at whole-pixel positions under a pixel-for-pixel projection, as HUD text usually is.
     *
     * @throws IllegalArgumentException for a null argument, an unknown font or a size out of range
     * @throws IllegalStateException after {@link #dispose()}
     */
    public CachedText getBaked(CharSequence text, String font, Color color, int size) {
        return lookup(text, font, color, size, true);
    }

    /**
     * Starts a new frame: drops entries not drawn for the sweep period, then evicts least recently
     * used entries (or, over the byte cap, first their promoted images) until both caps hold, and
     * renews the per-frame promotion allowance. Call once per frame, before drawing. Allocates nothing.
     */
    public void update() {
        checkLive();
        frame++;
        atlas.disposeRetired();
        promotion.startFrame(frame);
        int cutoff = frame - sweepAfterFrames;
        TextEntry oldest;
        // Only entries listed before the cutoff can be stale, so text in steady use costs nothing here.
        while ((oldest = table.oldestListed()) != null && oldest.listedFrame() < cutoff) {
            if (oldest.lastFrame() >= cutoff) {
                table.relist(oldest);
            } else {
                evict(oldest);
            }
        }
        trimTo(maxEntries, maxBytes, false);
    }

    /** Releases every entry, generated font, baked texture and loaded font file; added fonts stay added. */
    public void clear() {
        TextEntry oldest;
        while ((oldest = table.oldestListed()) != null) {
            table.remove(oldest);
            oldest.release(false);
        }
        promotion.cleared();
        atlas.dispose();
        for (ObjectMap.Entry<String, FontFamily> entry : families.entries()) {
            entry.value.release();
        }
    }

    /** Releases everything, as {@link #clear()}, and forgets added fonts; the cache is unusable after. */
    @Override
    public void dispose() {
        clear();
        families.clear();
        disposed = true;
    }

    /** Entries currently cached. */
    public int getSize() {
        return table.size();
    }

    /** Bytes the cached entries account for (glyph vertices, text, baked textures); fonts not included. */
    public long getByteSize() {
        return table.bytes();
    }

    /** Generated (font, size) pairs currently held. */
    public int getFontCount() {
        int count = 0;
        for (ObjectMap.Entry<String, FontFamily> entry : families.entries()) {
            count += entry.value.sizes.size;
        }
        return count;
    }

    /** GPU bytes of the generated fonts' page textures and the baked-text pages. */
    public long getTextureByteSize() {
        long bytes = atlas.byteSize();
        for (ObjectMap.Entry<String, FontFamily> family : families.entries()) {
            for (IntMap.Entry<FontSlot> slot : family.value.sizes.entries()) {
                bytes += slot.value.textureBytes();
            }
        }
        return bytes;
    }

    /** Texts from {@link #get} currently drawn as one baked quad after promotion. */
    public int getPromotedCount() {
        return promotion.promotedCount();
    }

    /** Paints of promoted texts into bake pages since the cache was made, repaints after a page grew included. */
    public long getPromotionPaints() {
        return promotion.paints();
    }

    /** Lookups answered from the cache since it was made. */
    public long getHits() {
        return hits;
    }

    /** Lookups that laid text out since the cache was made. */
    public long getMisses() {
        return misses;
    }

    private TextEntry lookup(CharSequence text, String font, Color color, int size, boolean baked) {
        checkLive();
        if (text == null || color == null) {
            throw new IllegalArgumentException("text and color must not be null, got text=" + text + ", color=" + color);
        }
        FontSlot slot = slot(font, size);
        int packed = Color.rgba8888(color);
        int hash = TextTable.hash(slot, text, packed, baked);
        TextEntry entry = table.find(slot, text, hash, packed, baked);
        if (entry != null) {
            hits++;
            table.touch(entry, frame);
            return entry;
        }
        misses++;
        entry = TextEntry.build(slot, text, hash, color, packed, baked ? atlas : null, promotion);
        table.add(entry, frame);
        trimTo(maxEntries, maxBytes, true);
        return entry;
    }

    private FontSlot slot(String font, int size) {
        if (font == null) {
            throw new IllegalArgumentException("font name must not be null");
        }
        FontFamily family = families.get(font);
        if (family == null) {
            family = resolve(font);
        }
        FontSlot slot = family.sizes.get(size);
        if (slot == null) {
            if (size < MIN_SIZE || size > MAX_SIZE) {
                throw new IllegalArgumentException("font size " + size + " for '" + font + "' is out of range "
                        + MIN_SIZE + ".." + MAX_SIZE);
            }
            slot = new FontSlot(nextSlotId++, generate(family.source, size));
            family.sizes.put(size, slot);
        }
        return slot;
    }

    private static BitmapFont generate(FontSource source, int size) {
        try {
            return source.create(size);
        } catch (GdxRuntimeException e) {
            throw new GdxRuntimeException("cannot generate font " + source.describe() + " at size " + size, e);
        }
    }

    private FontFamily resolve(String font) {
        FontSource source;
        if (font.equals(DEFAULT_FONT)) {
            source = new BitmapFontSource(Gdx.files.classpath(BitmapFontSource.DEFAULT_FONT_PATH));
        } else {
            FileHandle file = Gdx.files.internal(font);
            if (!file.exists()) {
                throw new IllegalArgumentException("unknown font '" + font
                        + "': not added with addFont() and no internal font file by that path");
            }
            source = FontSources.open(file);
        }
        FontFamily family = new FontFamily(source);
        families.put(font, family);
        return family;
    }

    /**
     * Evicts least recently used entries while over a cap, optionally sparing this frame's
     * entries; over the byte cap a promoted entry first gives up its image and stays as glyphs.
     */
    private void trimTo(int entries, long bytes, boolean spareThisFrame) {
        TextEntry oldest;
        while ((table.size() > entries || table.bytes() > bytes) && (oldest = table.leastRecentlyUsed()) != null) {
            if (spareThisFrame && oldest.lastFrame() == frame) {
                return;
            }
            if (table.bytes() > bytes && promotion.demote(oldest)) {
                continue;
            }
            evict(oldest);
        }
    }

    private void evict(TextEntry entry) {
        promotion.released(entry);
        table.remove(entry);
        entry.release(true);
    }

    private void checkLive() {
        if (disposed) {
            throw new IllegalStateException("TextCache used after dispose()");
        }
    }
}
