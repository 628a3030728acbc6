package com.gdxfetch.net.internal;

/**
 * UTF-8 as the browser encodes a JavaScript string: lengths for the limits a channel enforces,
 * and bytes for the event-stream parser, which reads bytes. A lone surrogate becomes U+FFFD, three
 * bytes, as the browser's own encoder makes it. Update thread.
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
