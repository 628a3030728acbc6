package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import com.gdxfetch.testing.DiskFaults;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
    private static final String URL = "https://example.com/a.png";

    @TempDir
    Path tmp;

    private File dir() {
        return tmp.resolve("cache").toFile();
    }

    @Test
    void writtenBodyReadsBackWithItsValidators() throws IOException {
        byte[] body = DiskCacheChild.bodyOf(1);
        new DiskCache(dir(), 1 << 20).write(URL, body, "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT");

        DiskCache reopened = new DiskCache(dir(), 1 << 20);
        DiskCache.Entry entry = reopened.lookup(URL);
        assertNotNull(entry);
        assertEquals("\"v1\"", entry.etag());
        assertEquals("Tue, 01 Dec 2026 10:00:00 GMT", entry.lastModified());
        assertArrayEquals(body, reopened.read(entry));
        assertNull(reopened.lookup("https://example.com/other.png"));
    }

    @Test
    void newerBodyReplacesTheOlderOne() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), "\"v1\"", null);
        cache.write(URL, DiskCacheChild.bodyOf(2), "\"v2\"", null);

        DiskCache.Entry entry = cache.lookup(URL);
        assertEquals("\"v2\"", entry.etag());
        assertArrayEquals(DiskCacheChild.bodyOf(2), cache.read(entry));
        assertEquals(List.of(), temps());
    }

    @Test
    void filesOfTheGameInTheCacheFolderAreNeitherDeletedNorCountedInTheBound() throws IOException {
        File dir = dir();
        assertTrue(dir.mkdirs());
        // A game that points the cache at a folder it also keeps files of its own in.
        File notes = new File(dir, "level.meta");
        File export = new File(dir, "replay.tmp");
        File music = new File(dir, "music.ogg");
        Files.write(notes.toPath(), "level=3".getBytes(StandardCharsets.UTF_8));
        Files.write(export.toPath(), "replay".getBytes(StandardCharsets.UTF_8));
        Files.write(music.toPath(), new byte[64 * 1024]);
        assertTrue(export.setLastModified(System.currentTimeMillis() - 2 * DiskCache.STALE_TEMP_MILLIS));

        DiskCache cache = new DiskCache(dir, 32 * 1024);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);

        assertTrue(notes.exists(), "the game's level.meta was deleted");
        assertTrue(export.exists(), "the game's replay.tmp was deleted");
        assertTrue(music.exists());
        assertNotNull(cache.lookup(URL), "an entry within the bound was evicted for the game's files");
    }

    @Test
    void truncatedBodyIsDiscardedWithItsEntry() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        DiskCache.Entry entry = cache.lookup(URL);
        try (RandomAccessFile body = new RandomAccessFile(entry.body, "rw")) {
            body.setLength(body.length() / 2);
        }

        assertThrows(DiskCache.DamagedEntryException.class, () -> cache.read(entry));
        assertNull(cache.lookup(URL));
        assertFalse(entry.body.exists());
        assertFalse(entry.meta.exists());
    }

    @Test
    void corruptBodyOfTheRightLengthIsDiscarded() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        DiskCache.Entry entry = cache.lookup(URL);
        try (RandomAccessFile body = new RandomAccessFile(entry.body, "rw")) {
            body.seek(100);
            int b = body.read();
            body.seek(100);
            body.write(b ^ 0x40);
        }

        assertThrows(DiskCache.DamagedEntryException.class, () -> cache.read(entry));
        assertNull(cache.lookup(URL));
    }

    @Test
    void unreadableMetadataIsDiscarded() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        File meta = cache.lookup(URL).meta;
        Files.write(meta.toPath(), "url=https://example.com/a.png\nlength=twelve\n".getBytes(StandardCharsets.ISO_8859_1));

        assertNull(cache.lookup(URL));
        assertFalse(meta.exists());
    }

    @Test
    void entryUsedLongestAgoIsEvictedFirst() throws IOException {
        byte[] body = new byte[1000];
        DiskCache cache = new DiskCache(dir(), 2 * body.length + 2 * 400);
        cache.write("https://example.com/a.png", body, null, null);
        cache.write("https://example.com/b.png", body, null, null);
        long now = System.currentTimeMillis();
        cache.lookup("https://example.com/a.png").body.setLastModified(now - 20_000);
        cache.lookup("https://example.com/b.png").body.setLastModified(now - 10_000);
        assertNotNull(cache.read(cache.lookup("https://example.com/a.png")), "reading a marks it as just used");

        cache.write("https://example.com/c.png", body, null, null);

        assertNull(cache.lookup("https://example.com/b.png"));
        assertNotNull(cache.read(cache.lookup("https://example.com/a.png")));
        assertNotNull(cache.read(cache.lookup("https://example.com/c.png")));
    }

    @Test
    void useMarkedInMemoryCountsInTheTrimIsWrittenToTheFileAndEvictionsAreReported() throws IOException {
        byte[] body = new byte[1000];
        List<String> evicted = new ArrayList<>();
        DiskCache cache = new DiskCache(dir(), 2 * body.length + 2 * 400, evicted::add);
        DiskCache.Entry a = cache.write("https://example.com/a.png", body, null, null, null);
        DiskCache.Entry b = cache.write("https://example.com/b.png", body, null, null, null);
        long now = System.currentTimeMillis();
        a.body.setLastModified(now - 20_000);
        b.body.setLastModified(now - 10_000);
        cache.markUsed(a);
        assertTrue(a.body.lastModified() < now - 15_000, "marking touches no file");

        cache.write("https://example.com/c.png", body, null, null);

        assertEquals(List.of(b.name()), evicted);
        assertNull(cache.lookup("https://example.com/b.png"));
        assertFalse(b.exists());
        assertTrue(a.exists());
        assertTrue(a.body.lastModified() >= now - 1_000, "the trim wrote the use to the file's time");
        assertNotNull(new DiskCache(dir(), 1 << 20).read(cache.lookup("https://example.com/a.png")));
    }

    @Test
    void bodyLargerThanTheWholeBoundIsNotStored() throws IOException {
        DiskCache cache = new DiskCache(dir(), 100);
        cache.write(URL, new byte[101], null, null);
        assertNull(cache.lookup(URL));
    }

    @Test
    void folderThatCannotBeCreatedFailsNamingIt() throws IOException {
        File blocker = tmp.resolve("blocker").toFile();
        assertTrue(blocker.createNewFile());
        File dir = new File(blocker, "cache");

        DiskCache.Failure e = assertThrows(DiskCache.Failure.class,
            () -> new DiskCache(dir, 1 << 20).write(URL, new byte[10], null, null));
        assertEquals("cannot create the disk cache folder " + dir.getAbsolutePath() + ": "
                + blocker.getAbsolutePath() + " is a file", e.getMessage());
    }

    @Test
    void fullDiskFailsTheWriteNamingTheFileAndKeepsThePreviousEntry() throws Exception {
        // A file-size limit of 32 KiB (64 blocks of 512 bytes, as sh counts them) stands in for a
        // full disk: the write fails part-way, as it does when the disk fills.
        Process child = startChild("ulimit -f 64 && exec \"$0\" \"$@\"", "overwrite");
        String output = readAll(child);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);

        assertTrue(output.startsWith("failed: cannot write " + dir().getAbsolutePath() + File.separator), output);
        assertTrue(output.contains("File too large"), output);
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        DiskCache.Entry entry = cache.lookup(DiskCacheChild.urlOf(0));
        assertEquals("\"small\"", entry.etag());
        assertArrayEquals(DiskCacheChild.bodyOf(0), cache.read(entry));
        assertEquals(List.of(), temps());
    }

    @RepeatedTest(3)
    void processKilledMidWriteLeavesWholeEntriesOrNoneAndItsTempFilesAreCleanedLater() throws Exception {
        Process child = startChild("exec \"$0\" \"$@\"", "fill");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine());
            // The child writes entries back to back: a random wait lands the kill somewhere in one.
            LockSupport.parkNanos(new Random().nextInt(300_000) * 1000L);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }

        DiskCache cache = new DiskCache(dir(), Long.MAX_VALUE);
        int whole = 0;
        for (int i = 0; ; i++) {
            DiskCache.Entry entry = cache.lookup(DiskCacheChild.urlOf(i));
            if (entry == null && i > 20) {
                // Past the last entry written; one more may be missing only if its write was cut.
                if (cache.lookup(DiskCacheChild.urlOf(i + 1)) == null) {
                    break;
                }
                continue;
            }
            byte[] body = entry == null ? null : cache.read(entry);
            if (body != null) {
                assertArrayEquals(DiskCacheChild.bodyOf(i), body, "entry " + i);
                whole++;
            }
        }
        assertTrue(whole > 20, "entries written before the kill read back: " + whole);

        File leftover = new File(dir(), "0123456789abcdef0123456789abcdef01234567.123.tmp");
        assertTrue(leftover.createNewFile());
        for (File temp : temps()) {
            assertTrue(temp.setLastModified(System.currentTimeMillis() - DiskCache.STALE_TEMP_MILLIS - 1000));
        }
        File fresh = new File(dir(), "fedcba9876543210fedcba9876543210fedcba98.456.tmp");
        assertTrue(fresh.createNewFile());

        cache.write(URL, new byte[10], null, null);

        assertEquals(List.of(fresh), temps(), "a recent temp file may be another cache's write under way");
    }

    @Test
    void removeOnAReadOnlyDiskReportsFailureAndTheEntryIsAMissFromThenOn() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir())) {
            assertFalse(cache.remove(URL));
            assertTrue(cache.lookup(URL) == null, "an entry that could not be deleted is not served");
            DiskCache.Failure e = assertThrows(DiskCache.Failure.class,
                () -> cache.write(URL, DiskCacheChild.bodyOf(2), null, null));
            assertEquals("Read-only file system", e.reason());
            assertTrue(e.getMessage().contains(dir().getAbsolutePath()), e.getMessage());
        }
        assertTrue(cache.remove(URL));
        assertTrue(cache.remove(URL), "nothing to delete is no failure");
    }

    @Test
    void damagedEntryThatCannotBeDeletedIsReportedOnceThenAMiss() throws IOException {
        DiskCache cache = new DiskCache(dir(), 1 << 20);
        cache.write(URL, DiskCacheChild.bodyOf(1), null, null);
        DiskCache.Entry entry = cache.lookup(URL);
        try (RandomAccessFile body = new RandomAccessFile(entry.body, "rw")) {
            body.setLength(body.length() - 1);
        }
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir())) {
            assertThrows(DiskCache.DamagedEntryException.class, () -> cache.read(entry));
            assertTrue(entry.body.exists());
            assertNull(cache.lookup(URL));
            assertNull(cache.read(entry), "once reported, a quiet miss");
        }
    }

    private List<File> temps() {
        List<File> temps = new ArrayList<>();
        File[] files = dir().listFiles();
        if (files != null) {
            for (File f : files) {
                if (f.getName().endsWith(".tmp")) {
                    temps.add(f);
                }
            }
        }
        return temps;
    }

    /** A child JVM running {@link DiskCacheChild} on this test's folder, started by {@code sh -c script}. */
    private Process startChild(String script, String mode) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder("/bin/sh", "-c", script, java, "-XX:-UsePerfData", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), DiskCacheChild.class.getName(), mode,
                dir().getAbsolutePath())
            .redirectErrorStream(true)
            .start();
    }

    private static String readAll(Process child) throws IOException {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
