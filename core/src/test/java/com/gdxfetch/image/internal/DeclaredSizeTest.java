package com.gdxfetch.image.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DeclaredSizeTest {
    private static byte[] encode(String format, int width, int height) throws IOException {
        int type = format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage image = new BufferedImage(width, height, type);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    @Test
    void pngJpegGifAndBmpFilesGiveTheSizeTheirEncoderWrote() throws IOException {
        for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
            assertArrayEquals(new long[] {37, 23}, DeclaredSize.of(encode(format, 37, 23)), format);
            assertArrayEquals(new long[] {1, 1000}, DeclaredSize.of(encode(format, 1, 1000)), format);
        }
    }

    @Test
    void aJpegFrameHeaderAfterMetadataSegmentsAndFillBytesIsFound() throws IOException {
        byte[] jpeg = encode("jpeg", 300, 200);
        byte[] comment = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 0, 7, 'h', 'e', 'l', 'l', 'o'};
        byte[] withComment = new byte[jpeg.length + comment.length];
        System.arraycopy(jpeg, 0, withComment, 0, 2);
        System.arraycopy(comment, 0, withComment, 2, comment.length);
        System.arraycopy(jpeg, 2, withComment, 2 + comment.length, jpeg.length - 2);
        assertArrayEquals(new long[] {300, 200}, DeclaredSize.of(withComment));
    }

    @Test
    void aPngWidthWithItsTopBitSetIsReadUnsigned() throws IOException {
        byte[] png = encode("png", 2, 2);
        png[16] = (byte) 0x80;
        assertArrayEquals(new long[] {0x80000002L, 2}, DeclaredSize.of(png));
    }

    @Test
    void aBmpStoredTopDownHasItsHeightAsAPositiveNumber() throws IOException {
        byte[] bmp = encode("bmp", 5, 9);
        int topDown = -9;
        for (int i = 0; i < 4; i++) {
            bmp[22 + i] = (byte) (topDown >> (8 * i));
        }
        assertArrayEquals(new long[] {5, 9}, DeclaredSize.of(bmp));
    }

    @Test
    void headersCutShortOrOfOtherFormatsAreUnknown() throws IOException {
        assertNull(DeclaredSize.of(new byte[0]));
        assertNull(DeclaredSize.of("just some text, not an image".getBytes("US-ASCII")));
        for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
            byte[] whole = encode(format, 37, 23);
            int headerEnd = format.equals("jpeg") ? indexOfFrameHeader(whole) + 8 : 9;
            assertNull(DeclaredSize.of(Arrays.copyOf(whole, headerEnd)), format);
        }
    }

    private static int indexOfFrameHeader(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                return i;
            }
        }
        throw new AssertionError("no baseline frame header");
    }
}
