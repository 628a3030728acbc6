package com.gdxfetch.net;

import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonWriter;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a request sends, with their media type. Immutable once built.
 *
 * <p>Factories may be called from any thread. {@link #json(Object)} serialises at once, on the
 * calling thread, so the request carries exactly the values the object had when it was sent.
 */
public final class RequestBody {
    private final byte[] bytes;
    private final String contentType;

    private RequestBody(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    /**
     * Raw bytes; the array is copied.
     *
     * @param contentType the Content-Type to send, or null to send none
     */
    public static RequestBody bytes(byte[] data, String contentType) {
        if (data == null) {
            throw new IllegalArgumentException("request body bytes are null");
        }
        if (contentType != null) {
            Headers.checkValue("Content-Type", contentType);
        }
        return new RequestBody(java.util.Arrays.copyOf(data, data.length), contentType);
    }

    /** Text encoded as UTF-8, sent as {@code text/plain; charset=utf-8}. */
    public static RequestBody text(String text) {
        return text(text, StandardCharsets.UTF_8);
    }

    /** Text in the given charset, sent as {@code text/plain} naming that charset. */
    public static RequestBody text(String text, Charset charset) {
        return text(text, charset, "text/plain");
    }

    /** Text in the given charset, sent as {@code mediaType} with that charset parameter. */
    public static RequestBody text(String text, Charset charset, String mediaType) {
        if (text == null) {
            throw new IllegalArgumentException("request body text is null");
        }
        String contentType = mediaType + "; charset=" + charset.name().toLowerCase(java.util.Locale.ROOT);
        Headers.checkValue("Content-Type", contentType);
        return new RequestBody(text.getBytes(charset), contentType);
    }

    /**
     * An object serialised to JSON with libGDX {@link Json} (standard JSON output, no class tags),
     * sent as {@code application/json; charset=utf-8}.
     */
    public static RequestBody json(Object value) {
        Json json = new Json(JsonWriter.OutputType.json);
        json.setUsePrototypes(false);
        json.setTypeName(null);
        return jsonText(json.toJson(value));
    }

    /** Ready-made JSON text, sent as {@code application/json; charset=utf-8}. */
    public static RequestBody jsonText(String json) {
        return text(json, StandardCharsets.UTF_8, "application/json");
    }

    /**
     * HTML form fields from alternating names and values, encoded as UTF-8
     * {@code application/x-www-form-urlencoded}, in the order given.
     *
     * @throws IllegalArgumentException if the count is odd or a name is null or empty
     */
    public static RequestBody form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating form field names and values, got "
                    + namesAndValues.length + " strings");
        }
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String value = namesAndValues[i + 1];
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("form field " + (i / 2) + " has no name");
            }
            if (value == null) {
                throw new IllegalArgumentException("form field '" + name + "' has a null value");
            }
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(com.gdxfetch.net.internal.UrlCodec.encodeFormComponent(name)).append('=')
                    .append(com.gdxfetch.net.internal.UrlCodec.encodeFormComponent(value));
        }
        return new RequestBody(encoded.toString().getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
    }

    /** The Content-Type to send, or null. */
    public String contentType() {
        return contentType;
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The bytes themselves; shared, so callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }
}
