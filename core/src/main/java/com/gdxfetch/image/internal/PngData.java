package com.gdxfetch.image.internal;

import com.gdxfetch.net.FailureKind;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * How far a PNG's compressed pixel data inflates, measured before the decoder sees it. The
 * decoder (stb_image) inflates all the IDAT data into a buffer it grows as the data asks, up to
 * 4 GiB, and only then compares its length with what the header calls for; deflate stores a run
 * of zeros a thousand times smaller, so a PNG of a few megabytes declaring a handful of pixels
 * would make it allocate and write gigabytes. The header's size check cannot see this. Any thread.
 */
final class PngData {
    /** Columns and rows each of the seven Adam7 passes starts at and steps by, as the decoder has them. */
    private static final int[] X_ORIGIN = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] Y_ORIGIN = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] X_SPACING = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] Y_SPACING = {8, 8, 8, 4, 4, 2, 2};

    private PngData() {
    }

    /**
     * The failure, with {@code status}, of {@code png}, a PNG whose declared size is within the
     * limits, for what is wrong with its pixel data, or null when that inflates to no more than
     * its header calls for. Data past that is refused: the decoder refuses it too for an image
     * not interlaced, and no encoder writes any. Data that cannot be inflated is refused as well,
     * since the decoder's own inflater is laxer than zlib and could expand it all the same, and
     * so is data cut short: the decoder reads on past its end as zero bits, which a block can
     * decode as pixels, up to 4 GiB of them. Inflates into a small scratch buffer, so costs no memory.
     */
    static Decoded judge(byte[] png, int status) {
        long expected = -1;
        String size = null;
        // Apple's variant stores raw deflate data; otherwise the 2-byte zlib header is skipped, so
        // the checksum after the data, which the decoder never checks, is not checked either.
        int headerLeft = 2;
        Inflater inflater = new Inflater(true);
        byte[] scratch = new byte[8192];
        long inflated = 0;
        try {
            int at = 8;
            while (at + 8 <= png.length) {
                long length = DeclaredSize.bigEndian32(png, at);
                int dataAt = at + 8;
                int available = (int) Math.min(length, png.length - dataAt);
                if (DeclaredSize.is(png, at + 4, 'C', 'g', 'B', 'I')) {
                    headerLeft = 0;
                } else if (DeclaredSize.is(png, at + 4, 'I', 'H', 'D', 'R')) {
                    if (available < 13) {
                        return null;
                    }
                    long width = DeclaredSize.bigEndian32(png, dataAt);
                    long height = DeclaredSize.bigEndian32(png, dataAt + 4);
                    size = width + "x" + height;
                    expected = expectedLength(width, height, png[dataAt + 8] & 0xff, png[dataAt + 9] & 0xff,
                            png[dataAt + 12] != 0);
                } else if (DeclaredSize.is(png, at + 4, 'I', 'D', 'A', 'T') && expected >= 0) {
                    int skip = Math.min(headerLeft, available);
                    headerLeft -= skip;
                    inflater.setInput(png, dataAt + skip, available - skip);
                    while (!inflater.finished() && !inflater.needsInput()) {
                        inflated += inflater.inflate(scratch);
                        if (inflated > expected) {
                            return Decoded.failed(status, FailureKind.TOO_LARGE, "the PNG image's pixel data "
                                    + "inflates to more than the " + expected + " bytes a " + size + " image has");
                        }
                        if (inflater.needsDictionary()) {
                            return null; // a preset dictionary, which the decoder refuses
                        }
                    }
                    if (inflater.finished()) {
                        return null;
                    }
                } else if (DeclaredSize.is(png, at + 4, 'I', 'E', 'N', 'D')) {
                    break;
                }
                at = (int) Math.min(png.length, dataAt + length + 4);
            }
            if (expected < 0) {
                return null; // no header, or a colour type the decoder refuses
            }
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode the PNG image: its compressed pixel "
                    + "data is cut short");
        } catch (DataFormatException e) {
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode the PNG image: its compressed pixel "
                    + "data is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /**
     * Bytes the decoder expects the pixel data to inflate to: per row a filter-type byte and the
     * packed samples, for each of the seven passes of an interlaced image; -1 for a colour type
     * the decoder refuses.
     */
    static long expectedLength(long width, long height, int bitDepth, int colourType, boolean interlaced) {
        int channels;
        switch (colourType) {
            case 0:
            case 3:
                channels = 1;
                break;
            case 2:
                channels = 3;
                break;
            case 4:
                channels = 2;
                break;
            case 6:
                channels = 4;
                break;
            default:
                return -1;
        }
        if (!interlaced) {
            return rows(width, height, channels, bitDepth);
        }
        long total = 0;
        for (int pass = 0; pass < 7; pass++) {
            long across = (width - X_ORIGIN[pass] + X_SPACING[pass] - 1) / X_SPACING[pass];
            long down = (height - Y_ORIGIN[pass] + Y_SPACING[pass] - 1) / Y_SPACING[pass];
            if (across > 0 && down > 0) {
                total += rows(across, down, channels, bitDepth);
            }
        }
        return total;
    }

    private static long rows(long width, long height, int channels, int bitDepth) {
        return ((width * channels * bitDepth + 7) / 8 + 1) * height;
    }
}
