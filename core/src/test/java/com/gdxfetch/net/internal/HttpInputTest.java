package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line reading on a connection's input, whatever sizes the socket's reads come in. */
class HttpInputTest {
    private static final int LIMIT = 64 * 1024;

    /** A stream that gives at most {@code step} bytes per read, as a socket may. */
    private static InputStream inSteps(String text, int step) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
        return new InputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, Math.min(len, step));
            }
        };
    }

    private static String line(int length) {
        StringBuilder s = new StringBuilder("X-Long: ");
        while (s.length() < length) {
            s.append('v');
        }
        return s.append("\r\n").toString();
    }

    @Test
    void aLineOver64KibFailsWhateverSizesItsBytesArriveIn() {
        for (int step : new int[] {3_000, 4_096, 5_000, 70_000}) {
            HttpInput in = new HttpInput(inSteps(line(LIMIT + 1_000), step));
            HttpFailure failure = assertThrows(HttpFailure.class, in::readLine, "read " + step + " bytes at a time");
            assertEquals(FailureKind.PROTOCOL, failure.kind());
        }
    }

    @Test
    void aLineOver64KibFailsAfterAnEarlierLongLineOnTheSameConnection() throws IOException {
        HttpInput in = new HttpInput(inSteps(line(50_000) + line(LIMIT + 1_000), 3_000));
        assertEquals(50_000, in.readLine());
        HttpFailure failure = assertThrows(HttpFailure.class, in::readLine);
        assertEquals(FailureKind.PROTOCOL, failure.kind());
        assertTrue(failure.getMessage().contains("longer than " + LIMIT), failure.getMessage());
    }

    @Test
    void aLineOf64KibWithItsCarriageReturnIsRead() throws IOException {
        HttpInput in = new HttpInput(inSteps(line(LIMIT - 1), 3_000));
        assertEquals(LIMIT - 1, in.readLine());
    }
}
