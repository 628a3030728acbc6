package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;

import java.io.IOException;
import java.io.InputStream;

/**
 * One response body cut out of a connection's input by its framing: a Content-Length, chunked
 * transfer coding, or the connection's end. Reports whether it was read to its end, which is
 * when the connection may carry another exchange.
 */
final class FramedBody extends InputStream {
    private static final int FIXED = 0;
    private static final int CHUNKED = 1;
    private static final int UNTIL_CLOSE = 2;
    /** Bytes of framing each chunk may carry beyond twice its data without counting as excess. */
    private static final int FREE_FRAMING_PER_CHUNK = 32;
    /**
     * The most excess framing (chunk-size lines and their line ends beyond what the data pays for)
     * a body may build up: as much as a response head. A line may be 64 KiB, so without this a
     * server sending one-byte chunks with long extensions (or leading zeros) would have the client
     * read 64 KiB per byte of body, far past any size limit, which counts only the data. The
     * allowance grows with the data, so a stream that runs for hours with real data in its chunks
     * never reaches it.
     */
    private static final int MAX_FRAMING_EXCESS = 256 * 1024;

    private final HttpInput in;
    private final int mode;
    /** For a body ended by the connection's end: its connection, asked whether that end was a TLS close_notify. */
    private final Connection connection;
    private final byte[] one = new byte[1];
    /** Bytes left in the body (fixed) or in the current chunk (chunked; -1 before the first). */
    private long remaining;
    private boolean complete;
    /** Framing read in this body beyond what its chunks' data allowed, never below 0. */
    private long framingExcess;

    private FramedBody(HttpInput in, int mode, long remaining) {
        this(in, mode, remaining, null);
    }

    private FramedBody(HttpInput in, int mode, long remaining, Connection connection) {
        this.in = in;
        this.mode = mode;
        this.connection = connection;
        this.remaining = remaining;
        this.complete = mode == FIXED && remaining == 0;
    }

    static FramedBody fixed(HttpInput in, long length) {
        return new FramedBody(in, FIXED, length);
    }

    static FramedBody chunked(HttpInput in) {
        return new FramedBody(in, CHUNKED, -1);
    }

    static FramedBody untilClose(HttpInput in) {
        return new FramedBody(in, UNTIL_CLOSE, 0);
    }

    /**
     * A body ended by {@code connection}'s end. Over TLS only a close_notify ends it: a TCP close
     * without one may be an attacker's or a failing middlebox's cut (RFC 9112 section 9.8).
     */
    static FramedBody untilClose(Connection connection) {
        return new FramedBody(connection.in, UNTIL_CLOSE, 0, connection);
    }

    /** Whether the body was read to its end. */
    boolean isComplete() {
        return complete;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (complete) {
            return -1;
        }
        switch (mode) {
            case FIXED:
                return readFixed(b, off, len);
            case CHUNKED:
                return readChunked(b, off, len);
            default:
                int n = in.read(b, off, len);
                if (n < 0) {
                    if (connection != null && connection.endedWithoutCloseNotify()) {
                        throw new HttpFailure(FailureKind.PROTOCOL, "connection closed without a TLS close_notify,"
                                + " so the body, framed by the connection's end, may be cut short");
                    }
                    complete = true;
                }
                return n;
        }
    }

