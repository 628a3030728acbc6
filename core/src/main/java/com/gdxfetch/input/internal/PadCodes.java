package com.gdxfetch.input.internal;

/**
 * One family of gamepad codes (buttons or axes): standard names for the low codes, and raw
 * device indices above a base, each with a readable name that parses back. Immutable.
 */
public final class PadCodes {
    private final String kind;
    private final String[] names;
    private final String rawPrefix;
    private final int rawBase;
    private final int maxRawIndex;

    /**
     * @param kind what the codes are, for error messages ("pad button")
     * @param names the standard names, indexed by code
     * @param rawPrefix the name of a raw index without the number ("Button ")
     */
    public PadCodes(String kind, String[] names, String rawPrefix, int rawBase, int maxRawIndex) {
        this.kind = kind;
        this.names = names;
        this.rawPrefix = rawPrefix;
        this.rawBase = rawBase;
        this.maxRawIndex = maxRawIndex;
    }

    /** The code for a raw device index; throws naming the range when out of it. */
    public int raw(int index) {
        if (index < 0 || index > maxRawIndex) {
            throw new IllegalArgumentException("raw " + kind + " index out of range 0.." + maxRawIndex + ": " + index);
        }
        return rawBase + index;
    }

    /** Whether {@code code} is a named or a raw code. */
    public boolean isValid(int code) {
        return (code >= 0 && code < names.length) || (code >= rawBase && code <= rawBase + maxRawIndex);
    }

    /** The readable name of {@code code}; throws when it is not valid. */
    public String toString(int code) {
        if (code >= 0 && code < names.length) {
            return names[code];
        }
        if (isValid(code)) {
            return rawPrefix + (code - rawBase);
        }
        throw new IllegalArgumentException("not a " + kind + " code: " + code);
    }

    /** The code for a name produced by {@link #toString(int)}, or -1. */
    public int valueOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        if (name.startsWith(rawPrefix)) {
            int index = parseIndex(name.substring(rawPrefix.length()));
            return index >= 0 && index <= maxRawIndex ? rawBase + index : -1;
        }
        return -1;
    }

    /** A non-negative decimal of at most three digits, without sign or leading zeros, else -1. */
    public static int parseIndex(String digits) {
        if (digits.isEmpty() || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
