package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate (RFC 7692) against the npm {@code ws} server with compression on, and
 * against scripted servers whose answers to the offer break the rules.
 */
class WebSocketDeflateTest {
    /** The ws server keeping its window between messages, and one that asks both sides to drop theirs. */
    private static NodeWsServer keeping;
    private static NodeWsServer dropping;
    private final FetchManager fetch = new FetchManager();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        keeping = NodeWsServer.startDeflate("--deflate");
        dropping = NodeWsServer.startDeflate("--deflate-no-context");
    }

    @AfterAll
    static void stopServers() throws Exception {
        keeping.close();
        dropping.close();
    }

    @AfterEach
    void dispose() throws Exception {
        fetch.dispose();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private WebSocket openAndWait(WebSocketRequest.Builder builder, WsRecorder recorder) {
        WebSocket ws = builder.open(recorder);
        Frames.until(fetch, () -> recorder.has("open ") || recorder.ended());
        assertEquals("open ", recorder.events.get(0));
        return ws;
    }

    /** Messages that compress well and look alike, so a kept window matters. */
    private static String message(int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 60; k++) {
            b.append("score ").append(i).append(" player-").append(k).append(" naïve; ");
        }
        return b.toString();
    }

    private void echoesEverythingBothWays(WebSocket ws, WsRecorder recorder) {
        for (int i = 0; i < 20; i++) {
            assertTrue(ws.send(message(i)));
        }
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 251);
        }
        ws.send(binary);
        ws.send("");
        ws.send("cmd:big:100000");
        Frames.until(fetch, () -> recorder.messages >= 24 || recorder.ended());
        for (int i = 0; i < 20; i++) {
            assertEquals("text " + message(i), recorder.events.get(2 + i));
        }
        assertEquals("binary 70000", recorder.events.get(22));
        assertArrayEquals(binary, recorder.binaries.get(0));
        assertEquals("text ", recorder.events.get(23));
        assertEquals("binary 100000", recorder.events.get(24));
        byte[] sevens = new byte[100_000];
        Arrays.fill(sevens, (byte) 7);
        assertArrayEquals(sevens, recorder.binaries.get(1));
    }

    @Test
    void messagesAreCompressedBothWaysKeepingTheWindowBetweenMessages() throws Exception {
        NodeWsServer server = keeping;
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(server.url("/echo")).perMessageDeflate(true), recorder);
        ws.send("cmd:extensions");
        Frames.until(fetch, () -> recorder.messages == 1);
        assertEquals("text extensions permessage-deflate", recorder.events.get(1));
        echoesEverythingBothWays(ws, recorder);
        ws.close(1000, "done");
        Frames.until(fetch, recorder::ended);
        assertEquals("closed 1000 done", recorder.last());
    }

    @Test
    void windowsAreDroppedAfterEachMessageWhenTheServerAsks() throws Exception {
        NodeWsServer server = dropping;
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(server.url("/echo")).perMessageDeflate(true), recorder);
        ws.send("cmd:extensions");
        Frames.until(fetch, () -> recorder.messages == 1);
        assertEquals("text extensions permessage-deflate", recorder.events.get(1));
        echoesEverythingBothWays(ws, recorder);
        assertEquals(0, recorder.terminals);
    }

    /** Wire bytes the server read for a first and a second sending of the same message. */
    private long[] wireBytesOfTheSameMessageTwice(WebSocket ws, WsRecorder recorder) {
        long[] read = new long[3];
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                ws.send(message(7));
            }
            ws.send("cmd:bytesread");
            int index = i;
            Frames.until(fetch, () -> recorder.last().startsWith("text read ") && recorder.events.size() >= 2 + index * 2);
            read[i] = Long.parseLong(recorder.last().substring("text read ".length()));
        }
        return new long[] {read[1] - read[0], read[2] - read[1]};
    }

    @Test
    void theClientCompressesAndKeepsItsWindowUnlessTheServerSaysNot() throws Exception {
        int raw = message(7).getBytes(StandardCharsets.UTF_8).length;
        WsRecorder kept = new WsRecorder();
        long[] withWindow = wireBytesOfTheSameMessageTwice(
                openAndWait(fetch.webSocket(keeping.url("/echo")).perMessageDeflate(true), kept), kept);
        assertTrue(withWindow[0] < raw / 3, "first sending took " + withWindow[0] + " bytes for " + raw);
        assertTrue(withWindow[1] < withWindow[0] / 3, "a repeat with the window kept took " + withWindow[1]
                + " bytes, the first " + withWindow[0]);

        WsRecorder dropped = new WsRecorder();
        long[] withoutWindow = wireBytesOfTheSameMessageTwice(
                openAndWait(fetch.webSocket(dropping.url("/echo")).perMessageDeflate(true), dropped), dropped);
        assertTrue(withoutWindow[0] < raw / 3, "first sending took " + withoutWindow[0] + " bytes for " + raw);
        assertEquals(withoutWindow[0], withoutWindow[1], "with no context takeover a repeat costs the same");
    }

    @Test
    void withoutTheOfferNothingIsCompressed() throws Exception {
        NodeWsServer server = keeping;
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(server.url("/echo")), recorder);
        ws.send("cmd:extensions");
        ws.send(message(1));
        Frames.until(fetch, () -> recorder.messages == 2);
        assertEquals(Arrays.asList("open ", "text extensions ", "text " + message(1)), recorder.events);
    }

    @Test
    void aMessageThatInflatesPastTheLimitFailsTooLargeWhileItInflates() throws Exception {
        NodeWsServer server = keeping;
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(server.url("/echo")).perMessageDeflate(true)
                .maxMessageBytes(64 * 1024), recorder);
        // 32 MiB of one byte value: a few tens of KiB on the wire.
        ws.send("cmd:big:33554432");
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open ", "failure TOO_LARGE"), recorder.events);
        String message = recorder.failure.getMessage();
        assertTrue(message.contains("inflates to over 65536 bytes") && message.contains("1009"), message);
    }

    /** A server that answers the offer with {@code extensions}, then holds the connection. */
    private RawServer answering(String extensions, List<String> heads) throws Exception {
        return answering(extensions, heads, new byte[0]);
    }

    /** The same, writing {@code frames} after its 101. */
    private RawServer answering(String extensions, List<String> heads, byte[] frames) throws Exception {
        RawServer server = new RawServer((Socket socket, int index) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            heads.add(head);
            RawServer.write(socket.getOutputStream(),
                    WsServerSide.switching(head, "Sec-WebSocket-Extensions: " + extensions + "\r\n"));
            socket.getOutputStream().write(frames);
            socket.getOutputStream().flush();
            while (in.read() >= 0) {
                // Held open until the client goes.
            }
        });
        servers.add(server);
        return server;
    }

    @Test
    void anAnswerTheOfferDoesNotAllowFailsTheHandshake() throws Exception {
        String[] answers = {
            "permessage-deflate; client_max_window_bits=10",
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; mystery",
            "x-webkit-deflate-frame",
            "permessage-deflate, permessage-deflate",
        };
        for (String answer : answers) {
            List<String> heads = new ArrayList<>();
            RawServer server = answering(answer, heads);
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events, answer);
            assertTrue(recorder.failure.getMessage().contains(answer.split(";")[0].trim().split(",")[0].trim()),
                    recorder.failure.getMessage());
            assertTrue(heads.get(0).contains("Sec-WebSocket-Extensions: permessage-deflate\r\n"), heads.get(0));
        }
    }

    @Test
    void anAcceptedAnswerWithTheServersOwnWindowOpens() throws Exception {
        RawServer server = answering("permessage-deflate; server_max_window_bits=10; client_no_context_takeover",
                new ArrayList<>());
        WsRecorder recorder = new WsRecorder();
        openAndWait(fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true), recorder);
        assertEquals(0, recorder.terminals);
    }

    @Test
    void aMessageCompressedInAFinalBlockIsFollowedByMoreMessages() throws Exception {
        byte[] frames = {
            // "Hello" in a block with BFINAL set, then the empty stored block's first byte (RFC 7692 7.2.3.3).
            (byte) 0xC1, 0x08, (byte) 0xF3, 0x48, (byte) 0xCD, (byte) 0xC9, (byte) 0xC9, 0x07, 0x00, 0x00,
            // The same without that byte, as a sender finishing its stream may leave it.
            (byte) 0xC1, 0x07, (byte) 0xF3, 0x48, (byte) 0xCD, (byte) 0xC9, (byte) 0xC9, 0x07, 0x00,
            // "Hello" flushed the usual way (RFC 7692 7.2.3.1).
            (byte) 0xC1, 0x07, (byte) 0xF2, 0x48, (byte) 0xCD, (byte) 0xC9, (byte) 0xC9, 0x07, 0x00,
        };
        RawServer server = answering("permessage-deflate", new ArrayList<>(), frames);
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).open(recorder);
        Frames.until(fetch, () -> recorder.messages == 3 || recorder.ended());
        assertEquals(Arrays.asList("open ", "text Hello", "text Hello", "text Hello"), recorder.events);
    }

    @Test
    void aMessageAfterOneCompressedInAFinalBlockMayReferToItsWindow() throws Exception {
        // RFC 7692 section 7.2.2: without server_no_context_takeover each message is inflated with the
        // window the last one left, a final block notwithstanding. A sender that ends each message's
        // stream with BFINAL keeps its history as a preset dictionary for the next.
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setDictionary("Hello".getBytes(StandardCharsets.US_ASCII));
        deflater.setInput("Hello".getBytes(StandardCharsets.US_ASCII));
        deflater.finish();
        byte[] out = new byte[64];
        int n = deflater.deflate(out);
        deflater.end();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WsServerSide.frame(wire, 0xC1, new byte[] {(byte) 0xF3, 0x48, (byte) 0xCD, (byte) 0xC9, (byte) 0xC9, 0x07, 0x00, 0x00});
        byte[] again = Arrays.copyOf(out, n + 1);
        WsServerSide.frame(wire, 0xC1, again);
        RawServer server = answering("permessage-deflate", new ArrayList<>(), wire.toByteArray());
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).open(recorder);
        Frames.until(fetch, () -> recorder.messages == 2 || recorder.ended());
        assertEquals(Arrays.asList("open ", "text Hello", "text Hello"), recorder.events,
                recorder.failure == null ? "" : recorder.failure.getMessage());
    }

    @Test
    void compressedTextThatIsNotUtf8FailsWith1007AsSoonAsItInflates() throws Exception {
        // The first fragment only, sync-flushed so it inflates whole; the server then waits.
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(new byte[] {'o', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        byte[] out = new byte[64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WsServerSide.frame(wire, 0x41, Arrays.copyOf(out, n - 4));
        RawServer server = answering("permessage-deflate", new ArrayList<>(), wire.toByteArray());
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).pingIntervalMillis(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open ", "failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("not valid UTF-8 (closed with 1007)"),
                recorder.failure.getMessage());
    }

    @Test
    void anEmptyCompressedMessageOfNoBytesAtAllLeavesTheNextMessageIntact() throws Exception {
        // A zlib sync flush with no new input since the last one writes nothing, so a server
        // compressing an empty message that way sends RSV1 and no payload rather than 0x00.
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (String text : new String[] {"Hello, Hello", "", "Hello again"}) {
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[256];
            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            assertEquals(text.isEmpty(), n == 0, "compressed '" + text + "' to " + n + " bytes");
            WsServerSide.frame(wire, 0xC1, Arrays.copyOf(out, Math.max(0, n - 4)));
        }
        deflater.end();
        RawServer server = answering("permessage-deflate", new ArrayList<>(), wire.toByteArray());
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).open(recorder);
        Frames.until(fetch, () -> recorder.messages == 3 || recorder.ended());
        assertEquals(Arrays.asList("open ", "text Hello, Hello", "text ", "text Hello again"), recorder.events,
                recorder.failure == null ? "" : recorder.failure.getMessage());
    }

    @Test
    void aMessageUnderTheLimitCompressedFragmentByFragmentArrivesWhateverTheFlushesAddOnTheWire()
            throws Exception {
        // RFC 7692 section 7.2.1 lets a sender compress a message fragment by fragment as it goes,
        // flushing after each, as the ws package does for a message sent in parts: each flush puts
        // its empty block on the wire, so tiny fragments take several times their inflated size.
        int parts = 2000;
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            byte[] part = {(byte) ('a' + i % 26)};
            text.append((char) part[0]);
            deflater.setInput(part);
            byte[] out = new byte[64];
            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            boolean last = i == parts - 1;
            // Only the message's end drops the flush's tail; its first frame alone has RSV1.
            WsServerSide.frame(wire, (last ? 0x80 : 0) | (i == 0 ? 0x41 : 0x00), Arrays.copyOf(out, last ? n - 4 : n));
        }
        deflater.end();
        assertTrue(wire.size() > 2 * parts + 1024, "the wire takes " + wire.size() + " bytes");
        RawServer server = answering("permessage-deflate", new ArrayList<>(), wire.toByteArray());
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).maxMessageBytes(parts).open(recorder);
        Frames.until(fetch, () -> recorder.messages == 1 || recorder.ended());
        assertEquals(Arrays.asList("open ", "text " + text), recorder.events,
                recorder.failure == null ? "" : recorder.failure.getMessage());
    }

    @Test
    void compressedFramesThatBreakTheExtensionFailTheChannelWithProtocol() throws Exception {
        byte[][] scripts = {
            // RSV1 on a continuation frame: only a message's first frame carries it.
            {0x41, 0x00, (byte) 0xC0, 0x00},
            // RSV1 on a ping.
            {(byte) 0xC9, 0x00},
            // RSV2, which permessage-deflate does not use.
            {(byte) 0xA1, 0x00},
            // Not deflate data: a block of the reserved type 11.
            {(byte) 0xC1, 0x03, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
        };
        String[] expected = {"RSV1 on a frame with opcode 0x0", "RSV1 on a frame with opcode 0x9",
            "permessage-deflate uses RSV1 only", "not valid deflate data"};
        for (int i = 0; i < scripts.length; i++) {
            RawServer server = answering("permessage-deflate", new ArrayList<>(), scripts[i]);
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(WsServerSide.wsUrl(server, "/")).perMessageDeflate(true).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("open ", "failure PROTOCOL"), recorder.events, expected[i]);
            assertTrue(recorder.failure.getMessage().contains(expected[i]), recorder.failure.getMessage());
        }
    }
}
