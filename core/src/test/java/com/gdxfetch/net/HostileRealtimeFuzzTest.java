package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.gdxfetch.testing.UncaughtExceptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket frames and event streams generated from fixed seeds by a hostile loopback server:
 * valid messages, then one violation of RFC 6455 (or of the event stream format's edge cases).
 * Each channel ends with exactly one terminal event; messages before the violation arrive whole
 * and in order, nothing after it; a WebSocket violation fails the channel with the close code
 * RFC 6455 names, which the server sees in the client's close frame.
 */
class HostileRealtimeFuzzTest {
    private static final long BASE_SEED = 0xF4A3E5L;
    private static final int WS_CASES = 400;
    private static final int SSE_CASES = 300;
    private static final int LANES = 8;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final long CASE_LIMIT_MILLIS = 8_000;

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();
    private FetchManager fetch;

    @BeforeEach
    void start() {
        fetch = new FetchManager();
    }

    @AfterEach
    void stop() {
        fetch.dispose();
    }

    // ---- WebSocket ----

    /** One WebSocket case: the frames the server sends, and what the client must make of them. */
    static final class WsCase {
        final int seed;
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        /** The messages the listener must get, in order, each as "text:..." or "binary:<base64>". */
        final List<String> messages = new ArrayList<>();
        String violation = "none";
        /** The close code the client must send, or -1 when it sends none (the connection just drops). */
        int clientCloseCode = -1;
        /** The terminal event: "closed <code>", or the failure kinds allowed. */
        int closedCode = -1;
        Set<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
        /** For a case either side of the RFC's lines: a clean close or a PROTOCOL failure both do. */
        boolean either;
        /** Close the TCP connection right after the frames, without waiting for the client. */
        boolean dropAfter;
        /** Whether the client offers permessage-deflate, and the server's answer ("" for none). */
        boolean offerDeflate;
        String extensions = "";
        /** The 101's Upgrade and Connection lines, as the server spells them. */
        String upgradeLines = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        /** Interim responses the server sends before its 101. */
        String interim = "";
        /** Whether the first frames go out in the same write as the 101's head. */
        boolean sameWrite;
        /** Where the 101's head is cut, the connection closed right after; -1 for not at all. */
        int handshakeCut = -1;
        /** The server's compressor, when the extension is on: it keeps its window from message to message. */
        Deflater deflater;

        WsCase(int seed) {
            this.seed = seed;
        }

        String describe() {
            return "WebSocket seed " + seed + " (" + violation + ") frames: "
                    + HostileResponseFuzzTest.quote(wire.toByteArray());
        }
    }

    /** What one channel received, on the render thread. */
    static final class WsProbe implements WebSocketListener {
        final WsCase c;
        final long startNanos = System.nanoTime();
        final List<String> messages = new ArrayList<>();
        int terminals;
        int closedCode = -1;
        FetchException failure;
        boolean afterTerminal;

        WsProbe(WsCase c) {
            this.c = c;
        }

        @Override
        public void onText(WebSocket ws, String text) {
            afterTerminal |= terminals > 0;
            messages.add("text:" + text);
        }

        @Override
        public void onBinary(WebSocket ws, byte[] data) {
            afterTerminal |= terminals > 0;
            messages.add("binary:" + Base64.getEncoder().encodeToString(data));
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            terminals++;
            closedCode = code;
        }

        @Override
        public void onFailure(WebSocket ws, FetchException e) {
            terminals++;
            failure = e;
        }
    }

    private final ConcurrentHashMap<Integer, WsCase> wsCases = new ConcurrentHashMap<>();
    /** The close code each case's client sent, by seed; absent when it sent none. */
    private final ConcurrentHashMap<Integer, Integer> clientCloses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Boolean> serverDone = new ConcurrentHashMap<>();

    @Test
    void hostileWebSocketFramesFailTheChannelWithTheCloseCodeRfc6455NamesAndNothingAfter() throws Exception {
        List<WsCase> all = new ArrayList<>();
        for (int seed = 0; seed < WS_CASES; seed++) {
            all.add(generateWs(seed));
        }
        runWs(all);
    }

    @Test
    void interimResponsesBeforeThe101AreSkippedAsAnyClientMustParseThem() throws Exception {
        // RFC 9110 section 15.2: a client parses any 1xx before the final response, expected or not.
        try (RawServer server = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = WsServerSide.keyOf(RawServer.readHead(in));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            HostileResponseFuzzTest.put(bytes, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                    + "Link: </lobby.css>; rel=preload\r\n\r\n");
            bytes.write(handshake(new WsCase(-1), key));
            WsServerSide.frame(bytes, 0x81, utf8("welcome"));
            WsServerSide.frame(bytes, 0x88, closePayload(1000, new byte[0]));
            bytes.writeTo(out);
            out.flush();
            // The client's answer to the close; then the server ends the connection, as it should first.
            in.read();
            socket.close();
        })) {
            WsProbe p = new WsProbe(new WsCase(-1));
            fetch.webSocket(WsServerSide.wsUrl(server, "/interim")).open(p);
            Frames.until(fetch, () -> p.terminals > 0);
            assertEquals(Arrays.asList("text:welcome"), p.messages, String.valueOf(p.failure));
            assertEquals(1000, p.closedCode);
        }
    }

    @Test
    void aWebSocketHandshakeCutAtEveryOffsetFailsTheChannelOnce() throws Exception {
        List<WsCase> all = new ArrayList<>();
        WsCase whole = new WsCase(-1);
        int length = handshake(whole, "dGhlIHNhbXBsZSBub25jZQ==").length;
        for (int cut = 0; cut < length; cut++) {
            WsCase c = new WsCase(100_000 + cut);
            c.handshakeCut = cut;
            c.violation = "handshake cut at " + cut + " of " + length;
            c.kinds = EnumSet.of(FailureKind.NETWORK, FailureKind.PROTOCOL);
            c.dropAfter = true;
            all.add(c);
        }
        runWs(all);
    }

    @Test
    void framesThatArrivedBeforeTheServerResetTheConnectionAreDeliveredThoughAWriteFailedFirst() throws Exception {
        framesBeforeAResetAreDelivered(fetch);
    }

    @Test
    void withAConnectTimeoutOfZeroFramesThatArrivedBeforeAResetAreStillDeliveredThoughAWriteFailedFirst()
            throws Exception {
        // 0 waits for ever: the reader reading on after the failed write must not be cut off at once.
        FetchManager waiting = new FetchManager(FetchConfig.builder().connectTimeoutMillis(0).build());
        try {
            framesBeforeAResetAreDelivered(waiting);
        } finally {
            waiting.dispose();
        }
    }

    private static void framesBeforeAResetAreDelivered(FetchManager fetch) throws Exception {
        // One more than wait for the render thread: the reader holds the last of these until the game
        // takes some, so the frame after them stays unread in the socket, all of it delivered there.
        int small = 16 * 1024 + 1;
        int last = 60 * 1024;
        CountDownLatch reset = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = WsServerSide.keyOf(RawServer.readHead(in));
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.write(handshake(new WsCase(-1), key));
            for (int i = 0; i < small; i++) {
                WsServerSide.frame(frames, 0x82, new byte[1]);
            }
            WsServerSide.frame(frames, 0x82, new byte[last]);
            frames.writeTo(out);
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
            reset.countDown();
        })) {
            List<Integer> sizes = new ArrayList<>();
            FetchException[] failure = new FetchException[1];
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/reset")).pingIntervalMillis(0)
                    .open(new WebSocketListener() {
                        @Override
                        public void onBinary(WebSocket webSocket, byte[] data) {
                            sizes.add(data.length);
                        }

                        @Override
                        public void onFailure(WebSocket webSocket, FetchException e) {
                            failure[0] = e;
                        }
                    });
            assertTrue(reset.await(20, TimeUnit.SECONDS), "the server sent every frame");
            // Written after the reset, this message fails; the game has not taken a message yet.
            ws.send("after the reset");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ws.queuedBytes() > 0 || writerRunning()) {
                assertTrue(System.nanoTime() < deadline, "the write never ended");
                LockSupport.parkNanos(Frames.FRAME_NANOS);
            }
            Frames.until(fetch, () -> failure[0] != null);
            assertEquals(small + 1, sizes.size(), "every frame that arrived before the reset: " + failure[0]);
            assertEquals(Integer.valueOf(last), sizes.get(small));
            assertEquals(FailureKind.NETWORK, failure[0].kind());
        }
    }

    /** Whether a channel's writer is still running a write or waiting for one. */
    private static boolean writerRunning() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement e : stack) {
                if (e.getClassName().endsWith("WsChannel$Writer")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] handshake(WsCase c, String key) throws Exception {
        return (c.interim + "HTTP/1.1 101 Switching Protocols\r\n" + c.upgradeLines + "Sec-WebSocket-Accept: "
                + WsServerSide.accept(key) + "\r\n" + (c.extensions.isEmpty() ? "" : "Sec-WebSocket-Extensions: "
                + c.extensions + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private void runWs(List<WsCase> all) throws Exception {
        for (WsCase c : all) {
            wsCases.put(c.seed, c);
        }
        try (RawServer server = new RawServer(this::serveWs)) {
            WsProbe[] lanes = new WsProbe[LANES];
            int next = 0;
            while (true) {
                boolean busy = false;
                for (int lane = 0; lane < LANES; lane++) {
                    WsProbe p = lanes[lane];
                    if (p == null && next < all.size()) {
                        WsCase c = all.get(next++);
                        lanes[lane] = p = new WsProbe(c);
                        fetch.webSocket(WsServerSide.wsUrl(server, "/ws/" + c.seed)).maxMessageBytes(MAX_MESSAGE)
                                .pingIntervalMillis(0).deadPeerTimeoutMillis(2_000).connectTimeoutMillis(2_000)
                                .perMessageDeflate(c.offerDeflate).open(p);
                    }
                    if (p == null) {
                        continue;
                    }
                    busy = true;
                    if (p.terminals > 0 && serverDone.containsKey(p.c.seed)) {
                        checkWs(p);
                        lanes[lane] = null;
                    } else if ((System.nanoTime() - p.startNanos) / 1_000_000 > CASE_LIMIT_MILLIS) {
                        fail(p.c.describe() + ": no terminal event (or the server never finished) after "
                                + CASE_LIMIT_MILLIS + " ms; got " + p.messages);
                    }
                }
                if (!busy) {
                    break;
                }
                fetch.update();
                LockSupport.parkNanos(Frames.FRAME_NANOS);
            }
            Frames.run(fetch, 3);
            assertTrue(uncaught.isEmpty(), "exceptions reached an uncaught handler: " + uncaught);
            assertEquals(0, fetch.openChannelCount(), "every channel ended");
        }
    }

    private void checkWs(WsProbe p) {
        WsCase c = p.c;
        String what = c.describe() + " got messages " + p.messages + ", "
                + (p.failure != null ? "failure " + p.failure : "closed " + p.closedCode) + ", client close "
                + clientCloses.get(c.seed);
        assertEquals(1, p.terminals, what + ": terminal events");
        assertTrue(!p.afterTerminal, what + ": a message after the terminal event");
        if (c.either && p.failure == null) {
            // Taken as valid: every message, then the server's close.
            assertEquals(c.messages, p.messages, what);
            assertEquals(1000, p.closedCode, what);
            return;
        }
        if (c.either) {
            assertEquals(FailureKind.PROTOCOL, p.failure.kind(), what);
            assertTrue(c.messages.subList(0, Math.min(c.messages.size(), p.messages.size())).equals(p.messages), what);
            return;
        }
        assertEquals(c.messages, p.messages, what + ": messages before the violation, whole and in order");
        if (c.closedCode >= 0) {
            assertTrue(p.failure == null, what + ": must close with " + c.closedCode);
            assertEquals(c.closedCode, p.closedCode, what);
        } else {
            assertTrue(p.failure != null, what + ": must fail with one of " + c.kinds);
            assertTrue(c.kinds.contains(p.failure.kind()), what + ": must fail with one of " + c.kinds);
            assertTrue(!p.failure.getMessage().contains("unexpected error"), what);
        }
        // Failing the connection, a client MAY send a close frame first (RFC 6455 section 7.1.7); this one
        // tries briefly, so a loaded machine may see none. One that is sent carries the code the RFC names.
        Integer sent = clientCloses.get(c.seed);
        if (c.clientCloseCode >= 0 && sent != null) {
            assertEquals(Integer.valueOf(c.clientCloseCode), sent, what + ": the client's close code");
        }
    }

    private void serveWs(Socket socket, int index) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String head = RawServer.readHead(in);
        int seed = Integer.parseInt(head.substring(head.indexOf("/ws/") + 4, head.indexOf(" HTTP/")));
        try {
            WsCase c = wsCases.get(seed);
            byte[] handshake = handshake(c, WsServerSide.keyOf(head));
            if (c.handshakeCut >= 0) {
                out.write(handshake, 0, c.handshakeCut);
                out.flush();
                socket.close();
                return;
            }
            if (!c.sameWrite) {
                out.write(handshake);
                out.flush();
                handshake = new byte[0];
            }
            byte[] frames = c.wire.toByteArray();
            byte[] all = Arrays.copyOf(handshake, handshake.length + frames.length);
            System.arraycopy(frames, 0, all, handshake.length, frames.length);
            out.write(all);
            out.flush();
            if (c.dropAfter) {
                socket.close();
                return;
            }
            socket.setSoTimeout(3_000);
            DataInputStream data = new DataInputStream(in);
            while (true) {
                int b0;
                try {
                    b0 = data.read();
                } catch (SocketTimeoutException | SocketException gone) {
                    return;
                }
                if (b0 < 0) {
                    return;
                }
                WsServerSide.ClientFrame frame = WsServerSide.readClientFrame(data, b0);
                if (frame.opcode() == 0x8) {
                    byte[] payload = frame.payload;
                    clientCloses.put(seed, payload.length >= 2 ? WsServerSide.closeCodeOf(payload) : 1005);
                    socket.close();
                    return;
                }
            }
        } finally {
            serverDone.put(seed, true);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    private static final String[] TEXTS = {"hello", "", "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83c\udfae game",
            "{\"score\":42}"};

    /** Appends one valid message (text or binary, perhaps fragmented with a ping between) and records it. */
    private static void validMessage(WsCase c, Random r) {
        boolean text = r.nextBoolean();
        byte[] payload;
        if (text) {
            StringBuilder s = new StringBuilder(TEXTS[r.nextInt(TEXTS.length)]);
            if (r.nextInt(5) == 0) {
                for (int i = 0, n = 100 + r.nextInt(70_000 / 4); i < n; i++) {
                    s.append("\u00e9\u20ac");
                }
            }
            payload = utf8(s.toString());
            if (payload.length > MAX_MESSAGE) {
                payload = utf8(TEXTS[0]);
            }
            c.messages.add("text:" + new String(payload, StandardCharsets.UTF_8));
        } else {
            payload = new byte[r.nextInt(4) == 0 ? r.nextInt(MAX_MESSAGE) : r.nextInt(200)];
            r.nextBytes(payload);
            c.messages.add("binary:" + Base64.getEncoder().encodeToString(payload));
        }
        int opcode = text ? 0x1 : 0x2;
        if (payload.length < 2 || r.nextInt(3) != 0) {
            WsServerSide.frame(c.wire, 0x80 | opcode, payload);
            return;
        }
        // Fragments split anywhere, a multi-byte character included: only the whole message must be UTF-8.
        int at = 0;
        boolean first = true;
        while (at < payload.length) {
            int n = Math.min(payload.length - at, 1 + r.nextInt(Math.max(1, payload.length / 2)));
            boolean fin = at + n == payload.length;
            byte[] part = Arrays.copyOfRange(payload, at, at + n);
            WsServerSide.frame(c.wire, (fin ? 0x80 : 0) | (first ? opcode : 0x0), part);
            if (!fin && r.nextInt(3) == 0) {
                WsServerSide.frame(c.wire, 0x89, utf8("ping"));
            }
            first = false;
            at += n;
        }
    }

    static WsCase generateWs(int seed) {
        Random r = new Random(BASE_SEED * 17 + seed);
        WsCase c = new WsCase(seed);
        c.sameWrite = r.nextBoolean();
        String[] upgrades = {"Upgrade: websocket\r\nConnection: Upgrade\r\n",
                "upgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\n",
                "Connection: Upgrade\r\nUpgrade: websocket\r\nX-Extra: 1\r\n"};
        c.upgradeLines = upgrades[r.nextInt(upgrades.length)];
        if (r.nextInt(4) == 0) {
            c.interim = r.nextBoolean() ? "HTTP/1.1 100 Continue\r\n\r\n" : "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";
        }
        if (r.nextInt(3) == 0) {
            return generateDeflate(c, r);
        }
        int v = r.nextInt(20);
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            if (r.nextInt(4) == 0) {
                WsServerSide.frame(c.wire, r.nextBoolean() ? 0x89 : 0x8A, utf8("keep"));
            }
            validMessage(c, r);
        }
        c.kinds = EnumSet.of(FailureKind.PROTOCOL);
        c.clientCloseCode = 1002;
        switch (v) {
            case 0: {
                int opcode = new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}[r.nextInt(10)];
                c.violation = "reserved opcode 0x" + Integer.toHexString(opcode);
                WsServerSide.frame(c.wire, 0x80 | opcode, utf8("x"));
                break;
            }
            case 1: {
                int rsv = new int[] {0x40, 0x20, 0x10, 0x70}[r.nextInt(4)];
                c.violation = "reserved bits 0x" + Integer.toHexString(rsv);
                WsServerSide.frame(c.wire, 0x80 | rsv | (r.nextBoolean() ? 0x1 : 0x9), utf8("x"));
                break;
            }
            case 2: {
                int opcode = new int[] {0x8, 0x9, 0xA}[r.nextInt(3)];
                c.violation = "fragmented control frame 0x" + Integer.toHexString(opcode);
                WsServerSide.frame(c.wire, opcode, opcode == 0x8 ? closePayload(1000, new byte[0]) : utf8("x"));
                break;
            }
            case 3: {
                int opcode = new int[] {0x8, 0x9, 0xA}[r.nextInt(3)];
                byte[] payload = new byte[126 + r.nextInt(200)];
                if (opcode == 0x8) {
                    byte[] reason = new byte[payload.length - 2];
                    Arrays.fill(reason, (byte) 'r');
                    payload = closePayload(1000, reason);
                }
                c.violation = "control frame 0x" + Integer.toHexString(opcode) + " of " + payload.length + " bytes";
                WsServerSide.frame(c.wire, 0x80 | opcode, payload);
                break;
            }
            case 4: {
                c.violation = "masked server frame";
                c.wire.write(0x81);
                c.wire.write(0x80 | 2);
                c.wire.write(new byte[] {1, 2, 3, 4}, 0, 4);
                c.wire.write('h' ^ 1);
                c.wire.write('i' ^ 2);
                break;
            }
            case 5: {
                int code = new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}[r.nextInt(11)];
                c.violation = "close code " + code;
                WsServerSide.frame(c.wire, 0x88, closePayload(code, utf8("bad")));
                break;
            }
            case 6:
                c.violation = "close frame of one byte";
                WsServerSide.frame(c.wire, 0x88, new byte[] {0x03});
                break;
            case 7: {
                byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                        {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
                byte[] b = bad[r.nextInt(bad.length)];
                boolean inClose = r.nextBoolean();
                c.violation = "invalid UTF-8 " + HostileResponseFuzzTest.quote(b) + (inClose ? " in a close reason"
                        : " in a text message");
                byte[] text = new byte[b.length + 2];
                text[0] = 'o';
                System.arraycopy(b, 0, text, 1, b.length);
                text[text.length - 1] = 'k';
                if (inClose) {
                    WsServerSide.frame(c.wire, 0x88, closePayload(1000, text));
                } else if (r.nextBoolean()) {
                    WsServerSide.frame(c.wire, 0x81, text);
                } else {
                    WsServerSide.frame(c.wire, 0x01, Arrays.copyOf(text, 1));
                    WsServerSide.frame(c.wire, 0x80, Arrays.copyOfRange(text, 1, text.length));
                }
                c.clientCloseCode = 1007;
                break;
            }
            case 8: {
                // RFC 6455 section 5.2 asks for the minimal length encoding; a lenient reader takes the frame as sent.
                byte[] payload = utf8(r.nextBoolean() ? "short" : new String(new char[200]).replace('\0', 'L'));
                c.violation = "length of " + payload.length + " not in its minimal encoding";
                WsServerSide.frame(c.wire, 0x81, payload, payload.length < 126 ? (r.nextBoolean() ? 2 : 8) : 8);
                c.messages.add("text:" + new String(payload, StandardCharsets.UTF_8));
                c.either = true;
                break;
            }
            case 9:
                c.violation = "64-bit length with its top bit set";
                c.wire.write(0x82);
                c.wire.write(127);
                c.wire.write(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 5}, 0, 8);
                c.wire.write(new byte[5], 0, 5);
                break;
            case 10:
                c.violation = "continuation with no message to continue";
                WsServerSide.frame(c.wire, 0x80, utf8("lost"));
                break;
            case 11:
                c.violation = "new message inside a fragmented one";
                WsServerSide.frame(c.wire, 0x01, utf8("first "));
                WsServerSide.frame(c.wire, 0x81, utf8("second"));
                break;
            case 12: {
                c.violation = "length field past maxMessageBytes";
                c.wire.write(0x82);
                c.wire.write(127);
                c.wire.write(new byte[] {0, 0, 1, 0, 0, 0, 0, 0}, 0, 8);
                c.kinds = EnumSet.of(FailureKind.TOO_LARGE);
                c.clientCloseCode = 1009;
                break;
            }
            case 13: {
                c.violation = "fragments adding up past maxMessageBytes";
                byte[] part = new byte[MAX_MESSAGE / 2 + 1];
                WsServerSide.frame(c.wire, 0x02, part);
                WsServerSide.frame(c.wire, 0x00, part);
                c.kinds = EnumSet.of(FailureKind.TOO_LARGE);
                c.clientCloseCode = 1009;
                break;
            }
            case 14: {
                ByteArrayOutputStream f = new ByteArrayOutputStream();
                WsServerSide.frame(f, 0x82, new byte[300]);
                byte[] bytes = f.toByteArray();
                int cut = 1 + r.nextInt(bytes.length - 1);
                c.violation = "frame cut at " + cut + " of " + bytes.length + ", then the connection closed";
                c.wire.write(bytes, 0, cut);
                c.kinds = EnumSet.of(FailureKind.NETWORK);
                c.clientCloseCode = -1;
                c.dropAfter = true;
                break;
            }
            case 15:
                c.violation = "connection closed without a close frame";
                c.kinds = EnumSet.of(FailureKind.NETWORK);
                c.clientCloseCode = -1;
                c.dropAfter = true;
                break;
            case 16: {
                int code = new int[] {1000, 1001, 1003, 1008, 1011, 3000, 4999}[r.nextInt(7)];
                byte[] reason = utf8(r.nextBoolean() ? "bye" : "\u00e9t\u00e9");
                c.violation = "valid close " + code;
                WsServerSide.frame(c.wire, 0x88, r.nextInt(4) == 0 ? new byte[0] : closePayload(code, reason));
                c.closedCode = lastFrameWasEmptyClose(c) ? 1005 : code;
                c.clientCloseCode = -1;
                c.kinds = EnumSet.noneOf(FailureKind.class);
                break;
            }
            case 17: {
                c.violation = "valid close of a 123-byte reason";
                byte[] reason = new byte[123];
                Arrays.fill(reason, (byte) 'r');
                WsServerSide.frame(c.wire, 0x88, closePayload(1000, reason));
                c.closedCode = 1000;
                c.clientCloseCode = -1;
                break;
            }
            case 18:
                c.violation = "a pong nobody asked for, then a valid close";
                WsServerSide.frame(c.wire, 0x8A, utf8("unasked"));
                WsServerSide.frame(c.wire, 0x88, closePayload(1000, new byte[0]));
                c.closedCode = 1000;
                c.clientCloseCode = -1;
                break;
            default: {
                c.violation = "text split inside a character across fragments";
                byte[] text = utf8("\u00e9\u20ac\ud83c\udfae");
                WsServerSide.frame(c.wire, 0x01, Arrays.copyOf(text, 1));
                WsServerSide.frame(c.wire, 0x00, Arrays.copyOfRange(text, 1, 4));
                WsServerSide.frame(c.wire, 0x80, Arrays.copyOfRange(text, 4, text.length));
                c.messages.add("text:" + new String(text, StandardCharsets.UTF_8));
                WsServerSide.frame(c.wire, 0x88, closePayload(1000, new byte[0]));
                c.closedCode = 1000;
                c.clientCloseCode = -1;
                break;
            }
        }
        if (c.either) {
            WsServerSide.frame(c.wire, 0x88, closePayload(1000, new byte[0]));
        }
        return c;
    }

    /** A message compressed as RFC 7692 section 7.2.1 says: a sync flush, its 00 00 FF FF tail removed. */
    private static byte[] compress(WsCase c, byte[] payload) {
        c.deflater.setInput(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = c.deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    /** Cases with permessage-deflate on: compressed messages, then one violation of RFC 7692 or none. */
    private static WsCase generateDeflate(WsCase c, Random r) {
        c.offerDeflate = true;
        boolean noContext = r.nextBoolean();
        c.extensions = "permessage-deflate" + (noContext ? "; server_no_context_takeover" : "");
        c.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            String text = TEXTS[r.nextInt(TEXTS.length)] + " " + i + " " + TEXTS[r.nextInt(TEXTS.length)];
            byte[] packed = compress(c, utf8(text));
            if (noContext) {
                c.deflater.reset();
            }
            c.messages.add("text:" + text);
            if (packed.length > 2 && r.nextBoolean()) {
                // Fragmented: RSV1 on the first frame only.
                int cut = 1 + r.nextInt(packed.length - 1);
                WsServerSide.frame(c.wire, 0x40 | 0x1, Arrays.copyOf(packed, cut));
                WsServerSide.frame(c.wire, 0x80, Arrays.copyOfRange(packed, cut, packed.length));
            } else {
                WsServerSide.frame(c.wire, 0x80 | 0x40 | 0x1, packed);
            }
            if (r.nextInt(3) == 0) {
                byte[] plain = utf8("plain " + i);
                WsServerSide.frame(c.wire, 0x81, plain);
                c.messages.add("text:plain " + i);
            }
        }
        c.kinds = EnumSet.of(FailureKind.PROTOCOL);
        c.clientCloseCode = 1002;
        switch (r.nextInt(7)) {
            case 0: {
                c.violation = "deflate: RSV1 on a continuation frame";
                byte[] packed = compress(c, utf8("two parts"));
                WsServerSide.frame(c.wire, 0x40 | 0x1, Arrays.copyOf(packed, 1));
                WsServerSide.frame(c.wire, 0x80 | 0x40, Arrays.copyOfRange(packed, 1, packed.length));
                break;
            }
            case 1:
                c.violation = "deflate: RSV1 on a ping";
                WsServerSide.frame(c.wire, 0x80 | 0x40 | 0x9, utf8("p"));
                break;
            case 2:
                c.violation = "deflate: RSV2 on a text frame";
                WsServerSide.frame(c.wire, 0x80 | 0x20 | 0x1, utf8("p"));
                break;
            case 3:
                c.violation = "deflate: bytes that are not deflate data";
                WsServerSide.frame(c.wire, 0x80 | 0x40 | 0x2, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
                break;
            case 4: {
                c.violation = "deflate: message inflating past maxMessageBytes";
                Deflater bomb = new Deflater(9, true);
                bomb.setInput(new byte[MAX_MESSAGE * 4]);
                bomb.finish();
                byte[] buf = new byte[MAX_MESSAGE];
                int n = bomb.deflate(buf);
                bomb.end();
                WsServerSide.frame(c.wire, 0x80 | 0x40 | 0x2, Arrays.copyOf(buf, n));
                c.kinds = EnumSet.of(FailureKind.TOO_LARGE);
                c.clientCloseCode = 1009;
                break;
            }
            default:
                c.violation = "deflate: valid close";
                WsServerSide.frame(c.wire, 0x88, closePayload(1000, utf8("done")));
                c.closedCode = 1000;
                c.clientCloseCode = -1;
                break;
        }
        c.deflater.end();
        c.deflater = null;
        return c;
    }

    private static boolean lastFrameWasEmptyClose(WsCase c) {
        byte[] w = c.wire.toByteArray();
        return w.length >= 2 && w[w.length - 2] == (byte) 0x88 && w[w.length - 1] == 0;
    }

    // ---- Server-Sent Events ----

    /** One event stream case: the body, and the events it must give before the server ends it. */
    static final class SseCase {
        final int seed;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        String name = "";
        boolean lastCr;
        /** How the stream ends: null for onClosed, else the failure's kind. */
        FailureKind endKind = FailureKind.NETWORK;
        String statusLine = "HTTP/1.1 200 OK";
        String contentType = "text/event-stream";
        String interim = "";
        /** 0 read to close, 1 chunked, 2 Content-Length; with gzip when {@link #gzip}. */
        int framing;
        boolean gzip;

        String head() {
            StringBuilder h = new StringBuilder(interim).append(statusLine).append("\r\n");
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (gzip) {
                h.append("Content-Encoding: gzip\r\n");
            }
            if (framing == 1) {
                h.append("Transfer-Encoding: chunked\r\n");
            } else if (framing == 2) {
                h.append("Content-Length: ").append(coded().length).append("\r\n");
            }
            return h.append("\r\n").toString();
        }

        private byte[] coded() {
            byte[] bytes = body.toByteArray();
            if (!gzip) {
                return bytes;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(bytes);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** The body as the framing and coding put it on the wire. */
        byte[] framed() {
            byte[] coded = coded();
            return framing == 1 ? HostileResponseFuzzTest.chunked(coded, new Random(seed), true) : coded;
        }

        SseCase(int seed) {
            this.seed = seed;
        }

        String describe() {
            return "event stream seed " + seed + " (" + name + ") head: " + HostileResponseFuzzTest.quote(
                    head().getBytes(StandardCharsets.ISO_8859_1)) + " body: " + HostileResponseFuzzTest.quote(framed());
        }
    }

    /** What one stream received; it ends at its first failure, reconnections being off. */
    static final class SseProbe implements EventStreamListener {
        final SseCase c;
        final long startNanos = System.nanoTime();
        final List<String> events = new ArrayList<>();
        int terminals;
        FetchException failure;

        SseProbe(SseCase c) {
            this.c = c;
        }

        @Override
        public void onEvent(EventStream stream, String type, String data, String id) {
            events.add(type + "|" + data + "|" + id);
        }

        @Override
        public void onClosed(EventStream stream) {
            terminals++;
        }

        @Override
        public void onFailure(EventStream stream, FetchException e) {
            terminals++;
            failure = e;
        }
    }

    private final ConcurrentHashMap<Integer, SseCase> sseCases = new ConcurrentHashMap<>();
    private static final int MAX_EVENT = 4096;

    @Test
    void eventStreamsWithMixedLineEndsByteOrderMarksAndHugeLinesGiveTheEventsTheStandardDefines() throws Exception {
        List<SseCase> all = new ArrayList<>();
        for (int seed = 0; seed < SSE_CASES; seed++) {
            SseCase c = generateSse(seed);
            all.add(c);
            sseCases.put(seed, c);
        }
        try (RawServer server = new RawServer(this::serveSse)) {
            SseProbe[] lanes = new SseProbe[LANES];
            int next = 0;
            while (true) {
                boolean busy = false;
                for (int lane = 0; lane < LANES; lane++) {
                    SseProbe p = lanes[lane];
                    if (p == null && next < all.size()) {
                        SseCase c = all.get(next++);
                        lanes[lane] = p = new SseProbe(c);
                        fetch.events(server.url("/sse/" + c.seed)).maxReconnects(0).maxEventBytes(MAX_EVENT)
                                .readTimeoutMillis(2_000).open(p);
                    }
                    if (p == null) {
                        continue;
                    }
                    busy = true;
                    if (p.terminals > 0) {
                        checkSse(p);
                        lanes[lane] = null;
                    } else if ((System.nanoTime() - p.startNanos) / 1_000_000 > CASE_LIMIT_MILLIS) {
                        fail(p.c.describe() + ": no terminal event after " + CASE_LIMIT_MILLIS + " ms; got " + p.events);
                    }
                }
                if (!busy) {
                    break;
                }
                fetch.update();
                LockSupport.parkNanos(Frames.FRAME_NANOS);
            }
            Frames.run(fetch, 3);
            assertTrue(uncaught.isEmpty(), "exceptions reached an uncaught handler: " + uncaught);
        }
    }

    private static void checkSse(SseProbe p) {
        SseCase c = p.c;
        String what = c.describe() + " got " + p.events + ", " + (p.failure != null ? "failure " + p.failure : "closed");
        assertEquals(1, p.terminals, what + ": terminal events");
        assertEquals(c.events, p.events, what + ": events");
        if (c.endKind == null) {
            assertTrue(p.failure == null, what + ": must close");
            return;
        }
        assertTrue(p.failure != null, what);
        // Reconnection is off: the end of the stream is reported as the failure it would reconnect after.
        assertEquals(c.endKind, p.failure.kind(), what);
        assertTrue(!p.failure.getMessage().contains("unexpected error"), what);
    }

    private void serveSse(Socket socket, int index) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String head = RawServer.readHead(in);
        int seed = Integer.parseInt(head.substring(head.indexOf("/sse/") + 5, head.indexOf(" HTTP/")));
        SseCase c = sseCases.get(seed);
        byte[] body = c.framed();
        Random r = new Random(seed);
        RawServer.write(out, c.head());
        // Pieces of any size: a CR LF pair, a BOM or a character may be split between two reads.
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + r.nextInt(r.nextBoolean() ? 3 : 2000));
            out.write(body, at, n);
            out.flush();
            at += n;
            if (r.nextInt(4) == 0) {
                LockSupport.parkNanos(200_000);
            }
        }
        socket.close();
    }

    static SseCase generateSse(int seed) {
        Random r = new Random(BASE_SEED * 13 + seed);
        SseCase c = new SseCase(seed);
        String[] ends = {"\r\n", "\n", "\r"};
        boolean bom = r.nextInt(3) == 0;
        if (bom) {
            c.body.write(0xEF);
            c.body.write(0xBB);
            c.body.write(0xBF);
            c.name += "BOM, ";
            if (r.nextInt(3) == 0) {
                // Only the first is a byte order mark; a second one is part of the first line's field name.
                c.body.write(0xEF);
                c.body.write(0xBB);
                c.body.write(0xBF);
                c.name += "second BOM, ";
                HostileResponseFuzzTest.put(c.body, "data: hidden" + ends[r.nextInt(3)] + ends[r.nextInt(3)]);
            }
        }
        String id = "";
        for (int e = 0, n = 1 + r.nextInt(5); e < n; e++) {
            String type = r.nextBoolean() ? "message" : "kind" + e;
            if (!type.equals("message") || r.nextBoolean()) {
                line(c, "event: " + type, ends[r.nextInt(3)]);
            }
            if (r.nextInt(4) == 0) {
                line(c, ": comment " + e, ends[r.nextInt(3)]);
            }
            if (r.nextBoolean()) {
                id = "id" + seed + "-" + e;
                line(c, (r.nextBoolean() ? "id: " : "id:") + id, ends[r.nextInt(3)]);
            }
            StringBuilder data = new StringBuilder();
            for (int l = 0, lines = 1 + r.nextInt(3); l < lines; l++) {
                String value = "d" + e + "." + l + (r.nextInt(5) == 0 ? " \u00e9\u20ac" : "");
                if (r.nextInt(5) == 0) {
                    value = ":" + value + ":";
                }
                line(c, (r.nextBoolean() ? "data: " : "data:") + value, ends[r.nextInt(3)]);
                data.append(l == 0 ? "" : "\n").append(value);
            }
            if (r.nextInt(5) == 0) {
                line(c, "unknown: field", ends[r.nextInt(3)]);
            }
            line(c, "", ends[r.nextInt(3)]);
            c.events.add(type + "|" + data + "|" + id);
        }
        c.name += "mixed line ends";
        switch (r.nextInt(4)) {
            case 0: {
                // A line over maxEventBytes ends the stream, however its bytes arrive.
                StringBuilder huge = new StringBuilder("data: ");
                for (int i = 0; i < MAX_EVENT + 10; i++) {
                    huge.append('h');
                }
                line(c, huge.toString(), "\n");
                line(c, "", "\n");
                c.endKind = FailureKind.TOO_LARGE;
                c.name += ", a line over maxEventBytes";
                break;
            }
            case 1:
                // An event not ended by a blank line is dropped when the stream ends.
                line(c, "data: unfinished", ends[r.nextInt(3)]);
                c.name += ", an unfinished event";
                break;
            case 2: {
                // A CR at the very end and an LF in the next piece are one line end.
                HostileResponseFuzzTest.put(c.body, "data: last\r\n\r\n");
                c.events.add("message|last|" + id);
                c.name += ", CR then LF then CR LF";
                break;
            }
            default:
                break;
        }
        c.framing = r.nextInt(3);
        c.gzip = r.nextInt(4) == 0;
        c.name += ", " + new String[] {"read to close", "chunked", "Content-Length"}[c.framing] + (c.gzip ? ", gzip" : "");
        switch (r.nextInt(12)) {
            case 0:
                c.statusLine = "HTTP/1.1 204 No Content";
                c.contentType = null;
                c.framing = 0;
                c.body.reset();
                c.events.clear();
                c.endKind = null;
                c.name += ", 204";
                break;
            case 1:
                c.statusLine = "HTTP/1.1 503 Service Unavailable";
                c.events.clear();
                c.endKind = FailureKind.HTTP_STATUS;
                c.name += ", 503";
                break;
            case 2:
                c.contentType = r.nextBoolean() ? "text/plain" : null;
                c.events.clear();
                c.endKind = FailureKind.PROTOCOL;
                c.name += ", Content-Type " + c.contentType;
                break;
            case 3:
                c.contentType = r.nextBoolean() ? "Text/Event-Stream; charset=utf-8" : " text/event-stream ;x=y";
                c.name += ", Content-Type " + c.contentType;
                break;
            case 4:
                c.interim = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";
                c.name += ", interim responses first";
                break;
            case 5:
                c.statusLine = "HTTP/1.1 200";
                c.name += ", no reason phrase";
                break;
            default:
                break;
        }
        return c;
    }

    /**
     * Appends a line. A blank line ended by LF right after a line ended by CR would be that CR's
     * LF, not a blank line, so it gets CR LF instead.
     */
    private static void line(SseCase c, String text, String end) {
        if (text.isEmpty() && end.equals("\n") && c.lastCr) {
            end = "\r\n";
        }
        c.lastCr = end.equals("\r");
        byte[] bytes = (text + end).getBytes(StandardCharsets.UTF_8);
        c.body.write(bytes, 0, bytes.length);
    }
}
