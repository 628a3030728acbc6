package com.gdxfetch.image.internal;

/**
 * Whether a GIF's or BMP's pixel data stops before the image does. The decoder (stb_image) reads
 * past the end of a short body as zeros and hands back an image whose missing part is blank or
 * garbled, so a file a server stored half-written would be drawn, and kept in the disk cache, as
 * if whole. PNG is judged as it is inflated ({@link PngData}); JPEG the decoder refuses itself.
 * Only what the decoder would otherwise accept is judged: a file it refuses for another reason
 * (an unknown BMP header, run-length encoding) goes on to be refused with its reason. Any thread.
 */
final class CutShort {
    private CutShort() {
    }

    /** True when {@code data}, a GIF or BMP whose header gave its size, ends before its first image does. */
    static boolean is(String format, byte[] data) {
        if (format.equals("GIF")) {
            return gif(data);
        }
        return format.equals("BMP") && bmp(data);
    }

    /**
     * Walks the blocks to the first image, the one the decoder reads, and through its data
     * sub-blocks to their terminator: the size of each sub-block comes first, so a file that ends
     * before the terminator is cut short, wherever in the data that is.
     */
    private static boolean gif(byte[] data) {
        if (data.length < 13) {
            return true;
        }
        int at = 13 + colourTable(data[10]);
        while (true) {
            if (at >= data.length) {
                return true;
            }
            int block = data[at] & 0xff;
            if (block == 0x2c) {
                if (at + 10 > data.length) {
                    return true;
                }
                // After the descriptor and any local colour table, one byte of LZW code size.
                at += 10 + colourTable(data[at + 9]) + 1;
                return endOfSubBlocks(data, at) < 0;
            } else if (block == 0x21) {
                at = endOfSubBlocks(data, at + 2);
                if (at < 0) {
                    return true;
                }
            } else {
                return false; // the trailer before any image, or no block at all: the decoder's to refuse
            }
        }
    }

    /** Bytes of the colour table a GIF block's packed flags announce. */
    private static int colourTable(byte flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    /**
     * Where the sub-blocks starting at {@code at} end, just past their zero-length terminator, or
     * -1 if the data ends first.
     */
    private static int endOfSubBlocks(byte[] data, int at) {
        while (at < data.length) {
            int size = data[at] & 0xff;
            at += 1 + size;
            if (size == 0) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Uncompressed rows (no compression, or bit fields) are each padded to 4 bytes and start at
     * the header's pixel data offset (right after the headers when the offset says less).
     */
    private static boolean bmp(byte[] data) {
        if (data.length < 18) {
            return true;
        }
        long infoSize = littleEndian(data, 14, 4);
        if (infoSize != 12 && infoSize != 40 && infoSize != 56 && infoSize != 108 && infoSize != 124) {
            return false;
        }
        if (data.length < 14 + infoSize) {
            return true;
        }
        long width;
        long height;
        long bitsPerPixel;
        long compression = 0;
        if (infoSize == 12) {
            width = littleEndian(data, 18, 2);
            height = littleEndian(data, 20, 2);
            bitsPerPixel = littleEndian(data, 24, 2);
        } else {
            width = littleEndian(data, 18, 4);
            height = Math.abs((long) (int) littleEndian(data, 22, 4));
            bitsPerPixel = littleEndian(data, 28, 2);
            compression = littleEndian(data, 30, 4);
        }
        if (compression != 0 && compression != 3) {
            return false;
        }
        long start = Math.max(littleEndian(data, 10, 4), 14 + infoSize);
        long rowBytes = (width * bitsPerPixel + 31) / 32 * 4;
        return data.length < start + rowBytes * height;
    }

    private static long littleEndian(byte[] data, int at, int bytes) {
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = value << 8 | (data[at + i] & 0xff);
        }
        return value;
    }
}
