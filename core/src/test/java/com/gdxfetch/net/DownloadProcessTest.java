package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads in a child JVM: killed mid-download and resumed, a full disk, a folder without write
 * permission, a heap much smaller than the file.
 */
class DownloadProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aDownloadKilledMidwayIsCompletedByTheNextRun() throws Exception {
        byte[] body = DownloadTest.content(3_000_000, 21);
        File dest = tmp.resolve("pack.bin").toFile();
        try (RangeServer server = new RangeServer(body)) {
            server.stallConnection = 0;
            server.cutAt = 1_000_000;
            Process child = start(new String[0], server.url("/pack.bin"), dest, 1_000_000, "-");
            try (BufferedReader out = reader(child)) {
                assertEquals("written 1000000", out.readLine());
                // SIGKILL: no shutdown hook, no finally block runs in the child.
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
            assertFalse(dest.exists(), "nothing under the destination's name after the kill");
            assertEquals(1_000_000, new File(dest.getPath() + ".part").length());

            Process second = start(new String[0], server.url("/pack.bin"), dest, 0, DownloadTest.sha256(body));
            assertEquals("ok", readAll(second));
            assertEquals("bytes=1000000-", server.range(1));
            assertEquals("\"v1\"", server.ifRange(1));
            assertArrayEquals(body, java.nio.file.Files.readAllBytes(dest.toPath()));
            assertFalse(new File(dest.getPath() + ".part").exists());
        }
    }

    @Test
    void aSecondProcessDownloadingToTheSameDestinationFailsNamingThePartialInsteadOfCorruptingIt() throws Exception {
        byte[] body = DownloadTest.content(3_000_000, 25);
        File dest = tmp.resolve("shared.bin").toFile();
        try (RangeServer server = new RangeServer(body)) {
            // Every answer is the whole file, so a second writer would start the partial over at byte 0
            // under the first one, which goes on writing at byte 1,000,000.
            server.ignoreRange = true;
            server.pauseAt.put(0, 1_000_000L);
            server.pauseAt.put(1, 200_000L);
            Process child = start(new String[0], server.url("/shared.bin"), dest, 1_000_000, "-");
            FetchManager fetch = new FetchManager();
            try (BufferedReader out = reader(child)) {
                assertEquals("written 1000000", out.readLine());
                DownloadHandle second = fetch.download(server.url("/shared.bin"), new FileHandle(dest))
                        .expectSize(body.length).send();
                Frames.until(fetch, () -> second.isDone()
                        || server.heads.size() == 2 && second.bytesWritten() == 200_000);

                server.resume(0);
                assertEquals("ok", out.readLine());
                assertArrayEquals(body, java.nio.file.Files.readAllBytes(dest.toPath()),
                        "the file the first process put in place is whole");
                server.resume(1);
                Frames.untilDone(fetch, second);
                assertEquals(FailureKind.FILE, second.failure().kind(), String.valueOf(second.failure()));
                assertTrue(second.failure().getMessage().contains("'" + dest.getAbsolutePath() + ".part'"),
                        second.failure().getMessage());
                assertEquals(1, server.heads.size(), "the second download sent no request");
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            } finally {
                fetch.dispose();
                child.destroyForcibly();
            }
            assertFalse(new File(dest.getPath() + ".part").exists());
        }
    }

    @Test
    void aFullDiskFailsWithFileNamingThePartialAndKeepsTheCompleteFile() throws Exception {
        File dest = tmp.resolve("big.bin").toFile();
        byte[] old = "the complete previous version".getBytes(StandardCharsets.UTF_8);
        java.nio.file.Files.write(dest.toPath(), old);
        try (RangeServer server = new RangeServer(DownloadTest.content(200_000, 22))) {
            // A file-size limit of 32 KiB (64 blocks of 512 bytes) stands in for a full disk.
            Process child = start(new String[] {"ulimit -f 64 && "}, server.url("/big.bin"), dest, 0, "-");
            String output = readAll(child);
            assertTrue(output.startsWith("failed: FILE "), output);
            assertTrue(output.contains("writing '" + dest.getAbsolutePath() + ".part' failed"), output);
            assertTrue(output.contains("File too large"), output);
            assertArrayEquals(old, java.nio.file.Files.readAllBytes(dest.toPath()), "the previous file is untouched");
        }
    }

    @Test
    void aFolderWithoutWritePermissionFailsWithFileNamingThePathAndKeepsTheCompleteFile() throws Exception {
        File folder = tmp.resolve("read-only").toFile();
        assertTrue(folder.mkdir());
        File dest = new File(folder, "level.pack");
        byte[] old = "the complete previous version".getBytes(StandardCharsets.UTF_8);
        java.nio.file.Files.write(dest.toPath(), old);
        assertTrue(folder.setWritable(false, false));
        try (RangeServer server = new RangeServer(DownloadTest.content(50_000, 24))) {
            // Root writes anywhere; in a user namespace that maps no user the child keeps root's
            // owner rights but loses the capability to override file modes, so r-x is enforced.
            Process child = start(new String[] {"unshare --user "}, server.url("/level.pack"), dest, 0, "-");
            String output = readAll(child);
            assertTrue(output.startsWith("failed: FILE "), output);
            assertTrue(output.contains("'" + dest.getAbsolutePath() + ".part"), output);
            assertTrue(output.contains("Permission denied"), output);
            assertEquals(0, server.heads.size(), "nothing is requested for a folder that cannot be written");
        } finally {
            assertTrue(folder.setWritable(true, true));
        }
        assertArrayEquals(old, java.nio.file.Files.readAllBytes(dest.toPath()), "the previous file is untouched");
        assertEquals(1, folder.list().length, "nothing was left beside it");
    }

    @Test
    void aFileManyTimesLargerThanTheHeapStreamsToDisk() throws Exception {
        byte[] block = DownloadTest.content(1 << 20, 23);
        long size = 200L << 20;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long at = 0; at < size; at += block.length) {
            sha.update(block);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) {
            hex.append(String.format("%02x", b));
        }
        File dest = tmp.resolve("huge.bin").toFile();
        try (RangeServer server = new RangeServer(block)) {
            server.repeatedLength = size;
            Process child = start(new String[] {"-Xmx24m"}, server.url("/huge.bin"), dest, 0, hex.toString());
            assertEquals("ok", readAll(child));
            assertEquals(size, dest.length());
        }
    }

    /**
     * Starts {@link DownloadChild}; an option ending in {@code "&& "} is a shell command run before
     * java, one ending in a space without it a command that java runs under.
     */
    private static Process start(String[] options, String url, File dest, long reportAt, String sha)
            throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String prefix = "";
        String wrapper = "";
        String heap = "-Xmx64m";
        for (String o : options) {
            if (o.startsWith("-X")) {
                heap = o;
            } else if (o.endsWith("&& ")) {
                prefix = o;
            } else {
                wrapper = o;
            }
        }
        return new ProcessBuilder("/bin/sh", "-c", prefix + "exec " + wrapper + "\"$0\" \"$@\"", java, heap,
                "-XX:-UsePerfData",
                "-Xshare:off", "-cp", System.getProperty("java.class.path"), DownloadChild.class.getName(), url,
                dest.getAbsolutePath(), Long.toString(reportAt), sha)
            .redirectErrorStream(true)
            .start();
    }

    private static BufferedReader reader(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String readAll(Process child) throws Exception {
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        return output;
    }
}
