package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from nginx, a real server's idea of ranges, validators and large offsets. */
class NginxDownloadTest {
    private static final long THREE_GIB = 3L << 30;

    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    @Test
    void aFileCutShortIsResumedFromNginxByteExact() throws Exception {
        File root = tmp.resolve("www").toFile();
        assertTrue(root.mkdir());
        byte[] body = DownloadTest.content(2_000_000, 41);
        Files.write(new File(root, "level.pak").toPath(), body);
        File dest = tmp.resolve("level.pak").toFile();
        try (Nginx nginx = new Nginx(root, mkdir("nginx"))) {
            FileHandle d = new FileHandle(dest);
            // Served slowly, so that the cancel lands mid-body.
            DownloadHandle first = fetch.download(nginx.url("/level.pak"), d).header("X-Slow", "1").send();
            Frames.until(fetch, () -> first.bytesWritten() > 0);
            assertTrue(first.cancel());
            Frames.untilDone(fetch, first);

            DownloadHandle second = fetch.download(nginx.url("/level.pak"), d).sha256(DownloadTest.sha256(body)).send();
            Frames.untilDone(fetch, second);
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertArrayEquals(body, Files.readAllBytes(dest.toPath()));
            long resumedFrom = second.resumedFrom();
            assertTrue(resumedFrom > 0 && resumedFrom < body.length, "resumed from " + resumedFrom);
            String log = nginx.log("access.log");
            assertTrue(log.contains("GET /level.pak HTTP/1.1 206 bytes=" + resumedFrom + "-"), log);
        }
    }

    @Test
    void aThreeGibFileIsFinishedPastTheTwoGibMarkAndVerifiedBySize() throws Exception {
        File root = tmp.resolve("www").toFile();
        assertTrue(root.mkdir());
        try (RandomAccessFile f = new RandomAccessFile(new File(root, "big.bin"), "rw")) {
            // Sparse: 3 GiB of zeros that take no disk.
            f.setLength(THREE_GIB);
        }
        File dest = tmp.resolve("big.bin").toFile();
        File part = new File(dest.getPath() + ".part");
        try (Nginx nginx = new Nginx(root, mkdir("nginx"))) {
            FileHandle d = new FileHandle(dest);
            DownloadHandle first = fetch.download(nginx.url("/big.bin"), d).send();
            Frames.until(fetch, () -> first.bytesWritten() > 0);
            first.cancel();
            Frames.untilDone(fetch, first);
            // The file is all zeros, so a longer run of zeros is still a true prefix of it: grow
            // the partial (sparsely) to 1 MiB short of the end, and let nginx serve the rest.
            long resumeAt = THREE_GIB - (1 << 20);
            Frames.until(fetch, () -> part.length() > 0);
            try (RandomAccessFile f = new RandomAccessFile(part, "rw")) {
                f.setLength(resumeAt);
            }

            DownloadHandle second = fetch.download(nginx.url("/big.bin"), d).expectSize(THREE_GIB).send();
            Frames.untilDone(fetch, second);
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertEquals(THREE_GIB, dest.length());
            assertEquals(THREE_GIB, second.bytesWritten());
            assertEquals(THREE_GIB, second.totalBytes());
            assertEquals(resumeAt, second.resumedFrom());
            assertFalse(part.exists());
            String log = nginx.log("access.log");
            assertTrue(log.contains("GET /big.bin HTTP/1.1 206 bytes=" + resumeAt + "-"), log);
        }
    }

    @Test
    void aPrecompressedFileNginxSendsGzippedAnywayIsStoredDecodedAndVerified() throws Exception {
        File root = tmp.resolve("www").toFile();
        assertTrue(root.mkdir());
        byte[] body = DownloadTest.content(300_000, 42);
        Files.write(new File(root, "levels.pak").toPath(), body);
        Files.write(new File(root, "levels.pak.gz").toPath(), DownloadHostileServerTest.gzip(body));
        File dest = tmp.resolve("levels.pak").toFile();
        // "always" serves the .gz file to every client, whatever its Accept-Encoding says.
        try (Nginx nginx = new Nginx(mkdir("nginx"), "  log_format coded '$request $status $sent_http_content_encoding';\n"
                + "  access_log %PREFIX%/access.log coded;\n", "    listen 127.0.0.1:%PORT%;\n    root "
                + root.getAbsolutePath() + ";\n    gzip_static always;\n")) {
            DownloadHandle h = fetch.download(nginx.url("/levels.pak"), new FileHandle(dest)).expectSize(body.length)
                    .sha256(DownloadTest.sha256(body)).send();
            Frames.untilDone(fetch, h);

            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, Files.readAllBytes(dest.toPath()));
            String log = nginx.log("access.log");
            assertTrue(log.contains("GET /levels.pak HTTP/1.1 200 gzip"), log);
        }
    }

    private File mkdir(String name) {
        File f = tmp.resolve(name).toFile();
        assertTrue(f.mkdir());
        return f;
    }
}
