package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** RFC 6455 frames: building the client's masked frames, and the checks on the server's. */
final class WsFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int NO_STATUS = 1005;
    static final int ABNORMAL = 1006;
    static final int INVALID_DATA = 1007;
    static final int TOO_BIG = 1009;

    /** The longest close reason: a control frame's 125 bytes less the 2-byte code. */
    static final int MAX_REASON_BYTES = 123;

    private WsFrames() {
    }

    /** A whole frame, FIN set, masked with a fresh key from {@code random} as a client must. */
    static byte[] frame(int opcode, byte[] payload, int off, int len, Random random) {
        return frame(opcode, false, payload, off, len, random);
    }

    /** As {@link #frame(int, byte[], int, int, Random)}, with RSV1 set when {@code compressed} (RFC 7692). */
    static byte[] frame(int opcode, boolean compressed, byte[] payload, int off, int len, Random random) {
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + len];
        frame[0] = (byte) (0x80 | (compressed ? 0x40 : 0) | opcode);
        if (len < 126) {
            frame[1] = (byte) (0x80 | len);
        } else if (len < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (len >>> 8);
            frame[3] = (byte) len;
        } else {
            frame[1] = (byte) (0x80 | 127);
            // A Java array is shorter than 2^31, so the upper four length bytes stay 0.
            frame[6] = (byte) (len >>> 24);
            frame[7] = (byte) (len >>> 16);
            frame[8] = (byte) (len >>> 8);
            frame[9] = (byte) len;
        }
        int key = random.nextInt();
        int k = header;
        frame[k] = (byte) (key >>> 24);
        frame[k + 1] = (byte) (key >>> 16);
        frame[k + 2] = (byte) (key >>> 8);
        frame[k + 3] = (byte) key;
        int start = header + 4;
        for (int i = 0; i < len; i++) {
            frame[start + i] = (byte) (payload[off + i] ^ frame[k + (i & 3)]);
        }
        return frame;
    }

    /** A close frame's payload: the code, then the reason in UTF-8 ({@link #utf8}). */
    static byte[] closePayload(int code, String reason) {
        byte[] text = utf8(reason);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /**
     * {@code text} in UTF-8 with each lone surrogate as U+FFFD, the bytes a browser's WebSocket
     * sends for it. {@link String#getBytes} would put '?' there, which the server cannot tell
     * from a question mark the game wrote.
     */
    static byte[] utf8(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (c >= '\uD800' && c <= '\uDFFF') {
                return replaceLoneSurrogates(text).getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceLoneSurrogates(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (chars[i] >= '\uD800' && chars[i] <= '\uDFFF') {
                chars[i] = '\uFFFD';
            }
        }
        return new String(chars);
    }

    /** Whether a client may send {@code code}: 1000, or one of the application range 3000-4999. */
    static boolean isSendableCode(int code) {
        return code == NORMAL || (code >= 3000 && code <= 4999);
    }

    /**
     * Whether {@code code} may appear in a close frame (RFC 6455 section 7.4): the defined codes
     * other than those reserved for local use (1004, 1005, 1006, 1015), and 3000-4999.
     */
    static boolean isValidReceivedCode(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        switch (code) {
            case 1000:
            case 1001:
            case 1002:
            case 1003:
            case 1007:
            case 1008:
            case 1009:
            case 1010:
            case 1011:
            case 1012:
            case 1013:
            case 1014:
                return true;
            default:
                return false;
        }
    }

    /** Reads exactly {@code len} bytes, or fails as a connection that ended inside a frame. */
    static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new HttpFailure(FailureKind.NETWORK, "connection closed inside a frame");
            }
            off += n;
            len -= n;
        }
    }

    /**
     * Checks the next bytes of a text message as they arrive ({@link Utf8#scan}): RFC 6455 section
     * 8.1 fails the connection on text that is not UTF-8, and it fails here at the first bad byte,
     * not once a server that stalls or never ends the message has sent the rest.
     *
     * @return the state to pass with the message's next bytes
     * @throws Violation INVALID_DATA (1007) once the bytes cannot be UTF-8
     */
    static int scanText(byte[] b, int off, int len, int state) throws Violation {
        int next = Utf8.scan(b, off, len, state);
        if (next == Utf8.INVALID) {
            throw notUtf8();
        }
        return next;
    }

    /** Text that is not UTF-8: the channel closes with 1007. */
    static Violation notUtf8() {
        return new Violation(INVALID_DATA, FailureKind.PROTOCOL, "text message is not valid UTF-8 (closed with 1007)");
    }

    /** A broken frame from the server: the channel closes with {@code closeCode} and fails with {@code kind}. */
    static final class Violation extends IOException {
        private static final long serialVersionUID = 1L;

        final int closeCode;
        final FailureKind kind;

        Violation(int closeCode, FailureKind kind, String detail) {
            super(detail);
            this.closeCode = closeCode;
            this.kind = kind;
        }

        static Violation protocol(String detail) {
            return new Violation(PROTOCOL_ERROR, FailureKind.PROTOCOL, detail + " (closed with 1002)");
        }
    }
}
