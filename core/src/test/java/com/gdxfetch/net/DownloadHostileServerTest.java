package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads against servers that compress although asked for identity, or answer a resume with
 * a 206 that cannot be joined to the partial file: the file stored is always the file's own bytes,
 * and a partial that cannot be resumed is deleted with its side-car, so the next attempt starts clean.
 */
class DownloadHostileServerTest {
    /** The file every server here serves, and the length of the partial a first attempt leaves. */
    private static final byte[] FILE = DownloadTest.content(1000, 7);
    private static final int CUT = 400;

    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();
    /** Each request head a server got. */
    private final List<String> heads = new CopyOnWriteArrayList<>();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** A server whose connection {@code i} is answered with {@code answers[i]}, then closed. */
    private RawServer server(byte[]... answers) throws IOException {
        return new RawServer((socket, index) -> {
            heads.add(RawServer.readHead(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write(answers[Math.min(index, answers.length - 1)]);
            out.flush();
            socket.close();
        });
    }

    private static byte[] answer(String head, byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        out.write(h, 0, h.length);
        out.write(body, from, to - from);
        return out.toByteArray();
    }

    private static byte[] answer(String head, byte[] body) {
        return answer(head, body, 0, body.length);
    }

    private static byte[] chunked(byte[] body, int from, int to) {
        String size = Integer.toHexString(to - from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = (size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        out.write(h, 0, h.length);
        out.write(body, from, to - from);
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        out.write(end, 0, end.length);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        }
        return out.toByteArray();
    }

    /** The first answer of a resume test: the file with a strong ETag, cut after {@link #CUT} bytes. */
    private static byte[] cutAnswer() {
        return answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: " + FILE.length + "\r\n\r\n", FILE, 0, CUT);
    }

    private FileHandle dest(String name) {
        return new FileHandle(tmp.resolve(name).toFile());
    }

    private static File sideCar(FileHandle dest, String suffix) {
        return new File(dest.file().getPath() + suffix);
    }

    private DownloadHandle run(DownloadHandle handle) {
        Frames.untilDone(fetch, handle);
        return handle;
    }

    private void assertNothingLeft(FileHandle dest) {
        assertFalse(dest.exists());
        assertFalse(sideCar(dest, ".part").exists(), "the partial is deleted");
        assertFalse(sideCar(dest, ".part.meta").exists(), "its side-car is deleted");
    }

    // ---- codings the download did not ask for

    @Test
    void aBodyCompressedAlthoughIdentityWasAskedIsStoredDecodedAndVerifiedDecoded() throws Exception {
        String[][] codings = {{"gzip", "g"}, {"x-gzip", "g"}, {"deflate", "d"}};
        for (String[] coding : codings) {
            byte[] coded = coding[1].equals("g") ? gzip(FILE) : deflate(FILE);
            try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Encoding: " + coding[0]
                    + "\r\nContent-Length: " + coded.length + "\r\n\r\n", coded))) {
                FileHandle dest = dest(coding[0] + ".bin");
                DownloadHandle h = run(fetch.download(server.url("/f"), dest).expectSize(FILE.length)
                        .sha256(DownloadTest.sha256(FILE)).send());

                assertTrue(h.isSuccess(), coding[0] + ": " + h.failure());
                assertArrayEquals(FILE, dest.readBytes(), coding[0]);
                assertEquals("identity", RangeServer.header(heads.get(heads.size() - 1), "accept-encoding"));
                // The response describes the file the game got, as for any body decoded on the way.
                assertNull(h.response().header("Content-Encoding"), coding[0]);
                assertNull(h.response().header("Content-Length"), coding[0]);
                assertEquals("\"v1\"", h.response().header("ETag"), coding[0]);
            }
        }
    }

