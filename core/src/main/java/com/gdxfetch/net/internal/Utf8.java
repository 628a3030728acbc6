package com.gdxfetch.net.internal;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation, shared by the WebSocket frames (text messages, close reasons), the
 * event-stream parser and the reading of response fields; pure Java, so the web build compiles it
 * too.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The state of {@link #scan} between two whole characters. */
    static final int COMPLETE = 0;
    /** What {@link #scan} returns once the bytes stopped being UTF-8. */
    static final int INVALID = -1;

    /**
     * A header field's bytes (a name, a value, a reason phrase) as text, read the same way in every
     * build: ASCII as it is; anything else as UTF-8, as servers send it, when it is UTF-8. Other
     * bytes (obs-text, which RFC 9110 section 5.5 has a recipient keep as opaque data, often
     * ISO-8859-1 from older servers) are read one character each, as Latin-1, so that none turns
     * into a replacement character and the bytes can be had back.
     */
    static String fieldText(byte[] bytes, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (bytes[i] < 0) {
                return new String(bytes, off, len, isValid(bytes, off, len)
                        ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
        }
        return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #fieldText(byte[], int, int)} for a field handed over one char a byte (U+0000 to
     * U+00FF), as a browser hands a page the fields of a response.
     */
    static String fieldText(String byteString) {
        int n = byteString.length();
        for (int i = 0; i < n; i++) {
            if (byteString.charAt(i) >= 0x80) {
                byte[] bytes = new byte[n];
                for (int j = 0; j < n; j++) {
                    bytes[j] = (byte) byteString.charAt(j);
                }
                return fieldText(bytes, 0, n);
            }
        }
        return byteString;
    }

    /**
     * Whether {@code b[off, off + len)} is well-formed UTF-8: no overlong forms, no surrogates,
     * nothing above U+10FFFF, no sequence cut short (RFC 3629).
     */
    static boolean isValid(byte[] b, int off, int len) {
        return scan(b, off, len, COMPLETE) == COMPLETE;
    }

    /**
     * Checks the next {@code len} bytes of a text that arrives in pieces, so a reader can refuse it
     * at its first bad byte rather than once it has all of it; a character may be split between
     * two pieces.
     *
     * @param state {@link #COMPLETE} for the first piece, else what the call for the piece before returned
     * @return {@link #INVALID} once a byte cannot continue well-formed UTF-8; else {@link #COMPLETE}
     *     when the bytes so far end with a whole character, or the state inside the one still open
     */
    static int scan(byte[] b, int off, int len, int state) {
        // Inside a character: the bytes it still needs (low byte), and the range its next byte must
        // fall in (the next two), which RFC 3629's table narrows for the byte after E0, ED, F0, F4.
        int more = state & 0xff;
        int lo = (state >>> 8) & 0xff;
        int hi = state >>> 16;
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i] & 0xff;
            if (more > 0) {
                if (c < lo || c > hi) {
                    return INVALID;
                }
                more--;
                lo = 0x80;
                hi = 0xBF;
            } else if (c >= 0x80) {
                lo = 0x80;
                hi = 0xBF;
                if (c >= 0xC2 && c <= 0xDF) {
                    more = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    more = 2;
                    if (c == 0xE0) {
                        lo = 0xA0;
                    } else if (c == 0xED) {
                        hi = 0x9F;
                    }
                } else if (c >= 0xF0 && c <= 0xF4) {
                    more = 3;
                    if (c == 0xF0) {
                        lo = 0x90;
                    } else if (c == 0xF4) {
                        hi = 0x8F;
                    }
                } else {
                    return INVALID;
                }
            }
        }
        return more == 0 ? COMPLETE : more | lo << 8 | hi << 16;
    }
}
