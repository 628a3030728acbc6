package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSON bodies written to hurt a client: each fails with a message saying what was wrong. */
class JsonHostileInputTest {
    /** A linked list, so any depth of nesting fits the type. */
    public static class Link {
        public Link next;
        public int n;
    }

    private final DecoderWorker worker = new DecoderWorker();

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    private static String nested(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append("{\"n\":").append(i).append(",\"next\":");
        }
        text.append("null");
        for (int i = 0; i < depth; i++) {
            text.append('}');
        }
        return text.toString();
    }

    @Test
    void aDocumentNestedDeeperThanTheLimitFailsNamingTheLimitInsteadOfOverflowingTheStack() {
        DecoderWorker.Outcome<Link> outcome =
                worker.decode(Decoders.json(Link.class), DecoderWorker.response("http://a.example/", nested(100_000)));
        assertTrue(outcome.failure instanceof SerializationException, String.valueOf(outcome));
        assertTrue(outcome.failure.getMessage().contains("deeper than 512"), outcome.failure.getMessage());
    }

    @Test
    void aDocumentAtTheDepthLimitIsRead() {
        DecoderWorker.Outcome<Link> outcome =
                worker.decode(Decoders.json(Link.class), DecoderWorker.response("http://a.example/", nested(512)));
        assertNotNull(outcome.value, String.valueOf(outcome));
        Link link = outcome.value;
        int depth = 1;
        while (link.next != null) {
            link = link.next;
            depth++;
        }
        assertEquals(512, depth);
        assertEquals(511, link.n);
    }

    @Test
    void aDocumentOneLevelPastTheLimitFailsWhenItsInnermostObjectIsEmpty() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 512; i++) {
            text.append("{\"next\":");
        }
        text.append("{}");
        for (int i = 0; i < 512; i++) {
            text.append('}');
        }
        DecoderWorker.Outcome<Link> outcome =
                worker.decode(Decoders.json(Link.class), DecoderWorker.response("http://a.example/", text.toString()));
        assertTrue(outcome.failure instanceof SerializationException, String.valueOf(outcome));
        assertTrue(outcome.failure.getMessage().contains("deeper than 512"), outcome.failure.getMessage());
    }

    @Test
    void anNdjsonLineNestedDeeperThanTheLimitFailsNamingTheLimit() throws Exception {
        LineDecoder<Link> lines = Decoders.ndjson(Link.class, 4 << 20);
        Throwable thrown = worker.run(() -> {
            try {
                lines.decode(nested(100_000));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(thrown instanceof SerializationException, String.valueOf(thrown));
        assertTrue(thrown.getMessage().contains("deeper than 512"), thrown.getMessage());
    }
}