    private int readFixed(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            // The short count is reported by BodyReader, which knows the expected length.
            return -1;
        }
        remaining -= n;
        if (remaining == 0) {
            complete = true;
        }
        return n;
    }

    private int readChunked(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            if (remaining == 0) {
                expectChunkEnd();
            }
            remaining = readChunkSize();
            if (remaining == 0) {
                ResponseHead.readFields(in, "chunk trailer", null);
                complete = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "connection closed inside a chunk, "
                    + remaining + " bytes short");
        }
        remaining -= n;
        return n;
    }

    private void expectChunkEnd() throws IOException {
        int length = in.readLine();
        if (length < 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "connection closed after chunk data");
        }
        if (length != 0) {
            throw HttpFailure.protocol("expected CR LF after chunk data, got", in.line(), length);
        }
        if (!in.lineEndedWithCrLf()) {
            throw new HttpFailure(FailureKind.PROTOCOL, "chunk data ended by a bare LF instead of CR LF");
        }
    }

    /**
     * Parses a chunk-size line of RFC 9112 section 7.1: hex digits, then optional extensions,
     * which are checked and ignored, then CR LF: the lone LF RFC 9112 section 2.2 lets a reader
     * take for a start or field line is refused here, as the JDK's HttpURLConnection and Go's
     * client refuse it, so that no reader stricter than this one sees the body end elsewhere. Leading zeros are allowed; the size itself stays below 2^60.
     * Lines longer than their chunk's data pays for count against {@link #MAX_FRAMING_EXCESS}.
     */
    private long readChunkSize() throws IOException {
        int length = in.readLine();
        if (length < 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "connection closed before a chunk size line");
        }
        byte[] line = in.line();
        long size = 0;
        int significant = 0;
        int i = 0;
        for (; i < length; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                break;
            }
            if ((significant > 0 || d > 0) && ++significant > 15) {
                throw HttpFailure.protocol("chunk size too large", line, length);
            }
            size = size << 4 | d;
        }
        if (i == 0 || !isChunkExtensions(line, i, length)) {
            throw HttpFailure.protocol("bad chunk size line", line, length);
        }
        if (!in.lineEndedWithCrLf()) {
            throw HttpFailure.protocol("chunk size line ended by a bare LF instead of CR LF", line, length);
        }
        framingExcess = Math.max(0, framingExcess + length + 4 - FREE_FRAMING_PER_CHUNK - 2 * size);
        if (framingExcess > MAX_FRAMING_EXCESS) {
            throw new HttpFailure(FailureKind.PROTOCOL, "chunked body with more than " + MAX_FRAMING_EXCESS
                    + " bytes of chunk extensions or padding beyond its data");
        }
        return size;
    }

    /**
     * Whether {@code line[from..to)} is {@code *( BWS ";" BWS name [ BWS "=" BWS value ] ) BWS},
     * a value being a token or a quoted string. Trailing white space is tolerated.
     */
    private static boolean isChunkExtensions(byte[] line, int from, int to) {
        int p = skipWhitespace(line, from, to);
        while (p < to) {
            if (line[p] != ';') {
                return false;
            }
            p = skipWhitespace(line, p + 1, to);
            int name = p;
            while (p < to && HttpSyntax.isTokenChar(line[p])) {
                p++;
            }
            if (p == name) {
                return false;
            }
            p = skipWhitespace(line, p, to);
            if (p < to && line[p] == '=') {
                p = skipWhitespace(line, p + 1, to);
                p = p < to && line[p] == '"' ? quotedStringEnd(line, p, to) : tokenEnd(line, p, to);
                if (p < 0) {
                    return false;
                }
                p = skipWhitespace(line, p, to);
            }
        }
        return true;
    }

    private static int skipWhitespace(byte[] line, int p, int to) {
        while (p < to && HttpSyntax.isWhitespace(line[p])) {
            p++;
        }
        return p;
    }

    /** The end of the token at {@code p}, or -1 when there is none. */
    private static int tokenEnd(byte[] line, int p, int to) {
        int start = p;
        while (p < to && HttpSyntax.isTokenChar(line[p])) {
            p++;
        }
        return p == start ? -1 : p;
    }

    /** The index after the quoted string opening at {@code p}, or -1 when it is malformed. */
    private static int quotedStringEnd(byte[] line, int p, int to) {
        for (p++; p < to; p++) {
            int c = line[p] & 0xff;
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                p++;
                if (p == to) {
                    return -1;
                }
                c = line[p] & 0xff;
            }
            if (!HttpSyntax.isFieldChar(c)) {
                return -1;
            }
        }
        return -1;
    }
}
