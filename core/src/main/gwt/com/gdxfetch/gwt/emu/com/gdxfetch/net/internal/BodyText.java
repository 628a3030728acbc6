package com.gdxfetch.net.internal;

import java.nio.charset.StandardCharsets;

/**
 * A body's bytes as text, as desktop's {@code BodyText} reads them: the web's {@code Charset}
 * knows only UTF-8 and ISO-8859-1 (and its UTF-8 throws on a malformed byte), so the browser's
 * {@code TextDecoder} decodes every label it knows. Where a label means one thing to Java and
 * another to the WHATWG Encoding standard, Java's meaning is kept: ISO-8859-1 and US-ASCII and
 * their aliases (windows-1252 to a browser) decode byte for byte, ISO-8859-9 (windows-1254 to a
 * browser) keeps its C1 controls, Java's aliases of UTF-16 read as UTF-16LE as on desktop, and a
 * label neither knows is UTF-8. Update thread.
 */
public final class BodyText {
    private static final String[] LATIN1 = {"iso-8859-1", "819", "iso8859-1", "l1", "iso_8859-1:1987", "iso_8859-1",
        "8859_1", "iso-ir-100", "latin1", "cp819", "iso8859_1", "ibm819", "iso_8859_1", "ibm-819", "csisolatin1"};
    private static final String[] ASCII = {"us-ascii", "ansi_x3.4-1968", "cp367", "csascii", "iso-ir-6", "ascii",
        "iso_646.irv:1983", "ansi_x3.4-1986", "ascii7", "default", "iso_646.irv:1991", "iso646-us", "ibm367", "646",
        "us"};
    /** ISO-8859-9 to Java, windows-1254 to a browser: the same but for 0x80 to 0x9F. */
    private static final String[] LATIN5 = {"iso-8859-9", "ibm-920", "iso_8859-9", "8859_9", "iso_8859-9:1989",
        "ibm920", "latin5", "l5", "iso8859_9", "cp920", "920", "iso-ir-148", "iso8859-9", "csisolatin5"};
    private static final String[] UTF16 = {"utf-16", "utf_16", "unicode", "utf16", "unicodebig"};

    private BodyText() {
    }

    /**
     * {@code body} decoded in {@code encoding} (a charset label), malformed bytes as U+FFFD; a
     * leading byte order mark stays in the text.
     */
    public static String decode(byte[] body, String encoding) {
        String label = legalName(encoding) ? encoding.toLowerCase() : "utf-8";
        if (contains(LATIN1, label)) {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
        if (contains(ASCII, label)) {
            char[] chars = new char[body.length];
            for (int i = 0; i < body.length; i++) {
                chars[i] = body[i] < 0 ? '\uFFFD' : (char) body[i];
            }
            return new String(chars);
        }
        if (contains(LATIN5, label)) {
            String text = browserDecode(body, "windows-1254");
            if (text != null) {
                // One char a byte: the C1 controls Java reads where windows-1254 has printable signs.
                char[] chars = text.toCharArray();
                for (int i = 0; i < body.length; i++) {
                    int b = body[i] & 0xFF;
                    if (b >= 0x80 && b <= 0x9F) {
                        chars[i] = (char) b;
                    }
                }
                return new String(chars);
            }
        }
        if (contains(UTF16, label)) {
            label = "utf-16le";
        }
        String text = browserDecode(body, label);
        return text != null ? text : browserDecode(body, "utf-8");
    }

    /** Whether Java would look {@code name} up at all: otherwise desktop reads the body as UTF-8. */
    private static boolean legalName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '-' && c != '+' && c != ':' && c != '_' && c != '.'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] labels, String label) {
        for (String each : labels) {
            if (each.equals(label)) {
                return true;
            }
        }
        return false;
    }

    /** The browser's decoding of {@code body} in {@code label}, or null for a label it does not know. */
    private static native String browserDecode(byte[] body, String label) /*-{
        var decoder;
        try {
            // ignoreBOM keeps a leading mark in the text, as Java's decoders do; the caller drops one.
            decoder = new TextDecoder(label, {ignoreBOM: true});
        } catch (e) {
            return null;
        }
        return decoder.decode(new Int8Array(body));
    }-*/;
}
