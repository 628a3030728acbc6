package com.gdxfetch.internal;

import java.io.File;

/**
 * The web build's stand-in for the disk cache: a page has no files, and the browser's own HTTP
 * cache keeps what it downloads. {@code ImageCache} never makes one there (its remote loader says
 * it keeps no disk cache); a game that does gets this message rather than a GWT compile error.
 */
public final class DiskCache {
    public DiskCache(File directory, long maxBytes) {
        throw new IllegalStateException("disk caches are not available in web builds; the browser's HTTP cache keeps "
                + "downloads there");
    }
}
