package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code send} and {@code close} on one WebSocket from several threads at once, against a loopback
 * server that parses every frame it gets: whatever the interleaving, each message whose
 * {@code send} returned true reaches the server whole, in its thread's order, before the one
 * close frame, and the channel ends once.
 */
class WebSocketRaceTest {
    private static final int SENDERS = 3;
    private static final int MESSAGES_PER_SENDER = 400;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    @Test
    void everyAcceptedSendReachesTheServerBeforeTheOneCloseFrameWhileOtherThreadsClose() throws Exception {
        ConcurrentHashMap<Integer, CompletableFuture<ServerView>> views = new ConcurrentHashMap<>();
        Random random = new Random(6455);
        try (RawServer server = new RawServer((socket, index) -> serve(socket,
                views.computeIfAbsent(index, i -> new CompletableFuture<>())))) {
            String url = WsServerSide.wsUrl(server, "/race");
            for (int round = 0; round < 40; round++) {
                race(url, round, random.nextInt(200),
                        views.computeIfAbsent(round, i -> new CompletableFuture<>()));
            }
        }
    }

    @Test
    void sendsCloseAndCancelFromOtherThreadsRacingDisposeEndTheChannelOnceInsideDispose() throws Exception {
        Random random = new Random(1006);
        try (RawServer server = new RawServer((socket, index) -> serve(socket, new CompletableFuture<>()))) {
            String url = WsServerSide.wsUrl(server, "/race");
            for (int round = 0; round < 40; round++) {
                raceDispose(url, round, random.nextInt(300), random.nextBoolean());
            }
        }
    }

