package com.gdxfetch.text.internal;

/**
 * Hash table of {@link TextEntry} keyed by (font slot, characters, colour, baked) with a recency
 * list, both threaded through the entries themselves.
 *
 * <p>A lookup hashes the caller's characters directly and compares them in place, so a hit
 * creates no key object and no string. A hit only stamps the entry with the frame; the list is
 * put right lazily (second chance): an entry found at the old end with a newer stamp than when
 * it was listed is moved to the new end instead of being evicted. Relinking on every hit would
 * touch two neighbouring entries per lookup, a cache miss each once the GPU driver has run.
 * Render thread only.
 */
public final class TextTable {
    private TextEntry[] buckets = new TextEntry[64];
    private int size;
    private long bytes;
    private TextEntry newest;
    private TextEntry oldest;

    /** The hash a key is filed under; {@code text}'s own hash when it is a String (cached by the JVM). */
    public static int hash(FontSlot slot, CharSequence text, int packedColor, boolean baked) {
        int h;
        if (text instanceof String) {
            h = text.hashCode();
        } else {
            h = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                h = 31 * h + text.charAt(i);
            }
        }
        h = h * 31 + packedColor;
        h = h * 31 + slot.id;
        h = baked ? ~h : h;
        return h ^ (h >>> 16);
    }

    /** The entry for this key, or null. */
    public TextEntry find(FontSlot slot, CharSequence text, int hash, int packedColor, boolean baked) {
        for (TextEntry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.nextInBucket) {
            if (e.matches(slot, text, hash, packedColor, baked)) {
                return e;
            }
        }
        return null;
    }

    /** Files a built entry, used in {@code frame}, as the most recently used. */
    public void add(TextEntry entry, int frame) {
        entry.lastFrame = frame;
        entry.listedFrame = frame;
        if (size >= buckets.length - (buckets.length >>> 2)) {
            grow();
        }
        int index = entry.hash & (buckets.length - 1);
        entry.nextInBucket = buckets[index];
        buckets[index] = entry;
        linkNewest(entry);
        size++;
        bytes += entry.bytes;
    }

    /** Marks {@code entry} used in {@code frame}; the list catches up when it reaches the old end. */
    public void touch(TextEntry entry, int frame) {
        entry.lastFrame = frame;
    }

    /**
     * The entry at the old end of the list, or null when empty. Its {@link TextEntry#listedFrame}
     * is the oldest listing; it may have been used since ({@code lastFrame > listedFrame}).
     */
    public TextEntry oldestListed() {
        return oldest;
    }

    /** Moves an entry used since it was listed to the recent end, listed as of its last use. */
    public void relist(TextEntry entry) {
        unlink(entry);
        entry.listedFrame = entry.lastFrame;
        linkNewest(entry);
    }

    /** Unfiles {@code entry}; the caller releases it. */
    public void remove(TextEntry entry) {
        int index = entry.hash & (buckets.length - 1);
        TextEntry previous = null;
        for (TextEntry e = buckets[index]; e != null; previous = e, e = e.nextInBucket) {
            if (e == entry) {
                if (previous == null) {
                    buckets[index] = e.nextInBucket;
                } else {
                    previous.nextInBucket = e.nextInBucket;
                }
                break;
            }
        }
        unlink(entry);
        size--;
        bytes -= entry.bytes;
    }

    /** Adds {@code delta} bytes to a filed entry's estimate and to the total. */
    public void addBytes(TextEntry entry, long delta) {
        entry.bytes += delta;
        bytes += delta;
    }

    /** The least recently used entry (to frame granularity), or null when empty. */
    public TextEntry leastRecentlyUsed() {
        TextEntry entry;
        while ((entry = oldest) != null && entry.lastFrame != entry.listedFrame) {
            relist(entry);
        }
        return entry;
    }

    /** Entries filed. */
    public int size() {
        return size;
    }

    /** Sum of the filed entries' byte estimates. */
    public long bytes() {
        return bytes;
    }

    private void linkNewest(TextEntry entry) {
        entry.newer = null;
        entry.older = newest;
        if (newest != null) {
            newest.newer = entry;
        }
        newest = entry;
        if (oldest == null) {
            oldest = entry;
        }
    }

    private void unlink(TextEntry entry) {
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        } else {
            newest = entry.older;
        }
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        } else {
            oldest = entry.newer;
        }
        entry.newer = null;
        entry.older = null;
    }

    private void grow() {
        TextEntry[] old = buckets;
        buckets = new TextEntry[old.length * 2];
        int mask = buckets.length - 1;
        for (TextEntry head : old) {
            for (TextEntry e = head; e != null; ) {
                TextEntry next = e.nextInBucket;
                e.nextInBucket = buckets[e.hash & mask];
                buckets[e.hash & mask] = e;
                e = next;
            }
        }
    }
}
