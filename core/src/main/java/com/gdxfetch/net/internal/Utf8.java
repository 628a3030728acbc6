package com.gdxfetch.net.internal;

/**
 * Strict UTF-8 validation, shared by the WebSocket frames (text messages, close reasons) and the
 * event-stream parser; pure Java, so the web build compiles it too.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Whether {@code b[off, off + len)} is well-formed UTF-8: no overlong forms, no surrogates,
     * nothing above U+10FFFF, no sequence cut short (RFC 3629).
     */
    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
            } else {
                return false;
            }
            if (end - i <= more) {
                return false;
            }
            int c1 = b[i + 1] & 0xff;
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)
                    || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
                return false;
            }
            for (int k = 1; k <= more; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }
}
