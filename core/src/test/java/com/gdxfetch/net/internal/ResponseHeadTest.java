package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.Headers;
import com.gdxfetch.testing.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Header parsing costs in proportion to what the server sent, however the fields are laid out. */
class ResponseHeadTest {
    @Test
    void aFieldFoldedOverThousandsOfLinesIsJoinedInLinearSpace() {
        int lines = 60_000;
        StringBuilder head = new StringBuilder("X-Folded: a\r\n");
        for (int i = 0; i < lines; i++) {
            head.append(" b\r\n");
        }
        byte[] bytes = head.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        Headers[] parsed = new Headers[1];

        // Joined one line at a time into a String, every line copied the whole value so far:
        // gigabytes of garbage and seconds of an I/O thread for these 240 KB.
        long allocated = Allocations.allocatedBy(() -> {
            try {
                parsed[0] = ResponseHead.readFields(new HttpInput(new ByteArrayInputStream(bytes)), "header", null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 1);

        assertEquals(1 + 2 * lines, parsed[0].get("X-Folded").length());
        assertEquals("0", parsed[0].get("Content-Length"));
        assertTrue(allocated < 64L * bytes.length, allocated + " bytes allocated to parse " + bytes.length);
    }
}
