package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads to disk against a scripted server: streamed byte-exact, resumed, verified, failing clearly. */
class DownloadTest {
    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) {
            hex.append(String.format("%02x", x));
        }
        return hex.toString();
    }

    private FileHandle dest(String name) {
        return new FileHandle(tmp.resolve(name).toFile());
    }

    private static File part(FileHandle dest) {
        return new File(dest.file().getPath() + ".part");
    }

    /** Leaves {@code bytes} as the partial of {@code dest}, beside metadata naming {@code url}, {@code validator} and {@code total}. */
    private static void leavePartial(FileHandle dest, byte[] bytes, String url, String validator, long total)
            throws IOException {
        Files.write(part(dest).toPath(), bytes);
        Files.write(Paths.get(part(dest).getPath() + ".meta"), ("gdx-fetch partial download 1\nurl " + url
                + "\nvalidator " + validator + "\ntotal " + total + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private DownloadHandle run(DownloadHandle handle) {
        Frames.untilDone(fetch, handle);
        return handle;
    }

    @Test
    void aDiskFullBeforeTheFirstByteFailsNamingTheFileKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        File dir = tmp.resolve("small").toFile();
        try (com.gdxfetch.testing.DiskFaults.Mount small = com.gdxfetch.testing.DiskFaults.small(dir, 64 * 1024);
                RangeServer server = new RangeServer(content(4096, 3))) {
            FileHandle dest = new FileHandle(new File(dir, "pack.bin"));
            byte[] before = "the version the game has".getBytes(StandardCharsets.UTF_8);
            Files.write(dest.file().toPath(), before);
            com.gdxfetch.testing.DiskFaults.fill(dir);

            DownloadHandle h = run(fetch.download(server.url("/pack.bin"), dest).send());

            assertTrue(h.isFailed(), "a download onto a full disk succeeded");
            assertEquals(FailureKind.FILE, h.failure().kind(), String.valueOf(h.failure()));
            assertTrue(h.failure().getMessage().contains(dir.getPath()), h.failure().getMessage());
            assertArrayEquals(before, Files.readAllBytes(dest.file().toPath()));
            String[] temporary = dir.list((d, name) -> name.endsWith(".tmp"));
            assertEquals(List.of(), Arrays.asList(temporary), "the failed write's temporary file was left behind");
        }
    }

    @Test
    void streamedBodiesOfSeveralSizesArriveByteExactWithEachFraming() throws Exception {
        int[] sizes = {0, 1, 65_535, 65_536 + 7, 1_048_576 + 3};
        String[] names = {"content-length", "chunked", "close"};
        for (int framing = 0; framing < 3; framing++) {
            for (int size : sizes) {
                byte[] body = content(size, size);
                try (RangeServer server = new RangeServer(body)) {
                    server.framing = framing;
                    FileHandle dest = dest("f" + framing + "-" + size);
                    DownloadHandle h = run(fetch.download(server.url("/f"), dest).send());
                    assertTrue(h.isSuccess(), names[framing] + " " + size + ": " + h.failure());
                    assertEquals(dest, h.result());
                    assertArrayEquals(body, Files.readAllBytes(dest.file().toPath()), names[framing] + " " + size);
                    assertEquals(size, h.bytesWritten());
                    assertFalse(part(dest).exists());
                    assertFalse(new File(dest.file().getPath() + ".part.meta").exists());
                }
            }
        }
    }

    @Test
    void aDroppedConnectionIsResumedWithRangeAndIfRange() throws Exception {
        byte[] body = content(700_000, 1);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 300_000;
            FileHandle dest = dest("drop.bin");
            DownloadHandle h = run(fetch.download(server.url("/drop.bin"), dest).autoResume(2).sha256(sha256(body)).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, dest.readBytes());
            assertEquals(2, server.heads.size());
            assertNull(server.range(0));
            assertEquals("bytes=300000-", server.range(1));
            assertEquals("\"v1\"", server.ifRange(1));
            assertEquals(300_000, h.resumedFrom());
        }
    }

    @Test
    void aWeakEtagIsNeverSentAsIfRangeSoADroppedDownloadStartsOver() throws Exception {
        // RFC 9110 section 13.1.5: no weak tag in If-Range, and no date while the file has a tag.
        assertTheSecondAttemptAfterADrop("W/\"v1\"", "Sun, 06 Nov 1994 08:49:37 GMT",
                "Mon, 07 Nov 1994 08:49:37 GMT", null);
    }

    @Test
    void aLastModifiedNoEarlierThanTheDateIsWeakSoADroppedDownloadStartsOver() throws Exception {
        // Two versions written within the same second share a Last-Modified (RFC 9110 section 8.8.2.2).
        assertTheSecondAttemptAfterADrop(null, "Sun, 06 Nov 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 08:49:37 GMT", null);
        assertTheSecondAttemptAfterADrop(null, "Sun, 06 Nov 1994 08:49:37 GMT", null, null);
    }

    @Test
    void aLastModifiedWellBeforeTheDateResumesWithItAsIfRange() throws Exception {
        assertTheSecondAttemptAfterADrop(null, "Sun, 06 Nov 1994 08:49:37 GMT",
                "Mon, 07 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    /** Serves a file with these validators, drops the first connection, and checks the second request. */
    private void assertTheSecondAttemptAfterADrop(String etag, String lastModified, String date, String ifRange)
            throws Exception {
        byte[] body = content(400_000, 7);
        try (RangeServer server = new RangeServer(body)) {
            server.etag = etag;
            server.lastModified = lastModified;
            server.date = date;
            server.cutConnection = 0;
            server.cutAt = 150_000;
            FileHandle dest = dest("validators.bin");
            dest.delete();
            DownloadHandle h = run(fetch.download(server.url("/v.bin"), dest).autoResume(2).sha256(sha256(body)).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, dest.readBytes());
            assertEquals(ifRange, server.ifRange(1));
            assertEquals(ifRange == null ? null : "bytes=150000-", server.range(1));
            assertEquals(ifRange == null ? 0 : 150_000, h.resumedFrom());
        }
    }

    @Test
    void aFailedDownloadLeavesNoFileUnderItsNameAndTheNextOneResumes() throws Exception {
        byte[] body = content(500_000, 2);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 123_457;
            FileHandle dest = dest("next.bin");
            DownloadHandle first = run(fetch.download(server.url("/n"), dest).send());
            assertEquals(FailureKind.PROTOCOL, first.failure().kind());
            assertFalse(dest.exists(), "nothing under the destination's name");
            assertEquals(123_457, part(dest).length());

            DownloadHandle second = run(fetch.download(server.url("/n"), dest).expectSize(body.length).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertEquals("bytes=123457-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aServerAnsweringAResumeWith200OrA206FromByteZeroRestartsTheFileFromZero() throws Exception {
        byte[] body = content(400_000, 3);
        for (boolean partial : new boolean[] {false, true}) {
            try (RangeServer server = new RangeServer(body)) {
                server.cutConnection = 0;
                server.cutAt = 100_000;
                server.ignoreRange = !partial;
                server.servedFrom = partial ? 0 : -1;
                FileHandle dest = dest("zero-" + partial + ".bin");
                DownloadHandle h = run(fetch.download(server.url("/z"), dest).autoResume(1).send());
                assertTrue(h.isSuccess(), partial + ": " + h.failure());
                assertEquals("bytes=100000-", server.range(1));
                assertEquals(0, h.resumedFrom());
                assertArrayEquals(body, dest.readBytes(), partial ? "206 from byte 0" : "200");
            }
        }
    }

    @Test
    void aPartialResponseToARequestWithoutARangeReplacesAStalePartialWhole() throws Exception {
        byte[] body = content(100_000, 12);
        try (RangeServer server = new RangeServer(body)) {
            server.partialAlways = true;
            FileHandle dest = dest("stale.bin");
            // Longer than the file, and with no saved validator: nothing to resume from.
            Files.write(part(dest).toPath(), content(300_000, 13));
            DownloadHandle h = run(fetch.download(server.url("/s"), dest).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertNull(server.range(0));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aPartialThatCannotBeResumedCountsNoBytesWhileTheRequestWaitsForItsAnswer() throws Exception {
        byte[] body = content(100_000, 18);
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            asked.countDown();
            answer.await();
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
            out.write(body);
            socket.close();
        })) {
            FileHandle dest = dest("unusable.bin");
            // No metadata beside it: nothing to resume from.
            Files.write(part(dest).toPath(), content(300_000, 19));
            DownloadHandle h = fetch.download(server.url("/u"), dest).send();
            assertTrue(asked.await(10, TimeUnit.SECONDS));
            fetch.update();
            assertEquals(0, h.bytesWritten(), "the old partial is not this file's bytes");
            answer.countDown();
            run(h);
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals(body.length, h.bytesWritten());
        }
    }

    @Test
    void aPartialResponseAtTheWrongOffsetDeletesThePartialSoTheNextAttemptStartsOver() throws Exception {
        byte[] body = content(300_000, 15);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 100_000;
            server.servedFrom = 50_000;
            FileHandle dest = dest("wrong.bin");
            DownloadHandle first = run(fetch.download(server.url("/w"), dest).autoResume(1).send());
            assertEquals(FailureKind.PROTOCOL, first.failure().kind());
            assertTrue(first.failure().getMessage().contains("starts at byte 50000"), first.failure().getMessage());
            assertFalse(part(dest).exists(), "the unusable partial is deleted");
            assertFalse(dest.exists());

            DownloadHandle second = run(fetch.download(server.url("/w"), dest).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertNull(server.range(2));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aDamagedValidatorBesideThePartialStartsTheFileOverInsteadOfFailing() throws Exception {
        byte[] body = content(200_000, 16);
        try (RangeServer server = new RangeServer(body)) {
            FileHandle dest = dest("damaged.bin");
            String url = server.url("/d");
            leavePartial(dest, Arrays.copyOf(body, 50_000), url, "\"v1\0\0\"", body.length);
            DownloadHandle h = run(fetch.download(url, dest).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertNull(server.range(0));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aDownloadFollowsRedirectsWritesOnlyTheFilesBytesAndResumesThroughThem() throws Exception {
        byte[] body = content(400_000, 17);
        List<String> redirected = new CopyOnWriteArrayList<>();
        try (RangeServer files = new RangeServer(body);
                RawServer links = new RawServer((socket, index) -> {
                    String head = RawServer.readHead(socket.getInputStream());
                    redirected.add(head);
                    // A fresh signed link for every request, as a CDN hands out, and an HTML body.
                    String page = "<a href=\"elsewhere\">moved</a>";
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 302 Found\r\nLocation: "
                            + files.url("/signed?sig=" + index) + "\r\nContent-Type: text/html\r\nContent-Length: "
                            + page.length() + "\r\nConnection: close\r\n\r\n" + page);
                    socket.close();
                })) {
            files.cutConnection = 0;
            files.cutAt = 150_000;
            FileHandle dest = dest("linked.bin");
            DownloadHandle h = run(fetch.download(links.url("/pack"), dest).autoResume(1).sha256(sha256(body)).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, dest.readBytes());
            assertEquals(2, redirected.size());
            assertEquals("bytes=150000-", files.range(1));
            assertEquals("\"v1\"", files.ifRange(1));
            assertEquals(150_000, h.resumedFrom());
        }
    }

    @Test
    void aChangedFileRestartsFromZeroWhetherTheServerHonoursIfRangeOrNot() throws Exception {
        for (boolean honours : new boolean[] {true, false}) {
            byte[] v1 = content(300_000, 4);
            byte[] v2 = content(350_000, 5);
            try (RangeServer server = new RangeServer(v1)) {
                server.cutConnection = 0;
                server.cutAt = 200_000;
                server.ignoreIfRange = !honours;
                FileHandle dest = dest("changed-" + honours);
                DownloadHandle first = run(fetch.download(server.url("/c"), dest).send());
                assertTrue(first.isFailed());
                server.body = v2;
                server.etag = "\"v2\"";
                DownloadHandle second = run(fetch.download(server.url("/c"), dest).autoResume(1).send());
                assertTrue(second.isSuccess(), honours + ": " + second.failure());
                assertArrayEquals(v2, dest.readBytes(), "honours If-Range: " + honours);
                assertEquals("\"v1\"", server.ifRange(1));
                assertEquals(honours ? 2 : 3, server.heads.size());
            }
        }
    }

    @Test
    void aStalledConnectionIsAbandonedAndResumed() throws Exception {
        byte[] body = content(400_000, 6);
        try (RangeServer server = new RangeServer(body)) {
            server.stallConnection = 0;
            server.cutAt = 150_000;
            FileHandle dest = dest("stall.bin");
            DownloadHandle h = run(fetch.download(server.url("/s"), dest).stallTimeout(300).autoResume(1).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals("bytes=150000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aStallWithoutAutoResumeFailsWithReadTimeout() throws Exception {
        try (RangeServer server = new RangeServer(content(200_000, 7))) {
            server.stallConnection = 0;
            server.cutAt = 50_000;
            DownloadHandle h = run(fetch.download(server.url("/s"), dest("stall2")).stallTimeout(200).send());
            assertEquals(FailureKind.READ_TIMEOUT, h.failure().kind());
        }
    }

    @Test
    void aPartialThatIsAlreadyCompleteIsFinishedOnA416() throws Exception {
        byte[] body = content(100_000, 8);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = body.length - 1;
            FileHandle dest = dest("done.bin");
            assertTrue(run(fetch.download(server.url("/d"), dest).send()).isFailed());
            // The last byte arrives in a second run, which a crash then interrupts before the rename.
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(part(dest), "rw")) {
                f.seek(body.length - 1);
                f.write(body[body.length - 1]);
            }
            DownloadHandle h = run(fetch.download(server.url("/d"), dest).sha256(sha256(body)).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals("bytes=100000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aPartialOfALongerOlderVersionIsNotFinishedByA416GivingItsLengthAsTheNewSize() throws Exception {
        byte[] older = content(200_000, 30);
        byte[] newer = content(100_000, 31);
        try (RangeServer server = new RangeServer(newer)) {
            // A server that ignores If-Range: the resume's Range lands past the shorter new version.
            server.etag = "\"v2\"";
            server.ignoreIfRange = true;
            FileHandle dest = dest("shrunk.bin");
            String url = server.url("/s");
            leavePartial(dest, Arrays.copyOf(older, newer.length), url, "\"v1\"", older.length);

            DownloadHandle first = run(fetch.download(url, dest).send());
            assertEquals("bytes=100000-", server.range(0));
            assertTrue(first.isFailed(), "half of the old version was installed as the whole new file");
            assertEquals(FailureKind.PROTOCOL, first.failure().kind());
            assertFalse(dest.exists());
            assertFalse(part(dest).exists(), "the partial of the old version is deleted");

            DownloadHandle second = run(fetch.download(url, dest).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertNull(server.range(1));
            assertArrayEquals(newer, dest.readBytes());
        }
    }

    @Test
    void aPartialLongerThanTheSizeItsMetadataRecordsStartsTheFileOverInsteadOfFailing() throws Exception {
        byte[] body = content(200_000, 32);
        try (RangeServer server = new RangeServer(body)) {
            FileHandle dest = dest("overlong.bin");
            String url = server.url("/o");
            leavePartial(dest, Arrays.copyOf(body, 100_000), url, "\"v1\"", 50000);
            DownloadHandle h = run(fetch.download(url, dest).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertNull(server.range(0), "a partial past its recorded size is no prefix to resume from");
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aHashMismatchDeletesThePartialAndFailsWithVerification() throws Exception {
        byte[] body = content(200_000, 9);
        try (RangeServer server = new RangeServer(body)) {
            FileHandle dest = dest("hash.bin");
            String wrong = sha256(content(10, 10));
            DownloadHandle h = run(fetch.download(server.url("/h"), dest).sha256(wrong).send());
            assertEquals(FailureKind.VERIFICATION, h.failure().kind());
            assertTrue(h.failure().getMessage().contains(sha256(body)), h.failure().getMessage());
            assertFalse(dest.exists());
            assertFalse(part(dest).exists());
        }
    }

    @Test
    void aSizeMismatchFailsWithVerificationBeforeTheBodyIsWritten() throws Exception {
        try (RangeServer server = new RangeServer(content(200_000, 11))) {
            FileHandle dest = dest("size.bin");
            DownloadHandle h = run(fetch.download(server.url("/z"), dest).expectSize(199_999).send());
            assertEquals(FailureKind.VERIFICATION, h.failure().kind());
            assertTrue(h.failure().getMessage().contains("200000 bytes, expected 199999"), h.failure().getMessage());
            assertFalse(dest.exists());
            assertFalse(part(dest).exists());
        }
    }

    @Test
    void aCloseDelimitedBodyLongerThanExpectedStopsAtTheExpectedSize() throws Exception {
        try (RangeServer server = new RangeServer(content(300_000, 12))) {
            server.framing = RangeServer.UNTIL_CLOSE;
            FileHandle dest = dest("long.bin");
            DownloadHandle h = run(fetch.download(server.url("/l"), dest).expectSize(100_000).send());
            assertEquals(FailureKind.VERIFICATION, h.failure().kind());
            assertFalse(part(dest).exists());
        }
    }

    @Test
    void aCloseDelimitedBodyEndingShortOfTheExpectedSizeIsKeptAsCutShortAndResumed() throws Exception {
        byte[] body = content(300_000, 33);
        try (RangeServer server = new RangeServer(body)) {
            // No Content-Length and no chunks: the connection's end is the body's end, and a drop looks the same.
            server.framing = RangeServer.UNTIL_CLOSE;
            server.cutConnection = 0;
            server.cutAt = 100_000;
            FileHandle dest = dest("closed.bin");
            DownloadHandle first = run(fetch.download(server.url("/c"), dest).expectSize(body.length).send());
            assertEquals(FailureKind.PROTOCOL, first.failure().kind(), first.failure().getMessage());
            assertEquals(100_000, part(dest).length(), "the bytes that came are kept for a resume");

            DownloadHandle second = run(fetch.download(server.url("/c"), dest).expectSize(body.length)
                    .sha256(sha256(body)).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertEquals("bytes=100000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    @Test
    void aCallersVerifierCanRejectTheFile() throws Exception {
        try (RangeServer server = new RangeServer(content(1000, 13))) {
            FileHandle dest = dest("checked.bin");
            DownloadHandle h = run(fetch.download(server.url("/v"), dest).verify(file -> {
                if (file.length() != 999) {
                    throw new IOException("not a level pack");
                }
            }).send());
            assertEquals(FailureKind.VERIFICATION, h.failure().kind());
            assertTrue(h.failure().getMessage().contains("not a level pack"));
            assertFalse(dest.exists());
        }
    }

    @Test
    void aVerifierThatFailsAnAssertionRejectsTheFileLikeAnyOtherRejection() throws Exception {
        try (RangeServer server = new RangeServer(content(1000, 13))) {
            FileHandle dest = dest("asserted.bin");
            DownloadHandle h = run(fetch.download(server.url("/a"), dest).verify(file -> {
                throw new AssertionError("bad magic number");
            }).send());
            assertEquals(FailureKind.VERIFICATION, h.failure().kind());
            assertTrue(h.failure().getMessage().contains("bad magic number"), h.failure().getMessage());
            assertFalse(dest.exists());
            assertFalse(dest.sibling("asserted.bin.part").exists());
        }
    }

    @Test
    void cancelMidDownloadLeavesAPartialTheNextDownloadResumes() throws Exception {
        byte[] body = content(600_000, 14);
        try (RangeServer server = new RangeServer(body)) {
            server.stallConnection = 0;
            server.cutAt = 250_000;
            FileHandle dest = dest("cancel.bin");
            DownloadHandle first = fetch.download(server.url("/x"), dest).send();
            Frames.until(fetch, () -> first.bytesWritten() == 250_000);
            assertTrue(first.cancel());
            Frames.untilDone(fetch, first);
            assertTrue(first.isCancelled());
            assertFalse(dest.exists());

            DownloadHandle second = run(fetch.download(server.url("/x"), dest).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertEquals("bytes=250000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    /** A server answering every request with {@code answer}, recording each request head in {@code heads}. */
    private static RawServer answering(String answer, List<String> heads) throws IOException {
        return new RawServer((socket, i) -> {
            heads.add(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), answer);
        });
    }

    @Test
    void aResumeAnsweredGoneDeletesThePartialAndTheFailureSaysSo() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer server = answering("HTTP/1.1 410 Gone\r\nContent-Length: 4\r\n\r\ngone", heads)) {
            FileHandle dest = dest("gone.bin");
            String url = server.url("/g");
            leavePartial(dest, content(5000, 40), url, "\"v1\"", 10_000);

            DownloadHandle h = run(fetch.download(url, dest).send());
            assertEquals("bytes=5000-", RangeServer.header(heads.get(0), "range"));
            assertEquals(FailureKind.HTTP_STATUS, h.failure().kind());
            assertEquals(410, h.failure().response().status());
            // 410 says the file is gone for good: nothing will ever resume the partial.
            assertFalse(part(dest).exists(), "the partial of a file gone for good is kept");
            assertFalse(new File(part(dest).getPath() + ".meta").exists());
            assertTrue(h.failure().getMessage().contains("partial file '" + part(dest).getAbsolutePath()
                    + "' was deleted"), h.failure().getMessage());
        }
    }

    @Test
    void aResumeAnsweredNotFoundKeepsThePartialForALaterResume() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer server = answering("HTTP/1.1 404 Not Found\r\nContent-Length: 7\r\n\r\nno such", heads)) {
            FileHandle dest = dest("moved.bin");
            String url = server.url("/n");
            byte[] partial = content(5000, 41);
            leavePartial(dest, partial, url, "\"v1\"", 10_000);

            DownloadHandle h = run(fetch.download(url, dest).send());
            assertEquals("bytes=5000-", RangeServer.header(heads.get(0), "range"));
            assertEquals(404, h.failure().response().status());
            // A 404 may be a mirror not yet synced or a deploy under way: the bytes stay for a resume.
            assertArrayEquals(partial, Files.readAllBytes(part(dest).toPath()));
            assertTrue(new File(part(dest).getPath() + ".meta").exists());
        }
    }

    @Test
    void anHttpErrorFailsWithItsStatusAndWritesNothing() throws Exception {
        try (RawServer server = new RawServer((socket, i) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nno such\r\n");
        })) {
            FileHandle dest = dest("missing.bin");
            DownloadHandle h = run(fetch.download(server.url("/m"), dest).send());
            assertEquals(FailureKind.HTTP_STATUS, h.failure().kind());
            assertEquals(404, h.failure().response().status());
            assertFalse(dest.exists());
            assertFalse(part(dest).exists());
        }
    }

    @Test
    void aDirectoryOrAMissingFolderFailsNamingThePath() throws Exception {
        try (RangeServer server = new RangeServer(content(10, 15))) {
            File dir = tmp.resolve("a-dir").toFile();
            assertTrue(dir.mkdir());
            byte[] saved = content(1000, 16);
            Files.write(dir.toPath().resolve("save.dat"), saved);
            DownloadHandle h = run(fetch.download(server.url("/d"), new FileHandle(dir)).send());
            assertEquals(FailureKind.FILE, h.failure().kind());
            assertTrue(h.failure().getMessage().contains(dir.getAbsolutePath() + "' is a directory"),
                    h.failure().getMessage());
            assertArrayEquals(saved, Files.readAllBytes(dir.toPath().resolve("save.dat")), "the directory is untouched");
            assertEquals(1, dir.list().length);
            assertFalse(new File(dir.getPath() + ".part").exists());

            File orphan = tmp.resolve("no-such-folder").resolve("f.bin").toFile();
            DownloadHandle o = run(fetch.download(server.url("/d"), new FileHandle(orphan)).send());
            assertEquals(FailureKind.FILE, o.failure().kind());
            assertTrue(o.failure().getMessage().contains(orphan.getParent() + "' does not exist"),
                    o.failure().getMessage());
            assertEquals(0, server.heads.size(), "nothing is requested for a destination that cannot be written");
        }
    }

    @Test
    void aDestinationWhoseFolderIsAFileFailsSayingSoAndLeavesTheFileAlone() throws Exception {
        try (RangeServer server = new RangeServer(content(10, 15))) {
            File notAFolder = tmp.resolve("save.dat").toFile();
            byte[] saved = content(1000, 17);
            Files.write(notAFolder.toPath(), saved);
            DownloadHandle h = run(fetch.download(server.url("/d"), new FileHandle(new File(notAFolder, "f.bin"))).send());
            assertEquals(FailureKind.FILE, h.failure().kind());
            assertTrue(h.failure().getMessage().contains(notAFolder.getPath() + "' is a file, not a folder"),
                    h.failure().getMessage());
            assertArrayEquals(saved, Files.readAllBytes(notAFolder.toPath()));
            assertEquals(0, server.heads.size());
        }
    }

    @Test
    void autoResumeAsOftenAsAnIntCountsStartsTheDownload() throws Exception {
        byte[] body = content(50_000, 18);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 20_000;
            FileHandle dest = dest("forever.bin");
            DownloadHandle h = run(fetch.download(server.url("/f"), dest).autoResume(Integer.MAX_VALUE).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals("bytes=20000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
        }
    }

    /** A transport that watches another's exchanges, as a game's counting or logging wrapper does. */
    private static final class Wrapping implements Transport {
        private final Transport wire = Transports.sockets();
        private final boolean rebuild;
        final java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();

        Wrapping(boolean rebuild) {
            this.rebuild = rebuild;
        }

        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            return wire.start(rebuild ? request.newBuilder().build() : request, new Listener() {
                @Override
                public void uploadProgress(long sent, long total) {
                    listener.uploadProgress(sent, total);
                }

                @Override
                public void downloadProgress(long received, long total) {
                    listener.downloadProgress(received, total);
                }

                @Override
                public void completed(HttpResponse response) {
                    completed.incrementAndGet();
                    listener.completed(response);
                }

                @Override
                public void failed(FetchException failure) {
                    listener.failed(failure);
                }
            });
        }

        @Override
        public void dispose() {
            wire.dispose();
        }
    }

    @Test
    void downloadsThroughAManagerWithAnHttpCacheStreamPastItAndStoreNothingInIt() throws Exception {
        byte[] body = content(300_000, 23);
        File cacheDir = tmp.resolve("http-cache").toFile();
        FetchManager caching = new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(cacheDir), 8L << 20).build());
        try (RangeServer server = new RangeServer(body)) {
            for (String name : new String[] {"first.bin", "second.bin"}) {
                FileHandle dest = dest(name);
                DownloadHandle h = caching.download(server.url("/cached"), dest).sha256(sha256(body)).send();
                Frames.untilDone(caching, h);
                assertTrue(h.isSuccess(), name + ": " + h.failure());
                assertArrayEquals(body, dest.readBytes());
            }
        } finally {
            caching.dispose();
        }
        // A file on disk is its own copy: the cache holds no second one against its byte bound.
        long cached = 0;
        File[] files = cacheDir.listFiles();
        for (File f : files == null ? new File[0] : files) {
            cached += f.length();
        }
        assertTrue(cached < body.length, "the HTTP cache holds " + cached + " bytes");
    }

    @Test
    void aTransportWrappingAnotherKeepsDownloadsStreamingAndResuming() throws Exception {
        byte[] body = content(400_000, 19);
        Wrapping wrapper = new Wrapping(false);
        FetchManager wrapped = new FetchManager(FetchConfig.builder().transport(wrapper).build());
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 150_000;
            FileHandle dest = dest("wrapped.bin");
            DownloadHandle h = wrapped.download(server.url("/w"), dest).autoResume(1).sha256(sha256(body)).send();
            Frames.untilDone(wrapped, h);
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals("bytes=150000-", server.range(1));
            assertArrayEquals(body, dest.readBytes());
            assertEquals(1, wrapper.completed.get());
        } finally {
            wrapped.dispose();
        }
    }

    @Test
    void aWrappingTransportThatReplacesTheRequestFailsClearlyInsteadOfWritingNothing() throws Exception {
        FetchManager wrapped = new FetchManager(FetchConfig.builder().transport(new Wrapping(true)).build());
        try (RangeServer server = new RangeServer(content(1000, 20))) {
            FileHandle dest = dest("replaced.bin");
            DownloadHandle h = wrapped.download(server.url("/r"), dest).send();
            Frames.untilDone(wrapped, h);
            assertEquals(FailureKind.PROTOCOL, h.failure().kind());
            assertTrue(h.failure().getMessage().contains("the transport did not stream the body to '"
                    + part(dest).getAbsolutePath() + "'"), h.failure().getMessage());
            assertFalse(dest.exists());
        } finally {
            wrapped.dispose();
        }
    }

    @Test
    void aCompleteFileThatCannotBeRenamedIntoPlaceIsKeptAndTheNextDownloadFinishesIt() throws Exception {
        byte[] body = content(120_000, 17);
        byte[] old = content(5_000, 18);
        try (RangeServer server = new RangeServer(body)) {
            FileHandle dest = dest("locked.bin");
            Files.write(dest.file().toPath(), old);
            // An immutable file can be neither replaced nor deleted, by root either.
            chattr("+i", dest.file());
            DownloadHandle h;
            try {
                h = run(fetch.download(server.url("/l"), dest).sha256(sha256(body)).send());
            } finally {
                chattr("-i", dest.file());
            }
            assertEquals(FailureKind.FILE, h.failure().kind());
            assertTrue(h.failure().getMessage().contains("cannot rename '" + part(dest).getAbsolutePath() + "' to '"
                    + dest.file().getAbsolutePath() + "'"), h.failure().getMessage());
            assertArrayEquals(old, dest.readBytes(), "the previous file is untouched");
            assertArrayEquals(body, Files.readAllBytes(part(dest).toPath()), "the verified bytes are kept");

            DownloadHandle again = run(fetch.download(server.url("/l"), dest).sha256(sha256(body)).send());
            assertTrue(again.isSuccess(), String.valueOf(again.failure()));
            assertEquals("bytes=120000-", server.range(1), "nothing is downloaded twice");
            assertArrayEquals(body, dest.readBytes());
            assertFalse(part(dest).exists());
        }
    }

    @Test
    void aPartialThatCannotBeRestartedKeepsTheValidatorOfItsOwnBytesSoTheNextAttemptIsNotSplicedOntoThem()
            throws Exception {
        byte[] first = content(600_000, 26);
        byte[] second = content(600_000, 27);
        try (RangeServer server = new RangeServer(first)) {
            server.cutConnection = 0;
            server.cutAt = 250_000;
            FileHandle dest = dest("spliced.bin");
            DownloadHandle cut = run(fetch.download(server.url("/s"), dest).send());
            assertEquals(FailureKind.PROTOCOL, cut.failure().kind(), String.valueOf(cut.failure()));
            assertEquals(250_000, part(dest).length());

            server.body = second;
            server.etag = "\"v2\"";
            // The changed file comes back whole (200), but the partial cannot be started over.
            chattr("+i", part(dest));
            DownloadHandle refused;
            try {
                refused = run(fetch.download(server.url("/s"), dest).send());
            } finally {
                chattr("-i", part(dest));
            }
            assertEquals(FailureKind.FILE, refused.failure().kind(), String.valueOf(refused.failure()));

            DownloadHandle again = run(fetch.download(server.url("/s"), dest).expectSize(second.length).send());
            assertTrue(again.isSuccess(), String.valueOf(again.failure()));
            assertArrayEquals(second, dest.readBytes(), "no byte of the first version is kept");
        }
    }

    @Test
    void twoDownloadsOfOneFileNamedTwoWaysTakeTurnsInsteadOfRefusingEachOther() throws Exception {
        byte[] body = content(600_000, 28);
        try (RangeServer server = new RangeServer(body)) {
            server.pauseAt.put(0, 200_000L);
            File dir = tmp.resolve("levels").toFile();
            assertTrue(dir.mkdir());
            FileHandle plain = new FileHandle(new File(dir, "twice.bin"));
            FileHandle dotted = new FileHandle(new File(new File(dir, "."), "twice.bin"));
            DownloadHandle first = fetch.download(server.url("/t"), plain).expectSize(body.length).send();
            Frames.until(fetch, () -> first.bytesWritten() == 200_000);
            DownloadHandle second = fetch.download(server.url("/t"), dotted).expectSize(body.length).send();
            Frames.until(fetch, () -> second.isDone() || aWorkerWaitsForAPartialFile());

            server.resume(0);
            Frames.untilDone(fetch, first, second);
            assertTrue(first.isSuccess(), String.valueOf(first.failure()));
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertArrayEquals(body, plain.readBytes());
        }
    }

    @Test
    void aDownloadCancelledWhileItWaitsForAnotherOfTheSameFileLetsItsWorkerGoAtOnce() throws Exception {
        byte[] body = content(600_000, 29);
        try (RangeServer server = new RangeServer(body)) {
            server.pauseAt.put(0, 200_000L);
            FileHandle dest = dest("waiting.bin");
            DownloadHandle first = fetch.download(server.url("/w"), dest).expectSize(body.length).send();
            Frames.until(fetch, () -> first.bytesWritten() == 200_000);
            DownloadHandle second = fetch.download(server.url("/w"), dest).expectSize(body.length).send();
            Frames.until(fetch, DownloadTest::aWorkerWaitsForAPartialFile);

            assertTrue(second.cancel());
            Frames.untilDone(fetch, second);
            assertTrue(second.isCancelled());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (aWorkerWaitsForAPartialFile() && System.nanoTime() - deadline < 0) {
                Frames.run(fetch, 1);
            }
            assertFalse(aWorkerWaitsForAPartialFile(),
                    "the cancelled download's worker still waits for the partial file 5 s after its onCancelled");

            server.resume(0);
            Frames.untilDone(fetch, first);
            assertTrue(first.isSuccess(), String.valueOf(first.failure()));
            assertArrayEquals(body, dest.readBytes());
            assertEquals(1, server.heads.size(), "the cancelled download never reached the server");
        }
    }

    private static boolean aWorkerWaitsForAPartialFile() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().endsWith(".PathLocks") && frame.getMethodName().equals("acquire")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void chattr(String flag, File file) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, file.getAbsolutePath()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "chattr " + flag + ": " + output);
    }

    @Test
    void destinationsThatCannotBeWrittenAreRefusedAtTheCall() {
        assertThrows(IllegalArgumentException.class, () -> fetch.download("http://127.0.0.1:1/x", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fetch.download("http://127.0.0.1:1/x", new FileHandle("x.bin", FileType.Classpath) { }));
        assertTrue(e.getMessage().contains("x.bin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fetch.download("http://127.0.0.1:1/x", dest("y")).sha256("abc"));
        assertThrows(IllegalArgumentException.class, () -> fetch.download("http://127.0.0.1:1/x", dest("y")).expectSize(-1));
        assertThrows(IllegalArgumentException.class, () -> fetch.download("not a url", dest("y")));
    }

    @Test
    void headersTheDownloadSetsItselfAreRefusedAtTheCallNotOverwrittenLater() {
        for (String name : new String[] {"Range", "if-range", "Accept-Encoding"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fetch.download("http://127.0.0.1:1/x", dest("h")).header(name, "gzip"));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("set by the download itself"),
                    e.getMessage());
        }
    }
}
