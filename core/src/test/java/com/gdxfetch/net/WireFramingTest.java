package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.internal.SocketTransport;
import com.badlogic.gdx.files.FileHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Response framing and field rules of RFC 9112 and RFC 9110 against a scripted hostile server:
 * what is refused, what is tolerated, and when a connection may carry another exchange.
 */
class WireFramingTest {
    private final Transport transport = Transports.sockets();

    @AfterEach
    void dispose() {
        transport.dispose();
    }

    private RecordingListener send(String url) {
        RecordingListener listener = new RecordingListener();
        transport.start(HttpRequest.get(url).connectTimeout(10_000).readTimeout(10_000)
                .maxResponseBytes(1 << 20).build(), listener);
        return listener;
    }

    private int idleConnections() {
        return ((SocketTransport) transport).idleConnectionCount();
    }

    /** A server answering every connection's first request with {@code responses[index]}, then closing. */
    private static RawServer answering(String... responses) throws Exception {
        return new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), responses[index]);
            socket.close();
        });
    }

    private void assertEachFailsAsProtocol(String[] responses, String expectedInMessage) throws Exception {
        try (RawServer raw = answering(responses)) {
            for (int i = 0; i < responses.length; i++) {
                String url = raw.url("/r" + i);
                FetchException failure = send(url).awaitFailure();
                String shown = responses[i].replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
                assertEquals(FailureKind.PROTOCOL, failure.kind(), shown + " -> " + failure.getMessage());
                assertTrue(failure.getMessage().contains(url), failure.getMessage());
                assertTrue(failure.getMessage().contains(expectedInMessage), shown + " -> " + failure.getMessage());
            }
        }
    }

    @Test
    void conflictingOrMalformedContentLengthsFailAsProtocol() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        assertEachFailsAsProtocol(new String[] {
                ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                ok + "Content-Length: 5, 6\r\n\r\nhello!",
                ok + "Content-Length: +5\r\n\r\nhello",
                ok + "Content-Length: -5\r\n\r\nhello",
                ok + "Content-Length: 5 5\r\n\r\nhello",
                ok + "Content-Length: 0x5\r\n\r\nhello",
                ok + "Content-Length: 5.0\r\n\r\nhello",
                ok + "Content-Length: \r\n\r\nhello",
                ok + "Content-Length: 99999999999999999999999\r\n\r\nhello",
        }, "Content-Length");
    }

    @Test
    void equalRepeatedContentLengthsAreOneLength() throws Exception {
        String[] responses = {
                "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nContent-Length: 005\r\n\r\nhello",
        };
        try (RawServer raw = answering(responses)) {
            for (int i = 0; i < responses.length; i++) {
                assertEquals("hello", send(raw.url("/" + i)).awaitResponse().text());
            }
        }
    }

    @Test
    void controlCharactersInTheStatusLineOrAFieldFailAsProtocol() throws Exception {
        assertEachFailsAsProtocol(new String[] {
                "HTTP/1.1 200 OK\r\nX-Value: a\0b\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Value: a\rb\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Value: a\u0001b\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Value: a\u007fb\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX\0Name: b\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX(Name): b\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 O\0K\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 099 Too Low\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\n  folded before any field\r\nContent-Length: 0\r\n\r\n",
        }, "'");
    }

    @Test
    void aStatusFrom600To999IsAResponseWithItsCodeAndItsConnectionIsKept() throws Exception {
        // RFC 9110 section 15: an invalid code is handled as a 5xx, not as a broken message, so its
        // framing holds and the connection may carry the next exchange.
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 600 Beyond\r\nContent-Length: 6\r\n\r\nbeyond");
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 999\r\nContent-Length: 3\r\n\r\nfar");
            socket.close();
        })) {
            HttpResponse first = send(raw.url("/600")).awaitResponse();
            HttpResponse second = send(raw.url("/999")).awaitResponse();

            assertEquals(600, first.status());
            assertEquals("Beyond", first.reason());
            assertEquals("beyond", first.text());
            assertEquals(999, second.status());
            assertEquals("far", second.text());
            assertEquals(1, raw.connections(), "both exchanges on one connection");
        }
    }

    @Test
    void obsoleteLineFoldingIsReplacedBySpaces() throws Exception {
        try (RawServer raw = answering("HTTP/1.1 200 OK\r\nX-Long: part one \r\n  part two\r\n\tpart three\r\n"
                + "Content-Length: 2\r\n\r\nok")) {
            HttpResponse response = send(raw.url("/")).awaitResponse();

            assertEquals("part one part two part three", response.header("X-Long"));
            assertEquals("ok", response.text());
        }
    }

    @Test
    void aFieldValueInLatin1KeepsEveryByteAndOneInUtf8ReadsAsItsText() throws Exception {
        // RFC 9110 section 5.5: bytes above 0x7f (obs-text) are opaque data, often ISO-8859-1 from
        // older servers; none of them may turn into a replacement character.
        byte[] latin1 = "X-Latin1: caf\u00e9 cr\u00e8me\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] utf8 = "X-Utf8: caf\u00e9 \u2713\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\n");
            out.write(latin1);
            out.write(utf8);
            RawServer.write(out, "Content-Length: 2\r\n\r\nok");
            socket.close();
        })) {
            HttpResponse response = send(raw.url("/obs-text")).awaitResponse();

            assertEquals("caf\u00e9 cr\u00e8me", response.header("X-Latin1"));
            assertEquals("caf\u00e9 \u2713", response.header("X-Utf8"));
        }
    }

    @Test
    void badChunkSizeLinesAndExtensionsFailAsProtocol() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEachFailsAsProtocol(new String[] {
                head + "5 x\r\nhello\r\n0\r\n\r\n",
                head + "-5\r\nhello\r\n0\r\n\r\n",
                head + "0x5\r\nhello\r\n0\r\n\r\n",
                head + " 5\r\nhello\r\n0\r\n\r\n",
                head + "5\rX\r\nhello\r\n0\r\n\r\n",
                head + "5;\0\r\nhello\r\n0\r\n\r\n",
                head + "5;a=\u0001\r\nhello\r\n0\r\n\r\n",
                head + "5;\r\nhello\r\n0\r\n\r\n",
                head + "\r\nhello\r\n0\r\n\r\n",
                head + "5\r\nhelloXY\r\n0\r\n\r\n",
                head + "5\r\nhello\r\n0\r\nX-Bad\0Trailer: 1\r\n\r\n",
        }, "chunk");
    }

    @Test
    void chunkFramingEndedByABareLineFeedFailsAsProtocol() throws Exception {
        // RFC 9112 section 2.2 lets a recipient take a lone LF as the end of a start line or a
        // field line only; a chunk-size line and the end of chunk data are CR LF (section 7.1),
        // and a parser that tolerates less disagrees with strict ones on where a body ends.
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEachFailsAsProtocol(new String[] {
                head + "5\nhello\r\n0\r\n\r\n",
                head + "5\r\nhello\n0\r\n\r\n",
                head + "5\r\nhello\r\n0\n\r\n",
                head + "5;a=b\nhello\r\n0\r\n\r\n",
        }, "chunk");
    }

    @Test
    void aResponseDiscardedForItsFramingLeavesNoCookieBehind() throws Exception {
        // RFC 9112 section 6.3: a user agent discards a response whose Content-Length is invalid,
        // and one in a transfer coding it cannot undo is no better; their cookies go with them.
        String[] refused = {
                "HTTP/1.1 200 OK\r\nSet-Cookie: planted=length; Path=/\r\nContent-Length: 5, 6\r\n\r\nhello!",
                "HTTP/1.1 200 OK\r\nSet-Cookie: planted=coding; Path=/\r\nTransfer-Encoding: gzip\r\n\r\nxx",
        };
        java.util.concurrent.BlockingQueue<String> laterHeads = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.CookieHandler before = java.net.CookieHandler.getDefault();
        java.net.CookieHandler.setDefault(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL));
        try (RawServer raw = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            if (index < refused.length) {
                RawServer.write(socket.getOutputStream(), refused[index]);
            } else {
                laterHeads.add(head);
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
            socket.close();
        })) {
            for (int i = 0; i < refused.length; i++) {
                assertEquals(FailureKind.PROTOCOL, send(raw.url("/refused" + i)).awaitFailure().kind());
            }
            assertEquals("ok", send(raw.url("/next")).awaitResponse().text());

            String next = laterHeads.poll(10, TimeUnit.SECONDS);
            assertTrue(next != null && !next.contains("planted"), String.valueOf(next));
        } finally {
            java.net.CookieHandler.setDefault(before);
        }
    }

    @Test
    void chunkExtensionsLeadingZerosAndTrailersAreAccepted() throws Exception {
        try (RawServer raw = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0000000000000000000005 ; name=value;q=\"a b\"\r\nhello\r\n1;x\r\n!\r\n0\r\nX-Sum: 1\r\n\r\n")) {
            HttpResponse response = send(raw.url("/")).awaitResponse();

            assertEquals("hello!", response.text());
            assertNull(response.header("X-Sum"), "trailer fields are not response headers");
        }
    }

    @Test
    void oneByteChunksWithLongExtensionsFailAsProtocolInsteadOfBeingReadFarPastTheBodyLimit() throws Exception {
        // Each chunk-size line may be 64 KiB: unbounded in all, a body within its limit of 1 MiB
        // would take the client through 64 GiB of extensions.
        StringBuilder extension = new StringBuilder(";pad=");
        while (extension.length() < 32 * 1024) {
            extension.append('a');
        }
        String chunk = "1" + extension + "\r\nx\r\n";
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            try {
                while (true) {
                    RawServer.write(out, chunk);
                }
            } catch (IOException clientLeft) {
                socket.close();
            }
        })) {
            FetchException failure = send(raw.url("/extended")).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("chunk"), failure.getMessage());
        }
    }

    @Test
    void manyChunksWithExtensionsAreReadWholeWhenTheirDataOutweighsThem() throws Exception {
        // A stream that runs long puts up more extension bytes in all than any fixed allowance,
        // but each chunk's data pays for its own line.
        StringBuilder extension = new StringBuilder(";note=");
        while (extension.length() < 600) {
            extension.append('n');
        }
        StringBuilder data = new StringBuilder();
        while (data.length() < 1024) {
            data.append("0123456789abcdef");
        }
        int chunks = 1000;
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < chunks; i++) {
                RawServer.write(out, "400" + extension + "\r\n" + data + "\r\n");
            }
            RawServer.write(out, "0\r\n\r\n");
        })) {
            HttpResponse response = send(raw.url("/annotated")).awaitResponse();

            assertEquals(chunks * data.length(), response.body().length);
        }
    }

    @Test
    void transferCodingsOtherThanChunkedFailAsProtocol() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        assertEachFailsAsProtocol(new String[] {
                ok + "Transfer-Encoding: gzip\r\n\r\nnot really gzip",
                ok + "Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                ok + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                ok + "Transfer-Encoding: chunked, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        }, "Transfer-Encoding");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    @Test
    void endlessBytesAfterAGzipBodyEndAsTooLargeInsteadOfBeingReadForEver() throws Exception {
        // Bytes past the end of the compressed data decode to nothing, so the limit on the decoded
        // body never trips; the bytes on the wire are bounded instead.
        byte[] body = gzip("hello");
        try (RawServer raw = endlessChunks(body, new byte[64 * 1024])) {
            FetchException failure = send(raw.url("/padded")).awaitFailure();

            assertEquals(FailureKind.TOO_LARGE, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("compressed body"), failure.getMessage());
        }
    }

    @Test
    void anEndlessSeriesOfEmptyGzipMembersEndsAsTooLarge() throws Exception {
        byte[] empty = gzip("");
        byte[] members = new byte[empty.length * 2048];
        for (int i = 0; i < 2048; i++) {
            System.arraycopy(empty, 0, members, i * empty.length, empty.length);
        }
        try (RawServer raw = endlessChunks(gzip("hello"), members)) {
            FetchException failure = send(raw.url("/empty-members")).awaitFailure();

            assertEquals(FailureKind.TOO_LARGE, failure.kind(), failure.getMessage());
        }
    }

    /** A server sending {@code first} as a gzip body's first chunk, then {@code each} as a chunk until the client leaves. */
    private static RawServer endlessChunks(byte[] first, byte[] each) throws Exception {
        return new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(first.length) + "\r\n");
            out.write(first);
            RawServer.write(out, "\r\n");
            try {
                while (true) {
                    RawServer.write(out, Integer.toHexString(each.length) + "\r\n");
                    out.write(each);
                    RawServer.write(out, "\r\n");
                }
            } catch (IOException clientLeft) {
                socket.close();
            }
        });
    }

    @Test
    void aGzipBodyOfSeveralMembersIsDecodedWhole() throws Exception {
        // RFC 1952, which the gzip coding of RFC 9110 section 8.4.1.3 names: a series of members.
        // Each member is a chunk of its own, so the decoder never holds the next one in advance.
        byte[] first = gzip("hello ");
        byte[] second = gzip("world");
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(first.length) + "\r\n");
            out.write(first);
            RawServer.write(out, "\r\n" + Integer.toHexString(second.length) + "\r\n");
            out.write(second);
            RawServer.write(out, "\r\n0\r\n\r\n");
            socket.close();
        })) {
            assertEquals("hello world", send(raw.url("/two-members")).awaitResponse().text());
        }
    }

    @Test
    void aDeflateBodyNeedingAPresetDictionaryFailsAsProtocolInsteadOfArrivingEmpty() throws Exception {
        // RFC 1950: a zlib stream with FDICT set decodes only with a dictionary the client
        // cannot have; the decoder stops at once, before any byte of the body.
        byte[] dictionary = "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setDictionary(dictionary);
        deflater.setInput("hello world, hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        deflater.finish();
        byte[] coded = new byte[256];
        int length = deflater.deflate(coded);
        deflater.end();
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + length
                    + "\r\n\r\n");
            out.write(coded, 0, length);
            socket.close();
        })) {
            FetchException failure = send(raw.url("/preset-dictionary")).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("deflate"), failure.getMessage());
        }
    }

    @Test
    void aBodyCodedTwiceOverTwoFieldLinesReachesTheCallerAsSentWithItsCodingsNamed() throws Exception {
        // RFC 9110 section 5.3: two Content-Encoding lines are one list, "gzip, gzip", which
        // transparent decoding cannot undo whole; the same list on one line is passed on as it is.
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(twice)) {
            out.write(gzip("hello"));
        }
        byte[] wire = twice.toByteArray();
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: " + wire.length + "\r\n\r\n");
            out.write(wire);
            socket.close();
        })) {
            HttpResponse response = send(raw.url("/coded-twice")).awaitResponse();

            assertEquals(Arrays.asList("gzip", "gzip"), response.headers().values("Content-Encoding"));
            assertTrue(Arrays.equals(wire, response.body()), "the body is not the bytes sent, "
                    + response.body().length + " bytes instead of " + wire.length);
        }
    }

    @Test
    void identityAmongTheContentCodingsChangesNothingAndTheOneGzipIsDecoded() throws Exception {
        byte[] coded = gzip("hello");
        String[] codings = {"identity\r\nContent-Encoding: gzip", "gzip, identity", "gzip\r\nContent-Encoding: identity"};
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: " + codings[index] + "\r\nContent-Length: "
                    + coded.length + "\r\n\r\n");
            out.write(coded);
            socket.close();
        })) {
            for (int i = 0; i < codings.length; i++) {
                String shown = codings[i].replace("\r\n", " / ");
                HttpResponse response = send(raw.url("/" + i)).awaitResponse();

                assertEquals("hello", response.text(), shown);
                assertNull(response.header("Content-Encoding"), shown);
            }
        }
    }

    /**
     * Answers the first request with {@code first}, then, once told, sends {@code unsolicited}
     * bytes on the same connection; every later request on any connection gets "fresh".
     */
    private static RawServer smuggler(String first, String unsolicited, CountDownLatch sendNow,
            CountDownLatch sent) throws Exception {
        return new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            if (index == 0) {
                RawServer.write(out, first);
                sendNow.await();
                RawServer.write(out, unsolicited);
                sent.countDown();
                RawServer.readHead(in);
            }
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
            RawServer.readHead(in);
        });
    }

    @Test
    void bytesArrivingOnAnIdleConnectionAreNeverReadAsTheNextResponse() throws Exception {
        CountDownLatch sendNow = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        try (RawServer raw = smuggler("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
                "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled", sendNow, sent)) {
            assertEquals("first", send(raw.url("/a")).awaitResponse().text());
            assertEquals(1, idleConnections());
            sendNow.countDown();
            assertTrue(sent.await(10, TimeUnit.SECONDS));

            assertEquals("fresh", send(raw.url("/b")).awaitResponse().text());
            assertEquals(2, raw.connections(), "the connection with unread bytes was not reused");
        }
    }

    @Test
    void responseWithBothContentLengthAndChunkedIsReadAsChunkedAndItsConnectionIsNotReused() throws Exception {
        CountDownLatch sendNow = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        try (RawServer raw = smuggler("HTTP/1.1 200 OK\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nfirst\r\n0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled", sendNow, sent)) {
            assertEquals("first", send(raw.url("/a")).awaitResponse().text());
            assertEquals(0, idleConnections(), "ambiguous framing closes the connection");
            sendNow.countDown();

            assertEquals("fresh", send(raw.url("/b")).awaitResponse().text());
            assertEquals(2, raw.connections());
        }
    }

    @Test
    void a204NamingABodyLengthIsNotReusedSinceTheBodyMayStillCome() throws Exception {
        // RFC 9110 section 8.6 forbids a Content-Length on a 204, and RFC 9112 section 6.3 ends
        // it at its head; a server that names a length anyway may send those bytes late, where
        // they would open the next request's answer.
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            if (index == 0) {
                RawServer.write(out, "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
                RawServer.readHead(in);
                RawServer.write(out, "late!");
            }
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
            RawServer.readHead(in);
        })) {
            assertEquals(204, send(raw.url("/a")).awaitResponse().status());

            assertEquals("fresh", send(raw.url("/b")).awaitResponse().text());
            assertEquals(2, raw.connections());
        }
    }

    @Test
    void http10ResponseWithTransferEncodingIsNotReused() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
            RawServer.readHead(in);
        })) {
            assertEquals("ok", send(raw.url("/")).awaitResponse().text());
            assertEquals(0, idleConnections());
        }
    }

    @Test
    void anHttp10ResponseNamingBothKeepAliveAndCloseIsNotReused() throws Exception {
        // RFC 9112 section 9.3: the close option ends the connection whatever else is named.
        String[] responses = {
                "HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nc1",
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 2\r\n\r\nc2",
        };
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), responses[index]);
            RawServer.readHead(socket.getInputStream());
        })) {
            for (int i = 0; i < responses.length; i++) {
                assertEquals("c" + (i + 1), send(raw.url("/c")).awaitResponse().text());
                assertEquals(0, idleConnections(), "idle connections after response " + (i + 1));
            }
            assertEquals(2, raw.connections());
        }
    }

    @Test
    void bytesBeyondTheDeclaredLengthCloseTheConnection() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            if (index == 0) {
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled");
                RawServer.readHead(in);
            }
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
        })) {
            assertEquals("ok", send(raw.url("/a")).awaitResponse().text());
            assertEquals(0, idleConnections());
            assertEquals("fresh", send(raw.url("/b")).awaitResponse().text());
        }
    }

    @Test
    void aReusedConnectionsBuffersShowNothingOfTheEarlierResponse() throws Exception {
        String secret = "secret-of-the-first-response-";
        StringBuilder longValue = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            longValue.append(secret);
        }
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nX-Long: " + longValue
                    + "\r\nContent-Length: 2\r\n\r\nok");
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nX-Lo");
            socket.close();
        })) {
            assertEquals("ok", send(raw.url("/a")).awaitResponse().text());
            assertEquals(1, idleConnections());

            FetchException failure = send(raw.url("/b")).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("'X-Lo'"), failure.getMessage());
            assertTrue(!failure.getMessage().contains("secret"), failure.getMessage());
            assertEquals(1, raw.connections());
        }
    }

    @Test
    void anErrorAnsweredWhileTheBodyIsStillBeingSentIsDeliveredAndItsConnectionClosed() throws Exception {
        // RFC 9112 section 9.5: a server may answer (here 413) and close before it reads the body.
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 413 Content Too Large\r\nContent-Length: 9\r\n"
                    + "\r\ntoo large");
            socket.close();
        })) {
            Path file = Files.createTempFile("upload", ".bin");
            try {
                Files.write(file, new byte[8 << 20]);
                RequestBody[] bodies = {RequestBody.bytes(new byte[8 << 20], "application/octet-stream"),
                        RequestBody.file(new FileHandle(file.toFile()))};
                for (RequestBody body : bodies) {
                    RecordingListener listener = new RecordingListener();
                    transport.start(HttpRequest.post(raw.url("/upload"), body).readTimeout(10_000).build(), listener);
                    HttpResponse response = listener.awaitResponse();
                    assertEquals(413, response.status(), String.valueOf(body.file()));
                    assertEquals("too large", response.text());
                    assertEquals(0, idleConnections(), "a connection whose request was cut short is never reused");
                }
            } finally {
                Files.delete(file);
            }
        }
    }

    @Test
    void anErrorAnsweredOverTlsWhileTheBodyIsStillBeingSentIsDelivered() throws Exception {
        LocalhostTls localhost = new LocalhostTls();
        Transport tls = Transports.sockets(localhost.client());
        try (java.net.ServerSocket server = localhost.server().getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread refuser = new Thread(() -> {
                try (java.net.Socket socket = server.accept()) {
                    RawServer.readHead(socket.getInputStream());
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 413 Content Too Large\r\n"
                            + "Content-Length: 9\r\n\r\ntoo large");
                } catch (Exception closed) {
                    // The client's failure, if any, tells the test.
                }
            }, "tls-server-refusing-the-body");
            refuser.setDaemon(true);
            refuser.start();
            RecordingListener listener = new RecordingListener();
            tls.start(HttpRequest.post("https://localhost:" + server.getLocalPort() + "/upload",
                    RequestBody.bytes(new byte[8 << 20], "application/octet-stream")).readTimeout(10_000).build(), listener);
            HttpResponse response = listener.awaitResponse();
            assertEquals(413, response.status());
            assertEquals("too large", response.text());
        } finally {
            tls.dispose();
        }
    }
}
