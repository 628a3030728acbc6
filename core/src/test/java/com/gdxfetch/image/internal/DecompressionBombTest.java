package com.gdxfetch.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.badlogic.gdx.utils.GdxNativesLoader;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.gdxfetch.net.FailureKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body of a few bytes must not make the decoder allocate (and, for JPEG, BMP, TGA, PSD and HDR,
 * write) an image of the size its header claims: libGDX's decoder (stb_image) reads past the end
 * of a short body as zeros, so a 600-byte JPEG declaring 16000x16000 decodes to a gigabyte. Each
 * body judged by its header here is judged with no decode slot free: one that goes on to the
 * decoder waits for a slot and is caught, so nothing is ever allocated by a failing test. A PNG's
 * pixel data is judged in its slot, as decoding work, and then never reaches the decoder.
 */
class DecompressionBombTest {
    private static final int LIMIT = 1024;
    private static final long PIXELS = 64L << 20;

    @BeforeAll
    static void natives() {
        GdxNativesLoader.load();
    }

    /** What the decoder makes of {@code body} before it would take a decode slot; fails if it would take one. */
    private static Decoded judgedFromTheHeader(String what, byte[] body, int maxSize, long maxPixels) {
        return judged(what, body, maxSize, maxPixels, 0, "went on to the decoder, which would allocate what it declares");
    }

    /**
     * What the decoder makes of a PNG {@code body} given one decode slot: its pixel data is
     * judged in the slot, before the decoder sees it; fails if nothing came within 10 s.
     */
    private static Decoded judgedInItsSlot(String what, byte[] body) {
        return judged(what, body, LIMIT, PIXELS, 1, "went on to the decoder, which is still inflating it");
    }

    private static Decoded judged(String what, byte[] body, int maxSize, long maxPixels, int slots, String stuck) {
        RemoteFile file = new RemoteFile(null, "http://127.0.0.1/" + what, false, null);
        FutureTask<Decoded> task = new FutureTask<>(
                () -> FileDecoder.decode(file, body, 200, null, maxSize, maxPixels, new Semaphore(slots)));
        Thread thread = new Thread(task, "decode " + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            fail(what + " (" + body.length + " bytes) " + stuck);
            return null;
        } catch (Exception e) {
            throw new AssertionError(what + " threw", e);
        }
    }

    private static void assertRefused(Decoded decoded, FailureKind kind, String... parts) {
        assertEquals(kind, decoded.failure, decoded.detail);
        assertNull(decoded.pixmap);
        for (String part : parts) {
            assertTrue(decoded.detail.contains(part), decoded.detail + " should name " + part);
        }
    }

    // ---- bodies whose header the old check could not read

    @Test
    void aJpegWithPaddingBetweenItsSegmentsIsJudgedByItsFrameHeader() throws IOException {
        byte[] jpeg = jpegDeclaring(40_000, 30_000);
        int frame = indexOfMarker(jpeg, 0xc0);
        // The decoder skips bytes that are not a marker between segments, as some writers leave them.
        byte[] padded = concat(Arrays.copyOf(jpeg, frame), new byte[] {0, 0x20, 0}, Arrays.copyOfRange(jpeg, frame,
                jpeg.length));
        assertRefused(judgedFromTheHeader("padded.jpg", padded, LIMIT, PIXELS), FailureKind.TOO_LARGE,
                "40000x30000", "1024");
    }

    @Test
    void aJpegWithFillBytesBeforeItsStartMarkerIsJudgedByItsFrameHeader() throws IOException {
        byte[] jpeg = concat(new byte[] {(byte) 0xff, (byte) 0xff}, jpegDeclaring(40_000, 30_000));
        assertRefused(judgedFromTheHeader("filled.jpg", jpeg, LIMIT, PIXELS), FailureKind.TOO_LARGE, "40000x30000");
    }

    @Test
    void anIphonePngWithACgbiChunkBeforeItsHeaderIsJudgedByItsHeader() {
        assertRefused(judgedFromTheHeader("iphone.png", iphonePng(40_000, 30_000), LIMIT, PIXELS),
                FailureKind.TOO_LARGE, "40000x30000");
    }

    @Test
    void formatsTheDecoderReadsButNoHeaderCheckCoversAreRefusedUndecoded() {
        byte[][] bodies = {tga(64, 64), psd(64, 64), hdr(64, 64), pnm(64, 64), pic(64, 64)};
        String[] names = {"a.tga", "a.psd", "a.hdr", "a.ppm", "a.pic"};
        for (int i = 0; i < bodies.length; i++) {
            assertRefused(judgedFromTheHeader(names[i], bodies[i], LIMIT, PIXELS), FailureKind.DECODE,
                    "PNG, JPEG, GIF and BMP");
        }
    }

