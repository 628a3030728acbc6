package com.gdxfetch.net;

import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.net.internal.JsonBodies;
import com.gdxfetch.net.internal.JsonDepth;

/** Ready-made {@link ResponseDecoder}s; each runs on a worker thread. */
public final class Decoders {
    // Classes rather than lambdas: a JVM's first lambdas are bootstrapped at run time, and these
    // are made with the first request a game sends.
    private static final ResponseDecoder<HttpResponse> RESPONSE = new Named<HttpResponse>("Decoders.response()") {
        @Override
        public HttpResponse decode(HttpResponse response) {
            return response;
        }
    };
    private static final ResponseDecoder<byte[]> BYTES = new Named<byte[]>("Decoders.bytes()") {
        @Override
        public byte[] decode(HttpResponse response) {
            return response.body();
        }
    };
    private static final ResponseDecoder<String> TEXT = new Named<String>("Decoders.text()") {
        @Override
        public String decode(HttpResponse response) {
            return response.text();
        }
    };
    private static final ResponseDecoder<JsonValue> JSON_TREE = new Named<JsonValue>("Decoders.jsonTree()") {
        @Override
        public JsonValue decode(HttpResponse response) {
            return JsonBodies.parse(response.textBytes(), response.textEncoding());
        }
    };
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

    /**
     * The body as text, in the charset the Content-Type names (UTF-8 by default) or the one its
     * byte order mark names, as {@link HttpResponse#text()} says.
     */
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
     * objects, faster and with less garbage than building libGDX's {@code JsonValue} tree first;
     * anything else (comments, unquoted text, a {@code "class"} key, maps,
     * {@code Json.Serializable}) is read through the tree. The result is the same either way.
     * Malformed JSON, or JSON nesting more than 512 levels deep, is a {@link FailureKind#DECODE}
     * failure naming the problem.
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
        return new Named<T>(name) {
            @Override
            public T decode(HttpResponse response) throws Exception {
                return JsonBodies.read(json(), type, elementType, response.textBytes(), response.textEncoding());
            }
        };
    }

    /**
     * For {@link FetchManager#stream}: each line of the body, as it arrives, as a string (empty
     * lines too), up to {@link LineDecoder#DEFAULT_MAX_LINE_BYTES}.
     */
    public static LineDecoder<String> lines() {
        return lines(LineDecoder.DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #lines()}, with lines up to {@code maxLineBytes} UTF-8 bytes. */
    public static LineDecoder<String> lines(int maxLineBytes) {
        return new NamedLines<String>("Decoders.lines()", maxLineBytes) {
            @Override
            public String decode(String line) {
                return line;
            }
        };
    }

    /**
     * For {@link FetchManager#stream}: newline-delimited JSON (one JSON value per line, as NDJSON
     * and JSON Lines define it), each line read into a new {@code type} with libGDX {@link Json} as
     * it arrives, unknown fields ignored; blank lines are skipped. Lines up to
     * {@link LineDecoder#DEFAULT_MAX_LINE_BYTES}. A malformed line is a {@link FailureKind#DECODE}
     * failure naming its line number.
     */
    public static <T> LineDecoder<T> ndjson(Class<T> type) {
        return ndjson(type, LineDecoder.DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #ndjson(Class)}, with lines up to {@code maxLineBytes} UTF-8 bytes. */
    public static <T> LineDecoder<T> ndjson(Class<T> type, int maxLineBytes) {
        if (type == null) {
            throw new IllegalArgumentException("NDJSON decoder type is null");
        }
        return new NamedLines<T>("Decoders.ndjson(" + type.getSimpleName() + ")", maxLineBytes) {
            @Override
            public T decode(String line) {
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c != ' ' && c != '\t') {
                        return json().readValue(type, null, JsonDepth.check(new JsonReader().parse(line)));
                    }
                }
                return null;
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

    /** A line decoder with a checked line limit, whose {@code toString()} is its name. */
    private abstract static class NamedLines<T> implements LineDecoder<T> {
        private final String name;
        private final int maxLineBytes;

        NamedLines(String name, int maxLineBytes) {
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be at least 1, was " + maxLineBytes);
            }
            this.name = name;
            this.maxLineBytes = maxLineBytes;
        }

        @Override
        public int maxLineBytes() {
            return maxLineBytes;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A decoder whose {@code toString()} is its name, so a failure it causes says which it was. */
    private abstract static class Named<T> implements ResponseDecoder<T> {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
