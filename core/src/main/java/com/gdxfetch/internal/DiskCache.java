package com.gdxfetch.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Downloaded files kept on disk: each entry is a body file plus a small metadata file (URL,
 * validators, length, CRC32), both written to a temporary file in the same folder, synced, and
 * renamed into place, so a reader sees a whole entry or none, and a damaged body is detected by
 * its length or checksum. The folder is bounded in bytes; the least recently used entries go
 * first. Plain {@code java.io.File} throughout, so it runs on Android API 21 and RoboVM.
 *
 * <p>Each entry may carry extra string metadata of its owner's (the HTTP cache keeps a
 * response's status, headers and times there); it is stored beside the validators and read back
 * with {@link Entry#property}.
 *
 * <p>Recency is the body file's modification time, plus uses an owner reports with
 * {@link #markUsed} (an owner answering from memory touches no file): those are kept in memory,
 * count in the next trim, and are written to the files' times there, so the order survives a
 * restart. Entries the trim deletes are reported to the {@link Evictions} given, so an owner's
 * memory of them goes too.
 *
 * <p>Worker threads only, except {@link #markUsed}: every other method touches the disk. Safe for
 * concurrent use.
 */
public final class DiskCache {
    /** Told which entries a trim deleted, on the writing thread, after they are gone from disk. */
    public interface Evictions {
        /** The entry named {@code name} ({@link Entry#name()}) was deleted to fit the bound. */
        void evicted(String name);
    }

    private static final String BODY = ".body";
    private static final String META = ".meta";
    private static final String TEMP = ".tmp";
    /** Prefix of owner metadata keys, so they never collide with the cache's own. */
    private static final String EXTRA = "x.";
    /**
     * A temporary file untouched this long belongs to a write that died with its process; younger
     * ones may be another cache's write in progress on the same folder.
     */
    static final long STALE_TEMP_MILLIS = 60_000;

    private static final Comparator<Candidate> LEAST_RECENTLY_USED_FIRST = new Comparator<Candidate>() {
        @Override
        public int compare(Candidate a, Candidate b) {
            return Long.compare(a.usedAt, b.usedAt);
        }
    };

    private final File dir;
    private final long maxBytes;
    private final Evictions evictions;
    /** Entry name to the wall-clock time of its latest use not yet written to its body file's time. */
    private final ConcurrentHashMap<String, Long> usedSince = new ConcurrentHashMap<>();

    /** A body file in a trim, with its recency. */
    private static final class Candidate {
        final File body;
        final String name;
        final long usedAt;

        Candidate(File body, String name, long usedAt) {
            this.body = body;
            this.name = name;
            this.usedAt = usedAt;
        }
    }

    /** A cached file's metadata, read from disk. Immutable. */
    public static final class Entry {
        final String url;
        final String name;
        final String etag;
        final String lastModified;
        final long length;
        final long crc;
        final File body;
        final File meta;
        private final Properties properties;

        Entry(String url, Properties properties, File body, File meta) {
            this.url = url;
            this.etag = properties.getProperty("etag");
            this.lastModified = properties.getProperty("lastModified");
            this.length = Long.parseLong(properties.getProperty("length"));
            this.crc = Long.parseLong(properties.getProperty("crc32"), 16);
            this.properties = properties;
            this.body = body;
            this.meta = meta;
            this.name = body.getName().substring(0, body.getName().length() - BODY.length());
        }

        /** Whether both files are still on disk (a trim may have evicted the entry). */
        public boolean exists() {
            return body.isFile() && meta.isFile();
        }

        /** The name of this entry's files, which {@link Evictions} reports. */
        public String name() {
            return name;
        }

        /** The extra metadata {@code key} stored with the entry, or null. */
        public String property(String key) {
            return properties.getProperty(EXTRA + key);
        }

        /** The URL this entry was stored for. */
        public String url() {
            return url;
        }

        /** The body's length in bytes, as recorded when it was written. */
        public long length() {
            return length;
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
        this(dir, maxBytes, null);
    }

    /** As {@link #DiskCache(File, long)}, telling {@code evictions} (may be null) what trims delete. */
    public DiskCache(File dir, long maxBytes, Evictions evictions) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.evictions = evictions;
    }

    /**
     * Records that {@code entry} was just used without reading it from disk, so the next trim
     * counts it as recent. Touches no file: any thread.
     */
    public void markUsed(Entry entry) {
        usedSince.put(entry.name, System.currentTimeMillis());
    }

    /** The entry for {@code url}, or null when there is none or its metadata is unreadable. */
    public Entry lookup(String url) {
        String name = nameOf(url);
        File meta = new File(dir, name + META);
        File body = new File(dir, name + BODY);
        if (!meta.isFile()) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(meta)) {
            p.load(in);
            String cachedUrl = p.getProperty("url");
            if (!url.equals(cachedUrl)) {
                return null;
            }
            return new Entry(url, p, body, meta);
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
        byte[] bytes = entry.body.length() == entry.length ? readFully(entry.body, entry.length) : null;
        if (bytes == null || crc(bytes) != entry.crc) {
            delete(entry.body, entry.meta);
            return null;
        }
        entry.body.setLastModified(System.currentTimeMillis());
        usedSince.remove(entry.name);
        return bytes;
    }

    /**
     * Stores {@code body} for {@code url}, then trims the folder to its size bound; a body larger
     * than the whole bound is not stored and removes the entry {@code url} had. On failure
     * (folder not writable, disk full) the previous entry for {@code url}, if any, is left as it
     * was and no temporary file remains; the exception names the file or folder.
     */
    public void write(String url, byte[] body, String etag, String lastModified) throws IOException {
        write(url, body, etag, lastModified, null);
    }

    /**
     * As {@link #write(String, byte[], String, String)}, with {@code extra} (may be null) stored as
     * the entry's {@linkplain Entry#property metadata}. Returns the entry as written, or null when
     * the body is larger than the whole bound and was not stored. The trim that follows may
     * already have evicted it again (reported to the {@link Evictions}).
     */
    public Entry write(String url, byte[] body, String etag, String lastModified, Map<String, String> extra)
            throws IOException {
        if (body.length > maxBytes) {
            // Not stored, and an older body is not left to answer as if it were this one.
            remove(url);
            return null;
        }
        ensureFolder();
        String name = nameOf(url);
        Properties p = metadata(url, etag, lastModified, body.length, crc(body), extra);
        File bodyTemp = null;
        File metaTemp = null;
        try {
            bodyTemp = createTemp(name);
            metaTemp = createTemp(name);
            try {
                DurableFiles.writeSynced(bodyTemp, body);
            } catch (IOException e) {
                throw new IOException("cannot write " + bodyTemp.getAbsolutePath() + ": " + e.getMessage(), e);
            }
            try {
                DurableFiles.writeSynced(metaTemp, stored(p));
            } catch (IOException e) {
                throw new IOException("cannot write " + metaTemp.getAbsolutePath() + ": " + e.getMessage(), e);
            }
            // Body first: a crash between the two leaves old metadata whose checksum fails.
            replace(bodyTemp, new File(dir, name + BODY));
            replace(metaTemp, new File(dir, name + META));
        } finally {
            deleteIfPresent(bodyTemp);
            deleteIfPresent(metaTemp);
        }
        usedSince.remove(name);
        Entry written = new Entry(url, p, new File(dir, name + BODY), new File(dir, name + META));
        trim();
        return written;
    }

    /**
     * Replaces the metadata of {@code entry}, keeping its body: validators and extra metadata as
     * given, length and checksum as they were, so a body replaced meanwhile by another write fails
     * its checksum rather than taking this metadata. The file is written to a temporary file and
     * renamed, like a whole entry.
     */
    public void rewriteMetadata(Entry entry, String etag, String lastModified, Map<String, String> extra)
            throws IOException {
        ensureFolder();
        Properties p = metadata(entry.url, etag, lastModified, entry.length, entry.crc, extra);
        File metaTemp = null;
        try {
            metaTemp = createTemp(nameOf(entry.url));
            try {
                DurableFiles.writeSynced(metaTemp, stored(p));
            } catch (IOException e) {
                throw new IOException("cannot write " + metaTemp.getAbsolutePath() + ": " + e.getMessage(), e);
            }
            replace(metaTemp, entry.meta);
        } finally {
            deleteIfPresent(metaTemp);
        }
    }

    /** Deletes the entry for {@code url}, if there is one. */
    public void remove(String url) {
        String name = nameOf(url);
        usedSince.remove(name);
        delete(new File(dir, name + BODY), new File(dir, name + META));
    }

    private void ensureFolder() throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            throw new IOException("cannot create the disk cache folder " + dir.getAbsolutePath());
        }
    }

    private static Properties metadata(String url, String etag, String lastModified, long length, long crc,
            Map<String, String> extra) {
        Properties p = new Properties();
        if (extra != null) {
            for (Map.Entry<String, String> e : extra.entrySet()) {
                p.setProperty(EXTRA + e.getKey(), e.getValue());
            }
        }
        p.setProperty("url", url);
        if (etag != null) {
            p.setProperty("etag", etag);
        }
        if (lastModified != null) {
            p.setProperty("lastModified", lastModified);
        }
        p.setProperty("length", Long.toString(length));
        p.setProperty("crc32", Long.toHexString(crc));
        return p;
    }

    /**
     * Deletes the least recently used entries until the folder fits its bound, and temporary
     * files left by a write that died with its process; writes the uses {@link #markUsed}
     * recorded to the surviving bodies' file times.
     */
    synchronized void trim() {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        List<Candidate> bodies = new ArrayList<>();
        long total = 0;
        long staleBefore = System.currentTimeMillis() - STALE_TEMP_MILLIS;
        for (File f : files) {
            String fileName = f.getName();
            if (fileName.endsWith(TEMP) && f.lastModified() < staleBefore && f.delete()) {
                continue;
            }
            total += f.length();
            if (fileName.endsWith(BODY)) {
                String name = fileName.substring(0, fileName.length() - BODY.length());
                long usedAt = f.lastModified();
                Long recorded = usedSince.get(name);
                bodies.add(new Candidate(f, name, recorded != null ? Math.max(usedAt, recorded) : usedAt));
            }
        }
        if (total > maxBytes) {
            Collections.sort(bodies, LEAST_RECENTLY_USED_FIRST);
            for (int i = 0; i < bodies.size() && total > maxBytes; i++) {
                Candidate evicted = bodies.get(i);
                File meta = new File(dir, evicted.name + META);
                total -= evicted.body.length() + meta.length();
                usedSince.remove(evicted.name);
                delete(evicted.body, meta);
                if (evictions != null) {
                    evictions.evicted(evicted.name);
                }
            }
        }
        for (Candidate c : bodies) {
            Long recorded = usedSince.remove(c.name);
            if (recorded != null && recorded > c.body.lastModified()) {
                c.body.setLastModified(recorded);
            }
        }
    }

    private File createTemp(String name) throws IOException {
        try {
            return File.createTempFile(name + ".", TEMP, dir);
        } catch (IOException e) {
            throw new IOException("cannot write to the disk cache folder " + dir.getAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Renames {@code from} over {@code to}. Where rename cannot replace an existing file (Windows),
     * the old file is deleted first: a crash between the two then leaves the entry without that
     * file, which lookup or read treats as no entry, never as a wrong one.
     */
    private static void replace(File from, File to) throws IOException {
        if (!DurableFiles.replace(from, to)) {
            throw new IOException("cannot rename " + from.getAbsolutePath() + " to " + to.getAbsolutePath());
        }
    }

    private static byte[] stored(Properties p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        p.store(bytes, null);
        return bytes.toByteArray();
    }

    private static byte[] readFully(File file, long length) {
        if (length > Integer.MAX_VALUE) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        try (InputStream in = new FileInputStream(file)) {
            int filled = 0;
            while (filled < bytes.length) {
                int n = in.read(bytes, filled, bytes.length - filled);
                if (n < 0) {
                    return null;
                }
                filled += n;
            }
            return in.read() < 0 ? bytes : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void delete(File body, File meta) {
        // Metadata first, so a body another process holds open is never described by it again;
        // a file that cannot be deleted now is retried on the next failed read.
        deleteIfPresent(meta);
        deleteIfPresent(body);
    }

    private static void deleteIfPresent(File file) {
        if (file != null) {
            file.delete();
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