    @Test
    void aPngWhosePixelDataInflatesPastWhatItsHeaderCallsForIsRefusedUndecoded() {
        // The decoder inflates all of it before comparing: 256 KiB of zeros here would be 256 MiB.
        byte[] png = TestBodies.pngInflatingTo(2, 2, 256 << 20);
        assertTrue(png.length < 1 << 20, "a small body: " + png.length);
        assertRefused(judgedInItsSlot("inflating.png", png), FailureKind.TOO_LARGE, "2x2",
                "6 bytes");
    }

    @Test
    void aPngWhosePixelDataStopsMidStreamIsRefusedUndecoded() {
        // The decoder reads on past the end as zero bits, which here go on decoding as pixels.
        byte[] png = TestBodies.pngCutMidStream(64, 64);
        assertRefused(judgedInItsSlot("cut.png", png), FailureKind.DECODE, "cut short");
    }

    // ---- the pixel limit: an image within the texture size per side can still be gigabytes

    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeaderInEveryFormat() throws IOException {
        long limit = 4000L * 4000;
        byte[][] bodies = {jpegDeclaring(4001, 4000), TestBodies.png(4000, 4001), gif(4001, 4001), bmp(4000, 4001)};
        for (byte[] body : bodies) {
            assertRefused(judgedFromTheHeader("big", body, 16384, limit), FailureKind.TOO_LARGE, "pixels",
                    Long.toString(limit));
        }
    }

