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

    private final HttpInput in;
    private final int mode;
    private final byte[] one = new byte[1];
    /** Bytes left in the body (fixed) or in the current chunk (chunked; -1 before the first). */
    private long remaining;
    private boolean complete;

    private FramedBody(HttpInput in, int mode, long remaining) {
        this.in = in;
        this.mode = mode;
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
                ResponseHead.readFields(in, "trailer", null);
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
    }

    private long readChunkSize() throws IOException {
        int length = in.readLine();
        if (length < 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "connection closed before a chunk size line");
        }
        byte[] line = in.line();
        long size = 0;
        int digits = 0;
        for (int i = 0; i < length; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                if (digits > 0 && (line[i] == ';' || line[i] == ' ' || line[i] == '\t')) {
                    break;
                }
                throw HttpFailure.protocol("bad chunk size line", line, length);
            }
            if (++digits > 15) {
                throw HttpFailure.protocol("chunk size too large", line, length);
            }
            size = size << 4 | d;
        }
        if (digits == 0) {
            throw HttpFailure.protocol("bad chunk size line", line, length);
        }
        return size;
    }
}
