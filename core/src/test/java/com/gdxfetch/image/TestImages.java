package com.gdxfetch.image;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.utils.GdxNativesLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Images and atlases made by the tests, as PNG bytes and files. */
final class TestImages {
    static final int RED = 0xff0000ff;
    static final int GREEN = 0x00ff00ff;
    static final int BLUE = 0x0000ffff;
    static final int WHITE = 0xffffffff;

    static {
        GdxNativesLoader.load();
    }

    private TestImages() {
    }

    /** A PNG of one colour. */
    static byte[] solid(int width, int height, int rgba) {
        Pixmap pixmap = new Pixmap(width, height, Pixmap.Format.RGBA8888);
        pixmap.setColor(rgba);
        pixmap.fill();
        return encode(pixmap);
    }

    /** A square PNG in four colours: top-left, top-right, bottom-left, bottom-right. */
    static byte[] quadrants(int size) {
        Pixmap pixmap = new Pixmap(size, size, Pixmap.Format.RGBA8888);
        int half = size / 2;
        pixmap.setColor(RED);
        pixmap.fillRectangle(0, 0, half, half);
        pixmap.setColor(GREEN);
        pixmap.fillRectangle(half, 0, half, half);
        pixmap.setColor(BLUE);
        pixmap.fillRectangle(0, half, half, half);
        pixmap.setColor(WHITE);
        pixmap.fillRectangle(half, half, half, half);
        return encode(pixmap);
    }

    /** A PNG of random opaque pixels, which compresses badly: a realistically large file. */
    static byte[] noise(int width, int height, long seed) {
        Pixmap pixmap = new Pixmap(width, height, Pixmap.Format.RGBA8888);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixmap.drawPixel(x, y, random.nextInt() | 0xff);
            }
        }
        return encode(pixmap);
    }

    /**
     * A TexturePacker manifest for a {@link #quadrants} page of {@code size}: regions
     * {@code hero/run} index 1 (red) and 2 (green), {@code hero/idle} (blue), {@code items/coin} (white).
     */
    static byte[] quadrantAtlas(String pageName, int size) {
        int h = size / 2;
        String text = "\n" + pageName + "\n"
                + "size: " + size + "," + size + "\n"
                + "format: RGBA8888\n"
                + "filter: Nearest,Nearest\n"
                + "repeat: none\n"
                + region("hero/run", 0, 0, h, 1)
                + region("hero/run", h, 0, h, 2)
                + region("hero/idle", 0, h, h, -1)
                + region("items/coin", h, h, h, -1);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String region(String name, int x, int y, int size, int index) {
        return name + "\n  bounds: " + x + "," + y + "," + size + "," + size + "\n  index: " + index + "\n";
    }

    /**
     * A small PNG whose header declares {@code width} x {@code height} pixels but which carries
     * the compressed data of one pixel only: what a hostile server sends to make a client
     * allocate the declared size.
     */
    static byte[] declaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, 8);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[5]);
        deflater.finish();
        byte[] compressed = new byte[64];
        chunk(out, "IDAT", Arrays.copyOf(compressed, deflater.deflate(compressed)));
        deflater.end();
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        java.nio.ByteBuffer framed = java.nio.ByteBuffer.allocate(12 + data.length)
                .putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        out.write(framed.array(), 0, framed.capacity());
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(Pixmap pixmap) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PixmapIO.PNG png = new PixmapIO.PNG();
            png.setFlipY(false);
            png.write(out, pixmap);
            png.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pixmap.dispose();
        }
    }

    /** An uncompressed 32-bit BMP whose header declares {@code width} x {@code height}, with 16 bytes of pixels. */
    static byte[] bmp(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(54 + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 32).putInt(0).putInt(16)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        return b.array();
    }

    /** An 8-bit BMP whose info header says run-length encoded (BI_RLE8), which libGDX's decoder does not read. */
    static byte[] rleBmp(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(54 + 4 * 256 + 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(54 + 4 * 256);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 8).putInt(1).putInt(2)
                .putInt(0).putInt(0).putInt(256).putInt(0);
        b.position(b.position() + 4 * 256);
        b.put((byte) 0).put((byte) 1);
        return b.array();
    }

    /**
     * A JPEG of 8x8 pixels whose frame header is rewritten to declare {@code width} x
     * {@code height}: some 600 bytes that libGDX's decoder would decode at the declared size,
     * reading the missing scan data as zeros.
     */
    static byte[] jpegDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new AssertionError("no frame header");
    }

    /** A run-length encoded true-colour TGA of {@code width} x {@code height}: 18 header bytes, 16 of pixels. */
    static byte[] tga(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(34).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) 10).put(new byte[5]).putShort((short) 0).putShort((short) 0);
        b.putShort((short) width).putShort((short) height).put((byte) 24).put((byte) 0);
        return b.array();
    }
}
