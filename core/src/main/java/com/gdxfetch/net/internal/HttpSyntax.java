package com.gdxfetch.net.internal;

/**
 * The character classes of RFC 9110 section 5.6 that header and chunk parsing check bytes against,
 * and its quoted-string. Any thread.
 */
public final class HttpSyntax {
    private HttpSyntax() {
    }

    /**
     * Reads the quoted-string (RFC 9110 section 5.6.4) whose opening quote is at {@code open} in
     * {@code s} into {@code into}, a backslash taking the next character as it is, so that an
     * escaped quote neither ends it nor lets what follows be read as more of the field; returns
     * the index after its closing quote, or {@code s.length()} when none closes it.
     */
    public static int readQuotedString(String s, int open, StringBuilder into) {
        int n = s.length();
        int i = open + 1;
        while (i < n && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\' && i < n) {
                c = s.charAt(i++);
            }
            into.append(c);
        }
        return Math.min(n, i + 1);
    }

    /** A token character (tchar): field names, transfer codings, chunk extension names. */
    static boolean isTokenChar(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        switch (c) {
            case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
            case '.': case '^': case '_': case '`': case '|': case '~':
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether {@code c} (0-255) may appear in a field value, reason phrase or quoted string:
     * anything but the control characters other than HTAB (RFC 9110 section 5.5 makes NUL, CR
     * and LF invalid and dangerous; the other controls are invalid too, and no server needs them).
     */
    static boolean isFieldChar(int c) {
        return c >= 0x20 ? c != 0x7f : c == '\t';
    }

    /** The index of the first byte of {@code line[from..to)} that may not appear in a field value, or -1. */
    static int firstBadFieldChar(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isFieldChar(line[i] & 0xff)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
