package com.gdxfetch.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.GdxNativesLoader;
import com.gdxfetch.net.FailureKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GIF or BMP cut short anywhere in its pixel data: the decoder reads past the end as zeros and
 * hands back an image whose missing part is blank, so a file a server stored half-written would
 * be drawn, and kept in the disk cache, as if it were whole. Each fails as a truncated PNG does.
 */
class TruncatedImageTest {
    @BeforeAll
    static void natives() {
        GdxNativesLoader.load();
    }

    private static Decoded decode(byte[] body) throws InterruptedException {
        RemoteFile file = new RemoteFile(null, "http://127.0.0.1/cut", false, null);
        return FileDecoder.decode(file, body, 200, null, 4096, 1L << 24, new Semaphore(1));
    }

    private static byte[] noise(String format) throws IOException {
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                image.setRGB(x, y, x * 7919 + y * 104729);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    private static void assertEveryCutFails(String format, byte[] whole, int wholeFrom) throws InterruptedException {
        Decoded full = decode(Arrays.copyOf(whole, wholeFrom));
        assertNull(full.failure, full.detail);
        full.dispose();
        for (int length = 0; length < wholeFrom; length++) {
            Decoded decoded = decode(Arrays.copyOf(whole, length));
            assertEquals(FailureKind.DECODE, decoded.failure,
                    format + " cut to " + length + " of " + whole.length + " bytes decoded as if whole");
            assertNull(decoded.pixmap);
        }
    }

    @Test
    void aGifCutShortAnywhereBeforeTheEndOfItsImageFailsAsDecode() throws Exception {
        byte[] gif = noise("gif");
        assertEquals(0x3b, gif[gif.length - 1] & 0xff, "ends with the trailer");
        // Without only its trailer the image is whole.
        assertEveryCutFails("GIF", gif, gif.length - 1);
    }

    @Test
    void aBmpCutShortAnywhereInItsPixelsFailsAsDecode() throws Exception {
        assertEveryCutFails("BMP", noise("bmp"), noise("bmp").length);
    }
}