    @Test
    void theFirstAtlasPageOverWhatThePagesMayHoldTogetherIsRefusedUndecoded() throws IOException {
        // 256 pages of a few hundred bytes, each declaring as much as one image may be, would
        // otherwise bring in 256 times the per-image limit for one load.
        RemoteSet set = new RemoteSet("http://127.0.0.1/hero.atlas", null);
        long perImage = 8192L * 8192;
        for (int i = 0; i < 4; i++) {
            assertTrue(set.claimPagePixels(perImage, AtlasRegions.MAX_ATLAS_PIXELS) > 0, "page " + i);
        }
        RemoteFile page = new RemoteFile(set, "http://127.0.0.1/p5.jpg", false, new TextureAtlasData.Page());
        byte[] body = jpegDeclaring(8192, 8192);
        FutureTask<Decoded> task = new FutureTask<>(
                () -> FileDecoder.decode(page, body, 200, null, 16384, perImage, new Semaphore(0)));
        Thread thread = new Thread(task, "decode page");
        thread.setDaemon(true);
        thread.start();
        Decoded decoded;
        try {
            decoded = task.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("the fifth 8192x8192 page went on to the decoder");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertRefused(decoded, FailureKind.TOO_LARGE, "hero.atlas", Long.toString(AtlasRegions.MAX_ATLAS_PIXELS));
        assertEquals(4 * perImage, set.pagePixels(), "the refused page is not counted");
    }

    // ---- what a game serves still decodes

    @Test
    void ordinaryFilesOfEveryFormatDecode() throws IOException {
        byte[][] bodies = {encode("png", 37, 23), interlacedPng(37, 23, BufferedImage.TYPE_INT_ARGB),
            interlacedPng(37, 23, BufferedImage.TYPE_USHORT_GRAY),
            interlacedPng(37, 23, BufferedImage.TYPE_BYTE_BINARY),
            encode("jpeg", 37, 23), progressiveJpeg(37, 23), encode("gif", 37, 23), encode("bmp", 37, 23),
            concat(new byte[] {(byte) 0xff}, encode("jpeg", 37, 23)), TestBodies.pngInflatingTo(37, 23, 23 * 38)};
        for (byte[] body : bodies) {
            RemoteFile file = new RemoteFile(null, "http://127.0.0.1/ok", false, null);
            Decoded decoded;
            try {
                decoded = FileDecoder.decode(file, body, 200, null, LIMIT, 37 * 23, new Semaphore(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertNull(decoded.failure, decoded.detail);
            assertNotNull(decoded.pixmap);
            assertEquals(37, decoded.pixmap.getWidth());
            assertEquals(23, decoded.pixmap.getHeight());
            decoded.dispose();
        }
    }

    // ---- bodies

    private static byte[] encode(String format, int width, int height) throws IOException {
        int type = format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(new BufferedImage(width, height, type), format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    private static byte[] progressiveJpeg(int width, int height) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), null, null),
                    param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        assertTrue(indexOfMarker(jpeg, 0xc2) > 0, "progressive");
        return jpeg;
    }

    /** An Adam7-interlaced PNG of {@code type}'s samples (16-bit grey, 1-bit palette, ...). */
    private static byte[] interlacedPng(int width, int height, int type) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(new BufferedImage(width, height, type), null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] png = out.toByteArray();
        assertEquals(1, png[8 + 8 + 12], "interlaced");
        return png;
    }

    /** A real 8x8 JPEG whose frame header is rewritten to declare {@code width} x {@code height}. */
    private static byte[] jpegDeclaring(int width, int height) throws IOException {
        byte[] jpeg = encode("jpeg", 8, 8);
        int frame = indexOfMarker(jpeg, 0xc0);
        jpeg[frame + 5] = (byte) (height >> 8);
        jpeg[frame + 6] = (byte) height;
        jpeg[frame + 7] = (byte) (width >> 8);
        jpeg[frame + 8] = (byte) width;
        return jpeg;
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }

    /** Apple's PNG variant: a CgBI chunk before the header, then raw deflate data. */
    private static byte[] iphonePng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TestBodies.PNG_SIGNATURE, 0, 8);
        TestBodies.chunk(out, "CgBI", new byte[] {0x50, 0, 0x20, 0x02});
        TestBodies.chunk(out, "IHDR", TestBodies.ihdr(width, height, 0));
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(new byte[8]);
        deflater.finish();
        byte[] compressed = new byte[64];
        TestBodies.chunk(out, "IDAT", Arrays.copyOf(compressed, deflater.deflate(compressed)));
        deflater.end();
        TestBodies.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] gif(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height);
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0x3b);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] bmp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(16)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        return b.array();
    }

    /** Run-length encoded true-colour TGA: 18 header bytes and a few of pixels. */
    private static byte[] tga(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) 10).put(new byte[5]).putShort((short) 0).putShort((short) 0);
        b.putShort((short) width).putShort((short) height).put((byte) 24).put((byte) 0);
        return b.array();
    }

    private static byte[] psd(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(56);
        b.put("8BPS".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).put(new byte[6]).putShort((short) 3);
        b.putInt(height).putInt(width).putShort((short) 8).putShort((short) 3).putInt(0).putInt(0).putInt(0);
        b.putShort((short) 0);
        return b.array();
    }

    private static byte[] hdr(int width, int height) {
        return concat(("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y " + height + " +X " + width + "\n")
                .getBytes(StandardCharsets.US_ASCII), new byte[16]);
    }

    private static byte[] pnm(int width, int height) {
        return concat(("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII), new byte[16]);
    }

    /** Softimage PIC: magic, 80 bytes of comment and id, size, then one uncompressed RGB channel packet. */
    private static byte[] pic(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(128);
        b.put(new byte[] {0x53, (byte) 0x80, (byte) 0xf6, 0x34}).put(new byte[84]);
        b.put("PICT".getBytes(StandardCharsets.US_ASCII), 0, 4);
        b.putShort((short) width).putShort((short) height).put(new byte[8]);
        b.put((byte) 0).put((byte) 8).put((byte) 0).put((byte) 0xe0);
        return Arrays.copyOf(b.array(), b.position() + 16);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** PNG pieces. */
    static final class TestBodies {
        static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

        private TestBodies() {
        }

        static byte[] ihdr(int width, int height, int colourType) {
            return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colourType)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array();
        }

        /** A grey PNG declaring {@code width} x {@code height} with the data of one row. */
        static byte[] png(int width, int height) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PNG_SIGNATURE, 0, 8);
            chunk(out, "IHDR", ihdr(width, height, 0));
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[width + 1]);
            deflater.finish();
            byte[] compressed = new byte[width + 64];
            chunk(out, "IDAT", Arrays.copyOf(compressed, deflater.deflate(compressed)));
            deflater.end();
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        /**
         * A grey PNG declaring {@code width} x {@code height} whose pixel data inflates to
         * {@code inflated} zero bytes, split over IDAT chunks of 8 KiB as encoders write them.
         */
        static byte[] pngInflatingTo(int width, int height, int inflated) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PNG_SIGNATURE, 0, 8);
            chunk(out, "IHDR", ihdr(width, height, 0));
            Deflater deflater = new Deflater(9);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] zeros = new byte[Math.min(inflated, 1 << 16)];
            byte[] buffer = new byte[8192];
            for (int left = inflated; left > 0; left -= zeros.length) {
                deflater.setInput(zeros, 0, Math.min(left, zeros.length));
                while (!deflater.needsInput()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            byte[] data = compressed.toByteArray();
            for (int at = 0; at < data.length; at += 8192) {
                chunk(out, "IDAT", Arrays.copyOfRange(data, at, Math.min(data.length, at + 8192)));
            }
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        /**
         * A grey PNG declaring {@code width} x {@code height} whose zlib data ends a few hundred
         * pixels into a block that codes a zero byte as a single 0 bit.
         */
        static byte[] pngCutMidStream(int width, int height) {
            Deflater deflater = new Deflater(9);
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            deflater.setInput(new byte[1 << 16]);
            deflater.finish();
            byte[] compressed = new byte[1 << 17];
            int length = 0;
            while (!deflater.finished()) {
                length += deflater.deflate(compressed, length, compressed.length - length);
            }
            deflater.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PNG_SIGNATURE, 0, 8);
            chunk(out, "IHDR", ihdr(width, height, 0));
            chunk(out, "IDAT", Arrays.copyOf(compressed, Math.min(length, 60)));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
            byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(typeBytes);
            crc.update(data);
            ByteBuffer framed = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                    .putInt((int) crc.getValue());
            out.write(framed.array(), 0, framed.capacity());
        }
    }
}
