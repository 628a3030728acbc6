package com.gdxfetch.net.internal;

/**
 * Walks the attributes of one Set-Cookie field, as RFC 6265 section 5.2 splits them: the
 * name-value pair up to the first ';', then each ';'-separated attribute with its name and value
 * trimmed. One field, one thread.
 */
final class CookieAttributes {
    private final String field;
    private final int pairEnd;
    private int from;
    /** The current attribute as it was written, between its semicolons. */
    String raw;
    /** The current attribute's name, trimmed. */
    String name;
    /** The current attribute's value, trimmed; empty when it has no '='. */
    String value;

    CookieAttributes(String field) {
        this.field = field;
        int semicolon = field.indexOf(';');
        this.pairEnd = semicolon < 0 ? field.length() : semicolon;
        this.from = pairEnd + 1;
    }

    /** The name-value pair, before the first ';', untrimmed. */
    String pair() {
        return field.substring(0, pairEnd);
    }

    /** Whether the field has attributes after its pair. */
    boolean hasAttributes() {
        return pairEnd < field.length();
    }

    /** Moves to the next attribute; false when there is none. */
    boolean next() {
        if (from > field.length()) {
            return false;
        }
        int end = field.indexOf(';', from);
        if (end < 0) {
            end = field.length();
        }
        raw = field.substring(from, end);
        int eq = raw.indexOf('=');
        name = (eq < 0 ? raw : raw.substring(0, eq)).trim();
        value = eq < 0 ? "" : raw.substring(eq + 1).trim();
        from = end + 1;
        return true;
    }
}
