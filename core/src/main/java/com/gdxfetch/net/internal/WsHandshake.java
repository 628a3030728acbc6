package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

/** The opening handshake of RFC 6455 section 4: an HTTP/1.1 Upgrade request and its 101 answer. */
final class WsHandshake {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private WsHandshake() {
    }

    /** A fresh Sec-WebSocket-Key: 16 random bytes in base64. */
    static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return base64(nonce);
    }

    /** The Sec-WebSocket-Accept a server must answer {@code key} with. */
    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return base64(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this runtime", e);
        }
    }

    /** Base64 with padding (java.util.Base64 is not on Android API 21). */
    static String base64(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 2) / 3 * 4);
        for (int i = 0; i < data.length; i += 3) {
            int b0 = data[i] & 0xff;
            int b1 = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            int b2 = i + 2 < data.length ? data[i + 2] & 0xff : 0;
            out.append(BASE64[b0 >>> 2]).append(BASE64[((b0 & 3) << 4) | (b1 >>> 4)]);
            out.append(i + 1 < data.length ? BASE64[((b1 & 15) << 2) | (b2 >>> 6)] : '=');
            out.append(i + 2 < data.length ? BASE64[b2 & 63] : '=');
        }
        return out.toString();
    }

    /** Writes the Upgrade request for {@code url} and flushes it. */
    static void writeRequest(OutputStream out, ParsedUrl url, String key, List<String> subprotocols,
            boolean offerDeflate, Headers headers, String userAgent) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("GET ").append(url.target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(url.hostField).append("\r\n");
        head.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        head.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
        head.append("Sec-WebSocket-Version: 13\r\n");
        if (!subprotocols.isEmpty()) {
            head.append("Sec-WebSocket-Protocol: ");
            for (int i = 0; i < subprotocols.size(); i++) {
                head.append(i == 0 ? "" : ", ").append(subprotocols.get(i));
            }
            head.append("\r\n");
        }
        if (offerDeflate) {
            head.append("Sec-WebSocket-Extensions: ").append(WsDeflate.OFFER).append("\r\n");
        }
        if (headers.get("User-Agent") == null) {
            head.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        // Always through a tunnel when there is an HTTP proxy: the handshake goes to the server.
        Cookies.appendFields(head, url.normalized, headers, false);
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Checks the server's answer to {@code key}.
     *
     * @return the subprotocol the server chose, or ""
     * @throws HttpFailure HTTP_STATUS for a status other than 101, PROTOCOL for a 101 whose
     *     Upgrade, Connection, Sec-WebSocket-Accept or subprotocol are wrong (extensions:
     *     {@link WsDeflate#negotiated})
     */
    static String check(ResponseHead head, String key, List<String> offered) throws HttpFailure {
        if (head.status != 101) {
            throw HttpFailure.status(head.status, "expected 101 Switching Protocols to open the "
                    + "WebSocket, got " + head.status + (head.reason.isEmpty() ? "" : " " + head.reason));
        }
        Headers headers = head.headers;
        // RFC 6455 section 4.1 wants "websocket" itself here, where Connection may list other tokens.
        List<String> upgrades = headers.values("Upgrade");
        if (upgrades.size() != 1 || !upgrades.get(0).trim().equalsIgnoreCase("websocket")) {
            throw new HttpFailure(FailureKind.PROTOCOL, "101 without 'Upgrade: websocket' (was "
                    + (upgrades.isEmpty() ? "none" : String.valueOf(upgrades)) + ")");
        }
        if (!ResponseHead.hasToken(headers, "Connection", "upgrade")) {
            throw new HttpFailure(FailureKind.PROTOCOL, "101 without 'Connection: Upgrade' (was '"
                    + headers.get("Connection") + "')");
        }
        // RFC 6455 section 11.3.3: the field appears once; a second one, right or wrong, fails too.
        List<String> accepts = headers.values("Sec-WebSocket-Accept");
        String accept = accepts.size() == 1 ? accepts.get(0).trim() : String.valueOf(accepts);
        String expected = acceptFor(key);
        if (!expected.equals(accept)) {
            throw new HttpFailure(FailureKind.PROTOCOL, "bad Sec-WebSocket-Accept '" + (accepts.isEmpty() ? null : accept)
                    + "'" + (accepts.size() > 1 ? " (" + accepts.size() + " fields)" : "") + "; expected '" + expected + "'");
        }
        List<String> chosen = headers.values("Sec-WebSocket-Protocol");
        if (chosen.isEmpty()) {
            return "";
        }
        String protocol = chosen.get(0).trim();
        if (chosen.size() > 1 || !offered.contains(protocol)) {
            throw new HttpFailure(FailureKind.PROTOCOL, "server chose subprotocol '" + String.valueOf(chosen)
                    + "', which was not offered (offered " + offered + ")");
        }
        return protocol;
    }
}
