package com.gdxfetch.net.internal;

/** Parses a {@code Content-Range} field (RFC 9110 section 14.4) of a response. */
final class ContentRange {
    private ContentRange() {
    }

    /**
     * {@code bytes first-last/complete} as {first, last, complete}, with -1 for a {@code *}
     * complete length; {@code bytes * /complete} (an unsatisfied range) as {-1, -1, complete};
     * null when the value is missing or malformed.
     */
    static long[] parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 6 || !v.regionMatches(true, 0, "bytes", 0, 5) || v.charAt(5) != ' ') {
            return null;
        }
        v = v.substring(6).trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String range = v.substring(0, slash).trim();
        String complete = v.substring(slash + 1).trim();
        long whole = complete.equals("*") ? -1 : digits(complete);
        if (whole < 0 && !complete.equals("*")) {
            return null;
        }
        if (range.equals("*")) {
            return whole < 0 ? null : new long[] {-1, -1, whole};
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = digits(range.substring(0, dash));
        long last = digits(range.substring(dash + 1));
        if (first < 0 || last < first || (whole >= 0 && last >= whole)) {
            return null;
        }
        return new long[] {first, last, whole};
    }

    /** The decimal number {@code s}, or -1 when it is not one below 2^62. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