    @Test
    void aGzipFileLabelledWithAGzipCodingIsStoredAsSentWhenItsTypeOrNameSaysGzip() throws Exception {
        // Apache's "AddEncoding x-gzip .gz .tgz": the published .tar.gz goes out labelled as coded.
        byte[] published = gzip(FILE);
        String[][] cases = {
            {"x-gzip", "application/x-gzip", "/pack"},
            {"gzip", "application/gzip", "/pack"},
            {"gzip", "application/x-gunzip; charset=binary", "/pack"},
            {"x-gzip", "application/octet-stream", "/files/pack.tar.gz?v=2"},
            {"gzip", null, "/pack.tgz"},
            // A coding downloads cannot undo, on a file of its own format, is no reason to fail.
            {"x-compress", null, "/levels.tar.Z"},
        };
        for (String[] c : cases) {
            String label = c[0] + " " + c[1] + " " + c[2];
            try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Encoding: " + c[0]
                    + (c[1] == null ? "" : "\r\nContent-Type: " + c[1])
                    + "\r\nContent-Length: " + published.length + "\r\n\r\n", published))) {
                FileHandle dest = dest("pack.bin");
                DownloadHandle h = run(fetch.download(server.url(c[2]), dest).expectSize(published.length)
                        .sha256(DownloadTest.sha256(published)).send());

                assertTrue(h.isSuccess(), label + ": " + h.failure());
                assertArrayEquals(published, dest.readBytes(), label);
                // The response describes the bytes stored: still as sent.
                assertEquals(c[0], h.response().header("Content-Encoding"), label);
                assertEquals(String.valueOf(published.length), h.response().header("Content-Length"), label);
            }
        }
    }

    @Test
    void aGzipFileLabelledWithAGzipCodingResumesFromItsOwnBytes() throws Exception {
        byte[] published = gzip(DownloadTest.content(5000, 11));
        int cut = published.length / 2;
        String coded = "Content-Encoding: x-gzip\r\nContent-Type: application/x-gzip\r\n";
        byte[] first = answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\n" + coded + "Content-Length: " + published.length
                + "\r\n\r\n", published, 0, cut);
        byte[] rest = answer("HTTP/1.1 206 Partial Content\r\nETag: \"v1\"\r\n" + coded + "Content-Range: bytes "
                + cut + "-" + (published.length - 1) + "/" + published.length + "\r\nContent-Length: "
                + (published.length - cut) + "\r\n\r\n", published, cut, published.length);
        try (RawServer server = server(first, rest)) {
            FileHandle dest = dest("pack.tar.gz");
            DownloadHandle cutShort = run(fetch.download(server.url("/pack.tar.gz"), dest).send());
            assertFalse(cutShort.isSuccess());
            assertEquals(cut, sideCar(dest, ".part").length(), "the bytes as sent are kept for a resume");

            DownloadHandle resumed = run(fetch.download(server.url("/pack.tar.gz"), dest)
                    .sha256(DownloadTest.sha256(published)).send());
            assertEquals("bytes=" + cut + "-", RangeServer.header(heads.get(1), "range"));
            assertTrue(resumed.isSuccess(), String.valueOf(resumed.failure()));
            assertArrayEquals(published, dest.readBytes());
        }
    }

    @Test
    void aJsonBodyCompressedAlthoughIdentityWasAskedIsStillStoredDecoded() throws Exception {
        byte[] json = "{\"scores\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        byte[] coded = gzip(json);
        try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + coded.length + "\r\n\r\n", coded))) {
            FileHandle dest = dest("scores.json");
            DownloadHandle h = run(fetch.download(server.url("/scores.json"), dest).send());
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(json, dest.readBytes());
        }
    }

    @Test
    void aNoContentOrResetContentAnswerFailsAndLeavesTheFileTheGameHad() throws Exception {
        // 204 and 205 say there is no content to send: no file, so not an empty one in place of the old.
        String[] answers = {"HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n"};
        for (String head : answers) {
            try (RawServer server = server(head.getBytes(StandardCharsets.ISO_8859_1))) {
                FileHandle dest = dest("kept.bin");
                dest.writeBytes(FILE, false);
                DownloadHandle h = run(fetch.download(server.url("/f"), dest).send());

                assertFalse(h.isSuccess(), head);
                assertEquals(FailureKind.HTTP_STATUS, h.failure().kind(), head + h.failure());
                assertTrue(h.failure().getMessage().contains(head.substring(9, 12)), h.failure().getMessage());
                assertArrayEquals(FILE, dest.readBytes(), head);
            }
        }
    }

    @Test
    void aCompressedBodyCutShortIsDeletedRatherThanKeptForAResume() throws Exception {
        byte[] coded = gzip(DownloadTest.content(200_000, 8));
        String head = "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Encoding: gzip\r\nContent-Length: " + coded.length
                + "\r\n\r\n";
        try (RawServer server = server(answer(head, coded, 0, coded.length / 2), answer(head, coded))) {
            FileHandle dest = dest("cut.bin");
            DownloadHandle first = run(fetch.download(server.url("/f"), dest).send());

            assertFalse(first.isSuccess());
            // Its bytes are offsets of the decoded file, not of what a Range would count.
            assertNothingLeft(dest);

            DownloadHandle second = run(fetch.download(server.url("/f"), dest).send());
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertNull(RangeServer.header(heads.get(1), "range"));
            assertArrayEquals(DownloadTest.content(200_000, 8), dest.readBytes());
        }
    }

    @Test
    void aContentEncodingThatNamesNoCompressionIsIgnoredAndTheBytesAreTheFile() throws Exception {
        // Some servers put the charset there; browsers ignore a coding they do not know.
        try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nContent-Encoding: utf-8\r\nContent-Length: "
                + FILE.length + "\r\n\r\n", FILE))) {
            FileHandle dest = dest("plain.bin");
            DownloadHandle h = run(fetch.download(server.url("/f"), dest).send());
            assertEquals(null, h.failure());
            assertArrayEquals(FILE, dest.readBytes());
        }
    }

    @Test
    void aCodingDownloadsCannotDecodeFailsNamingItInsteadOfStoringCodedBytes() throws Exception {
        for (String coding : new String[] {"br", "zstd", "gzip, br", "compress"}) {
            try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding
                    + "\r\nContent-Length: " + FILE.length + "\r\n\r\n", FILE))) {
                FileHandle dest = dest("coded.bin");
                DownloadHandle h = run(fetch.download(server.url("/f"), dest).send());

                assertEquals(FailureKind.PROTOCOL, h.failure().kind(), coding);
                assertTrue(h.failure().getMessage().contains("Content-Encoding '" + coding + "'"),
                        h.failure().getMessage());
                assertNothingLeft(dest);
            }
        }
    }

    @Test
    void aBodyCodedTwiceOverTwoFieldLinesFailsNamingBothCodingsInsteadOfStoringCodedBytes() throws Exception {
        byte[] twice = gzip(gzip(FILE));
        try (RawServer server = server(answer("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Encoding: gzip"
                + "\r\nContent-Length: " + twice.length + "\r\n\r\n", twice))) {
            FileHandle dest = dest("twice.bin");
            DownloadHandle h = run(fetch.download(server.url("/f"), dest).send());

            assertFalse(h.isSuccess(), "stored " + dest.length() + " bytes as the file");
            assertEquals(FailureKind.PROTOCOL, h.failure().kind(), h.failure().getMessage());
            assertTrue(h.failure().getMessage().contains("Content-Encoding 'gzip, gzip'"), h.failure().getMessage());
            assertNothingLeft(dest);
        }
    }

    // ---- 206 answers to a resume that cannot be joined to the partial

    /**
     * Leaves a partial of {@link #CUT} bytes, then resumes it against {@code hostile}: the
     * resume must ask for the rest, and fail as PROTOCOL with nothing left on disk.
     */
    private FetchException resumeAnsweredWith(byte[] hostile) throws Exception {
        heads.clear();
        try (RawServer server = server(cutAnswer(), hostile)) {
            FileHandle dest = dest("resumed.bin");
            DownloadHandle first = run(fetch.download(server.url("/f"), dest).send());
            assertFalse(first.isSuccess());
            assertEquals(CUT, sideCar(dest, ".part").length());

            DownloadHandle second = run(fetch.download(server.url("/f"), dest).send());
            assertEquals("bytes=" + CUT + "-", RangeServer.header(heads.get(1), "range"));
            assertFalse(second.isSuccess(), "the answer was taken and a file renamed into place");
            assertEquals(FailureKind.PROTOCOL, second.failure().kind(), second.failure().getMessage());
            assertNothingLeft(dest);
            return second.failure();
        }
    }

    private static String partial(String contentRange) {
        return "HTTP/1.1 206 Partial Content\r\nETag: \"v1\"\r\nContent-Range: " + contentRange + "\r\n";
    }

    @Test
    void aResumeAnsweredWithACodedRangeFailsAndDeletesThePartial() throws Exception {
        byte[] coded = gzip(Arrays.copyOfRange(FILE, CUT, FILE.length));
        FetchException failure = resumeAnsweredWith(answer(partial("bytes 400-999/1000")
                + "Content-Encoding: gzip\r\nContent-Length: " + coded.length + "\r\n\r\n", coded));
        assertTrue(failure.getMessage().contains("Content-Encoding 'gzip'"), failure.getMessage());
    }

    @Test
    void aRangeWhoseFileSizeIsUnknownFailsSinceTheFinishedFileCouldNotBeChecked() throws Exception {
        FetchException failure = resumeAnsweredWith(answer(partial("bytes 400-999/*")
                + "Content-Length: 600\r\n\r\n", FILE, CUT, FILE.length));
        assertTrue(failure.getMessage().contains("'bytes 400-999/*'"), failure.getMessage());
    }

    @Test
    void aRangeAnswerWithoutAContentRangeFailsSayingItHasNone() throws Exception {
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 206 Partial Content\r\nETag: \"v1\"\r\n"
                + "Content-Length: 600\r\n\r\n", FILE, CUT, FILE.length));
        assertTrue(failure.getMessage().contains("206 response without a Content-Range"), failure.getMessage());
    }

    @Test
    void aStatus200CarryingOnlyTheRangeAskedForIsNotInstalledAsTheWholeFile() throws Exception {
        // A server or proxy that cuts the range out of the file but labels it 200, as if it were all of it.
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\n"
                + "Content-Range: bytes 400-999/1000\r\nContent-Length: 600\r\n\r\n", FILE, CUT, FILE.length));
        assertTrue(failure.getMessage().contains("'bytes 400-999/1000'"), failure.getMessage());
    }

    @Test
    void aMultipartRangeAnswerFails() throws Exception {
        String body = "--B\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 400-999/1000\r\n\r\n"
                + "x\r\n--B--\r\n";
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 206 Partial Content\r\nETag: \"v1\"\r\n"
                + "Content-Type: multipart/byteranges; boundary=B\r\nContent-Length: " + body.length() + "\r\n\r\n",
                body.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(failure.getMessage().contains("multipart/byteranges"), failure.getMessage());
    }

    @Test
    void aRangeOfAFileWhoseSizeChangedSinceThePartialBeganFails() throws Exception {
        byte[] longer = Arrays.copyOf(FILE, 1200);
        FetchException failure = resumeAnsweredWith(answer(partial("bytes 400-1199/1200")
                + "Content-Length: 800\r\n\r\n", longer, CUT, longer.length));
        assertTrue(failure.getMessage().contains("1200") && failure.getMessage().contains("1000"),
                failure.getMessage());
    }

    @Test
    void aRangeWhoseContentLengthDisagreesWithItFails() throws Exception {
        FetchException failure = resumeAnsweredWith(answer(partial("bytes 400-999/1000")
                + "Content-Length: 500\r\n\r\n", FILE, CUT, 900));
        assertTrue(failure.getMessage().contains("Content-Length 500"), failure.getMessage());
    }

    @Test
    void aRangeAnswerWithTwoDifferentContentRangesFailsRatherThanBelievingEitherOne() throws Exception {
        // The body is the rest of the file from byte 400; the second field says it is the file's start.
        FetchException failure = resumeAnsweredWith(answer(partial("bytes 400-999/1000")
                + "Content-Range: bytes 0-599/1000\r\nContent-Length: 600\r\n\r\n", FILE, CUT, FILE.length));
        assertTrue(failure.getMessage().contains("'bytes 400-999/1000', 'bytes 0-599/1000'"), failure.getMessage());
    }

    @Test
    void aRangeBodyLongerThanItsRangeFailsWhetherCloseDelimitedOrChunked() throws Exception {
        // Bytes 700-999 are even the file's own: a server that says one thing and sends another is not trusted.
        FetchException closed = resumeAnsweredWith(answer(partial("bytes 400-699/1000") + "\r\n", FILE, CUT, 1000));
        assertTrue(closed.getMessage().contains("past the end of its range"), closed.getMessage());

        FetchException chunked = resumeAnsweredWith(answer(partial("bytes 400-699/1000")
                + "Transfer-Encoding: chunked\r\n\r\n", chunked(FILE, CUT, 1000)));
        assertTrue(chunked.getMessage().contains("past the end of its range"), chunked.getMessage());
    }

    @Test
    void aRangeWhoseAnswerCarriesOnlyTheFilesLastModifiedIsJoinedToAPartialThatBeganWithAnEtag() throws Exception {
        // The server judged If-Range by the tag; a 206 that leaves its tag out says nothing against it.
        String dates = "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\nDate: Mon, 07 Nov 1994 08:49:37 GMT\r\n";
        byte[] first = answer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\n" + dates + "Content-Length: " + FILE.length
                + "\r\n\r\n", FILE, 0, CUT);
        byte[] rest = answer("HTTP/1.1 206 Partial Content\r\n" + dates + "Content-Range: bytes 400-999/1000\r\n"
                + "Content-Length: 600\r\n\r\n", FILE, CUT, FILE.length);
        try (RawServer server = server(first, rest)) {
            FileHandle dest = dest("tagged.bin");
            assertFalse(run(fetch.download(server.url("/f"), dest).send()).isSuccess());
            DownloadHandle second = run(fetch.download(server.url("/f"), dest).sha256(DownloadTest.sha256(FILE)).send());
            assertEquals("\"v1\"", RangeServer.header(heads.get(1), "if-range"));
            assertTrue(second.isSuccess(), String.valueOf(second.failure()));
            assertArrayEquals(FILE, dest.readBytes());
        }
    }

    @Test
    void aRangeOfAnotherVersionTaggedWeaklyIsNotJoinedToThePartial() throws Exception {
        // A server that ignores If-Range, now tagging weakly: W/"v2" names another version than "v1".
        byte[] other = DownloadTest.content(1000, 8);
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 206 Partial Content\r\nETag: W/\"v2\"\r\n"
                + "Content-Range: bytes 400-999/1000\r\nContent-Length: 600\r\n\r\n", other, CUT, other.length));
        assertTrue(failure.getMessage().contains("W/\"v2\""), failure.getMessage());
    }

    @Test
    void aRangeTaggedWeaklyIsNotJoinedToThePartialEvenUnderTheSameTag() throws Exception {
        // RFC 9110 section 15.3.7.3: parts are combined only under one strong validator; W/"v1"
        // promises no byte-for-byte sameness with the "v1" the partial began with.
        byte[] other = DownloadTest.content(1000, 8);
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 206 Partial Content\r\nETag: W/\"v1\"\r\n"
                + "Content-Range: bytes 400-999/1000\r\nContent-Length: 600\r\n\r\n", other, CUT, other.length));
        assertTrue(failure.getMessage().contains("W/\"v1\""), failure.getMessage());
    }

    @Test
    void aRangeEndingBeforeTheFilesEndIsKeptAndTheFailureSaysWhatTheServerSent() throws Exception {
        // Some servers cap a range: bytes 400-699 are the file's own, sent whole, but not the rest asked for.
        byte[] capped = answer(partial("bytes 400-699/1000") + "Content-Length: 300\r\n\r\n", FILE, CUT, 700);
        byte[] rest = answer(partial("bytes 700-999/1000") + "Content-Length: 300\r\n\r\n", FILE, 700, FILE.length);
        try (RawServer server = server(cutAnswer(), capped, rest)) {
            FileHandle dest = dest("capped.bin");
            assertFalse(run(fetch.download(server.url("/f"), dest).send()).isSuccess());
            DownloadHandle second = run(fetch.download(server.url("/f"), dest).send());
            assertEquals(FailureKind.PROTOCOL, second.failure().kind(), second.failure().getMessage());
            assertTrue(second.failure().getMessage().contains("'bytes 400-699/1000'"), second.failure().getMessage());
            assertEquals(700, sideCar(dest, ".part").length(), "the range's bytes are kept");

            DownloadHandle third = run(fetch.download(server.url("/f"), dest).sha256(DownloadTest.sha256(FILE)).send());
            assertEquals("bytes=700-", RangeServer.header(heads.get(2), "range"));
            assertTrue(third.isSuccess(), String.valueOf(third.failure()));
            assertArrayEquals(FILE, dest.readBytes());
        }
    }

    @Test
    void aRangeTaggedWithTheNewVersionAndThePartialsTagIsNotJoinedToThePartial() throws Exception {
        // ETag may occur once: a second field naming the partial's version does not undo the first.
        byte[] other = DownloadTest.content(1000, 9);
        FetchException failure = resumeAnsweredWith(answer("HTTP/1.1 206 Partial Content\r\nETag: \"v2\"\r\n"
                + "ETag: \"v1\"\r\nContent-Range: bytes 400-999/1000\r\nContent-Length: 600\r\n\r\n",
                other, CUT, other.length));
        assertTrue(failure.getMessage().contains("\"v2\""), failure.getMessage());
    }

    @Test
    void a416WhoseBodyIsCutShortFailsWithoutRenamingThePartialSoTheOutcomeMatchesTheFile() throws Exception {
        // The whole file was written, and a crash came before the rename.
        String notSatisfiable = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + FILE.length
                + "\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n";
        byte[] page = new byte[100];
        Arrays.fill(page, (byte) 'x');
        try (RawServer server = server(cutAnswer(), answer(notSatisfiable, page, 0, 10), answer(notSatisfiable, page))) {
            FileHandle dest = dest("done.bin");
            String url = server.url("/f");
            assertFalse(run(fetch.download(url, dest).send()).isSuccess());
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(sideCar(dest, ".part"), "rw")) {
                f.seek(CUT);
                f.write(FILE, CUT, FILE.length - CUT);
            }

            DownloadHandle cut = run(fetch.download(url, dest).sha256(DownloadTest.sha256(FILE)).send());
            assertEquals("bytes=" + FILE.length + "-", RangeServer.header(heads.get(1), "range"));
            // A failure must not leave the file in place, nor a success leave it out.
            assertEquals(cut.isSuccess(), dest.exists(), "outcome " + cut.state() + " (" + cut.failure()
                    + ") with the destination " + (dest.exists() ? "in place" : "missing"));
            assertTrue(cut.isSuccess() || sideCar(dest, ".part").length() == FILE.length,
                    "the complete partial is kept for the next attempt");

            DownloadHandle next = run(fetch.download(url, dest).sha256(DownloadTest.sha256(FILE)).send());
            assertTrue(next.isSuccess(), String.valueOf(next.failure()));
            assertArrayEquals(FILE, dest.readBytes());
        }
    }

    @Test
    void theRateOfAnAttemptAfterThePartialWasDeletedIsNeverNegative() throws Exception {
        String range = partial("bytes 400-999/1000") + "Content-Length: 600\r\n\r\n";
        // Resumed from byte 400 and cut at 700; then a range that cannot be joined deletes the partial.
        try (RawServer server = server(cutAnswer(), answer(range, FILE, CUT, 700),
                answer(partial("bytes 500-999/1000") + "Content-Length: 500\r\n\r\n", FILE, 500, FILE.length))) {
            FileHandle dest = dest("rate.bin");
            DownloadHandle h = run(fetch.download(server.url("/f"), dest)
                    .autoResume(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(1).maxDelayMillis(1).build()).send());
            assertEquals(3, heads.size());
            assertEquals(FailureKind.PROTOCOL, h.failure().kind(), h.failure().getMessage());
            assertEquals(0, h.bytesWritten());
            assertTrue(h.bytesPerSecond() >= 0, "rate " + h.bytesPerSecond() + " bytes/s");
        }
    }
}
