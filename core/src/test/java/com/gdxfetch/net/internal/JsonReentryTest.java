package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.badlogic.gdx.utils.Json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A class whose constructor reads JSON itself is read correctly: the inner read does not disturb the outer one. */
class JsonReentryTest {
    /** Reads its defaults from JSON while it is being constructed. */
    public static class SelfConfigured {
        public int value;
        public Inner inner;

        public SelfConfigured() {
            inner = read(Inner.class, "{\"label\":\"default\"}");
        }
    }

    /** What the constructor reads. */
    public static class Inner {
        public String label;
    }

    @Test
    void aConstructorThatReadsJsonDoesNotDisturbTheDocumentBeingRead() {
        SelfConfigured outer = read(SelfConfigured.class, "{\"value\": 7, \"inner\": {\"label\": \"sent\"}}");
        assertEquals(7, outer.value);
        assertEquals("sent", outer.inner.label);
    }

    static <T> T read(Class<T> type, String body) {
        Json json = new Json();
        json.setIgnoreUnknownFields(true);
        return JsonBodies.read(json, type, null, body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
