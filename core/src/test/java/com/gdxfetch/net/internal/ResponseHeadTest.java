package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.testing.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Status lines are read as RFC 9112 spells them, and header parsing costs in proportion to what
 * the server sent, however the fields are laid out.
 */
class ResponseHeadTest {
    private static ResponseHead head(String statusLine) throws IOException {
        byte[] bytes = (statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return ResponseHead.read(new HttpInput(new ByteArrayInputStream(bytes)));
    }

    @Test
    void anHttp1VersionWithAHigherMinorIsReadAsHttp11() throws IOException {
        // RFC 9110 section 6.2: a client treats a minor version it does not know as the highest it supports.
        for (String line : new String[] {"HTTP/1.2 200 OK", "HTTP/1.9 200 OK"}) {
            ResponseHead head = head(line);
            assertEquals(200, head.status, line);
            assertEquals("OK", head.reason, line);
            assertFalse(head.http10, line);
        }
        assertTrue(head("HTTP/1.0 200 OK").http10);
    }

    @Test
    void anotherMajorVersionOrNoVersionFailsAsProtocolQuotingTheLine() {
        for (String line : new String[] {"HTTP/2.0 200 OK", "HTTP/2 200 OK", "HTTP/0.9 200 OK", "HTTP/1.10 200 OK",
                "HTTP/1.x 200 OK", "ICY 200 OK"}) {
            HttpFailure failure = assertThrows(HttpFailure.class, () -> head(line), line);
            assertEquals(FailureKind.PROTOCOL, failure.kind(), line);
            assertTrue(failure.getMessage().contains("'" + line + "'"), failure.getMessage());
        }
    }

    private static long keepAlive(String... values) {
        Headers.Builder headers = new Headers.Builder();
        for (String value : values) {
            headers.add("Keep-Alive", value);
        }
        return ResponseHead.keepAliveTimeoutSeconds(headers.build());
    }

    @Test
    void aKeepAliveTimeoutIsNeverReadLongerThanTheServerSaidNorThrows() {
        assertEquals(5, keepAlive("timeout=5.5"), "a fraction is dropped, never rounded up");
        assertEquals(0, keepAlive("timeout=0"));
        assertEquals(5, keepAlive("timeout=\"5\""));
        assertEquals(5, keepAlive("max=100, timeout=5"));
        assertEquals(Integer.MAX_VALUE, keepAlive("timeout=99999999999999999999999"), "saturated, not wrapped");
        assertEquals(2, keepAlive("timeout=60, timeout=2"), "the shorter of two in one field");
        assertEquals(2, keepAlive("timeout=2", "timeout=60"), "the shorter of two fields, the first one");
        assertEquals(2, keepAlive("timeout=60", "timeout=2"), "the shorter of two fields, the last one");
        for (String none : new String[] {"max=5", "timeout=-5", "timeout=", "timeout", "timeout=abc", "timeouts=5",
                "", ",", "timeout=\"", "=5"}) {
            assertEquals(-1, keepAlive(none), "no timeout in '" + none + "'");
        }
    }

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
