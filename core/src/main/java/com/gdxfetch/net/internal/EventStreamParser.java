package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import java.nio.charset.Charset;

/**
 * Parses a {@code text/event-stream} body (Server-Sent Events, as the HTML standard's "Parsing
 * an event stream" and "Interpreting an event stream" define them) as its bytes arrive, in
 * pieces of any size: a line or even a CR LF pair may be split between two calls.
 *
 * <p>It knows nothing of connections or threads, so that it can sit on whatever hands it a
 * body as it arrives; one instance serves one stream, from one thread at a time. Memory is
 * bounded: a line over {@code maxEventBytes} bytes, or an event's data over as many characters,
 * fails with {@link FailureKind#TOO_LARGE} before it grows further.
 */
final class EventStreamParser implements BodySink {
    /** Receives what the stream says, on the thread that calls {@link #feed}. */
    interface Handler {
        /** A complete event: its type ("message" unless named), its data, and the last event id then. */
        void event(String type, String data, String lastEventId);

        /** A {@code retry} field: the server's reconnection delay in milliseconds. */
        void retry(long millis);

        /** The last event id as a block ended, with or without an event (an id-only block sets it too). */
        default void lastEventId(String id) {
        }
    }

    private static final Charset UTF_8 = Charset.forName("UTF-8");
    private static final String DEFAULT_TYPE = "message";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** A retry value of more significant digits than this may overflow a long; it waits as long as a long can. */
    private static final int MAX_RETRY_DIGITS = 18;

    private final String url;
    private final int maxEventBytes;
    private final Handler handler;
    private byte[] line;
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    /** Whether the previous byte ended a line with CR, so that an LF right after it is the same line end. */
    private boolean afterCr;
    /** Bytes of a UTF-8 byte order mark matched at the stream's start, which is skipped once; -1 once past it. */
    private int bomMatched;

    /**
     * A parser for the stream from {@code url} (named in failures), with lines and event data of
     * at most {@code maxEventBytes}, reporting to {@code handler}.
     */
    EventStreamParser(String url, int maxEventBytes, Handler handler) {
        this(url, maxEventBytes, handler, "");
    }

