package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSocket channels against scripted servers that break RFC 6455 on purpose. */
class WebSocketHostileServerTest {
    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** What a scripted server does after a correct 101 handshake. */
    interface AfterHandshake {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    private static RawServer handshaking(AfterHandshake then) throws IOException {
        return new RawServer((socket, index) -> handshake(socket, then));
    }

    /** As {@link #handshaking}, with a socket receive buffer this small, so the client's writes soon block. */
    private static RawServer handshaking(AfterHandshake then, int receiveBuffer) throws IOException {
        return new RawServer((socket, index) -> handshake(socket, then), receiveBuffer);
    }

    private static void handshake(Socket socket, AfterHandshake then) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        RawServer.write(out, WsServerSide.switching(RawServer.readHead(in), ""));
        then.run(in, out);
    }

    /** Sends a short text message every 20 ms until the connection breaks: a server that talks but never reads. */
    private static void chatterForever(OutputStream out) throws IOException {
        while (true) {
            out.write(new byte[] {(byte) 0x81, 4, 't', 'i', 'c', 'k'});
            out.flush();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private WsRecorder runUntilEnded(String url) {
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(url).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(1, recorder.terminals);
        return recorder;
    }

    /** Opens a channel and drives the frame loop until its first event: an open, or the handshake's failure. */
    private WsRecorder firstEvent(String url) {
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(url).open(recorder);
        Frames.until(fetch, () -> !recorder.events.isEmpty());
        return recorder;
    }

    /** Reads one client frame and returns its unmasked payload, checking the client masked it. */
    private static byte[] readClientFrame(InputStream in) throws IOException {
        WsServerSide.ClientFrame frame = WsServerSide.readClientFrame(new DataInputStream(in));
        assertTrue(frame.masked(), "client frame not masked");
        return frame.payload;
    }

    @Test
    void aHandshakeAnsweredWithA5xxOrACodeAbove599IsTriedAgainAsTheDocsSay() throws Exception {
        // RFC 9110 section 15: a client handles a code outside 100-599 as a 5xx.
        String[] answers = {"HTTP/1.1 600 Beyond", "HTTP/1.1 503 Service Unavailable", "HTTP/1.1 999 Far Beyond"};
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), answers[Math.min(index, answers.length - 1)]
                    + "\r\nContent-Length: 0\r\n\r\n");
            socket.close();
        })) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/chat")).pingIntervalMillis(0)
                    .reconnect(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(0).jitter(0).build())
                    .open(recorder);
            Frames.until(fetch, recorder::ended);

            assertEquals(Arrays.asList("reconnecting 1", "reconnecting 2", "reconnecting 3", "failure HTTP_STATUS"),
                    recorder.events);
            assertTrue(recorder.failure.getMessage().contains("got 999 Far Beyond"), recorder.failure.getMessage());
        }
    }

    @Test
    void aHandshakeAnsweredWith503AndRetryAfterWaitsAsLongAsTheServerAsksBeforeReconnecting() throws Exception {
        // A server restarting behind a load balancer says when to come back (RFC 9110 section
        // 10.2.3); every player reconnecting at the policy's first short delay instead is the
        // stampede it asked to avoid. As for a request, a wait past the policy's cap ends the retries.
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7"
                    + "\r\nContent-Length: 0\r\n\r\n");
            socket.close();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/chat")).pingIntervalMillis(0)
                    .reconnect(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(0).jitter(0).build())
                    .open(recorder);
            Frames.until(fetch, () -> recorder.has("reconnecting 1"));
            assertEquals(Arrays.asList(7_000L), recorder.reconnectDelays);
            assertEquals(1, server.connections(), "nothing more before the wait the server asked for");
            ws.cancel();
        }
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 86400"
                    + "\r\nContent-Length: 0\r\n\r\n");
            socket.close();
        })) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/chat")).pingIntervalMillis(0)
                    .reconnect(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(0).jitter(0).build())
                    .open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("failure HTTP_STATUS"), recorder.events);
            assertEquals(1, server.connections());
        }
    }

    @Test
    void theHandshakesHostIsWrittenAsAnOrdinaryRequestsIsThePortAsANumber() throws Exception {
        // RFC 9110 section 7.2: Host is uri-host [":" port]; "0" before the port's digits is not part of it.
        List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            heads.add(head);
            RawServer.write(socket.getOutputStream(), head.contains("Upgrade: websocket")
                    ? WsServerSide.switching(head, "") : "HTTP/1.1 204 No Content\r\n\r\n");
            socket.close();
        })) {
            String port = server.url("").substring("http://127.0.0.1:".length());
            FetchHandle<String> plain = fetch.get("http://127.0.0.1:0" + port + "/chat").send(Decoders.text(), null);
            Frames.untilDone(fetch, plain);
            WsRecorder recorder = firstEvent("ws://127.0.0.1:0" + port + "/chat");
            assertEquals("open ", recorder.events.get(0));

            assertEquals(2, heads.size());
            assertEquals("Host: 127.0.0.1:" + port, EventStreamTest.hostLine(heads.get(0)), "an ordinary request");
            assertEquals("Host: 127.0.0.1:" + port, EventStreamTest.hostLine(heads.get(1)), "the handshake");
        }
    }

    @Test
    void badSecWebSocketAcceptFailsWithProtocol() throws Exception {
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            socket.getInputStream().read();
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/chat"));
            assertEquals(FailureKind.PROTOCOL, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("bad Sec-WebSocket-Accept"), recorder.failure.getMessage());
            assertTrue(recorder.failure.getMessage().contains(WsServerSide.wsUrl(server, "/chat")), recorder.failure.getMessage());
            assertEquals(1, recorder.events.size(), "no open before the failure");
        }
    }

    @Test
    void aSecondSecWebSocketAcceptFailsTheHandshakeEvenWhenTheLastOneIsRight() throws Exception {
        // RFC 6455 section 11.3.3: the field must not appear more than once in a response.
        try (RawServer server = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), WsServerSide.switching(head, "").replaceFirst(
                    "Sec-WebSocket-Accept", "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Accept"));
            socket.getInputStream().read();
        })) {
            WsRecorder recorder = firstEvent(WsServerSide.wsUrl(server, "/"));
            assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
            assertTrue(recorder.failure.getMessage().contains("Sec-WebSocket-Accept"), recorder.failure.getMessage());
        }
    }

    @Test
    void anUpgradeHeaderNamingMoreThanWebsocketFailsTheHandshake() throws Exception {
        // RFC 6455 section 4.1: a value that is not "websocket" fails the connection.
        String[] upgrades = {"Upgrade: websocket, h2c\r\n", "Upgrade: websocket\r\nUpgrade: h2c\r\n"};
        for (String upgrade : upgrades) {
            try (RawServer server = new RawServer((socket, index) -> {
                String head = RawServer.readHead(socket.getInputStream());
                RawServer.write(socket.getOutputStream(), WsServerSide.switching(head, "")
                        .replace("Upgrade: websocket\r\n", upgrade));
                socket.getInputStream().read();
            })) {
                WsRecorder recorder = firstEvent(WsServerSide.wsUrl(server, "/"));
                assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events, upgrade);
                assertTrue(recorder.failure.getMessage().contains("Upgrade"), recorder.failure.getMessage());
            }
        }
    }

    @Test
    void aHandshakeAnswerDrippedOneByteAtATimeFailsAtTheConnectTimeout() throws Exception {
        // Each byte comes well inside the timeout, so only a limit on the whole answer ends it.
        try (RawServer server = new RawServer((socket, index) -> RawServer.dripAfterHead(socket, "HTTP/1.1 101 Switching Protocols\r\nX-Slow: "))) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).connectTimeoutMillis(400).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("failure READ_TIMEOUT"), recorder.events);
            assertTrue(recorder.failure.getMessage().contains("opening handshake"), recorder.failure.getMessage());
        }
    }

    @Test
    void aTlsHandshakeDrippedOneByteAtATimeFailsAtTheConnectTimeout() throws Exception {
        // A handshake record announced at its largest and sent a byte at a time, each well inside
        // the timeout: only a limit on the whole handshake ends it.
        try (RawServer server = new RawServer((socket, index) -> RawServer.dripTlsHandshake(socket))) {
            WsRecorder recorder = new WsRecorder();
            String url = WsServerSide.wsUrl(server, "/").replace("ws://127.0.0.1", "wss://localhost");
            fetch.webSocket(url).connectTimeoutMillis(400).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("failure READ_TIMEOUT"), recorder.events);
            assertTrue(recorder.failure.getMessage().contains("no complete TLS handshake from localhost within 400 ms"),
                    recorder.failure.getMessage());
        }
    }

    @Test
    void aStatusOtherThan101FailsWithHttpStatus() throws Exception {
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
            socket.getInputStream().read();
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/"));
            assertEquals(FailureKind.HTTP_STATUS, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("got 403 Forbidden"), recorder.failure.getMessage());
        }
    }

    @Test
    void aSubprotocolThatWasNotOfferedFailsWithProtocol() throws Exception {
        try (RawServer server = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), WsServerSide.switching(head, "Sec-WebSocket-Protocol: evil\r\n"));
            socket.getInputStream().read();
        })) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).subprotocols("chat").open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(FailureKind.PROTOCOL, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("'[evil]', which was not offered"),
                    recorder.failure.getMessage());
        }
    }

    @Test
    void aMaskedServerFrameFailsAndTheClientClosesWith1002() throws Exception {
        CompletableFuture<Integer> clientCode = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
            out.flush();
            clientCode.complete(WsServerSide.closeCodeOf(readClientFrame(in)));
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/"));
            assertEquals(FailureKind.PROTOCOL, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("masked frame from the server"), recorder.failure.getMessage());
            assertEquals(1002, clientCode.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aLoneSurrogateInTextOrACloseReasonIsSentAsUFFFDTheWayBrowsersSendIt() throws Exception {
        CompletableFuture<String> text = new CompletableFuture<>();
        CompletableFuture<String> reason = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            text.complete(new String(readClientFrame(in), StandardCharsets.UTF_8));
            byte[] close = readClientFrame(in);
            reason.complete(new String(close, 2, close.length - 2, StandardCharsets.UTF_8));
            out.write(new byte[] {(byte) 0x88, 2, 0x0F, (byte) 0xA0});
            out.close();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).open(recorder);
            Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN);
            // A string cut inside a surrogate pair, and a pair in the wrong order.
            assertTrue(ws.send("score \ud83c|\udfae\ud83c?"));
            assertTrue(ws.close(4000, "bye \udc00"));
            Frames.until(fetch, recorder::ended);
            assertEquals("closed 4000 ", recorder.last());
            assertEquals("score \ufffd|\ufffd\ufffd?", text.get(10, TimeUnit.SECONDS));
            assertEquals("bye \ufffd", reason.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void messagesAroundEachLengthBoundaryGoOutInTheShortestLengthFormEachWithAFreshMask() throws Exception {
        int[] sizes = {0, 125, 126, 65535, 65536};
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            DataInputStream data = new DataInputStream(in);
            List<String> frames = new ArrayList<>();
            Set<Integer> masks = new HashSet<>();
            for (int size : sizes) {
                int b0 = data.readUnsignedByte();
                int b1 = data.readUnsignedByte();
                int extra = (b1 & 0x7F) == 126 ? 2 : (b1 & 0x7F) == 127 ? 8 : 0;
                long length = b1 & 0x7F;
                if (extra > 0) {
                    length = 0;
                    for (int i = 0; i < extra; i++) {
                        length = (length << 8) | data.readUnsignedByte();
                    }
                }
                masks.add(data.readInt());
                data.readFully(new byte[(int) length]);
                frames.add(Integer.toHexString(b0) + " masked " + ((b1 & 0x80) != 0) + " " + (2 + extra) + "-byte head for "
                        + length);
            }
            frames.add(masks.size() + " masks");
            seen.complete(frames);
            in.read();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
            for (int size : sizes) {
                assertTrue(ws.send(new byte[size]));
            }
            assertEquals(Arrays.asList("82 masked true 2-byte head for 0", "82 masked true 2-byte head for 125",
                    "82 masked true 4-byte head for 126", "82 masked true 4-byte head for 65535",
                    "82 masked true 10-byte head for 65536", "5 masks"), seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void messagesTheServerSendsAfterTheGamesCloseFrameArriveBeforeTheChannelCloses() throws Exception {
        try (RawServer server = handshaking((in, out) -> {
            assertEquals(4000, WsServerSide.closeCodeOf(readClientFrame(in)));
            // Still mid-message when the close came: a fragment, a ping, the rest, then the close.
            out.write(new byte[] {0x01, 2, 'l', 'a', (byte) 0x89, 0, (byte) 0x80, 2, 't', 'e',
                (byte) 0x88, 2, 0x0F, (byte) 0xA0});
            out.close();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
            Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN);
            assertTrue(ws.close(4000, "bye"));
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("open ", "text late", "closing 4000 ", "closed 4000 "), recorder.events);
        }
    }

    @Test
    void aServerCloseInsideAFragmentedMessageIsAnsweredWithItsCodeAndDropsTheUnfinishedMessage() throws Exception {
        // RFC 6455 section 5.4: control frames, a close among them, may come between fragments.
        CompletableFuture<Integer> echoed = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            out.write(new byte[] {0x01, 4, 'h', 'a', 'l', 'f', (byte) 0x88, 2, 0x03, (byte) 0xE9});
            out.flush();
            echoed.complete(WsServerSide.closeCodeOf(readClientFrame(in)));
            out.close();
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/"));
            assertEquals(Arrays.asList("open ", "closing 1001 ", "closed 1001 "), recorder.events);
            assertEquals(1001, echoed.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void invalidUtf8FailsWith1007AsSoonAsItArrivesWithoutWaitingForTheRestOfTheMessage() throws Exception {
        // RFC 6455 section 8.1, checked the way Autobahn's cases 6.4.x check it: the server stalls
        // after the invalid bytes, inside a fragmented message or inside one frame's payload.
        byte[][] stalls = {
            {0x01, 5, 'o', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x81, 10, 'o', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'k'},
        };
        for (byte[] stall : stalls) {
            CompletableFuture<Integer> clientCode = new CompletableFuture<>();
            try (RawServer server = handshaking((in, out) -> {
                // First a valid message with a code point split between its fragments: that one arrives.
                out.write(new byte[] {0x01, 2, 'a', (byte) 0xC3, (byte) 0x80, 2, (byte) 0xA9, 'b'});
                out.write(stall);
                out.flush();
                clientCode.complete(WsServerSide.closeCodeOf(readClientFrame(in)));
            })) {
                WsRecorder recorder = new WsRecorder();
                fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
                Frames.until(fetch, recorder::ended);
                assertEquals(Arrays.asList("open ", "text a\u00e9b", "failure PROTOCOL"), recorder.events);
                assertTrue(recorder.failure.getMessage().contains("not valid UTF-8 (closed with 1007)"),
                        recorder.failure.getMessage());
                assertEquals(1007, clientCode.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aHugeLengthFieldFailsWithTooLargeWithoutAllocatingIt() throws Exception {
        try (RawServer server = handshaking((in, out) -> {
            // A binary frame claiming 2^62 bytes, then nothing.
            out.write(new byte[] {(byte) 0x82, 127, 0x40, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            in.read();
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/"));
            assertEquals(FailureKind.TOO_LARGE, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("4611686018427387904 bytes"), recorder.failure.getMessage());
        }
    }

    @Test
    void underTheLargestLimitALengthNoArrayCanHoldFailsWithTooLargeBeforeAnythingIsAllocated() throws Exception {
        byte[][] heads = {
            // One frame of 2^31 - 1 bytes.
            {(byte) 0x82, 127, 0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
            // 16 bytes, then a continuation that takes the message to 2^31 - 1 bytes.
            {(byte) 0x02, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0x80, 127, 0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xEF},
        };
        for (byte[] head : heads) {
            CompletableFuture<Integer> clientCode = new CompletableFuture<>();
            try (RawServer server = handshaking((in, out) -> {
                out.write(head);
                out.flush();
                clientCode.complete(WsServerSide.closeCodeOf(readClientFrame(in)));
                in.read();
            })) {
                WsRecorder recorder = new WsRecorder();
                fetch.webSocket(WsServerSide.wsUrl(server, "/")).maxMessageBytes(Integer.MAX_VALUE).open(recorder);
                Frames.until(fetch, recorder::ended);
                assertEquals(FailureKind.TOO_LARGE, recorder.failure.kind(), recorder.failure.getMessage());
                assertEquals(1009, clientCode.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aLengthWithItsTopBitSetFailsWith1002EvenUnderTheLargestLimit() throws Exception {
        CompletableFuture<Integer> clientCode = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            out.write(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5});
            out.flush();
            clientCode.complete(WsServerSide.closeCodeOf(readClientFrame(in)));
            in.read();
        })) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).maxMessageBytes(Integer.MAX_VALUE).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(FailureKind.PROTOCOL, recorder.failure.kind(), recorder.failure.getMessage());
            assertTrue(recorder.failure.getMessage().contains("most significant bit"), recorder.failure.getMessage());
            assertEquals(1002, clientCode.get(10, TimeUnit.SECONDS));
        }
    }

    /** How a channel ended against a server that sent {@code frames}, and the close frame the client answered with. */
    private static final class ClientClose {
        final WsRecorder recorder;
        final byte[] payload;

        ClientClose(WsRecorder recorder, byte[] payload) {
            this.recorder = recorder;
            this.payload = payload;
        }

        int code() {
            return payload.length < 2 ? -1 : WsServerSide.closeCodeOf(payload);
        }
    }

    /** Opens a channel to a server that sends {@code frames} after its handshake, and reads the client's close frame. */
    private ClientClose closeAnswering(byte[] frames) throws Exception {
        CompletableFuture<byte[]> closePayload = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            try {
                out.write(frames);
                out.flush();
                DataInputStream data = new DataInputStream(in);
                WsServerSide.ClientFrame frame;
                do {
                    frame = WsServerSide.readClientFrame(data);
                    assertTrue(frame.masked(), "client frame not masked");
                } while (frame.opcode() != 0x8);
                closePayload.complete(frame.payload);
                in.read();
            } catch (Throwable t) {
                closePayload.completeExceptionally(t);
                throw t;
            }
        })) {
            WsRecorder recorder = runUntilEnded(WsServerSide.wsUrl(server, "/"));
            return new ClientClose(recorder, closePayload.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionFailWithProtocolAndTheClientClosesWith1002() throws Exception {
        for (int b0 : new int[] {0xC1, 0xA1, 0x91, 0xF1, 0xC9}) {
            byte[] frame = b0 == 0xC9 ? new byte[] {(byte) b0, 0} : new byte[] {(byte) b0, 2, 'h', 'i'};
            ClientClose close = closeAnswering(frame);
            assertEquals(FailureKind.PROTOCOL, close.recorder.failure.kind());
            assertTrue(close.recorder.failure.getMessage().contains("reserved bits"),
                    close.recorder.failure.getMessage());
            assertEquals(1002, close.code(), "first byte 0x" + Integer.toHexString(b0));
        }
    }

    @Test
    void everyCloseCodeRfc6455KeepsOffTheWireFailsWithProtocolAndTheClientClosesWith1002() throws Exception {
        // Section 7.4: 0-999 unused, 1004 reserved, 1005, 1006 and 1015 never sent, 1016-2999 unassigned, 5000 up none.
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            ClientClose close = closeAnswering(new byte[] {(byte) 0x88, 2, (byte) (code >>> 8), (byte) code});
            assertEquals(FailureKind.PROTOCOL, close.recorder.failure.kind(), "code " + code);
            assertTrue(close.recorder.failure.getMessage().contains("invalid status code " + code),
                    close.recorder.failure.getMessage());
            assertEquals(1002, close.code(), "the client's answer to code " + code);
        }
    }

    @Test
    void theCloseCodesAtTheEdgesOfTheValidRangesAreEchoed() throws Exception {
        for (int code : new int[] {1000, 1003, 1007, 1014, 3000, 4999}) {
            ClientClose close = closeAnswering(new byte[] {(byte) 0x88, 2, (byte) (code >>> 8), (byte) code});
            assertEquals("closed " + code + " ", close.recorder.last());
            assertEquals(code, close.code());
        }
    }

    @Test
    void aCloseFrameOfOneByteFailsWith1002() throws Exception {
        ClientClose close = closeAnswering(new byte[] {(byte) 0x88, 1, 0x03});
        assertEquals(FailureKind.PROTOCOL, close.recorder.failure.kind());
        assertTrue(close.recorder.failure.getMessage().contains("1-byte payload"), close.recorder.failure.getMessage());
        assertEquals(1002, close.code());
    }

    @Test
    void aCloseReasonThatIsNotUtf8FailsWith1007() throws Exception {
        ClientClose close = closeAnswering(new byte[] {(byte) 0x88, 5, 0x03, (byte) 0xE8, 'o', (byte) 0xC0, (byte) 0x80});
        assertEquals(FailureKind.PROTOCOL, close.recorder.failure.kind());
        assertTrue(close.recorder.failure.getMessage().contains("close reason is not valid UTF-8"),
                close.recorder.failure.getMessage());
        assertEquals(1007, close.code());
    }

    @Test
    void aCloseWithNoCodeIsAnsweredWithNoCodeRatherThanTheReserved1005() throws Exception {
        ClientClose close = closeAnswering(new byte[] {(byte) 0x88, 0});
        assertEquals("closed 1005 ", close.recorder.last());
        assertEquals(0, close.payload.length, "the client's close frame carries no code, as 1005 may not be sent");
    }

    @Test
    void fragmentedOrOversizedControlFramesAndStrayContinuationsFailWithProtocolAndTheClientClosesWith1002()
            throws Exception {
        byte[][] frames = {
            {(byte) 0x09, 0},
            {(byte) 0x0A, 0},
            {(byte) 0x08, 2, 0x03, (byte) 0xE8},
            {(byte) 0x89, 126, 0, 126},
            {(byte) 0x8A, 126, 0, 126},
            {(byte) 0x88, 126, 0, 126},
            {(byte) 0x89, 127, 0, 0, 0, 0, 0, 0, 0, 126},
            {(byte) 0x80, 1, 'x'},
            {(byte) 0x01, 1, 'a', (byte) 0x81, 1, 'b'},
            {(byte) 0x83, 0},
        };
        for (byte[] frame : frames) {
            ClientClose close = closeAnswering(frame);
            assertEquals(FailureKind.PROTOCOL, close.recorder.failure.kind(), close.recorder.failure.getMessage());
            assertEquals(1002, close.code(), close.recorder.failure.getMessage());
        }
    }

    @Test
    void controlFramesInterleavedWithFragmentsAreHandled() throws Exception {
        CompletableFuture<String> pong = new CompletableFuture<>();
        try (RawServer server = handshaking((in, out) -> {
            out.write(new byte[] {0x01, 3, 'o', 'n', 'e', (byte) 0x89, 2, 'p', '1', (byte) 0x80, 3, 't', 'w', 'o'});
            out.flush();
            pong.complete(new String(readClientFrame(in), StandardCharsets.US_ASCII));
            in.read();
        })) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).open(recorder);
            Frames.until(fetch, () -> recorder.messages == 1);
            assertEquals("text onetwo", recorder.last());
            assertEquals("p1", pong.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSilentServerFailsWithReadTimeoutAfterTheDeadPeerTimeout() throws Exception {
        try (RawServer server = handshaking((in, out) -> in.read())) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).deadPeerTimeoutMillis(200).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(FailureKind.READ_TIMEOUT, recorder.failure.kind());
            assertTrue(recorder.failure.getMessage().contains("dead-peer timeout"), recorder.failure.getMessage());
        }
    }

    @Test
    void aServerThatNeverAnswersTheCloseIsClosedAfterTheConnectTimeout() throws Exception {
        try (RawServer server = handshaking((in, out) -> {
            readClientFrame(in);
            in.read();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).connectTimeoutMillis(300).open(recorder);
            Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN);
            ws.close(4001, "leaving");
            Frames.until(fetch, recorder::ended);
            assertTrue(recorder.last().startsWith("closed 1006 no close frame"), recorder.last());
        }
    }

    @Test
    void withAConnectTimeoutOfZeroAServerThatAnswersTheCloseButKeepsTheConnectionIsLeftAtTheDeadPeerTimeout()
            throws Exception {
        try (RawServer server = handshaking((in, out) -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            WsServerSide.frame(answer, 0x88, readClientFrame(in));
            answer.writeTo(out);
            out.flush();
            // Both close frames sent, this server waits for the client to end the connection.
            while (in.read() >= 0) {
                // Held.
            }
        })) {
            FetchManager waiting = new FetchManager(FetchConfig.builder().connectTimeoutMillis(0).build());
            try {
                WsRecorder recorder = new WsRecorder();
                WebSocket ws = waiting.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0)
                        .deadPeerTimeoutMillis(300).open(recorder);
                Frames.until(waiting, () -> ws.state() == WebSocket.State.OPEN);
                ws.close(4001, "leaving");
                Frames.until(waiting, recorder::ended);
                assertEquals(Arrays.asList("open ", "closing 4001 leaving", "closed 4001 leaving"), recorder.events);
            } finally {
                waiting.dispose();
            }
        }
    }

    @Test
    void aFloodOfPingsToAClientThatCannotWriteIsAnsweredOnlyForTheLatest() throws Exception {
        int pings = 200_000;
        CountDownLatch clientReadAll = new CountDownLatch(1);
        CompletableFuture<Integer> pongs = new CompletableFuture<>();
        AtomicInteger pingsWritten = new AtomicInteger();
        AtomicInteger framesRead = new AtomicInteger();
        // The server reads nothing until the client took every ping, so the client's pongs back up.
        try (RawServer server = new RawServer((socket, index) -> {
            try {
                InputStream in = socket.getInputStream();
                OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                RawServer.write(out, WsServerSide.switching(RawServer.readHead(in), ""));
                byte[] ping = new byte[2 + 125];
                ping[0] = (byte) 0x89;
                ping[1] = 125;
                for (int i = 1; i <= pings; i++) {
                    ping[2] = (byte) (i >>> 24);
                    ping[3] = (byte) (i >>> 16);
                    ping[4] = (byte) (i >>> 8);
                    ping[5] = (byte) i;
                    out.write(ping);
                    pingsWritten.set(i);
                }
                out.write(new byte[] {(byte) 0x81, 4, 'd', 'o', 'n', 'e'});
                out.flush();
                clientReadAll.await(30, TimeUnit.SECONDS);
                int count = 0;
                while (true) {
                    byte[] payload = readClientFrame(in);
                    count++;
                    framesRead.set(count);
                    int number = ((payload[0] & 0xFF) << 24) | ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8)
                            | (payload[3] & 0xFF);
                    if (number == pings) {
                        break;
                    }
                }
                pongs.complete(count);
                in.read();
            } catch (Throwable t) {
                pongs.completeExceptionally(t);
                throw t;
            }
        }, 4096)) {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
            try {
                Frames.until(fetch, () -> recorder.has("text done") || recorder.ended());
            } catch (AssertionError e) {
                throw new AssertionError("the server wrote " + pingsWritten + " pings; events " + recorder.events, e);
            }
            clientReadAll.countDown();
            int answered;
            try {
                answered = pongs.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the server got no pong for the last ping within 30 s (" + framesRead
                        + " frames read); events " + recorder.events + "; the threads:" + Threads.fetchThreadStacks(), e);
            }
            assertTrue(answered < pings / 2, answered + " pongs queued for " + pings + " pings");
            assertEquals(Arrays.asList("open ", "text done"), recorder.events);
        }
    }

    @Test
    void aGameThatTakesNoMessagesStopsTheChannelReadingSoTheServerWaits() throws Exception {
        int messages = 16 * 1024;
        byte[] frame = new byte[4 + 2040];
        frame[0] = (byte) 0x82;
        frame[1] = 126;
        frame[2] = (byte) (2040 >>> 8);
        frame[3] = (byte) 2040;
        AtomicBoolean serverDone = new AtomicBoolean();
        try (RawServer server = handshaking((in, out) -> {
            for (int i = 0; i < messages; i++) {
                out.write(frame);
            }
            out.flush();
            serverDone.set(true);
            in.read();
        })) {
            int[] received = new int[1];
            WsRecorder recorder = new WsRecorder() {
                @Override
                public void onBinary(WebSocket webSocket, byte[] data) {
                    received[0]++;
                }
            };
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
            // No update(): nothing is taken, so the channel must stop reading and the server's writes block.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until && !serverDone.get()) {
                LockSupport.parkNanos(1_000_000);
            }
            assertFalse(serverDone.get(), "the server wrote all " + messages + " messages while the game took none");
            Frames.until(fetch, () -> received[0] == messages);
            assertTrue(serverDone.get());
            ws.cancel();
            Frames.until(fetch, recorder::ended);
        }
    }

    @Test
    void aBurstOfSmallMessagesIsReadWholeBeforeTheGameTakesAny() throws Exception {
        // The hand-off is bounded by size: a few KiB of small messages must not stop the reader
        // until the next frame, or a burst would reach the game a few messages per frame.
        int messages = 1000;
        CountDownLatch pongSeen = new CountDownLatch(1);
        try (RawServer server = handshaking((in, out) -> {
            for (int i = 0; i < messages; i++) {
                byte[] text = ("m" + i).getBytes(StandardCharsets.UTF_8);
                out.write(new byte[] {(byte) 0x81, (byte) text.length});
                out.write(text);
            }
            out.write(new byte[] {(byte) 0x89, 0});
            out.flush();
            if (in.read() == 0x8A) {
                pongSeen.countDown();
            }
            in.read();
        })) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
            // No update() yet: the ping after the burst is answered only once the reader got past every message.
            assertTrue(pongSeen.await(10, TimeUnit.SECONDS), "the reader stopped before the end of the burst");
            Frames.until(fetch, () -> recorder.events.size() == messages + 1);
            for (int i = 0; i < messages; i++) {
                assertEquals("text m" + i, recorder.events.get(i + 1));
            }
            ws.cancel();
            Frames.until(fetch, recorder::ended);
        }
    }

    @Test
    void aServerThatKeepsTalkingButNeverReadsIsClosedAfterTheCloseTimeout() throws Exception {
        // The client's writer is stuck behind a message the server never reads, so the close frame
        // cannot go out; the server's chatter keeps the dead-peer timeout from ever firing.
        try (RawServer server = handshaking((in, out) -> {
            chatterForever(out);
        }, 4096)) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).connectTimeoutMillis(500)
                    .open(recorder);
            Frames.until(fetch, () -> recorder.has("text tick"));
            ws.send(new byte[8 * 1024 * 1024]);
            Frames.until(fetch, () -> ws.queuedBytes() == 0);
            assertTrue(ws.close(4000, "bye"));
            Frames.until(fetch, recorder::ended, 10_000);
            assertTrue(recorder.last().startsWith("closed 1006 no close frame from the server within 500 ms"),
                    recorder.last());
        }
    }

    @Test
    void aServerThatNeitherReadsNorWritesIsClosedAfterTheCloseTimeoutWithoutADeadPeerTimeout() throws Exception {
        // The writer is stuck behind a message the server never reads, and the reader hears
        // nothing, so neither of the channel's threads gets to look at the clock.
        CountDownLatch testOver = new CountDownLatch(1);
        try (RawServer server = handshaking((in, out) -> testOver.await(30, TimeUnit.SECONDS), 4096)) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).deadPeerTimeoutMillis(0)
                    .connectTimeoutMillis(500).open(recorder);
            Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN);
            ws.send(new byte[8 * 1024 * 1024]);
            Frames.until(fetch, () -> ws.queuedBytes() == 0);
            assertTrue(ws.close(4000, "bye"));
            Frames.until(fetch, recorder::ended, 10_000);
            assertEquals(Arrays.asList("open ", "closed 1006 no close frame from the server within 500 ms"),
                    recorder.events);
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void aServerThatClosesThenKeepsTalkingWithoutReadingEndsAfterTheCloseTimeout() throws Exception {
        CountDownLatch writerStuck = new CountDownLatch(1);
        try (RawServer server = handshaking((in, out) -> {
            writerStuck.await(10, TimeUnit.SECONDS);
            out.write(new byte[] {(byte) 0x88, 2, 0x0F, (byte) 0xA0});
            chatterForever(out);
        }, 4096)) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).connectTimeoutMillis(500)
                    .open(recorder);
            Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN);
            ws.send(new byte[8 * 1024 * 1024]);
            Frames.until(fetch, () -> ws.queuedBytes() == 0);
            writerStuck.countDown();
            Frames.until(fetch, recorder::ended, 10_000);
            assertEquals(Arrays.asList("open ", "closing 4000 ", "closed 4000 "), recorder.events);
        }
    }
}
