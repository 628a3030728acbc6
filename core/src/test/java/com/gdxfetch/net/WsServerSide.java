package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's half of RFC 6455 for scripted loopback servers: the handshake's key and answer,
 * the frames a server writes and the masked frames a client sends.
 */
final class WsServerSide {
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private WsServerSide() {
    }

    /** The Sec-WebSocket-Key of a request head, failing the script when it has none. */
    static String keyOf(String head) {
        Matcher m = KEY.matcher(head);
        assertTrue(m.find(), head);
        return m.group(1);
    }

    /** The Sec-WebSocket-Accept value that answers {@code key} (RFC 6455 section 4.2.2). */
    static String accept(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * A correct 101 head answering {@code requestHead}, with {@code moreLines} (each ending in
     * CR LF, or empty) before the blank line.
     */
    static String switching(String requestHead, String moreLines) throws Exception {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(keyOf(requestHead)) + "\r\n" + moreLines + "\r\n";
    }

    /** The ws: URL of {@code path} on a plain {@link RawServer}. */
    static String wsUrl(RawServer server, String path) {
        return "ws" + server.url(path).substring(4);
    }

    /** A server frame: FIN and opcode in the first byte, unmasked, its length in the shortest form. */
    static void frame(ByteArrayOutputStream out, int b0, byte[] payload) {
        frame(out, b0, payload, payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8);
    }

    /** As {@link #frame(ByteArrayOutputStream, int, byte[])} with the length in 0, 2 or 8 extra bytes. */
    static void frame(ByteArrayOutputStream out, int b0, byte[] payload, int lengthBytes) {
        out.write(b0);
        int n = payload.length;
        if (lengthBytes == 0) {
            out.write(n);
        } else if (lengthBytes == 2) {
            out.write(126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        out.write(payload, 0, n);
    }

    /** One frame a client sent: its first two bytes as they came, and its payload unmasked. */
    static final class ClientFrame {
        final int b0;
        final int b1;
        final byte[] payload;

        ClientFrame(int b0, int b1, byte[] payload) {
            this.b0 = b0;
            this.b1 = b1;
            this.payload = payload;
        }

        int opcode() {
            return b0 & 0x0F;
        }

        boolean fin() {
            return (b0 & 0x80) != 0;
        }

        boolean masked() {
            return (b1 & 0x80) != 0;
        }
    }

    /** The close code at the start of a close frame's payload, which must hold one. */
    static int closeCodeOf(byte[] payload) {
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** Reads one client frame. */
    static ClientFrame readClientFrame(DataInputStream data) throws IOException {
        return readClientFrame(data, data.readUnsignedByte());
    }

    /** Reads the rest of a client frame whose first byte {@code b0} the caller has read. */
    static ClientFrame readClientFrame(DataInputStream data, int b0) throws IOException {
        int b1 = data.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] mask = new byte[4];
        data.readFully(mask);
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new ClientFrame(b0, b1, payload);
    }
}
