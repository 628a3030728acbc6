package com.gdxfetch.internal;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Files that are on disk whole or not at all: written and synced under a temporary name, then
 * renamed over their target. Worker threads only; every method touches the disk.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Writes {@code bytes} to {@code file} and syncs them to the device before returning. */
    public static void writeSynced(File file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(bytes);
            out.getFD().sync();
        }
    }

    /**
     * Renames {@code from} over {@code to}; false when it could not. Where a rename cannot replace
     * an existing file (Windows), the old one is deleted first: a crash between the two leaves no
     * file under the name, never a partial one.
     */
    public static boolean replace(File from, File to) {
        return from.renameTo(to) || (to.delete() && from.renameTo(to));
    }
}
