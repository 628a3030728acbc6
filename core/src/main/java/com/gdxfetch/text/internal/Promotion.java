package com.gdxfetch.text.internal;

/**
 * Decides when cached glyph text is worth baking: once an entry has been drawn, at whole-pixel
 * positions, in a run of consecutive frames, it gets an image on the shared bake page and draws
 * as one quad from then on.
 *
 * <p>Painting an image ends and restarts the caller's batch around an off-screen pass, so only a
 * few paints (first paints and repaints after a page grew) are allowed per frame; the rest draw
 * their glyphs that frame and paint on a later one. An image is taken only while it fits under the
 * byte cap, so promotion never pushes steady text out of the cache. Render thread only.
 */
public final class Promotion {
    private final TextTable table;
    private final BakeAtlas atlas;
    private final long maxBytes;
    private final int afterFrames;
    private final int perFrame;
    private int frame;
    private int paintsLeft;
    private int promoted;
    private long paints;
    private boolean deferred;

    /** Promotion into {@code atlas} of entries filed in {@code table}, whose bytes stay within {@code maxBytes}. */
    public Promotion(TextTable table, BakeAtlas atlas, long maxBytes, int afterFrames, int perFrame) {
        this.table = table;
        this.atlas = atlas;
        this.maxBytes = maxBytes;
        this.afterFrames = afterFrames;
        this.perFrame = perFrame;
        this.paintsLeft = perFrame;
    }

    /**
     * Starts frame number {@code frame}: runs of drawing are counted against it and the paint
     * allowance refills.
     *
     * @return whether a text in the frame before had to wait for its paint because the allowance
     *     was spent, so work remains
     */
    public boolean startFrame(int frame) {
        this.frame = frame;
        paintsLeft = perFrame;
        boolean waited = deferred;
        deferred = false;
        return waited;
    }

    /** Entries currently holding an image through promotion. */
    public int promotedCount() {
        return promoted;
    }

    /** Paints made for promoted entries so far (first paints and repaints after their page grew). */
    public long paints() {
        return paints;
    }

    /**
     * Counts this draw of {@code entry} at {@code (x, y)} and says whether it draws as its image,
     * promoting it first when its run is long enough and this frame still allows a paint.
     */
    boolean drawsImage(TextEntry entry, float x, float y) {
        // A baked image is only pixel-exact at whole pixels; text that moves by fractions stays glyphs.
        boolean whole = x == (float) Math.floor(x) && y == (float) Math.floor(y);
        if (!whole) {
            entry.streak = 0;
        } else if (entry.drawnFrame != frame) {
            entry.streak = entry.drawnFrame == frame - 1 ? entry.streak + 1 : 1;
        }
        entry.drawnFrame = frame;
        if (!whole) {
            return false;
        }
        if (!entry.hasImage()) {
            // A label wider or taller than GL's largest texture keeps drawing as glyphs: baking it
            // would fail in the middle of a draw that has worked for every frame until now.
            if (afterFrames == 0 || entry.streak < afterFrames || table.bytes() + entry.imageBytes() > maxBytes
                    || !entry.imageFits(atlas)) {
                return false;
            }
            if (paintsLeft == 0) {
                deferred = true;
                return false;
            }
            table.addBytes(entry, entry.attachImage(atlas));
            promoted++;
        } else if (entry.imagePainted()) {
            return true;
        } else if (paintsLeft == 0) {
            deferred = true;
            return false;
        }
        paintsLeft--;
        paints++;
        return true;
    }

    /**
     * Takes a promoted entry's image away, keeping the entry as glyphs, to free bytes; its run
     * starts again. Returns false, doing nothing, for an entry without a promoted image.
     */
    public boolean demote(TextEntry entry) {
        if (!entry.isPromoted()) {
            return false;
        }
        table.addBytes(entry, -entry.detachImage());
        entry.streak = 0;
        promoted--;
        return true;
    }

    /** Notes that {@code entry} is being released from the table. */
    public void released(TextEntry entry) {
        if (entry.isPromoted()) {
            promoted--;
        }
    }

    /** Forgets every promotion, after the table was emptied. */
    public void cleared() {
        promoted = 0;
    }
}
