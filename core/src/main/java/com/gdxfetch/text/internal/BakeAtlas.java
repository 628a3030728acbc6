package com.gdxfetch.text.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.graphics.Painter;
import com.gdxfetch.graphics.internal.OffscreenTarget;

import java.nio.IntBuffer;

/**
 * Frame-buffer pages that baked texts share, packed in shelves.
 *
 * <p>Sharing a page keeps baked labels on one texture, so a batch draws them all without a
 * flush between them (a flush in mid-frame can stall a software GL driver for milliseconds). The
 * shared page starts small and, when full, is replaced by one twice as large into which every
 * baked text moves (each repaints on its next draw), up to {@link #MAX_PAGE_SIZE}; only beyond
 * that does a second page appear. A page whose texts are all released is packed from scratch;
 * pages made for a text larger than the largest page are freed with it. Render thread only.
 */
public final class BakeAtlas implements Disposable {
    /** Side of the first shared page (1 MiB of RGBA). */
    public static final int FIRST_PAGE_SIZE = 512;
    /** Largest side a shared page grows to (16 MiB of RGBA), less where GL allows less. */
    public static final int MAX_PAGE_SIZE = 2048;
    private static final int PADDING = 1;
    /**
     * Text is one colour, so pages keep straight alpha: colour written as is, coverage
     * accumulated. A baked text then draws with the batch's ordinary blending, like its glyphs.
     */
    private static final int[] TEXT_BLEND = {GL20.GL_ONE, GL20.GL_ZERO, GL20.GL_ONE, GL20.GL_ONE_MINUS_SRC_ALPHA};

    private final Array<Page> pages = new Array<>();
    /** Pages emptied by growth, kept until the frame ends: the batch may still hold quads drawn from them. */
    private final Array<Page> retired = new Array<>();
    private int maxTextureSize;

    /** Space for {@code w x h} pixels, on a shared page when it fits one. */
    public Slot reserve(int w, int h) {
        int largest = maxPageSize();
        if (w + PADDING > largest || h + PADDING > largest) {
            Page own = new Page(w, h, true);
            pages.add(own);
            return own.place(w, h, null);
        }
        for (int i = 0; i < pages.size; i++) {
            Page page = pages.get(i);
            if (!page.dedicated) {
                Slot slot = page.place(w, h, null);
                if (slot != null) {
                    return slot;
                }
            }
        }
        Page grown = new Page(nextPageSize(), nextPageSize(), false);
        moveSmallerPagesInto(grown);
        pages.add(grown);
        Slot slot = grown.place(w, h, null);
        if (slot == null) {
            // What moved in left no room: the text gets a fresh page of the same size.
            Page fresh = new Page(grown.size(), grown.size(), false);
            pages.add(fresh);
            slot = fresh.place(w, h, null);
        }
        return slot;
    }

    /** Gives a slot's space back; frees its page when nothing else uses it and it is not the only one. */
    public void release(Slot slot) {
        Page page = slot.page;
        page.slots.removeValue(slot, true);
        if (page.slots.size > 0) {
            return;
        }
        page.reset();
        if (page.dedicated || pages.size > 1) {
            pages.removeValue(page, true);
            page.target.dispose();
        }
    }

    /** Frees the pages that growth emptied; call between frames, when no batch holds quads from them. */
    public void disposeRetired() {
        for (int i = 0; i < retired.size; i++) {
            retired.get(i).target.dispose();
        }
        retired.clear();
    }

    /** GPU bytes of all pages, retired ones included until they are freed. */
    public long byteSize() {
        long bytes = 0;
        for (int i = 0; i < pages.size; i++) {
            bytes += pages.get(i).target.byteSize();
        }
        for (int i = 0; i < retired.size; i++) {
            bytes += retired.get(i).target.byteSize();
        }
        return bytes;
    }

    /** Frame-buffer pages currently held. */
    public int pageCount() {
        return pages.size;
    }

    /** Frees every page; slots handed out before are invalid. */
    @Override
    public void dispose() {
        for (int i = 0; i < pages.size; i++) {
            pages.get(i).target.dispose();
        }
        pages.clear();
        disposeRetired();
    }

