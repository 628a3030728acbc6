package com.gdxfetch.image.internal;

/**
 * What an encoded image is, to libGDX's decoder (stb_image), and the width and height its header
 * declares. The decoder allocates the declared size before it reads a pixel, and reads past the
 * end of a short body as zeros, so a file of a few hundred bytes can make it allocate and write
 * gigabytes; reading the header first lets an image over the limits be refused unallocated.
 *
 * <p>Only PNG, JPEG, GIF and BMP are recognised. The decoder reads more formats (TGA, PSD, HDR,
 * PIC, PNM), but those are no web formats and TGA has no signature to tell it by, so a body that
 * is none of the four is not handed to the decoder at all. Each header is read at least as
 * leniently as the decoder reads it, so whatever the decoder would decode has its size found
 * here. Any thread.
 */
final class DeclaredSize {
    /** What {@link #format} and the failure messages call the formats the image cache decodes. */
    static final String FORMATS = "PNG, JPEG, GIF and BMP";
    /**
     * The Accept field of an image request: the same formats as media types, so a server that
     * picks the format by it (a CDN's automatic format, httpbin's /image) sends one of them, and
     * one with none of them answers 406 rather than a WebP the decoder would refuse.
     */
    static final String ACCEPT = "image/png, image/jpeg, image/gif, image/bmp";

    private DeclaredSize() {
    }

    /**
     * The format the decoder reads {@code data} as ({@code "PNG"}, {@code "JPEG"}, {@code "GIF"} or
     * {@code "BMP"}), by its first bytes, or null for any other body.
     */
    static String format(byte[] data) {
        if (startsWith(data, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return "PNG";
        }
        if (jpegStart(data) > 0) {
            return "JPEG";
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (startsWith(data, 'B', 'M')) {
            return "BMP";
        }
        return null;
    }

    /**
     * {@code {width, height}} as the header declares them, or null for a format not recognised
     * or a header cut short or malformed (the decoder would not decode such a body either).
     */
    static long[] of(byte[] data) {
        String format = format(data);
        if (format == null) {
            return null;
        }
        switch (format) {
            case "PNG":
                return png(data);
            case "JPEG":
                return jpeg(data, jpegStart(data));
            case "GIF":
                return data.length < 10 ? null : new long[] {littleEndian16(data, 6), littleEndian16(data, 8)};
            default:
                return bmp(data);
        }
    }

    /**
     * The header comes first, after any number of the CgBI chunks Apple's PNG variant puts before
     * it (the decoder skips them): width and height as unsigned 32-bit big-endian.
     */
    private static long[] png(byte[] data) {
        long at = 8;
        while (at + 8 <= data.length && is(data, (int) at + 4, 'C', 'g', 'B', 'I')) {
            at += 12 + bigEndian32(data, (int) at);
        }
        if (at + 16 > data.length || !is(data, (int) at + 4, 'I', 'H', 'D', 'R')) {
            return null;
        }
        return new long[] {bigEndian32(data, (int) at + 8), bigEndian32(data, (int) at + 12)};
    }

    /**
     * Where a JPEG's marker segments begin, just past its start-of-image marker, or -1 when
     * {@code data} does not start with one. The decoder takes any number of {@code 0xff} fill
     * bytes before the marker's code, as before every marker.
     */
    private static int jpegStart(byte[] data) {
        if (data.length < 2 || (data[0] & 0xff) != 0xff) {
            return -1;
        }
        int at = 1;
        while (at < data.length && (data[at] & 0xff) == 0xff) {
            at++;
        }
        return at < data.length && (data[at] & 0xff) == 0xd8 ? at + 1 : -1;
    }

    /**
     * Walks the marker segments from {@code at} to the first start-of-frame (SOF0 to SOF15 but
     * DHT, JPG and DAC, which share the range): precision, then height and width as 16-bit
     * big-endian. As the decoder does, bytes that start no marker are skipped (writers leave
     * padding between segments) and {@code 0xff} fill bytes before a marker's code are too.
     */
    private static long[] jpeg(byte[] data, int at) {
        while (at < data.length) {
            if ((data[at] & 0xff) != 0xff) {
                at++; // padding between segments
                continue;
            }
            while (at + 1 < data.length && (data[at + 1] & 0xff) == 0xff) {
                at++; // fill bytes
            }
            if (at + 1 >= data.length) {
                return null;
            }
            int marker = data[at + 1] & 0xff;
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                at += 2; // no length
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // end of image or scan data before any frame header
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return at + 9 <= data.length ? new long[] {bigEndian16(data, at + 7), bigEndian16(data, at + 5)} : null;
            }
            if (at + 4 > data.length) {
                return null;
            }
            int length = bigEndian16(data, at + 2);
            if (length < 2) {
                return null;
            }
            at += 2 + length;
        }
        return null;
    }

    /**
     * After the 14-byte file header, the info header's size tells its kind: the 12-byte OS/2
     * header has 16-bit sizes, the others 32-bit ones: the width unsigned, the height signed (a
     * negative height is top-down).
     */
    private static long[] bmp(byte[] data) {
        if (data.length < 26) {
            return null;
        }
        long infoSize = littleEndian32(data, 14);
        if (infoSize == 12) {
            return new long[] {littleEndian16(data, 18), littleEndian16(data, 20)};
        }
        return new long[] {littleEndian32(data, 18), Math.abs((long) (int) littleEndian32(data, 22))};
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

    static boolean is(byte[] data, int at, char a, char b, char c, char d) {
        return data[at] == a && data[at + 1] == b && data[at + 2] == c && data[at + 3] == d;
    }

    private static int bigEndian16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    static long bigEndian32(byte[] data, int at) {
        return (long) bigEndian16(data, at) << 16 | bigEndian16(data, at + 2);
    }

    private static int littleEndian16(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    private static long littleEndian32(byte[] data, int at) {
        return (long) littleEndian16(data, at + 2) << 16 | littleEndian16(data, at);
    }
}
