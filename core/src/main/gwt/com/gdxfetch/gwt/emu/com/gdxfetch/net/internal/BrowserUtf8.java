package com.gdxfetch.net.internal;

/**
 * UTF-8 as the browser encodes a JavaScript string: lengths for the limits a channel enforces,
 * bytes for the event-stream parser, which reads bytes, and header values sent as UTF-8. A lone
 * surrogate becomes U+FFFD, three bytes, as the browser's own encoder makes it. Update thread.
 */
final class BrowserUtf8 {
    private BrowserUtf8() {
    }

    /** The UTF-8 bytes of {@code text}. */
    static byte[] bytes(String text) {
        byte[] out = new byte[length(text)];
        encode(text, out);
        return out;
    }

    /**
     * The UTF-8 bytes of {@code text}, one char each (U+0000 to U+00FF): what a header value must
     * be for the browser to send those bytes, as it sends each char of a value as one byte.
     */
    static String byteString(String text) {
        byte[] bytes = bytes(text);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = (char) (bytes[i] & 0xFF);
        }
        return new String(chars);
    }

    /** The number of UTF-8 bytes {@code text} encodes to. */
    static native int length(String text) /*-{
        var n = 0;
        for (var i = 0; i < text.length; i++) {
            var c = text.charCodeAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length
                    && text.charCodeAt(i + 1) >= 0xDC00 && text.charCodeAt(i + 1) <= 0xDFFF) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }-*/;

    private static native void encode(String text, byte[] out) /*-{
        var bytes = new TextEncoder().encode(text);
        for (var i = 0; i < bytes.length; i++) {
            // A Java byte is signed.
            out[i] = (bytes[i] << 24) >> 24;
        }
    }-*/;
}
