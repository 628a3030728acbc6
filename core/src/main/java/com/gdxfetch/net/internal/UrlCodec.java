package com.gdxfetch.net.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding and decoding of query and form components, always UTF-8. */
public final class UrlCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlCodec() {
    }

    /** Encodes a query name or value: unreserved characters kept, everything else %XX. */
    public static String encodeQueryComponent(String s) {
        return encode(s, false);
    }

    /** Encodes a form field name or value: as a query component but spaces become '+'. */
    public static String encodeFormComponent(String s) {
        return encode(s, true);
    }

    private static String encode(String s, boolean spaceAsPlus) {
        StringBuilder out = null;
        byte[] bytes = null;
        for (int i = 0; i < s.length(); i++) {
            if (!isUnreserved(s.charAt(i))) {
                bytes = wellFormed(s).getBytes(StandardCharsets.UTF_8);
                out = new StringBuilder(bytes.length + 16);
                break;
            }
        }
        if (out == null) {
            return s;
        }
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x80 && isUnreserved((char) c)) {
                out.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * {@code s} with every unpaired surrogate made U+FFFD, as browsers encode text for a URL or a
     * form (WHATWG, a USVString): the JDK's encoder writes '?', a real character the server
     * cannot tell from a typed one.
     */
    private static String wellFormed(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean high = c >= '\uD800' && c <= '\uDBFF';
            boolean paired = high && i + 1 < s.length() && s.charAt(i + 1) >= '\uDC00' && s.charAt(i + 1) <= '\uDFFF';
            if (paired) {
                i++;
            } else if (isSurrogate(c)) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? s : new String(chars);
    }

    /**
     * Appends the character (or surrogate pair) at {@code s[i]} percent-encoded as UTF-8.
     *
     * @return the index of its last char in {@code s}
     * @throws IllegalArgumentException for a lone surrogate, which has no UTF-8 form
     */
    static int appendUtf8Escaped(StringBuilder out, String s, int i) {
        int codePoint = s.codePointAt(i);
        if (isSurrogate(s.charAt(i)) && !Character.isSupplementaryCodePoint(codePoint)) {
            throw new IllegalArgumentException("has an unpaired surrogate at index " + i);
        }
        int last = i + Character.charCount(codePoint) - 1;
        for (byte b : s.substring(i, last + 1).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
        return last;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Decodes a query or form component: '+' is a space, %XX a UTF-8 byte.
     *
     * @throws IllegalArgumentException on a truncated or non-hex escape
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c == '+' ? ' ' : c);
                i++;
                continue;
            }
            escaped.reset();
            while (i < s.length() && s.charAt(i) == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated escape at index " + i + " in '" + s + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid escape '" + s.substring(i, i + 3)
                            + "' at index " + i + " in '" + s + "'");
                }
                escaped.write(hi << 4 | lo);
                i += 3;
            }
            out.append(new String(escaped.toByteArray(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** As {@code Character.isSurrogate}, which the web's JRE lacks. */
    private static boolean isSurrogate(char c) {
        return c >= '\uD800' && c <= '\uDFFF';
    }
}
