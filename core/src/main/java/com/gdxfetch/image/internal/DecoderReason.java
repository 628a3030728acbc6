package com.gdxfetch.image.internal;

import com.badlogic.gdx.utils.GdxRuntimeException;

/**
 * Why libGDX's image decoder refused an image. Its own message says only that loading failed
 * ("Couldn't load pixmap", "Couldn't load file"); the decoder's reason ("BMP type not supported:
 * RLE") is in the innermost cause. Any thread.
 */
final class DecoderReason {
    private static final String PREFIX = "Error loading pixmap: ";

    private DecoderReason() {
    }

    /**
     * The decoder's reason inside {@code e}, as {@code "decoder: BMP type not supported: RLE"},
     * or null when {@code e} has no cause. A GIF holding no image fails with no reason given,
     * which reads as {@code "decoder: it holds no image"}.
     */
    static String of(GdxRuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e) {
            return null;
        }
        String why = root.getMessage();
        if (why != null && why.startsWith(PREFIX)) {
            why = why.substring(PREFIX.length());
        }
        return why == null || why.isEmpty() || why.equals("null") ? "decoder: it holds no image" : "decoder: " + why;
    }
}
