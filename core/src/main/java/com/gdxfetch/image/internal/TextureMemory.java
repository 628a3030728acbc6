package com.gdxfetch.image.internal;

import com.badlogic.gdx.utils.Array;

/**
 * Counts resident texture bytes and releases the least recently used unreferenced entries when
 * they pass the budget. Render thread only; allocates nothing once its array has grown.
 */
public final class TextureMemory {
    private final Array<MemoryEntry> resident = new Array<>(false, 64);
    private final long budget;
    private long used;
    private long useClock;
    private long frame;

    /** A tracker that keeps unreferenced textures within {@code budget} bytes. */
    public TextureMemory(long budget) {
        this.budget = budget;
    }

    /** Starts a new frame; uses stamped before it no longer protect an entry. */
    public void nextFrame() {
        frame++;
    }

    long frame() {
        return frame;
    }

    long nextUse() {
        return ++useClock;
    }

    /** Counts {@code entry}'s {@code bytes} from now on. */
    public void add(MemoryEntry entry, long bytes) {
        if (entry.resident) {
            throw new IllegalStateException(entry.describe() + " is already resident");
        }
        entry.bytes = bytes;
        entry.resident = true;
        used += bytes;
        resident.add(entry);
    }

    /**
     * Unloads least recently used entries that nobody references and nothing used this frame
     * until the total is within the budget, or nothing more may go.
     */
    public void evict() {
        while (used > budget) {
            int victim = -1;
            long oldest = Long.MAX_VALUE;
            for (int i = 0, n = resident.size; i < n; i++) {
                MemoryEntry e = resident.get(i);
                if (e.refs == 0 && e.lastUseFrame < frame && e.lastUse < oldest) {
                    oldest = e.lastUse;
                    victim = i;
                }
            }
            if (victim < 0) {
                return;
            }
            MemoryEntry e = resident.removeIndex(victim);
            e.resident = false;
            used -= e.bytes;
            e.unload();
        }
    }

    /** Unloads every resident entry. */
    public void unloadAll() {
        while (resident.size > 0) {
            MemoryEntry e = resident.pop();
            e.resident = false;
            used -= e.bytes;
            e.unload();
        }
    }

    /** Resident texture bytes. */
    public long usedBytes() {
        return used;
    }

    /** Resident entries. */
    public int residentCount() {
        return resident.size;
    }
}
