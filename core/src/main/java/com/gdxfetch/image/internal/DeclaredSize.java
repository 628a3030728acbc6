package com.gdxfetch.image.internal;

/**
 * The width and height an encoded PNG, JPEG, GIF or BMP declares in its header. The decoder
 * allocates the declared size before it reads a pixel, so a file of a few hundred bytes can ask
 * for gigabytes; reading the header first lets an image over the limit be refused unallocated.
 * Any thread.
 */
final class DeclaredSize {
    private DeclaredSize() {
    }

    /**
     * {@code {width, height}} as the header declares them, or null for a format not recognised
     * or a header cut short, which the decoder then judges.
     */
    static long[] of(byte[] data) {
        if (startsWith(data, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return png(data);
        }
        if (startsWith(data, 0xff, 0xd8)) {
            return jpeg(data);
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return data.length < 10 ? null : new long[] {littleEndian16(data, 6), littleEndian16(data, 8)};
        }
        if (startsWith(data, 'B', 'M')) {
            return bmp(data);
        }
        return null;
    }

    /** The IHDR chunk comes first: width and height as unsigned 32-bit big-endian at 16 and 20. */
    private static long[] png(byte[] data) {
        if (data.length < 24 || data[12] != 'I' || data[13] != 'H' || data[14] != 'D' || data[15] != 'R') {
            return null;
        }
        return new long[] {bigEndian32(data, 16), bigEndian32(data, 20)};
    }

    /**
     * Walks the marker segments to the first start-of-frame (SOF0 to SOF15 but DHT, JPG and
     * DAC, which share the range): precision, then height and width as 16-bit big-endian.
     */
    private static long[] jpeg(byte[] data) {
        int at = 2;
        while (at + 4 <= data.length) {
            if ((data[at] & 0xff) != 0xff) {
                return null;
            }
            int marker = data[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                at += 2; // no length
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // end of image or scan data before any frame header
            }
            int length = bigEndian16(data, at + 2);
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return at + 9 <= data.length ? new long[] {bigEndian16(data, at + 7), bigEndian16(data, at + 5)} : null;
            }
            if (length < 2) {
                return null;
            }
            at += 2 + length;
        }
        return null;
    }

    /**
     * After the 14-byte file header, the info header's size tells its kind: the 12-byte OS/2
     * header has 16-bit sizes, the others signed 32-bit ones (a negative height is top-down).
     */
    private static long[] bmp(byte[] data) {
        if (data.length < 26) {
            return null;
        }
        long infoSize = littleEndian32(data, 14);
        if (infoSize == 12) {
            return new long[] {littleEndian16(data, 18), littleEndian16(data, 20)};
        }
        return new long[] {Math.abs((long) (int) littleEndian32(data, 18)), Math.abs((long) (int) littleEndian32(data, 22))};
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int bigEndian16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    private static long bigEndian32(byte[] data, int at) {
        return (long) bigEndian16(data, at) << 16 | bigEndian16(data, at + 2);
    }

    private static int littleEndian16(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    private static long littleEndian32(byte[] data, int at) {
        return (long) littleEndian16(data, at + 2) << 16 | littleEndian16(data, at);
    }
}