    private int nextPageSize() {
        int size = FIRST_PAGE_SIZE;
        for (int i = 0; i < pages.size; i++) {
            if (!pages.get(i).dedicated) {
                size = Math.max(size, Math.min(pages.get(i).size() * 2, maxPageSize()));
            }
        }
        return size;
    }

    /** Moves every text of smaller shared pages into {@code grown} and frees the pages emptied. */
    private void moveSmallerPagesInto(Page grown) {
        for (int i = pages.size - 1; i >= 0; i--) {
            Page page = pages.get(i);
            if (page.dedicated || page.size() >= grown.size()) {
                continue;
            }
            for (int s = page.slots.size - 1; s >= 0; s--) {
                if (grown.place(page.slots.get(s).width, page.slots.get(s).height, page.slots.get(s)) != null) {
                    page.slots.removeIndex(s);
                }
            }
            if (page.slots.size == 0) {
                pages.removeIndex(i);
                retired.add(page);
            }
        }
    }

    private int maxPageSize() {
        return Math.min(MAX_PAGE_SIZE, maxTextureSize());
    }

    /** Whether a {@code w x h} image can be reserved at all: no texture is larger than GL allows. */
    public boolean canHold(int w, int h) {
        int largest = maxTextureSize();
        return w <= largest && h <= largest;
    }

    private int maxTextureSize() {
        if (maxTextureSize == 0) {
            IntBuffer query = BufferUtils.newIntBuffer(16);
            Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, query);
            maxTextureSize = query.get(0);
        }
        return maxTextureSize;
    }

    /**
     * A rectangle of a page holding one baked text; it repaints after moving to a larger page, and
     * after a lost GL context blanked the page.
     */
    public static final class Slot {
        Page page;
        int x;
        int y;
        final int width;
        final int height;
        private TextureRegion region;
        private boolean painted;
        private int paintedIn;

        Slot(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /**
         * Draws the slot at {@code (x, y)}, first painting {@code painter} into it in colour
         * {@code packedRgba} (RGBA8888) if it is new, has moved, or was lost with the GL context.
         */
        public void draw(Batch batch, Painter painter, int packedRgba, float drawX, float drawY) {
            if (!isPainted()) {
                paintedIn = page.target.paint(batch, painter, x, y, width, height, (packedRgba >>> 24) / 255f,
                        (packedRgba >>> 16 & 0xff) / 255f, (packedRgba >>> 8 & 0xff) / 255f, TEXT_BLEND);
                if (region == null) {
                    region = page.target.region(x, y, width, height);
                }
                painted = true;
            }
            batch.draw(region, drawX, drawY);
        }

        /** True when the text is painted where the slot now lies; false when new, moved or lost with the context. */
        public boolean isPainted() {
            return painted && OffscreenTarget.stillHolds(paintedIn);
        }

        /** GPU bytes this slot's rectangle takes. */
        public long byteSize() {
            return 4L * width * height;
        }

        void moveTo(Page page, int x, int y) {
            this.page = page;
            this.x = x;
            this.y = y;
            region = null;
            painted = false;
        }
    }

    /** One frame buffer, the slots on it, and its shelf packing state. */
    static final class Page {
        final OffscreenTarget target;
        final boolean dedicated;
        final Array<Slot> slots = new Array<>();
        private int shelfY;
        private int shelfHeight;
        private int cursorX;

        Page(int width, int height, boolean dedicated) {
            this.target = new OffscreenTarget(width, height);
            this.dedicated = dedicated;
        }

        int size() {
            return target.width();
        }

        /** Places a {@code w x h} rectangle, moving {@code existing} here or making a new slot; null when full. */
        Slot place(int w, int h, Slot existing) {
            int width = target.width();
            if (cursorX + w > width || (cursorX > 0 && h > shelfHeight)) {
                if (shelfY + shelfHeight + h > target.height()) {
                    return null;
                }
                shelfY += shelfHeight;
                shelfHeight = 0;
                cursorX = 0;
            }
            if (shelfY + h > target.height() || cursorX + w > width) {
                return null;
            }
            Slot slot = existing != null ? existing : new Slot(w, h);
            slot.moveTo(this, cursorX, shelfY);
            slots.add(slot);
            cursorX += w + PADDING;
            shelfHeight = Math.max(shelfHeight, h + PADDING);
            return slot;
        }

        void reset() {
            shelfY = 0;
            shelfHeight = 0;
            cursorX = 0;
        }
    }
}
