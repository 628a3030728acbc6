package com.gdxfetch.internal;

import java.io.Closeable;
import java.io.IOException;

/** Closing what is done with when a failure to close loses nothing. Any thread. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes {@code c} if it is not null, ignoring a failure: for a file only read from, one whose
     * written bytes a later step measures anyway, or a socket no longer used, where closing only
     * frees the descriptor.
     */
    public static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // See above: nothing the caller needs depends on it.
            }
        }
    }
}
