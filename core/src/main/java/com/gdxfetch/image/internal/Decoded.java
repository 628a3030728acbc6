package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.gdxfetch.net.FailureKind;

/** What a worker made of one downloaded or cached file. */
final class Decoded {
    /** HTTP status the file came with; 304 for a revalidated copy, 0 for one read offline. */
    final int status;
    final Pixmap pixmap;
    final TextureAtlasData atlas;
    final long bytes;
    /**
     * The cached copy a 304 pointed at cannot be used ({@link #detail} says why); fetch the file
     * again without validators.
     */
    final boolean cacheUnusable;
    final FailureKind failure;
    final String detail;

    private Decoded(int status, Pixmap pixmap, TextureAtlasData atlas, long bytes, boolean cacheUnusable,
            FailureKind failure, String detail) {
        this.status = status;
        this.pixmap = pixmap;
        this.atlas = atlas;
        this.bytes = bytes;
        this.cacheUnusable = cacheUnusable;
        this.failure = failure;
        this.detail = detail;
    }

    static Decoded image(int status, Pixmap pixmap, long bytes) {
        return new Decoded(status, pixmap, null, bytes, false, null, null);
    }

    static Decoded atlas(int status, TextureAtlasData atlas, long bytes) {
        return new Decoded(status, null, atlas, bytes, false, null, null);
    }

    /**
     * The cached copy a 304 pointed to cannot be used.
     *
     * @param why what is wrong with the cached copy, completing "the cached copy of URL ..."; null
     *     when no warning is due (another cache on the folder replaced or evicted it)
     */
    static Decoded cacheUnusable(String why) {
        return new Decoded(304, null, null, 0, true, null, why);
    }

    static Decoded failed(int status, FailureKind kind, String detail) {
        return new Decoded(status, null, null, 0, false, kind, detail);
    }

    /** Frees the decoded pixels if nobody will upload them. */
    void dispose() {
        if (pixmap != null) {
            pixmap.dispose();
        }
    }
}
