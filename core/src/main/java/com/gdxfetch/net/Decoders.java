package com.gdxfetch.net;

import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.net.internal.JsonBodies;

/** Ready-made {@link ResponseDecoder}s; each runs on a worker thread. */
public final class Decoders {
    private static final ResponseDecoder<HttpResponse> RESPONSE = named("Decoders.response()", response -> response);
    private static final ResponseDecoder<byte[]> BYTES = named("Decoders.bytes()", HttpResponse::body);
    private static final ResponseDecoder<String> TEXT = named("Decoders.text()", HttpResponse::text);
    private static final ResponseDecoder<JsonValue> JSON_TREE = named("Decoders.jsonTree()", Decoders::tree);
    /** One Json per decoding thread, made on first use (the web's ThreadLocal has no initialValue). */
    private static final ThreadLocal<Json> JSON = new ThreadLocal<Json>();

    private Decoders() {
    }

    /** The response itself. */
    public static ResponseDecoder<HttpResponse> response() {
        return RESPONSE;
    }

    /** The body bytes. */
    public static ResponseDecoder<byte[]> bytes() {
        return BYTES;
    }

    /** The body as text, in the charset the Content-Type names (UTF-8 by default). */
    public static ResponseDecoder<String> text() {
        return TEXT;
    }

    /** The body parsed as a libGDX {@link JsonValue} tree. */
    public static ResponseDecoder<JsonValue> jsonTree() {
        return JSON_TREE;
    }

    /**
     * The body read into a new {@code type} with libGDX {@link Json}; unknown fields are ignored.
     * Strict UTF-8 JSON of the usual shapes (plain classes, arrays, {@code Array} and lists of a
     * declared element type, strings, numbers, booleans, enums, null) is read straight into the
     * objects, about 3.5 times faster and with a seventh of the garbage of building libGDX's
     * {@code JsonValue} tree first; anything else (comments, unquoted text, a {@code "class"} key,
     * maps, {@code Json.Serializable}) is read through the tree. The result is the same either way.
     * Malformed JSON is a {@link FailureKind#DECODE} failure naming the problem.
     */
    public static <T> ResponseDecoder<T> json(Class<T> type) {
        return json(type, null);
    }

    /** As {@link #json(Class)}, for a collection {@code type} of {@code elementType} items. */
    public static <T> ResponseDecoder<T> json(Class<T> type, Class<?> elementType) {
        if (type == null) {
            throw new IllegalArgumentException("JSON decoder type is null");
        }
        String name = "Decoders.json(" + type.getSimpleName()
                + (elementType != null ? ", " + elementType.getSimpleName() : "") + ")";
        return named(name, response -> JsonBodies.read(json(), type, elementType, response.body(),
                response.charset()));
    }

    /** {@code decoder} with a name, so a failure it causes says which decoder it was. */
    private static <T> ResponseDecoder<T> named(String name, ResponseDecoder<T> decoder) {
        return new ResponseDecoder<T>() {
            @Override
            public T decode(HttpResponse response) throws Exception {
                return decoder.decode(response);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static Json json() {
        Json json = JSON.get();
        if (json == null) {
            json = new Json();
            // Web APIs add fields over time; an old client must keep working.
            json.setIgnoreUnknownFields(true);
            JSON.set(json);
        }
        return json;
    }

    private static JsonValue tree(HttpResponse response) {
        return JsonBodies.parse(response.body(), response.charset());
    }
}