    @Test
    void noFrameFollowsTheCloseFrameTheReaderSendsWhileTheWriterAnswersAPing() throws Exception {
        // Pings then a masked frame in one write: the writer's pong races the reader's 1002 close.
        int rounds = 300;
        AtomicInteger afterClose = new AtomicInteger();
        AtomicInteger closeCodes = new AtomicInteger();
        CountDownLatch served = new CountDownLatch(rounds);
        try (RawServer server = new RawServer((socket, index) -> {
            try {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                out.write((WsServerSide.switching(RawServer.readHead(in), "")).getBytes(StandardCharsets.ISO_8859_1));
                out.write(new byte[] {(byte) 0x89, 0, (byte) 0x89, 0, (byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 5, 6});
                out.flush();
                DataInputStream data = new DataInputStream(in);
                boolean closed = false;
                while (true) {
                    WsServerSide.ClientFrame frame = WsServerSide.readClientFrame(data);
                    if (closed) {
                        afterClose.incrementAndGet();
                    } else if (frame.opcode() == 0x8) {
                        closed = true;
                        if (WsServerSide.closeCodeOf(frame.payload) == 1002) {
                            closeCodes.incrementAndGet();
                        }
                    }
                }
            } catch (IOException connectionOver) {
                // The client ends the connection after its close frame.
            } finally {
                served.countDown();
            }
        })) {
            for (int round = 0; round < rounds; round++) {
                WsRecorder recorder = new WsRecorder();
                fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
                Frames.until(fetch, recorder::ended);
                assertEquals(FailureKind.PROTOCOL, recorder.failure.kind());
            }
            assertTrue(served.await(30, TimeUnit.SECONDS));
            assertEquals(0, afterClose.get(), "frames after the close frame, in " + rounds + " connections");
            assertTrue(closeCodes.get() > 0, "no 1002 close frame reached the server");
        }
    }

    @Test
    void aCloseRacingADroppedConnectionEndsTheChannelInsteadOfReconnecting() throws Exception {
        int rounds = 600;
        List<CountDownLatch> drops = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            drops.add(new CountDownLatch(1));
        }
        // Each connection is dropped by the server when its round says so; none answers a close.
        try (RawServer server = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.write(socket.getOutputStream(), WsServerSide.switching(RawServer.readHead(in), ""));
            if (index < rounds) {
                drops.get(index).await(30, TimeUnit.SECONDS);
            }
            socket.close();
        })) {
            String url = WsServerSide.wsUrl(server, "/drop");
            // A reconnection would wait far longer than a channel that ends takes to end.
            RetryPolicy slowReconnects = RetryPolicy.builder().maxAttempts(3).baseDelayMillis(60_000)
                    .maxDelayMillis(60_000).jitter(0).build();
            Random random = new Random(1006);
            for (int round = 0; round < rounds; round++) {
                WsRecorder recorder = new WsRecorder();
                WebSocket ws = fetch.webSocket(url).pingIntervalMillis(0).reconnect(slowReconnects).open(recorder);
                Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN || recorder.ended());
                assertEquals(WebSocket.State.OPEN, ws.state(), "round " + round + ": " + recorder.events);
                drops.get(server.connections() - 1).countDown();
                Racers.spin(random.nextInt(20_000));
                if (!ws.close(1000, "bye")) {
                    ws.cancel();
                }
                int r = round;
                try {
                    Frames.until(fetch, recorder::ended, 5_000);
                } catch (AssertionError e) {
                    throw new AssertionError("round " + r + ": close() was accepted and the channel did not end: "
                            + recorder.events, e);
                }
            }
        }
    }

    @Test
    void aSendRacingADroppedConnectionGoesOutOnTheConnectionItFoundOpenOrNowhere() throws Exception {
        int rounds = 150;
        List<CountDownLatch> secondMayOpen = new ArrayList<>();
        List<CompletableFuture<List<Integer>>> onSecond = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            secondMayOpen.add(new CountDownLatch(1));
            onSecond.add(new CompletableFuture<>());
        }
        Random random = new Random(6455);
        int[] dropAfter = new int[rounds];
        for (int i = 0; i < rounds; i++) {
            dropAfter[i] = 1 + random.nextInt(100);
        }
        // Each round's first connection drops after some messages; its second answers the handshake
        // only once the sender stopped, so every send before that met the dropped one or the wait.
        try (RawServer server = new RawServer((socket, index) -> {
            int round = index / 2;
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (index % 2 == 1) {
                secondMayOpen.get(round).await(30, TimeUnit.SECONDS);
            }
            RawServer.write(out, WsServerSide.switching(RawServer.readHead(in), ""));
            DataInputStream data = new DataInputStream(in);
            List<Integer> texts = new ArrayList<>();
            try {
                while (index % 2 == 1 || texts.size() < dropAfter[round]) {
                    WsServerSide.ClientFrame frame = WsServerSide.readClientFrame(data);
                    if (frame.opcode() != 1) {
                        continue;
                    }
                    String text = new String(frame.payload, StandardCharsets.UTF_8);
                    if (text.equals("end")) {
                        break;
                    }
                    texts.add(Integer.valueOf(text));
                }
                if (index % 2 == 1) {
                    onSecond.get(round).complete(texts);
                    // Held open until the client goes, so that no third connection follows.
                    while (in.read() >= 0) {
                        // Nothing more is expected.
                    }
                }
            } finally {
                if (index % 2 == 1) {
                    onSecond.get(round).complete(texts);
                }
                socket.close();
            }
        })) {
            String url = WsServerSide.wsUrl(server, "/drop");
            RetryPolicy once = RetryPolicy.builder().maxAttempts(1).baseDelayMillis(0).jitter(0).build();
            for (int round = 0; round < rounds; round++) {
                WsRecorder recorder = new WsRecorder();
                WebSocket ws = fetch.webSocket(url).pingIntervalMillis(0).reconnect(once).open(recorder);
                Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN || recorder.ended());
                assertEquals(WebSocket.State.OPEN, ws.state(), "round " + round + ": " + recorder.events);
                List<WebSocket.State> before = new ArrayList<>();
                List<WebSocket.State> after = new ArrayList<>();
                int whileConnecting = 0;
                for (int i = 0; whileConnecting < 20; i++) {
                    before.add(ws.state());
                    assertTrue(ws.send(Integer.toString(i)), "round " + round + ", message " + i);
                    after.add(ws.state());
                    if (before.get(i) == WebSocket.State.CONNECTING) {
                        whileConnecting++;
                    }
                }
                secondMayOpen.get(round).countDown();
                ws.send("end");
                List<Integer> second = onSecond.get(round).get(30, TimeUnit.SECONDS);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < before.size(); i++) {
                    if (before.get(i) == WebSocket.State.CONNECTING) {
                        expected.add(i);
                    }
                }
                for (int i : second) {
                    assertEquals(WebSocket.State.CONNECTING, after.get(i), "round " + round + ": message " + i
                            + " went out on the next connection, though the channel was still OPEN when its send()"
                            + " returned, and the messages queued with it were discarded");
                }
                // Those before them, sent as the state changed, may have gone either way.
                assertEquals(expected, second.subList(Math.max(0, second.size() - expected.size()), second.size()),
                        "round " + round + ": every message sent while CONNECTING goes out on the next connection");
                ws.cancel();
                Frames.until(fetch, recorder::ended);
            }
        }
    }

    private static void raceDispose(String url, int round, int disposeAfterSpins, boolean cancel) throws Exception {
        FetchManager own = new FetchManager();
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = own.webSocket(url).open(recorder);
        Frames.until(own, () -> ws.state() == WebSocket.State.OPEN || recorder.ended());
        Racers racers = new Racers(SENDERS + 1, true);
        for (int t = 0; t < SENDERS; t++) {
            int sender = t;
            racers.add("ws-sender-" + t, index -> {
                for (int i = 0; i < MESSAGES_PER_SENDER && ws.send(sender + ":" + i); i++) {
                    Thread.yield();
                }
            });
        }
        racers.add("ws-ender", index -> {
            Racers.spin(disposeAfterSpins);
            if (cancel) {
                ws.cancel();
            } else {
                ws.close(1000, "bye");
            }
        });
        racers.start();
        racers.go();
        Racers.spin(disposeAfterSpins);
        own.dispose();
        assertEquals(1, recorder.terminals, "round " + round + ": terminal events inside dispose(): " + recorder.events);
        racers.join();
        own.update();
        assertEquals(List.of(), racers.thrown(), "round " + round);
        assertEquals(1, recorder.terminals, "round " + round + ": " + recorder.events);
        assertEquals(WebSocket.State.CLOSED, ws.state(), "round " + round);
        assertTrue(!ws.send("late"), "round " + round + ": a send after dispose() is refused");
    }

    private void race(String url, int round, int closeAfterSpins, CompletableFuture<ServerView> view)
            throws Exception {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = fetch.webSocket(url).open(recorder);
        Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN || recorder.ended());
        assertEquals(WebSocket.State.OPEN, ws.state(), "round " + round + ": " + recorder.events);

        List<List<String>> accepted = new ArrayList<>();
        AtomicInteger closesAccepted = new AtomicInteger();
        Racers racers = new Racers(SENDERS + 2, false);
        for (int t = 0; t < SENDERS; t++) {
            List<String> mine = new ArrayList<>();
            accepted.add(mine);
            int sender = t;
            racers.add("ws-sender-" + t, index -> {
                for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                    String text = sender + ":" + i;
                    if (!ws.send(text)) {
                        return;
                    }
                    mine.add(text);
                }
            });
        }
        for (int c = 0; c < 2; c++) {
            int spins = closeAfterSpins + c;
            racers.add("ws-closer-" + c, index -> {
                Racers.spin(spins);
                if (ws.close(1000, "bye")) {
                    closesAccepted.incrementAndGet();
                }
            });
        }
        racers.start();
        racers.join();
        Frames.until(fetch, recorder::ended);
        ServerView seen = view.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(), racers.thrown(), "round " + round);
        assertEquals(1, closesAccepted.get(), "round " + round + ": close() returned true once");
        assertEquals(1, recorder.terminals, "round " + round + ": " + recorder.events);
        assertEquals("closed 1000 bye", recorder.last(), "round " + round);
        assertEquals(1, seen.closeFrames, "round " + round + ": close frames the server got");
        assertEquals(null, seen.malformed, "round " + round);
        for (int t = 0; t < SENDERS; t++) {
            List<String> fromThisSender = new ArrayList<>();
            for (String text : seen.texts) {
                if (text.startsWith(t + ":")) {
                    fromThisSender.add(text);
                }
            }
            assertEquals(accepted.get(t), fromThisSender, "round " + round + ", sender " + t
                    + ": messages whose send() returned true, as the server got them before the close frame");
        }
        assertEquals(0, ws.queuedBytes(), "round " + round);
    }

    /** What the server read from one connection. */
    private static final class ServerView {
        final List<String> texts = new ArrayList<>();
        int closeFrames;
        String malformed;
    }

    /** Handshakes, then reads frames until the client's close frame, answers it and closes. */
    private static void serve(Socket socket, CompletableFuture<ServerView> result) throws Exception {
        ServerView view = new ServerView();
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, WsServerSide.switching(RawServer.readHead(in), ""));
            DataInputStream data = new DataInputStream(in);
            while (true) {
                WsServerSide.ClientFrame frame = WsServerSide.readClientFrame(data);
                int opcode = frame.opcode();
                if (!frame.fin() || !frame.masked() || (opcode != 1 && opcode != 8 && opcode != 9)) {
                    view.malformed = "frame " + Integer.toHexString(frame.b0) + " " + Integer.toHexString(frame.b1);
                    break;
                }
                if (opcode == 1) {
                    String text = new String(frame.payload, StandardCharsets.UTF_8);
                    if (!text.matches("\\d+:\\d+")) {
                        view.malformed = "text '" + text + "'";
                        break;
                    }
                    view.texts.add(text);
                } else if (opcode == 8) {
                    view.closeFrames++;
                    out.write(new byte[] {(byte) 0x88, 5, 0x03, (byte) 0xE8, 'b', 'y', 'e'});
                    out.flush();
                    // Anything after the close frame would be a protocol error: look for it briefly.
                    socket.setSoTimeout(50);
                    try {
                        if (in.read() >= 0) {
                            view.malformed = "bytes after the close frame";
                        }
                    } catch (IOException quiet) {
                        // The client closed or said nothing more: as it should.
                    }
                    break;
                }
            }
        } finally {
            result.complete(view);
            socket.close();
        }
    }
}
