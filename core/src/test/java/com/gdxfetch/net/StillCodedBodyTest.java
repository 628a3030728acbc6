package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Bodies a server codes with what the library does not undo (brotli, zstd, a coding named twice,
 * or gzip the request asked to receive as sent): the bytes reach the game as they came, and the
 * text and JSON decoders say why they cannot read them instead of returning the coded bytes as
 * text.
 */
class StillCodedBodyTest extends LoopbackServerTest {
    /** What a brotli encoder makes of a short JSON text: bytes that are not text in any charset. */
    private static final byte[] BROTLI = {(byte) 0x8b, 0x05, (byte) 0x80, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31,
            0x7d, 0x03};

    private void enqueueCoded(String coding, byte[] body) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setHeader("Content-Encoding", coding).setBody(new Buffer().write(body)));
    }

    private <T> FetchException failure(HttpRequest.Builder request, ResponseDecoder<T> decoder) {
        Recorder<T> recorder = new Recorder<>();
        Frames.untilDone(fetch, request.send(decoder, recorder));
        return recorder.assertFailed(FailureKind.DECODE);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes("UTF-8"));
        }
        return out.toByteArray();
    }

    @Test
    void textAndJsonOfABrotliBodyFailNamingTheCodingWhileItsBytesArriveAsSent() {
        ResponseDecoder<?>[] decoders = {Decoders.text(), Decoders.jsonTree(), Decoders.json(Object.class)};
        for (ResponseDecoder<?> decoder : decoders) {
            enqueueCoded("br", BROTLI);
            FetchException failure = failure(fetch.get(url("/br")), decoder);
            assertTrue(failure.getMessage().contains("Content-Encoding 'br'"), failure.getMessage());
        }

        enqueueCoded("br", BROTLI);
        Recorder<byte[]> bytes = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(url("/br")).send(Decoders.bytes(), bytes));
        assertArrayEquals(BROTLI, bytes.assertSucceeded());
        assertEquals("br", bytes.response.header("Content-Encoding"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, bytes.response::text);
        assertTrue(thrown.getMessage().contains("bytes()"), thrown.getMessage());
    }

    @Test
    void gzipTheRequestAskedToReceiveAsSentIsNotReadAsText() throws Exception {
        enqueueCoded("gzip", gzip("{\"a\":1}"));
        FetchException failure = failure(fetch.get(url("/raw")).header("Accept-Encoding", "gzip"), Decoders.text());
        assertTrue(failure.getMessage().contains("Content-Encoding 'gzip'"), failure.getMessage());
    }

    @Test
    void aBodyCodedTwiceIsNotReadAsText() throws Exception {
        enqueueCoded("gzip, gzip", gzip("{\"a\":1}"));
        FetchException failure = failure(fetch.get(url("/twice")), Decoders.jsonTree());
        assertTrue(failure.getMessage().contains("Content-Encoding 'gzip, gzip'"), failure.getMessage());
    }

    @Test
    void aLineStreamOfABrotliBodyFailsNamingTheCodingBeforeAnyLine() {
        enqueueCoded("br", BROTLI);
        StreamedBodyTest.Recorder<String> recorder = new StreamedBodyTest.Recorder<>();
        fetch.get(url("/lines")).stream(Decoders.lines(), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("Content-Encoding 'br'"), recorder.failure.getMessage());
    }

    @Test
    void aLineStreamOfGzipIsDecodedAsItArrives() throws Exception {
        enqueueCoded("gzip", gzip("one\ntwo\n"));
        StreamedBodyTest.Recorder<String> recorder = new StreamedBodyTest.Recorder<>();
        fetch.get(url("/lines")).stream(Decoders.lines(), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("one", "two", "success 2"), recorder.events);
    }

    @Test
    void aCodingNameThatIsNoCompressionIsReadAsTextAsBrowsersReadIt() {
        // Some servers name the charset there; browsers ignore a coding they do not know.
        enqueueCoded("utf-8", "{\"a\":1}".getBytes());
        Recorder<String> recorder = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(url("/charset")).send(Decoders.text(), recorder));
        assertEquals("{\"a\":1}", recorder.assertSucceeded());
    }

    @Test
    void anEmptyBodyWithACodingIsEmptyText() {
        enqueueCoded("br", new byte[0]);
        Recorder<String> recorder = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(url("/empty")).send(Decoders.text(), recorder));
        assertEquals("", recorder.assertSucceeded());
    }
}
