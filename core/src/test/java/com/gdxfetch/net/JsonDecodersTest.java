package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.JsonValue;

import java.nio.charset.StandardCharsets;

import okio.Buffer;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** JSON decoders read the body's bytes in the charset the response names, at any size; failures name the decoder. */
class JsonDecodersTest extends LoopbackServerTest {
    /** A small record type. */
    public static class Player {
        public String name;
        public int score;
    }

    @Test
    void jsonIsReadInTheCharsetTheResponseNames() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json; charset=ISO-8859-1")
                .setBody(new Buffer().write("{\"name\":\"Zoë\",\"score\":7}".getBytes(StandardCharsets.ISO_8859_1))));
        Player player = decode(Decoders.json(Player.class));
        assertEquals("Zoë", player.name);
        assertEquals(7, player.score);
    }

    @Test
    void aLargeBodyThenASmallOneDecodeOnTheSameWorker() {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"score\":").append(i).append('}');
        }
        server.enqueue(new MockResponse().setBody(big.append(']').toString()));
        server.enqueue(new MockResponse().setBody("[{\"name\":\"last\",\"score\":1}]"));
        JsonValue many = decode(Decoders.jsonTree());
        assertEquals(5_000, many.size);
        assertEquals("p4999", many.get(4_999).getString("name"));
        JsonValue one = decode(Decoders.jsonTree());
        assertEquals(1, one.size, "no leftovers of the larger body");
        assertEquals("last", one.get(0).getString("name"));
    }

    @Test
    void jsonThatDoesNotFitTheTypeFailsNamingTheField() {
        server.enqueue(new MockResponse().setBody("{\"name\": \"x\",\n \"score\": 7 7}"));
        Recorder<Player> result = new Recorder<>();
        FetchHandle<Player> handle = fetch.get(url("/")).send(Decoders.json(Player.class), result);
        Frames.untilDone(fetch, handle);
        FetchException failure = result.assertFailed(FailureKind.DECODE);
        assertTrue(failure.getMessage().contains("Decoders.json(Player)") && failure.getMessage().contains("score: 7 7"),
                failure.getMessage());
    }

    @Test
    void aThrowingLambdaDecoderIsNamedByTheClassItWasWrittenIn() {
        server.enqueue(new MockResponse().setBody("{}"));
        Recorder<Player> result = new Recorder<>();
        ResponseDecoder<Player> broken = response -> {
            throw new IllegalStateException("no players today");
        };
        Frames.untilDone(fetch, fetch.get(url("/")).send(broken, result));
        String message = result.assertFailed(FailureKind.DECODE).getMessage();
        assertTrue(message.contains("(a lambda in " + JsonDecodersTest.class.getName() + ")")
                && message.contains("no players today") && !message.contains("$$Lambda"), message);
    }

    private <T> T decode(ResponseDecoder<T> decoder) {
        Recorder<T> result = new Recorder<>();
        FetchHandle<T> handle = fetch.get(url("/")).send(decoder, result);
        Frames.untilDone(fetch, handle);
        return result.assertSucceeded();
    }
}
