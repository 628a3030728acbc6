package com.gdxfetch.image.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A JVM without libGDX's natives, where allocating the decode buffer
 * ({@code BufferUtils.newUnsafeByteBuffer}) throws, as it does when the allocation fails. Decodes
 * one image body with a single decode slot and prints what was thrown and the slots left free.
 */
public final class DecodeSlotChild {
    private DecodeSlotChild() {
    }

    public static void main(String[] args) {
        Semaphore slots = new Semaphore(1);
        RemoteFile file = new RemoteFile(null, "http://127.0.0.1/a.png", false, null);
        byte[] body = onePixelPng();
        String thrown = "nothing";
        try {
            FileDecoder.decode(file, body, 200, 4096, 4096L * 4096, slots);
        } catch (Throwable t) {
            thrown = t.getClass().getName();
        }
        System.out.println(thrown + " " + slots.availablePermits());
        System.out.flush();
    }

    /** A whole 1x1 RGBA PNG, whose pixel data the check before decoding passes on to the decoder. */
    private static byte[] onePixelPng() {
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {0, 1, 2, 3, 4}); // filter type 0, then one RGBA pixel
        deflater.finish();
        byte[] compressed = new byte[64];
        int length = deflater.deflate(compressed);
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, 8);
        chunk(png, "IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0}, 13);
        chunk(png, "IDAT", compressed, length);
        chunk(png, "IEND", new byte[0], 0);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data, int length) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(png, length);
        png.write(name, 0, 4);
        png.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
