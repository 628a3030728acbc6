package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.JsonValue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JSON decoder reads the current body and nothing else: a truncated body fails even when the
 * same worker decoded a longer body from another server just before, whose characters would
 * complete it.
 */
class JsonBodyBoundsTest {
    /** A type with the field the earlier server's body carries. */
    public static class Secret {
        public String a;
        public String secret;
    }

    /** Each pair: an earlier, longer body from host A, and a body from host B cut where it would run on into it. */
    private static final String[][] CUTS = {
        {"{\"a\":\"b\",\"secret\":\"host-A\"}", "{\"a\":\""},
        {"{\"a\":\"b\\\"\",\"secret\":\"host-A\"}", "{\"a\":\"b\\"},
        {"{\"a\":1 /* c */,\"secret\":\"host-A\"}", "{\"a\":1 /*"},
        {"{\"a\":1 /**/,\"secret\":\"host-A\"}", "{\"a\":1 /*"},
        {"{\"a\":1234,\"secret\":\"host-A\"}", "{\"a\":12"},
        {"{\"a\":true,\"secret\":\"host-A\"}", "{\"a\":tr"},
        {"{a:b,secret:host-A}", "{a:b"},
        {"[\"b\",\"host-A\"]", "[\""},
    };

    private final DecoderWorker worker = new DecoderWorker();

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    @Test
    void aTruncatedTreeNeverTakesCharactersFromAnEarlierLongerBody() {
        for (String[] cut : CUTS) {
            worker.decode(Decoders.jsonTree(), DecoderWorker.response("http://a.example/", cut[0]));
            DecoderWorker.Outcome<JsonValue> truncated =
                    worker.decode(Decoders.jsonTree(), DecoderWorker.response("http://b.example/", cut[1]));
            assertTrue(truncated.failed(), "'" + cut[1] + "' after '" + cut[0] + "' gave " + truncated);
            assertFalse(truncated.failure.getMessage().contains("host-A"), truncated.failure.getMessage());
        }
    }

    @Test
    void aTruncatedObjectNeverTakesAFieldFromAnEarlierLongerBody() {
        for (String[] cut : CUTS) {
            worker.decode(Decoders.json(Secret.class), DecoderWorker.response("http://a.example/", cut[0]));
            DecoderWorker.Outcome<Secret> truncated =
                    worker.decode(Decoders.json(Secret.class), DecoderWorker.response("http://b.example/", cut[1]));
            assertTrue(truncated.failed(), "'" + cut[1] + "' after '" + cut[0] + "' gave " + truncated);
            assertFalse(truncated.failure.getMessage().contains("host-A"), truncated.failure.getMessage());
        }
    }

    @Test
    void aTruncatedBodyInAnotherCharsetNeverTakesCharactersFromAnEarlierLongerBody() {
        for (String[] cut : CUTS) {
            worker.decode(Decoders.jsonTree(), DecoderWorker.response("http://a.example/",
                    cut[0].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
            DecoderWorker.Outcome<JsonValue> truncated = worker.decode(Decoders.jsonTree(), DecoderWorker.response(
                    "http://b.example/", cut[1].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
            assertTrue(truncated.failed(), "'" + cut[1] + "' after '" + cut[0] + "' gave " + truncated);
        }
    }

    @Test
    void aFailureMessageQuotesTheBodyAsLibgdxWouldFromItsOwnCopy() {
        worker.decode(Decoders.jsonTree(), DecoderWorker.response("http://a.example/", "{\"secret\":\"host-A\", \"b\": [1, 2, 3]}"));
        DecoderWorker.Outcome<JsonValue> bad = worker.decode(Decoders.jsonTree(), DecoderWorker.response("http://b.example/", "[1,}"));
        String expected;
        try {
            new com.badlogic.gdx.utils.JsonReader().parse("[1,}");
            throw new AssertionError("libGDX accepted [1,}");
        } catch (com.badlogic.gdx.utils.SerializationException e) {
            expected = e.getMessage();
        }
        assertTrue(bad.failed());
        assertEquals(expected, bad.failure.getMessage());
    }
}
