package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a response body from its framed stream into one array, for every transport: progress,
 * the Content-Length check, transparent gzip and deflate decoding, and the size limit counted
 * after decoding (so a compressed bomb stops at the limit instead of inflating everything).
 */
final class BodyReader {
    /** Bytes read or written per call. */
    public static final int CHUNK = 16 * 1024;
    /**
     * Bytes per read while streaming to a sink: large enough that a read is mostly copying,
     * small enough that many bodies at once stay a few megabytes.
     */
    public static final int STREAM_CHUNK = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The least a followed redirect's page may be, whatever the request's size limit. */
    private static final long REDIRECT_PAGE_BYTES = 64 * 1024;
    /** A body {@link #codingOf} finds no coding to undo in. */
    static final int IDENTITY = 0;
    static final int GZIP = 1;
    static final int DEFLATE = 2;

    private BodyReader() {
    }

    /** Whether a response to {@code method} with {@code status} carries a body at all. */
    public static boolean hasBody(String method, int status) {
        return !method.equals("HEAD") && status >= 200 && status != 204 && status != 304;
    }

    /**
     * The Content-Length, or -1 when absent. Every Content-Length field and every element of a
     * comma-separated list must be the same run of decimal digits (RFC 9110 section 8.6); a
     * repeated equal value counts once.
     *
     * @throws HttpFailure PROTOCOL naming the value when it has anything but digits (a sign, inner
     *     spaces, hex), overflows, or when two values differ
     */
    public static long contentLength(Headers headers) throws HttpFailure {
        long length = -1;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.name(i).equalsIgnoreCase("Content-Length")) {
                continue;
            }
            String value = headers.value(i);
            int from = 0;
            while (true) {
                int comma = value.indexOf(',', from);
                int to = comma < 0 ? value.length() : comma;
                long element = decimal(value, from, to);
                if (element < 0) {
                    throw new HttpFailure(FailureKind.PROTOCOL, "invalid Content-Length '" + value + "'");
                }
                if (length >= 0 && element != length) {
                    throw new HttpFailure(FailureKind.PROTOCOL, "conflicting Content-Length values "
                            + length + " and " + element + " ('" + value + "')");
                }
                length = element;
                if (comma < 0) {
                    break;
                }
                from = comma + 1;
            }
        }
        return length;
    }

    /** The digits of {@code s[from..to)} between optional spaces as a number, or -1 when they are not one. */
    private static long decimal(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Reads the whole body of {@code exchange}'s response, decoded when the transport asked for
     * compression ({@link RequestHeaders#decodesTransparently}) and the encoding is gzip or
     * deflate, within {@code limit} bytes.
     *
     * @param framed the body's bytes; ends (-1) where the body ends
     * @param contentLength the Content-Length, or -1 when unknown; a shorter body is a protocol
     *     failure
     * @param headers the response headers; Content-Encoding picks the decoder
     * @param limit the most bytes the decoded body may have ({@link #gatheredLimit})
     * @throws HttpFailure TOO_LARGE past the limit, PROTOCOL for a short or corrupt body,
     *     CANCELLED when the exchange was cancelled
     */
    private static byte[] read(InputStream framed, long contentLength, Headers headers, ExchangeState exchange,
            long limit) throws IOException {
        boolean decode = exchange.decodesBody();
        int coding = decode ? codingOf(contentEncoding(headers)) : IDENTITY;
        if (coding == IDENTITY && contentLength > Math.min(limit, MAX_ARRAY)) {
            throw tooLarge("Content-Length " + contentLength, Math.min(limit, MAX_ARRAY));
        }
        Counting counted = new Counting(framed, contentLength, exchange,
                coding == IDENTITY ? Long.MAX_VALUE : compressedLimit(limit), limit);
        exchange.downloadProgress(0, contentLength);
        if (coding == IDENTITY) {
            return contentLength >= 0 ? readExactly(counted, (int) contentLength) : readAll(counted, -1, limit, "body");
        }
        return decode(counted, coding, contentLength, limit);
    }

    /**
     * Reads the body of {@code exchange}'s response with {@code status}: into one array as
     * {@link #read} does, or, when the exchange streams ({@link ExchangeState#streamTarget()})
     * and its target opens a sink for this response, into that sink in bounded chunks (then the
     * returned array is empty). The size limit applies to gathered bodies only: a sink judges
     * the size of what it keeps.
     *
     * @throws HttpFailure as {@link #read}, or whatever the target or sink threw, carrying the
     *     response's status and headers
     */
    public static byte[] body(InputStream framed, long contentLength, int status, Headers headers,
            ExchangeState exchange) throws IOException {
        try {
            StreamTarget target = exchange.streamTarget();
            if (target != null) {
                BodySink sink = target.open(exchange.sentRequest(), status, headers, contentLength);
                if (sink != null) {
                    stream(framed, contentLength, headers, exchange, sink);
                    return EMPTY;
                }
            }
            return read(framed, contentLength, headers, exchange, gatheredLimit(status, headers, exchange));
        } catch (HttpFailure e) {
            // The status still tells the game (and the outbox) whether the server took the request.
            throw e.readingBodyOf(exchange.responseBuilder().status(status, "")
                    .headers(decodedHeaders(headers, exchange)).build());
        }
    }

    /**
     * The size limit of a gathered body: the request's, and at least {@link #REDIRECT_PAGE_BYTES}
     * for a redirect the exchange will follow. The limit is for the body the game gets; a
     * followed redirect's page never reaches it, and browsers follow whatever its size.
     */
    private static long gatheredLimit(int status, Headers headers, ExchangeState exchange) {
        long limit = exchange.request.maxResponseBytes() > 0 ? exchange.request.maxResponseBytes() : Long.MAX_VALUE;
        if (exchange.request.followRedirects() && Redirects.isRedirect(status, headers)) {
            return Math.max(limit, REDIRECT_PAGE_BYTES);
        }
        return limit;
    }

    /**
     * Feeds the body to {@code sink} as it arrives, through one buffer of {@link #STREAM_CHUNK}
     * bytes, decoded when it is gzip or deflate and the transport asked for compression or the
     * sink is a {@link DecodingSink}.
     */
    static void stream(InputStream framed, long contentLength, Headers headers, ExchangeState exchange,
            BodySink sink) throws IOException {
        exchange.streamsTo(sink);
        int coding = exchange.decodesBody() ? codingOf(contentEncoding(headers)) : IDENTITY;
        Counting counted = new Counting(framed, contentLength, exchange, Long.MAX_VALUE, Long.MAX_VALUE);
        exchange.downloadProgress(0, contentLength);
        pumpDecoded(counted, coding, new byte[STREAM_CHUNK], sink);
        sink.end();
    }

    /**
     * Feeds {@code framed} to {@code sink} through {@code buf} as it arrives, gzip or deflate
     * ({@code coding}) undone first; not {@link BodySink#end}.
     *
     * @throws HttpFailure {@code PROTOCOL} when the compressed data is corrupt or cut short
     */
    static void pumpDecoded(InputStream framed, int coding, byte[] buf, BodySink sink) throws IOException {
        if (coding == IDENTITY) {
            pump(framed, buf, sink);
            return;
        }
        PushbackInputStream in = new Lookahead(framed);
        int first = in.read();
        if (first < 0) {
            return;
        }
        int second = in.read();
        if (second >= 0) {
            in.unread(second);
        }
        in.unread(first);
        Inflater inflater = null;
        try {
            InflaterInputStream decoder;
            if (coding == GZIP) {
                Gunzip gunzip = new Gunzip(in);
                inflater = gunzip.inflater();
                decoder = gunzip;
            } else {
                boolean zlib = second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
                inflater = new Inflater(!zlib);
                decoder = new InflaterInputStream(in, inflater, CHUNK);
            }
            pump(decoder, buf, sink);
            checkNoDictionary(inflater);
            drain(framed);
        } catch (ZipException | EOFException e) {
            throw new HttpFailure(FailureKind.PROTOCOL, "corrupt " + (coding == GZIP ? "gzip" : "deflate")
                    + " body: " + e.getMessage(), e);
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** Feeds everything {@code in} gives to {@code sink}, through {@code buf}; not {@link BodySink#end}. */
    static void pump(InputStream in, byte[] buf, BodySink sink) throws IOException {
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            if (n > 0) {
                sink.write(buf, 0, n);
            }
        }
    }

    /**
     * The headers of {@code exchange}'s response as the caller sees them: for a body that reached
     * it decoded ({@link ExchangeState#decodesBody}), Content-Encoding and Content-Length describe
     * the bytes on the wire, not the body or file it gets, so they are dropped.
     */
    public static Headers decodedHeaders(Headers headers, ExchangeState exchange) {
        if (!exchange.decodesBody() || codingOf(contentEncoding(headers)) == IDENTITY) {
            return headers;
        }
        return headers.newBuilder().remove("Content-Encoding").remove("Content-Length").build();
    }

    /**
     * Every Content-Encoding field line of {@code headers} as the one list RFC 9110 section 5.3
     * makes of them, or null for none: a body coded twice, named on two lines, must not pass for
     * one coded once.
     */
    static String contentEncoding(Headers headers) {
        return HttpCache.joined(headers, "Content-Encoding");
    }

    /**
     * The Content-Encoding list when it names a compression that stays on the body: one this
     * reader cannot undo, or any when {@code decodes} is false (the request chose its own
     * Accept-Encoding); null when the body is, or will be made, plain.
     */
    static String compressionLeftOn(Headers headers, boolean decodes) {
        String compression = ContentCodings.compression(headers);
        return compression != null && (!decodes || codingOf(compression) == IDENTITY) ? compression : null;
    }

    /**
     * {@link #GZIP} or {@link #DEFLATE} when the list {@code contentEncoding} names that one coding,
     * {@code identity} aside (it changes nothing); {@link #IDENTITY} for none, for codings it
     * cannot undo, and for more than one, which it cannot undo whole.
     */
    static int codingOf(String contentEncoding) {
        if (contentEncoding == null) {
            return IDENTITY;
        }
        int found = IDENTITY;
        for (String element : contentEncoding.split(",")) {
            String coding = element.trim();
            if (coding.isEmpty() || coding.equalsIgnoreCase("identity")) {
                continue;
            }
            int one = coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip") ? GZIP
                    : coding.equalsIgnoreCase("deflate") ? DEFLATE : IDENTITY;
            if (one == IDENTITY || found != IDENTITY) {
                return IDENTITY;
            }
            found = one;
        }
        return found;
    }

    private static byte[] decode(Counting counted, int coding, long contentLength, long limit)
            throws IOException {
        PushbackInputStream in = new Lookahead(counted);
        byte[] head = new byte[2];
        int n = 0;
        while (n < 2) {
            int r = in.read(head, n, 2 - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n == 0) {
            return EMPTY;
        }
        in.unread(head, 0, n);
        String name = coding == GZIP ? "gzip" : "deflate";
        Inflater inflater = null;
        try {
            InflaterInputStream decoder;
            if (coding == GZIP) {
                Gunzip gunzip = new Gunzip(in);
                inflater = gunzip.inflater();
                decoder = gunzip;
            } else {
                // "deflate" is meant to be zlib-wrapped but many servers send raw deflate.
                boolean zlib = n == 2 && (head[0] & 0x0f) == 8 && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
                inflater = new Inflater(!zlib);
                decoder = new InflaterInputStream(in, inflater, CHUNK);
            }
            byte[] body = readAll(decoder, contentLength, limit, "decompressed body");
            checkNoDictionary(inflater);
            drain(counted);
            return body;
        } catch (ZipException | EOFException e) {
            throw new HttpFailure(FailureKind.PROTOCOL, "corrupt " + name + " body: " + e.getMessage(), e);
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /**
     * A zlib stream that asks for a preset dictionary (its FDICT flag, RFC 1950) stops the decoder
     * as if it had ended, before any byte; HTTP has no way to name that dictionary, so the body
     * cannot be decoded and is corrupt here rather than empty.
     */
    private static void checkNoDictionary(Inflater inflater) throws ZipException {
        if (inflater.needsDictionary()) {
            throw new ZipException("the zlib stream needs a preset dictionary");
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        if (length == 0) {
            return EMPTY;
        }
        byte[] body = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(body, off, length - off);
            if (n < 0) {
                // Counting has already reported the short body; this guards a lying stream.
                throw truncated(off, length);
            }
            off += n;
        }
        return body;
    }

    private static byte[] readAll(InputStream in, long sizeHint, long limit, String what) throws IOException {
        long cap = limit >= MAX_ARRAY ? MAX_ARRAY : limit + 1;
        int initial = (int) Math.min(cap, sizeHint > 0 ? Math.max(sizeHint, 1024) : 8 * 1024);
        byte[] buf = new byte[initial];
        int size = 0;
        while (true) {
            if (size == buf.length) {
                if (size >= cap) {
                    throw tooLarge(what, limit);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(cap, (long) size * 2));
            }
            int n = in.read(buf, size, Math.min(buf.length - size, CHUNK * 4));
            if (n < 0) {
                break;
            }
            size += n;
            if (size > limit) {
                throw tooLarge(what, limit);
            }
        }
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    /**
     * The most bytes a compressed body may take on the wire when its decoded body may take
     * {@code limit}: deflate's stored blocks and gzip's headers add far less than this to data
     * that does not compress. Bytes past the end of the compressed data, or members that decode
     * to nothing, would otherwise be read for as long as the server sends them.
     */
    private static long compressedLimit(long limit) {
        return limit >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : limit + limit / 1024 + 64 * 1024;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] skip = new byte[256];
        while (in.read(skip, 0, skip.length) >= 0) {
            // Bytes after the end of a compressed stream are padding; read them so the framing ends.
        }
    }

    private static HttpFailure tooLarge(String what, long limit) {
        return new HttpFailure(FailureKind.TOO_LARGE, what + " exceeds the limit of " + limit + " bytes");
    }

    private static HttpFailure truncated(long received, long expected) {
        return new HttpFailure(FailureKind.PROTOCOL, "body ended after " + received + " of "
                + expected + " bytes (Content-Length)");
    }

    /** Counts the framed bytes: progress per read, and a body shorter than its Content-Length fails. */
    private static final class Counting extends InputStream {
        private final InputStream in;
        private final long expected;
        private final ExchangeState exchange;
        /** The most bytes the framed body may have (a compressed one's bound), or Long.MAX_VALUE. */
        private final long wireLimit;
        /** The decoded body's limit, named when {@link #wireLimit} is passed. */
        private final long bodyLimit;
        private final byte[] one = new byte[1];
        private long received;

        Counting(InputStream in, long expected, ExchangeState exchange, long wireLimit, long bodyLimit) {
            this.in = in;
            this.expected = expected;
            this.exchange = exchange;
            this.wireLimit = wireLimit;
            this.bodyLimit = bodyLimit;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (expected >= 0 && received >= expected) {
                return -1;
            }
            if (expected >= 0 && len > expected - received) {
                len = (int) (expected - received);
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                if (expected >= 0) {
                    throw truncated(received, expected);
                }
                return -1;
            }
            received += n;
            if (received > wireLimit) {
                throw new HttpFailure(FailureKind.TOO_LARGE, "compressed body exceeds " + wireLimit
                        + " bytes on the wire, more than a body within the limit of " + bodyLimit + " bytes takes");
            }
            exchange.downloadProgress(received, expected);
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }

    /**
     * The framed body as a decoder reads it. GZIPInputStream reads the next member of a gzip body
     * (RFC 1952 allows a series) only when available() promises more bytes, which a framed body
     * cannot do without reading, so the rest of a body that has ended in a member's trailer was
     * dropped. This reads one byte ahead to answer, waiting as the drain after it would.
     */
    private static final class Lookahead extends PushbackInputStream {
        Lookahead(InputStream in) {
            super(in, 2);
        }

        @Override
        public int available() throws IOException {
            int n = super.available();
            if (n > 0) {
                return n;
            }
            int next = read();
            if (next < 0) {
                return 0;
            }
            unread(next);
            return 1;
        }
    }

    /** A gzip decoder whose inflater can be released without closing the connection's stream. */
    private static final class Gunzip extends GZIPInputStream {
        /** How deep GZIPInputStream's reads of member after member may nest. */
        private static final int MAX_NESTED_READS = 16;
        private final byte[] one = new byte[1];
        private int nestedReads;

        Gunzip(InputStream in) throws IOException {
            super(in, CHUNK);
        }

        /**
         * GZIPInputStream goes on to the next member by calling read again from inside read, once
         * per member that decodes to nothing, so a long series of empty members overflowed the
         * stack. Past a few levels this returns 0 with nothing decoded yet, and the caller's next
         * read goes on from the member reached.
         */
        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (nestedReads >= MAX_NESTED_READS) {
                return 0;
            }
            nestedReads++;
            try {
                return super.read(buf, off, len);
            } finally {
                nestedReads--;
            }
        }

        @Override
        public int read() throws IOException {
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        Inflater inflater() {
            return inf;
        }
    }
}
