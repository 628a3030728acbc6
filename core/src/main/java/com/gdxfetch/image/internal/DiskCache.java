package com.gdxfetch.image.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * Downloaded files kept on disk: each entry is a body file plus a small metadata file (URL,
 * validators, length, CRC32), both written to a temporary file and renamed into place, so a
 * reader sees a whole entry or none, and a damaged body is detected by its length or checksum.
 * The folder is bounded in bytes; the least recently used entries go first.
 *
 * <p>Worker threads only: every method touches the disk. Safe for concurrent use.
 */
public final class DiskCache {
    private static final String BODY = ".body";
    private static final String META = ".meta";

    private final Path dir;
    private final long maxBytes;

    /** A cached file's metadata, read from disk. Immutable. */
    public static final class Entry {
        final String url;
        final String etag;
        final String lastModified;
        final long length;
        final long crc;
        final Path body;
        final Path meta;

        Entry(String url, String etag, String lastModified, long length, long crc, Path body, Path meta) {
            this.url = url;
            this.etag = etag;
            this.lastModified = lastModified;
            this.length = length;
            this.crc = crc;
            this.body = body;
            this.meta = meta;
        }

        /** The ETag to send as If-None-Match, or null. */
        public String etag() {
            return etag;
        }

        /** The Last-Modified to send as If-Modified-Since, or null. */
        public String lastModified() {
            return lastModified;
        }
    }

    /** A cache in {@code dir} (created on first write) holding up to {@code maxBytes}. */
    public DiskCache(File dir, long maxBytes) {
        this.dir = dir.toPath();
        this.maxBytes = maxBytes;
    }

    /** The entry for {@code url}, or null when there is none or its metadata is unreadable. */
    public Entry lookup(String url) {
        String name = nameOf(url);
        Path meta = dir.resolve(name + META);
        Path body = dir.resolve(name + BODY);
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
            String cachedUrl = p.getProperty("url");
            if (!url.equals(cachedUrl)) {
                return null;
            }
            return new Entry(url, p.getProperty("etag"), p.getProperty("lastModified"),
                    Long.parseLong(p.getProperty("length")), Long.parseLong(p.getProperty("crc32"), 16), body, meta);
        } catch (IOException | RuntimeException e) {
            delete(body, meta);
            return null;
        }
    }

    /**
     * The body of {@code entry}, or null when it is missing, truncated or corrupt (the entry is
     * then deleted). Marks the entry as just used.
     */
    public byte[] read(Entry entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry.body);
        } catch (IOException e) {
            delete(entry.body, entry.meta);
            return null;
        }
        if (bytes.length != entry.length || crc(bytes) != entry.crc) {
            delete(entry.body, entry.meta);
            return null;
        }
        entry.body.toFile().setLastModified(System.currentTimeMillis());
        return bytes;
    }

    /** Stores {@code body} for {@code url}, then trims the folder to its size bound. */
    public void write(String url, byte[] body, String etag, String lastModified) throws IOException {
        if (body.length > maxBytes) {
            return;
        }
        Files.createDirectories(dir);
        String name = nameOf(url);
        Properties p = new Properties();
        p.setProperty("url", url);
        if (etag != null) {
            p.setProperty("etag", etag);
        }
        if (lastModified != null) {
            p.setProperty("lastModified", lastModified);
        }
        p.setProperty("length", Long.toString(body.length));
        p.setProperty("crc32", Long.toHexString(crc(body)));
        Path bodyTemp = Files.createTempFile(dir, name, ".tmp");
        Path metaTemp = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.write(bodyTemp, body);
            try (OutputStream out = Files.newOutputStream(metaTemp)) {
                p.store(out, null);
            }
            // Body first: a crash between the two leaves old metadata whose checksum fails.
            move(bodyTemp, dir.resolve(name + BODY));
            move(metaTemp, dir.resolve(name + META));
        } finally {
            Files.deleteIfExists(bodyTemp);
            Files.deleteIfExists(metaTemp);
        }
        trim();
    }

    /** Deletes the least recently used entries until the folder fits its bound. */
    synchronized void trim() {
        File[] files = dir.toFile().listFiles();
        if (files == null) {
            return;
        }
        List<File> bodies = new ArrayList<>();
        long total = 0;
        for (File f : files) {
            total += f.length();
            if (f.getName().endsWith(BODY)) {
                bodies.add(f);
            }
        }
        if (total <= maxBytes) {
            return;
        }
        bodies.sort(Comparator.comparingLong(File::lastModified));
        for (int i = 0; i < bodies.size() && total > maxBytes; i++) {
            File body = bodies.get(i);
            String base = body.getName().substring(0, body.getName().length() - BODY.length());
            File meta = new File(body.getParentFile(), base + META);
            total -= body.length() + meta.length();
            delete(body.toPath(), meta.toPath());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path body, Path meta) {
        try {
            Files.deleteIfExists(meta);
            Files.deleteIfExists(body);
        } catch (IOException ignored) {
            // A file another process holds open is retried on the next failed read.
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    private static String nameOf(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(url.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
