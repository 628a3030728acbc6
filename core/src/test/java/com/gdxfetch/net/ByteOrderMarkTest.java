package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.net.internal.JsonBodies;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Bodies that begin with a UTF-8 byte order mark, as servers on Windows and files saved there send
 * them: every decoder reads the text after it, as browsers do (WHATWG Encoding, "UTF-8 decode")
 * and RFC 8259 section 8.1 allows for JSON.
 */
class ByteOrderMarkTest extends LoopbackServerTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** A score as the server sends it; filled in by libGDX Json. */
    public static final class Score {
        public String name;
        public int points;
    }

    private void enqueueWithBom(String contentType, String text) {
        server.enqueue(new MockResponse().setHeader("Content-Type", contentType)
                .setBody(new Buffer().write(BOM).writeUtf8(text)));
    }

    private <T> T decode(ResponseDecoder<T> decoder) {
        Recorder<T> recorder = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(url("/bom")).send(decoder, recorder));
        return recorder.assertSucceeded();
    }

    @Test
    void textAfterAByteOrderMarkIsTheTextAlone() {
        enqueueWithBom("text/plain; charset=utf-8", "hello");
        assertEquals("hello", decode(Decoders.text()));
    }

    @Test
    void aByteOrderMarkNamesTheTextsEncodingOverTheContentTypesCharset() {
        // WHATWG Encoding, "decode": BOM sniffing comes before the label, as browsers read text.
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain; charset=utf-8")
                .setBody(new Buffer().write(new byte[] {(byte) 0xFF, (byte) 0xFE})
                        .write("h\u00e9llo".getBytes(StandardCharsets.UTF_16LE))));
        assertEquals("h\u00e9llo", decode(Decoders.text()));

        server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain")
                .setBody(new Buffer().write(new byte[] {(byte) 0xFE, (byte) 0xFF})
                        .write("h\u00e9llo".getBytes(StandardCharsets.UTF_16BE))));
        assertEquals("h\u00e9llo", decode(Decoders.text()));

        enqueueWithBom("text/plain; charset=iso-8859-1", "h\u00e9llo");
        assertEquals("h\u00e9llo", decode(Decoders.text()));
    }

    @Test
    void jsonAfterAByteOrderMarkIsReadIntoObjectsAndTrees() {
        enqueueWithBom("application/json", "{\"name\":\"ada\",\"points\":7}");
        Score score = decode(Decoders.json(Score.class));
        assertEquals("ada", score.name);
        assertEquals(7, score.points);

        enqueueWithBom("application/json", "{\"name\":\"ada\",\"points\":7}");
        JsonValue tree = decode(Decoders.jsonTree());
        assertEquals(7, tree.getInt("points"));
    }

    @Test
    void jsonAfterAUtf8ByteOrderMarkIsReadAsUtf8WhateverCharsetTheContentTypeNames() {
        // The mark is the body's own word that it is UTF-8, which RFC 8259 requires of JSON anyway.
        enqueueWithBom("application/json; charset=iso-8859-1", "{\"name\":\"Zo\u00eb\",\"points\":7}");
        assertEquals("Zo\u00eb", decode(Decoders.json(Score.class)).name);

        enqueueWithBom("application/json; charset=iso-8859-1", "{\"name\":\"Zo\u00eb\",\"points\":7}");
        assertEquals("Zo\u00eb", decode(Decoders.jsonTree()).getString("name"));
    }

    @Test
    void aByteOrderMarkCharacterInsideTheJsonIsPartOfItsText() throws Exception {
        // 3,000 characters: in a fresh thread's buffer of 4,096 the text is moved to start at index
        // 1,096, where this one has its U+FEFF.
        StringBuilder json = new StringBuilder("{\"a\":\"");
        while (json.length() < 1096) {
            json.append('x');
        }
        json.append('\uFEFF');
        while (json.length() < 2998) {
            json.append('y');
        }
        json.append("\"}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        JsonValue[] parsed = {null};
        Throwable[] failed = {null};
        Thread fresh = new Thread(() -> {
            try {
                parsed[0] = JsonBodies.parse(body, StandardCharsets.UTF_8);
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        fresh.start();
        fresh.join();
        assertNull(failed[0]);
        assertEquals(json.substring(6, json.length() - 2), parsed[0].getString("a"));
    }

    @Test
    void aStreamOfJsonLinesAfterAByteOrderMarkReadsEveryLine() {
        enqueueWithBom("application/x-ndjson", "{\"name\":\"ada\",\"points\":1}\n{\"name\":\"bob\",\"points\":2}\n");
        List<String> names = new ArrayList<>();
        FetchHandle<Long> handle = fetch.stream(fetch.get(url("/bom")).build(), Decoders.ndjson(Score.class),
                new ItemCallback<Score>() {
                    @Override
                    public void onItem(Score item) {
                        names.add(item.name);
                    }

                    @Override
                    public void onSuccess(Long count, HttpResponse response) {
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        names.add("failure: " + failure.getMessage());
                    }
                });
        Frames.untilDone(fetch, handle);
        assertEquals(List.of("ada", "bob"), names);
    }
}
