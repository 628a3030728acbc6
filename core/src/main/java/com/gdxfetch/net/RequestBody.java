package com.gdxfetch.net;

import com.badlogic.gdx.Files;
import com.badlogic.gdx.files.FileHandle;
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
    private final FileHandle file;
    private final String contentType;

    private RequestBody(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.file = null;
        this.contentType = contentType;
    }

    private RequestBody(FileHandle file, String contentType) {
        this.bytes = null;
        this.file = file;
        this.contentType = contentType;
    }

    /**
     * The contents of a file, streamed from disk when the request is written (never loaded
     * whole into memory), with upload progress as it goes. Its length is read when it is sent;
     * a file that cannot be read then, or that shrinks or grows while it is sent, fails the
     * request with {@link FailureKind#FILE} naming the path, before the server has the whole
     * body. Only the socket transport streams files; {@code Gdx.net} refuses such a request.
     * Any thread: this call touches no file.
     *
     * @param contentType the Content-Type to send, or null to send none
     * @throws IllegalArgumentException if {@code file} is null, or a Classpath or Internal file
     *     (which need not be a plain file on every backend)
     */
    public static RequestBody file(FileHandle file, String contentType) {
        if (file == null) {
            throw new IllegalArgumentException("request body file is null");
        }
        if (file.type() == Files.FileType.Classpath || file.type() == Files.FileType.Internal) {
            throw new IllegalArgumentException("request body file '" + file.path() + "' is a " + file.type()
                    + " file; stream a Local, External or Absolute file");
        }
        if (contentType != null) {
            Headers.checkValue("Content-Type", contentType);
        }
        return new RequestBody(file, contentType);
    }

    /** As {@link #file(FileHandle, String)}, sent as {@code application/octet-stream}. */
    public static RequestBody file(FileHandle file) {
        return file(file, "application/octet-stream");
    }

    /**
     * Raw bytes; the array is copied.
     *
     * @param contentType the Content-Type to send, or null to send none (through {@code Transports.gdxNet()},
     *     which cannot, {@code application/octet-stream})
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
        if (charset == null) {
            throw new IllegalArgumentException("request body charset is null; use StandardCharsets.UTF_8");
        }
        if (mediaType == null || mediaType.isEmpty()) {
            // Without this check a null became the Content-Type "null; charset=...".
            throw new IllegalArgumentException("request body media type is empty; use text(text) for text/plain");
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

    /** The number of bytes in memory; -1 for a file body, whose length is read when it is sent. */
    public int length() {
        return bytes != null ? bytes.length : -1;
    }

    /** As {@link #length()}, as a long: a file body's length is only known once it is sent. */
    public long contentLength() {
        return length();
    }

    /** The bytes themselves, shared, so callers must not modify them; null for a file body. */
    public byte[] bytes() {
        return bytes;
    }

    /** The file streamed as the body, or null for a body in memory. */
    public FileHandle file() {
        return file;
    }
}
