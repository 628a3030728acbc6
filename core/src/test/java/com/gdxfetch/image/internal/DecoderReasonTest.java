package com.gdxfetch.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.GdxNativesLoader;
import com.gdxfetch.net.FailureKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies whose header is fine but which the decoder refuses: the failure says why the decoder
 * refused them, since "corrupt or cut short" alone sends a game's developer looking for a broken
 * download when the file is whole and only in a variant the decoder does not read.
 */
class DecoderReasonTest {
    @BeforeAll
    static void natives() {
        GdxNativesLoader.load();
    }

    private static Decoded decode(String name, byte[] body) throws InterruptedException {
        RemoteFile file = new RemoteFile(null, "http://127.0.0.1/" + name, false, null);
        return FileDecoder.decode(file, body, 200, "image/x-test", 4096, 1L << 24, new Semaphore(1));
    }

    @Test
    void aRunLengthEncodedBmpFailsAsDecodeNamingTheDecodersReason() throws InterruptedException {
        Decoded decoded = decode("rle.bmp", rleBmp(8, 8));
        assertEquals(FailureKind.DECODE, decoded.failure, decoded.detail);
        assertNull(decoded.pixmap);
        assertTrue(decoded.detail.contains("RLE"), decoded.detail);
    }

    @Test
    void aGifWithNoFramesFailsAsDecodeSayingSo() throws InterruptedException {
        // After another failure on the same thread, whose reason the decoder still holds.
        decode("rle.bmp", rleBmp(8, 8));
        Decoded decoded = decode("empty.gif", gifWithoutFrames(16, 16));
        assertEquals(FailureKind.DECODE, decoded.failure, decoded.detail);
        assertNull(decoded.pixmap);
        assertTrue(decoded.detail.contains("holds no image"), decoded.detail);
    }

    /** An 8-bit BMP whose info header says BI_RLE8, with an empty palette and one end-of-bitmap code. */
    private static byte[] rleBmp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + 4 * 256 + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(14 + 40 + 4 * 256);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 8).putInt(1)
                .putInt(2).putInt(2835).putInt(2835).putInt(256).putInt(0);
        b.position(b.position() + 4 * 256);
        b.put((byte) 0).put((byte) 1);
        return b.array();
    }

    /** A GIF89a with its logical screen and trailer and no image in between. */
    private static byte[] gifWithoutFrames(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(6 + 7 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0x3b);
        return b.array();
    }
}
