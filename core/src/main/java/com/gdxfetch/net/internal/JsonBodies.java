package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses a response body as JSON without first making a String of it and then a char array of
 * that, as {@code Json.fromJson(String)} does: the bytes are decoded straight into a char buffer
 * the decoding thread keeps, which saves about three times the body's size in garbage per
 * response. Buffers above 64 Ki chars are not kept, so one large body does not pin memory on every
 * I/O thread. Worker threads only.
 *
 * <p>libGDX's {@code JsonReader} reads past the end it is given on some truncated input (after an
 * opening quote, a trailing backslash, an open comment) and stops only at the array's end. So the
 * body's characters are placed at the very end of the buffer, where reading past them fails as it
 * does on an exact copy, and the buffer is cleared after each parse: it never holds an earlier
 * response's characters for a later one to run into.
 */
public final class JsonBodies {
    private static final int KEEP_CHARS = 64 * 1024;
    private static final ThreadLocal<char[]> CHARS = new ThreadLocal<char[]>() {
        @Override
        protected char[] initialValue() {
            return new char[4096];
        }
    };

    private JsonBodies() {
    }

    /**
     * As {@link #read(Json, Class, Class, byte[], Charset)}, in the charset {@code encoding} labels
     * ({@link BodyText}).
     */
    public static <T> T read(Json json, Class<T> type, Class<?> elementType, byte[] body, String encoding) {
        return read(json, type, elementType, body, BodyText.charset(encoding));
    }

    /** As {@link #parse(byte[], Charset)}, in the charset {@code encoding} labels ({@link BodyText}). */
    public static JsonValue parse(byte[] body, String encoding) {
        return parse(body, BodyText.charset(encoding));
    }

    /**
     * A new {@code type} read from {@code body} by {@code json}. Strict UTF-8 JSON of the usual
     * shapes is read straight into objects by {@link JsonBinder}, at a fraction of the cost of the
     * tree; anything else goes through {@link #parse} and {@code json.readValue}. Either way the
     * result is libGDX's, provided {@code json} ignores unknown fields and has no serializers.
     *
     * @throws com.badlogic.gdx.utils.SerializationException naming the problem when the JSON is
     *     malformed, nests deeper than {@link JsonDepth#MAX} or does not fit {@code type}
     */
    public static <T> T read(Json json, Class<T> type, Class<?> elementType, byte[] body, Charset charset) {
        if (StandardCharsets.UTF_8.equals(charset)) {
            Object bound = JsonBinder.read(type, elementType, body);
            if (bound != JsonBinder.UNSUPPORTED) {
                return type.cast(bound);
            }
        }
        return json.readValue(type, elementType, JsonDepth.check(parse(body, charset)));
    }

    /**
     * The JSON tree of {@code body} in {@code charset}; malformed bytes become U+FFFD, as
     * {@code new String(body, charset)} would make them.
     *
     * @throws com.badlogic.gdx.utils.SerializationException naming the problem when the JSON is malformed
     */
    public static JsonValue parse(byte[] body, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        int capacity = (int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1;
        char[] chars = CHARS.get();
        if (chars.length < capacity) {
            chars = new char[capacity];
            if (capacity <= KEEP_CHARS) {
                CHARS.set(chars);
            }
        }
        CharBuffer out = CharBuffer.wrap(chars);
        decoder.decode(ByteBuffer.wrap(body), out, true);
        decoder.flush(out);
        int length = ((Buffer) out).position();
        int start = chars.length - length;
        System.arraycopy(chars, 0, chars, start, length);
        // A byte order mark before the JSON is not part of it (RFC 8259 section 8.1).
        int from = length > 0 && chars[start] == '\uFEFF' ? start + 1 : start;
        // What the copy left in front of the body; the rest of the buffer is clear already.
        Arrays.fill(chars, 0, Math.min(length, start), '\0');
        try {
            // JsonReader takes its third argument as the end index, not a length. A new reader each
            // time: one that failed keeps state from that document and can fail or graft the next.
            return new JsonReader().parse(chars, from, chars.length);
        } catch (RuntimeException e) {
            // libGDX's message quotes the text around the error, measured from the array's start.
            throw failureOf(Arrays.copyOfRange(chars, from, chars.length), e);
        } finally {
            Arrays.fill(chars, start, chars.length, '\0');
        }
    }

    /** What libGDX throws for exactly {@code chars}, the text that failed as {@code failure}. */
    private static RuntimeException failureOf(char[] chars, RuntimeException failure) {
        try {
            new JsonReader().parse(chars, 0, chars.length);
        } catch (RuntimeException e) {
            return e;
        }
        return failure;
    }
}
