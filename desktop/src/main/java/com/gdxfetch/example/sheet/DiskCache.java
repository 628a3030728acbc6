package com.gdxfetch.example.sheet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Downloaded files with the ETag each came with, in one folder. Every write goes to a temporary
 * file renamed into place, so readers never see half a file. Worker threads call it (from
 * response decoders); different names never share state.
 */
final class DiskCache {
    private final Path dir;

    DiskCache(Path dir) {
        this.dir = dir;
    }

    /** The ETag stored with {@code name}, or null when there is no complete cached copy. */
    String etag(String name) {
        Path tag = dir.resolve(name + ".etag");
        try {
            if (!Files.isRegularFile(dir.resolve(name)) || !Files.isRegularFile(tag)) {
                return null;
            }
            String etag = Files.readString(tag, StandardCharsets.UTF_8).trim();
            return etag.isEmpty() ? null : etag;
        } catch (IOException e) {
            return null;
        }
    }

    /** The cached copy of {@code name}. */
    byte[] read(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    /** Path of the cached copy of {@code name}. */
    Path path(String name) {
        return dir.resolve(name);
    }

    /** Stores {@code bytes} as {@code name}, with {@code etag} (may be null) beside it. */
    void write(String name, byte[] bytes, String etag) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(name + ".etag"));
        replace(dir.resolve(name), bytes);
        if (etag != null) {
            replace(dir.resolve(name + ".etag"), etag.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + Thread.currentThread().getId());
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
