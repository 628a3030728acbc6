package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Response fields read by one rule in every build: the socket transport reads bytes, a browser
 * hands the web build each byte as one char, and both give the game the same text.
 */
class Utf8FieldTextTest {
    private static String byteString(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8BytesReadAsTheirTextWhetherGivenAsBytesOrOneCharAByte() {
        byte[] utf8 = "Jos\u00e9 \u2713".getBytes(StandardCharsets.UTF_8);

        assertEquals("Jos\u00e9 \u2713", Utf8.fieldText(utf8, 0, utf8.length));
        assertEquals("Jos\u00e9 \u2713", Utf8.fieldText(byteString(utf8)));
    }

    @Test
    void latin1BytesKeepOneCharacterEachWhetherGivenAsBytesOrOneCharAByte() {
        byte[] latin1 = "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("caf\u00e9 cr\u00e8me", Utf8.fieldText(latin1, 0, latin1.length));
        assertEquals("caf\u00e9 cr\u00e8me", Utf8.fieldText(byteString(latin1)));
    }

    @Test
    void asciiIsHandedBackAsItIs() {
        String ascii = "application/json; charset=utf-8";

        assertSame(ascii, Utf8.fieldText(ascii));
    }

    @Test
    void aSliceIsReadAloneSoBytesAroundItDoNotDecideItsEncoding() {
        byte[] line = ("X: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[line.length + 3];
        System.arraycopy(line, 0, both, 0, line.length);
        System.arraycopy("\u2713".getBytes(StandardCharsets.UTF_8), 0, both, line.length, 3);

        assertEquals("caf\u00e9", Utf8.fieldText(both, 3, line.length - 3));
        assertEquals("\u2713", Utf8.fieldText(both, line.length, 3));
    }
}
