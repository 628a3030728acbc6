package com.gdxfetch.image.internal;

/**
 * Something holding GPU textures that the memory budget may release: reference counted, stamped
 * with its last use. Render thread only.
 */
public abstract class MemoryEntry {
    /** Texture bytes counted against the budget (width x height x 4 per texture). */
    long bytes;
    /** Holders that keep it from being evicted. */
    int refs;
    /** Value of the use clock at the last use, for least-recently-used order. */
    long lastUse;
    /** Frame of the last use; entries used in the current frame are never evicted. */
    long lastUseFrame = -1;
    /** Whether {@link TextureMemory} counts it now. */
    boolean resident;

    /** Records a use in {@code frame}. */
    public final void touch(TextureMemory memory) {
        lastUse = memory.nextUse();
        lastUseFrame = memory.frame();
    }

    /** Takes a reference. */
    public final void retain() {
        refs++;
    }

    /**
     * Drops a reference.
     *
     * @throws IllegalStateException if none is held
     */
    public final void release() {
        if (refs <= 0) {
            throw new IllegalStateException(describe() + " released more often than retained");
        }
        refs--;
    }

    /** References held now. */
    public final int refs() {
        return refs;
    }

    /** Frees the textures; the entry may load again later. */
    protected abstract void unload();

    /** Names the entry in messages: its path or URL. */
    protected abstract String describe();
}