    /**
     * The same, for a stream reopened after {@code lastEventId}, which the events of this stream
     * carry until an id field changes it. The standard's wording starts each connection's id
     * buffer empty, but browsers (and the {@code eventsource} package) carry it over, and rightly:
     * an empty one would make the first event without an id forget the last one, and the next
     * reconnection would ask the server to replay from the start.
     */
    EventStreamParser(String url, int maxEventBytes, Handler handler, String lastEventId) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1, was " + maxEventBytes);
        }
        this.url = url;
        this.maxEventBytes = maxEventBytes;
        this.handler = handler;
        this.lastEventId = lastEventId;
        this.lastEventIdBuffer = lastEventId;
        // The limit is checked only when the buffer fills, so the buffer never starts larger than it.
        this.line = new byte[Math.min(128, maxEventBytes)];
    }

    /**
     * Parses the next {@code length} bytes of the body; complete events reach the handler before
     * it returns.
     *
     * @throws FetchException {@link FailureKind#TOO_LARGE} when a line or an event's data grows
     *     past the limit; the parser must not be fed again
     */
    void feed(byte[] bytes, int offset, int length) throws FetchException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (bomMatched >= 0) {
                if (b == BOM[bomMatched]) {
                    bomMatched = bomMatched == 2 ? -1 : bomMatched + 1;
                    continue;
                }
                // Not a mark after all: the bytes held back are ordinary text.
                for (int k = 0; k < bomMatched; k++) {
                    append(BOM[k]);
                }
                bomMatched = -1;
            }
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false;
                    continue;
                }
                line();
            } else if (b == '\r') {
                afterCr = true;
                line();
            } else {
                afterCr = false;
                append(b);
            }
        }
    }

    /** As {@link #feed}: the parser reads a body through the same seam as any streamed body. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws FetchException {
        feed(bytes, offset, length);
    }

    /** The stream ended: an event not yet ended by a blank line is discarded, as the standard says. */
    @Override
    public void end() {
        lineLength = 0;
        data.setLength(0);
        type = "";
    }

    /** The id of the last event dispatched (or the last id-only block), "" before any: the next {@code Last-Event-ID}. */
    String lastEventId() {
        return lastEventId;
    }

    private void append(byte b) throws FetchException {
        if (lineLength == line.length) {
            if (lineLength >= maxEventBytes) {
                throw tooLarge("a line");
            }
            int size = grownLineSize(line.length, maxEventBytes);
            if (size < 0) {
                throw new FetchException(FailureKind.TOO_LARGE, "GET", url, "a line of the event stream is longer than "
                        + lineLength + " bytes, the most one line can be held in", null, null, true);
            }
            byte[] bigger = new byte[size];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        line[lineLength++] = b;
    }

    /**
     * The next size of a line buffer of {@code length} bytes: doubled, at most the limit and the
     * largest array a VM reliably allocates; -1 when it is that large already. Counted in a long,
     * since doubling a buffer of 1 GiB wraps an int negative.
     */
    static int grownLineSize(int length, int maxEventBytes) {
        int size = (int) Math.min(Math.min(maxEventBytes, length * 2L), Integer.MAX_VALUE - 8);
        return size > length ? size : -1;
    }

    private void line() throws FetchException {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        // CR and LF never occur inside a UTF-8 sequence, so a line is whole characters; invalid
        // sequences become U+FFFD, as the standard's UTF-8 decode does.
        String text = Utf8.isValid(line, 0, lineLength) ? new String(line, 0, lineLength, UTF_8)
                : decodeWithReplacement(line, lineLength);
        lineLength = 0;
        if (text.charAt(0) == ':') {
            return; // A comment, often a keep-alive.
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            int start = colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
            value = text.substring(start);
        }
        if (field.equals("data")) {
            // The buffer's last LF is dropped at dispatch, so it does not count against the limit.
            if (data.length() + value.length() > maxEventBytes) {
                throw tooLarge("an event's data");
            }
            data.append(value).append('\n');
        } else if (field.equals("event")) {
            type = value;
        } else if (field.equals("id")) {
            if (value.indexOf('\0') < 0) {
                lastEventIdBuffer = value;
            }
        } else if (field.equals("retry")) {
            if (!value.isEmpty() && allDigits(value)) {
                handler.retry(retryMillis(value));
            }
        }
        // Any other field is ignored.
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        handler.lastEventId(lastEventId);
        if (data.length() == 0) {
            type = "";
            return;
        }
        data.setLength(data.length() - 1);
        String eventType = type.isEmpty() ? DEFAULT_TYPE : type;
        String eventData = data.toString();
        data.setLength(0);
        type = "";
        handler.event(eventType, eventData, lastEventId);
    }

    /**
     * The Encoding Standard's UTF-8 decode of {@code bytes[0..length)}: each maximal subpart of an
     * invalid sequence becomes one U+FFFD, and a byte that cut a sequence short is read again on
     * its own. Java's decoder takes a surrogate's three bytes as one error, where the standard, and
     * so a browser's EventSource, gives three.
     */
    static String decodeWithReplacement(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                i++;
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                // Not consumed: the byte starts over as what it is.
                codePoint = 0;
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append('\uFFFD');
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = codePoint << 6 | (b & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            out.append('\uFFFD');
        }
        return out.toString();
    }

    /** Whether {@code contentType}'s essence, its parameters and case aside, is text/event-stream. */
    static boolean isEventStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return essence.equalsIgnoreCase("text/event-stream");
    }

    /** The standard takes any run of digits as the delay, leading zeros and all. */
    private static long retryMillis(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.length() - start > MAX_RETRY_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits.substring(start));
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private FetchException tooLarge(String what) {
        return new FetchException(FailureKind.TOO_LARGE, "GET", url, what + " of the event stream is over maxEventBytes "
                + maxEventBytes, null, null, true);
    }
}
