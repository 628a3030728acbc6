package com.gdxfetch.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * <p>Failures: a write that cannot be made (disk full, folder read-only or not writable) throws a
 * {@link Failure} naming the folder or file and the system's reason, and leaves what was stored
 * before as it was. An entry that must go but cannot be deleted (a read-only disk) is ignored by
 * this cache for the rest of the run, never served again, nor retried on every lookup.
 *
 * <p>Several caches, in one process or several, may share a folder: an entry another one replaced
 * or evicted meanwhile is a quiet miss, and one whose files disagree while another cache's
 * temporary file for it is still fresh is taken for that write under way, not for damage.
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
    /** Length of an entry's name, a SHA-1 in hex, that each of its files starts with. */
    private static final int NAME_LENGTH = 40;
    /** Held by every cache on the folder, in any process, while it renames an entry's files. */
    private static final String LOCK_FILE = ".lock";
    /** Prefix of owner metadata keys, so they never collide with the cache's own. */
    private static final String EXTRA = "x.";
    /**
     * A temporary file untouched this long belongs to a write that died with its process; younger
     * ones may be another cache's write in progress on the same folder.
     */
    static final long STALE_TEMP_MILLIS = 60_000;

    /** A write the disk refused, naming the file or folder and the system's reason. */
    public static final class Failure extends IOException {
        private final String reason;

        Failure(String message, String reason, Throwable cause) {
            super(message + ": " + reason, cause);
            this.reason = reason;
        }

        /**
         * The system's reason alone ("No space left on device", "Read-only file system"), without
         * file names: the same for every write that fails the same way.
         */
        public String reason() {
            return reason;
        }
    }

    /** An entry found damaged (truncated, or failing its checksum) on a read; it was deleted. */
    public static final class DamagedEntryException extends IOException {
        DamagedEntryException(String message) {
            super(message);
        }
    }

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
    /** Names of entries that had to go but could not be deleted: misses until written again. */
    private final Set<String> ignored = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

    /** A body file in a trim, with its recency and the time and length it was listed with. */
    private static final class Candidate {
        final File body;
        final String name;
        final long usedAt;
        final long modified;
        final long length;

        Candidate(File body, String name, long usedAt, long modified, long length) {
            this.body = body;
            this.name = name;
            this.usedAt = usedAt;
            this.modified = modified;
            this.length = length;
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

    /**
     * The entry for {@code url}, or null when there is none, it is ignored (see the class
     * comment), or its metadata is unreadable (then deleted, unless another cache's write of it
     * explains that).
     */
    public Entry lookup(String url) {
        String name = nameOf(url);
        if (ignored.contains(name)) {
            return null;
        }
        File meta = new File(dir, name + META);
        File body = new File(dir, name + BODY);
        try {
            Properties p = readMetadata(meta);
            if (p == null || !url.equals(p.getProperty("url"))) {
                return null;
            }
            return new Entry(url, p, body, meta);
        } catch (IOException | RuntimeException e) {
            if (!writeUnderWay(name)) {
                deleteIfStillUnreadable(name, body, meta);
            }
            return null;
        }
    }

    /**
     * Deletes an entry whose metadata was found unreadable, unless a write (on another thread, or
     * by another cache) has replaced it since: judged under the folder's lock, with no writer
     * between its renames, so the new entry is never taken for the damaged one.
     */
    private void deleteIfStillUnreadable(String name, File body, File meta) {
        ProcessLock lock = lockFolder();
        try {
            try {
                if (readMetadata(meta) != null) {
                    return;
                }
            } catch (IOException | RuntimeException stillUnreadable) {
                // Deleted below.
            }
            deleteOrIgnore(name, body, meta);
        } finally {
            lock.release();
        }
    }

    /** The metadata in {@code meta}, or null when the file is gone; throws when it is unreadable. */
    private static Properties readMetadata(File meta) throws IOException {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(meta)) {
            p.load(in);
        } catch (FileNotFoundException e) {
            if (!meta.exists()) {
                return null;
            }
            throw e;
        }
        // Parsed here so that unreadable metadata fails the lookup, not a later use.
        Long.parseLong(p.getProperty("length"));
        Long.parseLong(p.getProperty("crc32"), 16);
        return p;
    }

    /**
     * The body of {@code entry}, or null when it is no longer there as {@code entry} describes it:
     * removed, evicted or replaced meanwhile (perhaps by another cache on the folder), or being
     * rewritten by another cache right now. Marks the entry as just used.
     *
     * @throws DamagedEntryException when the body is truncated or fails its checksum with nothing
     *     to explain it; the entry is deleted (or, when it cannot be, ignored from then on)
     */
    public byte[] read(Entry entry) throws DamagedEntryException {
        byte[] bytes = entry.body.length() == entry.length ? readFully(entry.body, entry.length) : null;
        if (bytes == null || crc(bytes) != entry.crc) {
            if (writeUnderWay(entry.name)) {
                return null;
            }
            // Judged again with no writer between its two renames: what disagrees then is damage.
            ProcessLock lock = lockFolder();
            try {
                if (!describesDiskNow(entry)) {
                    return null;
                }
                bytes = entry.body.length() == entry.length ? readFully(entry.body, entry.length) : null;
                if (bytes == null || crc(bytes) != entry.crc) {
                    deleteOrIgnore(entry.name, entry.body, entry.meta);
                    throw new DamagedEntryException("cached body " + entry.body.getAbsolutePath() + " is "
                            + (bytes == null ? "truncated" : "corrupt"));
                }
            } finally {
                lock.release();
            }
        }
        entry.body.setLastModified(System.currentTimeMillis());
        usedSince.remove(entry.name);
        return bytes;
    }

    /** Whether both files of {@code entry} are on disk and the metadata still is the one it was read from. */
    private boolean describesDiskNow(Entry entry) {
        if (!entry.body.isFile() || ignored.contains(entry.name)) {
            return false;
        }
        try {
            Properties now = readMetadata(entry.meta);
            return now != null && entry.url.equals(now.getProperty("url"))
                    && Long.parseLong(now.getProperty("length")) == entry.length
                    && Long.parseLong(now.getProperty("crc32"), 16) == entry.crc;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Waits for the folder's lock; held only around renames, so the wait is short. */
    private ProcessLock lockFolder() {
        return ProcessLock.acquire(new File(dir, LOCK_FILE));
    }

    /**
     * Whether another cache on this folder is writing entry {@code name} now: a write renames its
     * body into place before its metadata, so in between the two disagree.
     */
    private boolean writeUnderWay(String name) {
        File[] temps = dir.listFiles();
        if (temps == null) {
            return false;
        }
        long staleBefore = System.currentTimeMillis() - STALE_TEMP_MILLIS;
        for (File f : temps) {
            String fileName = f.getName();
            if (fileName.startsWith(name + ".") && fileName.endsWith(TEMP) && f.lastModified() >= staleBefore) {
                return true;
            }
        }
        return false;
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
                throw new Failure("cannot write " + bodyTemp.getAbsolutePath(), reasonOf(e), e);
            }
            try {
                DurableFiles.writeSynced(metaTemp, stored(p));
            } catch (IOException e) {
                throw new Failure("cannot write " + metaTemp.getAbsolutePath(), reasonOf(e), e);
            }
            // Body first: a crash between the two leaves old metadata whose checksum fails. Under
            // the folder's lock, so two writers of one entry cannot leave one's body under the
            // other's metadata.
            ProcessLock lock = lockFolder();
            try {
                replace(bodyTemp, new File(dir, name + BODY));
                replace(metaTemp, new File(dir, name + META));
            } finally {
                lock.release();
            }
        } finally {
            deleteIfPresent(bodyTemp);
            deleteIfPresent(metaTemp);
        }
        usedSince.remove(name);
        ignored.remove(name);
        Entry written = new Entry(url, p, new File(dir, name + BODY), new File(dir, name + META));
        trim();
        return written;
    }

    /**
     * Replaces the metadata of {@code entry}, keeping its body: validators and extra metadata as
     * given, length and checksum as they were. Nothing is written when the entry was replaced or
     * evicted meanwhile, by another thread or another cache on the folder: the newer write keeps
     * its own metadata. The file is written to a temporary file and renamed, like a whole entry.
     */
    public void rewriteMetadata(Entry entry, String etag, String lastModified, Map<String, String> extra)
            throws IOException {
        if (!describesDiskNow(entry)) {
            // Replaced or evicted meanwhile (perhaps by another cache on the folder): what is
            // there now is not this entry's to describe.
            return;
        }
        ensureFolder();
        Properties p = metadata(entry.url, etag, lastModified, entry.length, entry.crc, extra);
        File metaTemp = null;
        try {
            metaTemp = createTemp(nameOf(entry.url));
            try {
                DurableFiles.writeSynced(metaTemp, stored(p));
            } catch (IOException e) {
                throw new Failure("cannot write " + metaTemp.getAbsolutePath(), reasonOf(e), e);
            }
            // Judged again under the lock: a write that renamed its files in place since the
            // check above is newer than this refresh, and its body must keep its own metadata.
            ProcessLock lock = lockFolder();
            try {
                if (describesDiskNow(entry)) {
                    replace(metaTemp, entry.meta);
                }
            } finally {
                lock.release();
            }
        } finally {
            deleteIfPresent(metaTemp);
        }
    }

    /**
     * Deletes the entry for {@code url}, if there is one. Returns false when its files are still
     * there (a read-only disk): the entry is then ignored, a miss, for the rest of this cache's run.
     */
    public boolean remove(String url) {
        String name = nameOf(url);
        usedSince.remove(name);
        return deleteOrIgnore(name, new File(dir, name + BODY), new File(dir, name + META));
    }

    /** The folder this cache keeps its files in. */
    public File folder() {
        return dir;
    }

    private void ensureFolder() throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            File existing = dir;
            while (existing != null && !existing.exists()) {
                existing = existing.getParentFile();
            }
            String reason = existing != null && !existing.isDirectory() ? existing.getAbsolutePath() + " is a file"
                    : "not permitted";
            throw new Failure("cannot create the disk cache folder " + dir.getAbsolutePath(), reason, null);
        }
    }

    /**
     * The system's reason for {@code e}, without the file name: Java's "PATH (REASON)" messages
     * are cut down to REASON.
     */
    private static String reasonOf(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int open = message.lastIndexOf(" (");
        if (open >= 0 && message.endsWith(")")) {
            return message.substring(open + 2, message.length() - 1);
        }
        return message;
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
        Map<String, Long> metaLengths = new HashMap<>();
        long total = 0;
        long staleBefore = System.currentTimeMillis() - STALE_TEMP_MILLIS;
        for (File f : files) {
            String fileName = f.getName();
            if (!isEntryFile(fileName)) {
                // The folder may be one the game keeps files of its own in: those are not ours to
                // delete, nor to count against the bound.
                continue;
            }
            if (fileName.endsWith(TEMP) && f.lastModified() < staleBefore && f.delete()) {
                continue;
            }
            if (fileName.endsWith(META) && deleteIfOrphan(f)) {
                continue;
            }
            long length = f.length();
            total += length;
            if (fileName.endsWith(META)) {
                metaLengths.put(fileName.substring(0, fileName.length() - META.length()), length);
            }
            if (fileName.endsWith(BODY)) {
                String name = fileName.substring(0, fileName.length() - BODY.length());
                long modified = f.lastModified();
                Long recorded = usedSince.get(name);
                bodies.add(new Candidate(f, name, recorded != null ? Math.max(modified, recorded) : modified,
                        modified, length));
            }
        }
        if (total > maxBytes) {
            Collections.sort(bodies, LEAST_RECENTLY_USED_FIRST);
            for (int i = 0; i < bodies.size() && total > maxBytes; i++) {
                Candidate evicted = bodies.get(i);
                File meta = new File(dir, evicted.name + META);
                // Under the folder's lock, so no write renames between the check and the delete.
                ProcessLock lock = lockFolder();
                try {
                    Long metaLength = metaLengths.get(evicted.name);
                    // Less what was counted for it, not what is there now.
                    long listed = evicted.length + (metaLength != null ? metaLength : 0);
                    boolean asListed = evicted.body.lastModified() == evicted.modified
                            && evicted.body.length() == evicted.length;
                    if (!asListed && evicted.body.exists()) {
                        // Written again (or read) since the listing, perhaps by another thread:
                        // no longer the entry used longest ago.
                        continue;
                    }
                    total -= listed;
                    if (!asListed) {
                        // Removed or evicted since the listing, by another thread or cache (a
                        // remove takes no lock): its bytes are gone already, so nothing else has
                        // to go in their place.
                        continue;
                    }
                    usedSince.remove(evicted.name);
                    deleteOrIgnore(evicted.name, evicted.body, meta);
                } finally {
                    lock.release();
                }
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

    /**
     * Deletes the metadata file {@code meta} if it has lost its body (a delete that stopped
     * half-way, another cache's eviction cut short): nothing can read it. Judged under the
     * folder's lock, around which writes rename their body into place before their metadata, so
     * the metadata of a write that renamed both since the first look is never taken for it.
     */
    private boolean deleteIfOrphan(File meta) {
        String metaName = meta.getName();
        String name = metaName.substring(0, metaName.length() - META.length());
        File body = new File(dir, name + BODY);
        if (body.exists()) {
            return false;
        }
        ProcessLock lock = lockFolder();
        try {
            return !body.exists() && !writeUnderWay(name) && meta.delete();
        } finally {
            lock.release();
        }
    }

    /**
     * Whether {@code fileName} is one of an entry's files: its name ({@link #nameOf}, 40 hex
     * digits), a dot, then the body's, the metadata's or a temporary file's suffix.
     */
    private static boolean isEntryFile(String fileName) {
        if (fileName.length() <= NAME_LENGTH || fileName.charAt(NAME_LENGTH) != '.') {
            return false;
        }
        for (int i = 0; i < NAME_LENGTH; i++) {
            char c = fileName.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private File createTemp(String name) throws IOException {
        try {
            return File.createTempFile(name + ".", TEMP, dir);
        } catch (IOException e) {
            throw new Failure("cannot write to the disk cache folder " + dir.getAbsolutePath(), reasonOf(e), e);
        }
    }

    /**
     * Renames {@code from} over {@code to}. Where rename cannot replace an existing file (Windows),
     * the old file is deleted first: a crash between the two then leaves the entry without that
     * file, which lookup or read treats as no entry, never as a wrong one.
     */
    private static void replace(File from, File to) throws IOException {
        if (!DurableFiles.replace(from, to)) {
            throw new Failure("cannot rename " + from.getAbsolutePath() + " to " + to.getAbsolutePath(),
                    "rename refused", null);
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

    /**
     * Deletes an entry's files, metadata first so a body another process holds open is never
     * described by it again. Returns whether both are gone; when not (a read-only disk), the entry
     * is ignored from now on rather than found, failed and retried on every lookup.
     */
    private boolean deleteOrIgnore(String name, File body, File meta) {
        boolean gone = deleteIfPresent(meta) & deleteIfPresent(body);
        if (!gone) {
            ignored.add(name);
        }
        return gone;
    }

    /** Deletes {@code file}; true when it is gone, also when another process deleted it first. */
    private static boolean deleteIfPresent(File file) {
        return file == null || file.delete() || !file.exists();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    private static String nameOf(String url) {
        return Digests.of("SHA-1", url);
    }
}
