package com.gdxfetch.net;

import com.gdxfetch.internal.Texts;
import com.gdxfetch.net.internal.BodyText;
import com.gdxfetch.net.internal.ContentCodings;
import com.gdxfetch.net.internal.HttpStatus;
import com.gdxfetch.net.internal.HttpSyntax;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * An immutable HTTP response: status, headers, the whole body (decompressed), the final URL and
 * timings. Safe to read from any thread.
 */
public final class HttpResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final String reason;
    private final Headers headers;
    private final byte[] body;
    private final String url;
    private final long queuedNanos;
    private final long firstByteNanos;
    private final long totalNanos;
    private final ResponseSource source;
    private final long ageSeconds;

    private HttpResponse(Builder b) {
        this.status = b.status;
        this.reason = b.reason;
        this.headers = b.headers;
        this.body = b.body;
        this.url = b.url;
        this.queuedNanos = b.queuedNanos;
        this.firstByteNanos = b.firstByteNanos;
        this.totalNanos = b.totalNanos;
        this.source = b.source;
        this.ageSeconds = b.ageSeconds;
    }

    /** The status code, such as 200 or 404. */
    public int status() {
        return status;
    }

    /** The reason phrase from the status line (may be empty). */
    public String reason() {
        return reason;
    }

    /** True for a status in 200-299. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /**
     * True for a status in 500-599, and in 600-999, codes RFC 9110 section 15 calls invalid and has
     * a client handle as a server error: the ones a retry, or a stale cached copy, may answer.
     */
    public boolean isServerError() {
        return HttpStatus.isServerError(status);
    }

    /** The response headers. */
    public Headers headers() {
        return headers;
    }

    /** The last value of header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body bytes, decompressed when the transport undid their coding (a single gzip or deflate,
     * and on the web whatever the browser undoes), else as they came with their Content-Encoding;
     * shared, so callers must not modify them.
     */
    public byte[] body() {
        return body;
    }

    /**
     * The body decoded with the Content-Type's charset, or UTF-8 when it names none; a leading
     * byte order mark is not part of the text. A UTF-8, UTF-16BE or UTF-16LE byte order mark names
     * the encoding over the Content-Type, as the WHATWG Encoding standard's decode (and so every
     * browser) has it: a file saved on Windows is served with the server's default charset. Any
     * thread.
     *
     * @throws IllegalStateException when a compression its Content-Encoding names is still on the
     *     body (brotli or zstd, a coding applied twice, or gzip the request asked to receive as
     *     sent): those bytes are not text, and {@link #body()} has them as they came
     */
    public String text() {
        return Texts.withoutByteOrderMark(BodyText.decode(textBytes(), textEncoding()));
    }

    /**
     * The encoding a leading UTF-8, UTF-16BE or UTF-16LE byte order mark names (the WHATWG Encoding
     * standard's BOM sniffing, which comes before any label), else the Content-Type's charset label,
     * else UTF-8; the mark itself decodes to U+FEFF. {@link BodyText} reads the label as desktop
     * and the web build both do: "utf-16" (Java's UTF-16, big-endian without a mark) as UTF-16LE,
     * the encoding WHATWG Encoding gives it, and an unknown label as UTF-8.
     */
    String textEncoding() {
        byte[] b = body;
        if (b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            return "UTF-8";
        }
        if (b.length >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
            return "UTF-16BE";
        }
        if (b.length >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
            return "UTF-16LE";
        }
        String label = contentTypeParameter(headers.get("Content-Type"), "charset");
        return label != null ? label : "UTF-8";
    }

    /** The body, for a decoder that reads it as text; refused as {@link #text()} says. */
    byte[] textBytes() {
        if (body.length > 0) {
            // The transports undo a single gzip or deflate and drop the field: one still here stayed on.
            String coding = ContentCodings.compression(headers);
            if (coding != null) {
                throw new IllegalStateException("the body from " + url + " is still coded (Content-Encoding '"
                        + coding + "'), which gdx-fetch does not undo, so it is not text; Decoders.bytes() or "
                        + "body() give it as it came");
            }
        }
        return body;
    }

    /**
     * The charset named by Content-Type, or UTF-8 when absent or unknown. On the web, whose
     * {@code Charset} has only UTF-8 and ISO-8859-1, every other name is unknown here, though
     * {@link #text()} still decodes it. Any thread.
     */
    public Charset charset() {
        String name = contentTypeParameter(headers.get("Content-Type"), "charset");
        if (name != null) {
            try {
                return Charset.forName(name.toUpperCase(Locale.ROOT));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The value of the first parameter called {@code name} (any case) in media type
     * {@code contentType}, unquoted, or null. A value may be a quoted-string (RFC 9110 section
     * 5.6.6), whose ';' and backslash-escaped characters belong to it: splitting on every ';'
     * read a parameter out of another's quoted value.
     */
    static String contentTypeParameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        int n = contentType.length();
        int i = contentType.indexOf(';');
        while (i >= 0 && i < n) {
            i++; // past the ';'
            int nameEnd = i;
            while (nameEnd < n && contentType.charAt(nameEnd) != '=' && contentType.charAt(nameEnd) != ';') {
                nameEnd++;
            }
            String paramName = contentType.substring(i, nameEnd).trim();
            if (nameEnd == n || contentType.charAt(nameEnd) == ';') {
                i = nameEnd;
                continue;
            }
            int v = nameEnd + 1;
            while (v < n && (contentType.charAt(v) == ' ' || contentType.charAt(v) == '\t')) {
                v++;
            }
            String value;
            if (v < n && contentType.charAt(v) == '"') {
                StringBuilder quoted = new StringBuilder();
                v = HttpSyntax.readQuotedString(contentType, v, quoted);
                value = quoted.toString();
                i = contentType.indexOf(';', v);
            } else {
                i = contentType.indexOf(';', v);
                value = contentType.substring(v, i < 0 ? n : i).trim();
            }
            if (paramName.equalsIgnoreCase(name)) {
                return value;
            }
        }
        return null;
    }

    /** The URL this response came from, after any redirects. */
    public String url() {
        return url;
    }

    /** Milliseconds the request waited in the queue before its first attempt started. */
    public double queuedMillis() {
        return queuedNanos / 1e6;
    }

    /** Milliseconds from send to the first byte of this response. */
    public double firstByteMillis() {
        return firstByteNanos / 1e6;
    }

    /** Milliseconds from send to the whole body read and decoded. */
    public double totalMillis() {
        return totalNanos / 1e6;
    }

    /** Where this response came from: the network, the HTTP cache, or the cache after an error. */
    public ResponseSource source() {
        return source;
    }

    /**
     * How old the stored response was when it answered, in seconds (its current age, RFC 9111
     * section 4.2.3); 0 for a response from the network.
     */
    public long ageSeconds() {
        return ageSeconds;
    }

    /** A builder holding this response's values. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.status = status;
        b.reason = reason;
        b.headers = headers;
        b.body = body;
        b.url = url;
        b.queuedNanos = queuedNanos;
        b.firstByteNanos = firstByteNanos;
        b.totalNanos = totalNanos;
        b.source = source;
        b.ageSeconds = ageSeconds;
        return b;
    }

    @Override
    public String toString() {
        return status + " " + reason + " (" + body.length + " bytes) from " + url
                + (source == ResponseSource.NETWORK ? "" : " [" + source + ", " + ageSeconds + " s old]");
    }

    /** Assembles a response; used by transports and tests. Not thread-safe. */
    public static final class Builder {
        private int status = -1;
        private String reason = "";
        private Headers headers = Headers.EMPTY;
        private byte[] body = NO_BODY;
        private String url;
        private long queuedNanos;
        private long firstByteNanos;
        private long totalNanos;
        private ResponseSource source = ResponseSource.NETWORK;
        private long ageSeconds;

        /** Sets the status code and reason phrase. */
        public Builder status(int status, String reason) {
            this.status = status;
            this.reason = reason == null ? "" : reason;
            return this;
        }

        /** Sets the headers. */
        public Builder headers(Headers headers) {
            this.headers = headers;
            return this;
        }

        /** Sets the body; the array is kept, not copied. */
        public Builder body(byte[] body) {
            this.body = body == null ? NO_BODY : body;
            return this;
        }

        /** Sets the URL the response came from. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Sets the timings, in nanoseconds from send. */
        public Builder timings(long queuedNanos, long firstByteNanos, long totalNanos) {
            this.queuedNanos = queuedNanos;
            this.firstByteNanos = firstByteNanos;
            this.totalNanos = totalNanos;
            return this;
        }

        /** Sets where the response came from and its age in seconds (default: network, 0). */
        public Builder source(ResponseSource source, long ageSeconds) {
            if (source == null) {
                throw new IllegalArgumentException("response source is null");
            }
            this.source = source;
            this.ageSeconds = Math.max(0, ageSeconds);
            return this;
        }

        /**
         * Builds the response.
         *
         * @throws IllegalStateException if the status or URL is missing
         */
        public HttpResponse build() {
            if (status < 100 || status > 999) {
                throw new IllegalStateException("response status " + status + " is not a 3-digit code");
            }
            if (url == null) {
                throw new IllegalStateException("response has no URL");
            }
            return new HttpResponse(this);
        }
    }
}
