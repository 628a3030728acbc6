package com.gdxfetch.text;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.IntMap;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.internal.Checks;
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
 * TextCache texts = new TextCache();       // or new TextCache(TextCacheConfig.builder()...build())
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
 * {@link #clear()}, or until generated fonts hold more texture bytes than
 * {@link TextCacheConfig#maxFontBytes()}: then {@link #update()} drops those looked up longest
 * ago, with their texts, sparing any used in the frame before. Entries not drawn for a number of frames are swept by {@link #update()}, and
 * the entry and byte caps evict the least recently used (to the frame), so text that changes every frame cannot
 * grow the cache without bound; entries used in the current frame are never evicted before the
 * next {@link #update()}, which is how long a returned {@link CachedText} stays valid.
 *
 * <p>Text from {@link #get} that is drawn unchanged, at whole-pixel positions, in
 * {@linkplain TextCacheConfig#promoteAfterFrames() consecutive frames} is baked automatically, as
 * {@link #getBaked} would: from then on it draws as one quad instead of one per glyph. A few
 * labels are painted per frame at most ({@link TextCacheConfig#promotionsPerFrame()}), the
 * others draw their glyphs until their turn, so a screen of new labels never makes one long
 * frame; an image is
 * taken only while it fits the byte cap, and under byte pressure the least recently used text
 * loses its image before it loses its entry. Text that changes every frame is a new entry each
 * frame and is never baked. Like {@link #getBaked}, promoted text is pixel-exact under a
 * pixel-for-pixel projection; turn promotion off for text drawn through a zoomed or rotated camera.
 *
 * <p>Threading: create, use and dispose on the render thread (it creates textures); a call from
 * another thread throws {@link IllegalStateException}, as does any use after {@link #dispose()}.
 * There are no callbacks. A font that cannot be generated fails the lookup that needed it with a
 * {@code GdxRuntimeException} naming the font and size.
 */
public final class TextCache implements Disposable {
    /** Name of libGDX's built-in font ({@code new BitmapFont()}), usable at any size without FreeType. */
    public static final String DEFAULT_FONT = "default";
    /** Smallest font size in pixels. */
    public static final int MIN_SIZE = 4;
    /** Largest font size in pixels. */
    public static final int MAX_SIZE = 256;

    private final TextCacheConfig config;
    private final Thread renderThread = Thread.currentThread();
    private final ObjectMap<String, FontFamily> families = new ObjectMap<>();
    private final TextTable table = new TextTable();
    private final BakeAtlas atlas = new BakeAtlas();
    private final Promotion promotion;
    private int frame;
    private int nextSlotId;
    /** {@link FontSlot#ownedTextureBytes} of every generated font, for the font byte cap. */
    private long fontBytes;
    private long hits;
    private long misses;
    private boolean disposed;

    /** A cache with the default configuration; call on the render thread. */
    public TextCache() {
        this(TextCacheConfig.builder().build());
    }

    /**
     * A cache with the given configuration; call on the render thread, which then owns it.
     *
     * @throws IllegalArgumentException if {@code config} is null
     */
    public TextCache(TextCacheConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; use TextCacheConfig.builder().build()");
        }
        this.config = config;
        this.promotion = new Promotion(table, atlas, config.maxBytes(), config.promoteAfterFrames(),
                config.promotionsPerFrame());
    }

    /** This cache's configuration. Any thread. */
    public TextCacheConfig config() {
        return config;
    }

    /**
     * Registers a font file under {@code name}: {@code .ttf}/{@code .otf} (needs gdx-freetype) or
     * {@code .fnt}. Nothing is generated until a size is asked for. A font name that was never
     * added is looked up as an internal file path, so {@code get(text, "fonts/a.ttf", ...)} works too.
     * Render thread.
     *
     * @throws IllegalArgumentException if the name is taken, the file is missing or of another type
     * @throws IllegalStateException if the file needs gdx-freetype and it is not on the classpath
     */
    public void addFont(String name, FileHandle file) {
        check();
        if (name == null || file == null) {
            throw new IllegalArgumentException("font name and file must not be null, got " + name + ", " + file);
        }
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("font name '" + name + "' is already added");
        }
        families.put(name, new FontFamily(FontSources.open(file)));
    }

    /**
     * The cached text for exactly these inputs, laid out now on a miss. Render thread.
     *
     * @param font a name given to {@link #addFont}, {@link #DEFAULT_FONT}, or an internal font file path
     * @param size pixel size, {@link #MIN_SIZE} to {@link #MAX_SIZE}
     * @throws IllegalArgumentException for a null argument, an unknown font or a size out of range
     * @throws IllegalStateException off the render thread, or after {@link #dispose()}
     */
    public CachedText get(CharSequence text, String font, Color color, int size) {
        return lookup(text, font, color, size, false);
    }

    /**
     * Like {@link #get}, but the text is drawn once into a texture (on its first draw) and later
     * draws are one quad, for large or many static texts. Baked texts share frame-buffer pages
     * (512x512 at first, grown up to 2048x2048 as they fill), so consecutive ones draw without a
     * batch flush between them; a text larger than a page gets a page of its own, and one wider or taller than
     * the largest texture GL allows draws its glyphs instead. The first draw ends and restarts the batch around the
     * off-screen pass. The baked pixels count towards the byte cap. Baked text is pixel-exact when
     * drawn at whole-pixel positions under a pixel-for-pixel projection, as HUD text usually is.
     *
     * @throws IllegalArgumentException for a null argument, an unknown font or a size out of range
     * @throws IllegalStateException off the render thread, or after {@link #dispose()}
     */
    public CachedText getBaked(CharSequence text, String font, Color color, int size) {
        return lookup(text, font, color, size, true);
    }

    /**
     * Starts a new frame: drops entries not drawn for the sweep period, then evicts least recently
     * used entries (or, over the byte cap, first their promoted images) until both caps hold, and
     * renews the per-frame promotion allowance. Call once per frame on the render thread, before
     * drawing. Allocates nothing.
     *
     * @return true when the cache has nothing left to do: no text drawn in the last frame is
     *     waiting for its turn to be baked (as {@code AssetManager.update()}, true means finished)
     */
    public boolean update() {
        check();
        frame++;
        atlas.disposeRetired();
        boolean waiting = promotion.startFrame(frame);
        int cutoff = frame - config.sweepAfterFrames();
        TextEntry oldest;
        // Only entries listed before the cutoff can be stale, so text in steady use costs nothing here.
        while ((oldest = table.oldestListed()) != null && oldest.listedFrame() < cutoff) {
            if (oldest.lastFrame() >= cutoff) {
                table.relist(oldest);
            } else {
                evict(oldest);
            }
        }
        trimTo(config.maxEntries(), config.maxBytes(), false);
        if (fontBytes > config.maxFontBytes()) {
            trimFonts();
        }
        return !waiting;
    }

    /**
     * Releases every entry, generated font, baked texture and loaded font file; added fonts stay
     * added. Render thread, between frames: the textures go at once, so text drawn earlier in the
     * frame and still waiting in a batch would be flushed from freed textures.
     */
    public void clear() {
        Checks.renderThread(renderThread, "TextCache");
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
        fontBytes = 0;
    }

    /**
     * Releases everything, as {@link #clear()}, and forgets added fonts; the cache is unusable
     * after. Render thread; calling it again does nothing.
     */
    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        clear();
        families.clear();
        disposed = true;
    }

    /** Entries currently cached. Render thread. */
    public int size() {
        checkOwnerThread();
        return table.size();
    }

    /**
     * Bytes the cached entries account for (glyph vertices, text, baked textures); fonts not
     * included. Render thread.
     */
    public long byteSize() {
        checkOwnerThread();
        return table.bytes();
    }

    /** Generated (font, size) pairs currently held. Render thread. */
    public int fontCount() {
        checkOwnerThread();
        int count = 0;
        for (ObjectMap.Entry<String, FontFamily> entry : families.entries()) {
            count += entry.value.sizes.size;
        }
        return count;
    }

    /** GPU bytes of the generated fonts' page textures and the baked-text pages. Render thread. */
    public long textureByteSize() {
        checkOwnerThread();
        long bytes = atlas.byteSize();
        for (ObjectMap.Entry<String, FontFamily> family : families.entries()) {
            for (IntMap.Entry<FontSlot> slot : family.value.sizes.entries()) {
                bytes += slot.value.textureBytes();
            }
        }
        return bytes;
    }

    /** Texts from {@link #get} currently drawn as one baked quad after promotion. Render thread. */
    public int promotedCount() {
        checkOwnerThread();
        return promotion.promotedCount();
    }

    /**
     * Paints of promoted texts into bake pages since the cache was made, repaints after a page
     * grew included. Render thread.
     */
    public long promotionPaints() {
        checkOwnerThread();
        return promotion.paints();
    }

    /** Lookups answered from the cache since it was made. Render thread. */
    public long hits() {
        checkOwnerThread();
        return hits;
    }

    /** Lookups that laid text out since the cache was made. Render thread. */
    public long misses() {
        checkOwnerThread();
        return misses;
    }

    private TextEntry lookup(CharSequence text, String font, Color color, int size, boolean baked) {
        check();
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
        entry = TextEntry.build(slot, text, hash, color, packed, baked ? atlas : null, promotion, renderThread);
        table.add(entry, frame);
        trimTo(config.maxEntries(), config.maxBytes(), true);
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
            slot = new FontSlot(nextSlotId++, generate(family.source, size), frame);
            family.sizes.put(size, slot);
            fontBytes += slot.ownedTextureBytes;
        }
        slot.lastFrame = frame;
        return slot;
    }

    private static BitmapFont generate(FontSource source, int size) {
        try {
            return source.create(size);
        } catch (GdxRuntimeException e) {
            throw new GdxRuntimeException("cannot generate font " + source.describe() + " at size " + size + ": "
                    + e.getMessage(), e);
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

    /**
     * Over the font byte cap, drops the fonts looked up longest ago, with every text laid out in
     * them, until the cap holds; a font used in the frame just drawn stays, since dropping it would
     * regenerate it on the next lookup, every frame. Without this a text zooming through sizes
     * keeps a generated font, with its page textures, for each size it passed.
     */
    private void trimFonts() {
        while (fontBytes > config.maxFontBytes()) {
            FontFamily victimFamily = null;
            int victimSize = 0;
            FontSlot victim = null;
            for (ObjectMap.Entry<String, FontFamily> family : families.entries()) {
                for (IntMap.Entry<FontSlot> size : family.value.sizes.entries()) {
                    FontSlot slot = size.value;
                    if (slot.ownedTextureBytes > 0 && slot.lastFrame < frame - 1
                            && (victim == null || slot.lastFrame < victim.lastFrame)) {
                        victimFamily = family.value;
                        victimSize = size.key;
                        victim = slot;
                    }
                }
            }
            if (victim == null) {
                return;
            }
            TextEntry entry = table.oldestListed();
            while (entry != null) {
                TextEntry next = entry.newerListed();
                if (entry.uses(victim)) {
                    evict(entry);
                }
                entry = next;
            }
            victimFamily.sizes.remove(victimSize);
            fontBytes -= victim.ownedTextureBytes;
            victim.dispose();
        }
    }

    private void evict(TextEntry entry) {
        promotion.released(entry);
        table.remove(entry);
        entry.release(true);
    }

    private void check() {
        Checks.renderThread(renderThread, "TextCache");
        Checks.notDisposed(disposed, "TextCache");
    }

    /**
     * The thread check alone, for counters a game may still read after {@link #dispose()}. Some
     * walk libGDX maps, whose shared iterators another thread would corrupt.
     */
    private void checkOwnerThread() {
        Checks.renderThread(renderThread, "TextCache");
    }
}
