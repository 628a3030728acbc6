package com.gdxfetch.text;

import com.gdxfetch.internal.Checks;

/**
 * A {@link TextCache}'s settings: entry and byte caps, how long unused text is kept, and when
 * text is baked into one quad. Immutable; build with {@link #builder()}. Any thread; a builder
 * setter given a bad value throws {@link IllegalArgumentException} naming the setting and the value.
 */
public final class TextCacheConfig {
    /** Default most entries kept after an update. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;
    /** Default most bytes kept after an update: 8 MiB. */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    /** Default most texture bytes of generated fonts kept after an update: 64 MiB. */
    public static final long DEFAULT_MAX_FONT_BYTES = 64L << 20;
    /** Default frames an entry may go undrawn before it is swept. */
    public static final int DEFAULT_SWEEP_AFTER_FRAMES = 300;
    /** Default consecutive frames a {@link TextCache#get} text is drawn before it is baked. */
    public static final int DEFAULT_PROMOTE_AFTER_FRAMES = 30;
    /** Default most texts baked (or re-painted after their bake page grew) per frame. */
    public static final int DEFAULT_PROMOTIONS_PER_FRAME = 4;

    private final int maxEntries;
    private final long maxBytes;
    private final long maxFontBytes;
    private final int sweepAfterFrames;
    private final int promoteAfterFrames;
    private final int promotionsPerFrame;

    private TextCacheConfig(Builder b) {
        this.maxEntries = b.maxEntries;
        this.maxBytes = b.maxBytes;
        this.maxFontBytes = b.maxFontBytes;
        this.sweepAfterFrames = b.sweepAfterFrames;
        this.promoteAfterFrames = b.promoteAfterFrames;
        this.promotionsPerFrame = b.promotionsPerFrame;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Most entries kept after a {@link TextCache#update()}. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Most bytes (glyph vertices, text, baked textures) kept after a {@link TextCache#update()}. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Most texture bytes the fonts generated for (font, size) pairs may hold after a
     * {@link TextCache#update()}; over it, the fonts used longest ago go with their texts, but
     * never one drawn in the frame before. libGDX's built-in and {@code .fnt} fonts share their
     * pages across sizes and count nothing.
     */
    public long maxFontBytes() {
        return maxFontBytes;
    }

    /** An entry not drawn for this many frames is dropped. */
    public int sweepAfterFrames() {
        return sweepAfterFrames;
    }

    /**
     * Consecutive frames a text from {@link TextCache#get} is drawn, at whole-pixel positions,
     * before it is baked into one quad; 0 means never.
     */
    public int promoteAfterFrames() {
        return promoteAfterFrames;
    }

    /**
     * Most promoted texts painted per frame, first paints and repaints after their bake page grew
     * together; a text over the allowance draws its glyphs that frame.
     */
    public int promotionsPerFrame() {
        return promotionsPerFrame;
    }

    /** Collects settings; each setter validates its value and returns this builder. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxFontBytes = DEFAULT_MAX_FONT_BYTES;
        private int sweepAfterFrames = DEFAULT_SWEEP_AFTER_FRAMES;
        private int promoteAfterFrames = DEFAULT_PROMOTE_AFTER_FRAMES;
        private int promotionsPerFrame = DEFAULT_PROMOTIONS_PER_FRAME;

        private Builder() {
        }

        /** Most entries kept after an update (default 1024); must be positive. */
        public Builder maxEntries(int max) {
            this.maxEntries = Checks.positive("maxEntries", max);
            return this;
        }

        /** Most bytes kept after an update (default 8 MiB); must be positive. */
        public Builder maxBytes(long bytes) {
            this.maxBytes = Checks.positive("maxBytes", bytes);
            return this;
        }

        /** Most texture bytes of generated fonts kept after an update (default 64 MiB); must be positive. */
        public Builder maxFontBytes(long bytes) {
            this.maxFontBytes = Checks.positive("maxFontBytes", bytes);
            return this;
        }

        /** Frames an entry may go undrawn before it is dropped (default 300); must be positive. */
        public Builder sweepAfterFrames(int frames) {
            this.sweepAfterFrames = Checks.positive("sweepAfterFrames", frames);
            return this;
        }

        /** Frames of drawing before a text is baked (default 30); 0 turns promotion off. */
        public Builder promoteAfterFrames(int frames) {
            this.promoteAfterFrames = Checks.notNegative("promoteAfterFrames", frames);
            return this;
        }

        /** Most promoted texts painted per frame (default 4); must be positive. */
        public Builder promotionsPerFrame(int paints) {
            this.promotionsPerFrame = Checks.positive("promotionsPerFrame", paints);
            return this;
        }

        /** Builds the immutable configuration. */
        public TextCacheConfig build() {
            return new TextCacheConfig(this);
        }
    }
}
