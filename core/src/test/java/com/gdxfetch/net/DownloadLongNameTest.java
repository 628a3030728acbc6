package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destinations whose names leave no room for {@code .part.meta.tmp} under the usual 255-byte
 * limit on a file name: real files on disk, a real loopback server, a cancel and a resume.
 */
class DownloadLongNameTest {
    /** What most file systems (ext4, APFS, NTFS in UTF-16 units) allow in one name. */
    private static final int NAME_LIMIT = 255;

    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    @Test
    void aDestinationWithA250ByteAsciiNameDownloadsAndResumesAfterACancel() throws Exception {
        String name = repeat("a", 246) + ".bin";
        downloadsAndResumesAfterACancel(name);
    }

    @Test
    void aDestinationWithA250ByteMultiByteNameDownloadsAndResumesAfterACancel() throws Exception {
        // 89 characters but 250 bytes: counting characters would take it for a short name.
        String name = repeat("\u97f3", 80) + "\u00e9abcd.bin";
        assertEquals(250, utf8(name));
        downloadsAndResumesAfterACancel(name);
    }

    @Test
    void aNameThatLeavesRoomForEverySideCarKeepsTheSideCarsEarlierVersionsUsed() throws Exception {
        // 241 bytes + ".part.meta.tmp" is exactly 255: a partial left by an earlier version resumes.
        String name = repeat("b", 237) + ".bin";
        byte[] body = DownloadTest.content(400_000, 7);
        try (RangeServer server = new RangeServer(body)) {
            server.stallConnection = 0;
            server.cutAt = 100_000;
            FileHandle dest = new FileHandle(tmp.resolve(name).toFile());
            DownloadHandle first = fetch.download(server.url("/f"), dest).send();
            Frames.until(fetch, () -> first.bytesWritten() == 100_000);
            first.cancel();
            Frames.untilDone(fetch, first);
            assertTrue(new File(dest.file().getPath() + ".part").isFile());
            assertTrue(new File(dest.file().getPath() + ".part.meta").isFile());
        }
    }

    private void downloadsAndResumesAfterACancel(String name) throws Exception {
        byte[] body = DownloadTest.content(500_000, name.length());
        try (RangeServer server = new RangeServer(body)) {
            server.stallConnection = 0;
            server.cutAt = 200_000;
            FileHandle dest = new FileHandle(tmp.resolve(name).toFile());
            DownloadHandle first = fetch.download(server.url("/long"), dest)
                    .sha256(DownloadTest.sha256(body)).send();
            Frames.until(fetch, () -> first.bytesWritten() == 200_000 || first.isDone());
            assertFalse(first.isDone(), "the first attempt ended early: " + first.failure());
            assertTrue(first.cancel());
            Frames.untilDone(fetch, first);
            assertTrue(first.isCancelled());
            assertFalse(dest.exists());
            String[] left = tmp.toFile().list();
            assertTrue(left.length >= 1, "the partial is kept for a resume");
            for (String sideCar : left) {
                assertTrue(utf8(sideCar) <= NAME_LIMIT, sideCar);
            }

            DownloadHandle second = fetch.download(server.url("/long"), dest)
                    .sha256(DownloadTest.sha256(body)).send();
            Frames.untilDone(fetch, second);
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertEquals("bytes=200000-", server.range(1));
            assertEquals(200_000, second.resumedFrom());
            assertArrayEquals(body, dest.readBytes());
            assertEquals(Arrays.asList(name), Arrays.asList(tmp.toFile().list()),
                    "nothing but the file is left beside it");
        }
    }

    private static String repeat(String s, int times) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < times; i++) {
            b.append(s);
        }
        return b.toString();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
