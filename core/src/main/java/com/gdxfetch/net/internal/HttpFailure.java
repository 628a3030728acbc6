package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Texts;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.HttpResponse;

import java.io.IOException;

/**
 * An I/O failure whose kind the transport already knows (a broken response, a body over the
 * limit, a cancellation), so {@link Failures} does not have to guess it from the exception type.
 */
final class HttpFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    /** The status of a response refused for it (HTTP_STATUS), or -1. */
    private int status = -1;
    /** The status and headers of the response whose body failed, or null. */
    private transient HttpResponse response;

    /** A failure of {@code kind} described by {@code detail}. */
    public HttpFailure(FailureKind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    /** A failure of {@code kind} described by {@code detail}, caused by {@code cause}. */
    public HttpFailure(FailureKind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    /** An HTTP_STATUS failure: a response with {@code status} where another was needed. */
    static HttpFailure status(int status, String detail) {
        HttpFailure failure = new HttpFailure(FailureKind.HTTP_STATUS, detail);
        failure.status = status;
        return failure;
    }

    /** The status of the response this failure refused, or -1 when it did not refuse one. */
    int status() {
        return status;
    }

    /** What kind of failure this is. */
    public FailureKind kind() {
        return kind;
    }

    /**
     * Records that this failure happened reading the body of {@code head} (a response without its
     * body), unless one is recorded already; returns this failure.
     */
    HttpFailure readingBodyOf(HttpResponse head) {
        if (response == null) {
            response = head;
        }
        return this;
    }

    /** The response whose body failed, without its body; null when the failure came before one. */
    HttpResponse response() {
        return response;
    }

    /** A protocol failure quoting what the server sent, made printable and cut to 80 chars. */
    public static HttpFailure protocol(String what, byte[] received, int length) {
        return new HttpFailure(FailureKind.PROTOCOL, what + " '" + printable(received, length) + "'");
    }

    private static String printable(byte[] bytes, int length) {
        int shown = Math.min(length, 80);
        StringBuilder out = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append("\\x").append(Texts.hex(c, 2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (length > shown) {
            out.append("...");
        }
        return out.toString();
    }
}
