package com.gdxfetch.net.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * A body's bytes as text in the encoding its byte order mark or Content-Type label names. The web
 * build replaces this class with one over the browser's {@code TextDecoder}, whose labels follow
 * the same rules. Any thread.
 */
public final class BodyText {
    private BodyText() {
    }

    /**
     * {@code body} decoded in {@code encoding} (a charset label), malformed bytes as U+FFFD; a
     * leading byte order mark stays in the text.
     */
    public static String decode(byte[] body, String encoding) {
        return new String(body, charset(encoding));
    }

    /**
     * The charset {@code encoding} labels: UTF-8 for a label this JVM does not know, and UTF-16LE
     * for "utf-16" (big-endian in Java without a mark, little-endian in the WHATWG Encoding
     * standard and so in every browser).
     */
    public static Charset charset(String encoding) {
        Charset named;
        try {
            named = Charset.forName(encoding.toUpperCase(Locale.ROOT));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
        return named.name().equals("UTF-16") ? StandardCharsets.UTF_16LE : named;
    }
}
