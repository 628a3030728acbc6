package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket channels against a second server implementation, Jetty's: its own permessage-deflate,
 * its idle timeout, its message size limits, and messages it sends in fragments.
 */
class JettyWebSocketTest {
    private static final int SERVER_MAX_TEXT = 64 * 1024;
    /** Jetty's idle timeout on /idle; long enough that a busy machine still gets a ping out in time. */
    private static final int IDLE_MILLIS = 1_000;
    private static Server server;
    private static ServerConnector connector;
    /** The extensions Jetty agreed to, one entry per session it opened. */
    private static final ConcurrentLinkedQueue<String> negotiated = new ConcurrentLinkedQueue<>();
    private final FetchManager fetch = new FetchManager();

    @BeforeAll
    static void startJetty() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(SERVER_MAX_TEXT);
            container.addMapping("/echo", (request, response, callback) -> new Endpoint("echo"));
            container.addMapping("/fragments", (request, response, callback) -> new Endpoint("fragments"));
            container.addMapping("/idle", (request, response, callback) -> new Endpoint("idle"));
            container.addMapping("/close", (request, response, callback) -> new Endpoint("close"));
            container.addMapping("/ping", (request, response, callback) -> new Endpoint("ping"));
        }));
        server.start();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    private static String url(String path) {
        return "ws://127.0.0.1:" + connector.getLocalPort() + path;
    }

    /** One server session; what it does depends on the path it was opened on. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final String role;
        private Session session;

        Endpoint(String role) {
            this.role = role;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            negotiated.add(String.valueOf(opened.getUpgradeResponse().getExtensions()));
            if (role.equals("idle")) {
                session.setIdleTimeout(Duration.ofMillis(IDLE_MILLIS));
            } else if (role.equals("close")) {
                session.close(4001, "game over: zoë", Callback.NOOP);
            } else if (role.equals("ping")) {
                session.sendPing(ByteBuffer.wrap("are you there?".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            // Tells the client which payload its pong carried back.
            session.sendText("pong " + StandardCharsets.UTF_8.decode(payload), Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String text) {
            if (role.equals("fragments")) {
                // One text message in three frames, one binary message in two.
                session.sendPartialText("Zo", false, Callback.NOOP);
                session.sendPartialText("ë ", false, Callback.NOOP);
                session.sendPartialText("✓", true, Callback.NOOP);
                session.sendPartialBinary(ByteBuffer.wrap(new byte[] {1, 2}), false, Callback.NOOP);
                session.sendPartialBinary(ByteBuffer.wrap(new byte[] {3}), true, Callback.NOOP);
            } else {
                session.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            callback.succeed();
            session.sendBinary(ByteBuffer.wrap(copy), Callback.NOOP);
        }
    }

    private WebSocket openAndWait(WebSocketRequest.Builder request, WsRecorder recorder) {
        WebSocket ws = request.open(recorder);
        Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN && !recorder.events.isEmpty() || recorder.ended());
        assertEquals(WebSocket.State.OPEN, ws.state(), recorder.events + " " + recorder.failure);
        return ws;
    }

    /** A message that compresses well but differs from the one before, as game state updates do. */
    private static String stateUpdate(int n, int bytes) {
        StringBuilder text = new StringBuilder();
        while (text.length() < bytes) {
            text.append("{\"tick\":").append(n).append(",\"x\":").append(text.length() % 977).append(",\"name\":\"Zoë\"}");
        }
        return text.toString();
    }

    @Test
    void compressedMessagesRoundTripThroughJettysDeflateWithItsWindowKeptBetweenMessages() {
        negotiated.clear();
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(url("/echo")).perMessageDeflate(true), recorder);
        // Jetty may call its endpoint's onWebSocketOpen after the client has seen the 101.
        Frames.until(fetch, () -> !negotiated.isEmpty());
        assertTrue(negotiated.peek().contains("permessage-deflate"), "Jetty agreed to: " + negotiated);
        List<String> sent = new ArrayList<>();
        byte[] binary = new byte[60_000]; // under Jetty's default 64 KiB message limit
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 7 * 31);
        }
        for (int n = 0; n < 40; n++) {
            String text = stateUpdate(n, n % 5 == 0 ? 50_000 : 300);
            sent.add("text " + text);
            assertTrue(ws.send(text));
            if (n % 10 == 0) {
                sent.add("binary " + binary.length);
                assertTrue(ws.send(binary));
            }
            if (n % 10 == 5) {
                // An empty message compresses to a sync flush of nothing, or to nothing at all.
                sent.add("text ");
                assertTrue(ws.send(""));
                sent.add("binary 0");
                assertTrue(ws.send(new byte[0]));
            }
        }
        Frames.until(fetch, () -> recorder.messages == sent.size() || recorder.ended());
        List<String> received = recorder.events.subList(1, recorder.events.size());
        assertEquals(sent.size(), received.size(), "last event: " + abbreviated(recorder.last()));
        for (int i = 0; i < sent.size(); i++) {
            assertTrue(sent.get(i).equals(received.get(i)), "message " + i + " came back as " + abbreviated(received.get(i)));
        }
        for (byte[] echoed : recorder.binaries) {
            if (echoed.length > 0) {
                assertArrayEquals(binary, echoed);
            }
        }
    }

    @Test
    void messagesJettySendsInFragmentsArriveJoined() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(url("/fragments")), recorder);
        ws.send("go");
        Frames.until(fetch, () -> recorder.messages == 2 || recorder.ended());
        assertEquals("text Zoë ✓", recorder.events.get(1));
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0));
    }

    @Test
    void aPingFromJettyIsAnsweredWithAPongCarryingItsPayload() {
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(url("/ping")).pingIntervalMillis(0).open(recorder);
        Frames.until(fetch, () -> recorder.messages == 1 || recorder.ended());
        assertEquals("text pong are you there?", recorder.last(), String.valueOf(recorder.events));
    }

    @Test
    void aCloseCodeAndReasonJettySendsEndTheChannelWithThem() {
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(url("/close")).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals("closed 4001 game over: zoë", recorder.last(), String.valueOf(recorder.events));
        assertEquals(1, recorder.terminals);
    }

    @Test
    void keepAlivePingsHoldAConnectionJettyWouldCloseAsIdle() {
        WsRecorder pinging = new WsRecorder();
        WebSocket kept = openAndWait(fetch.webSocket(url("/idle")).pingIntervalMillis(150), pinging);
        WsRecorder silent = new WsRecorder();
        openAndWait(fetch.webSocket(url("/idle")).pingIntervalMillis(0), silent);
        // Jetty closes the silent one after its idle timeout; the other outlives that by far.
        Frames.until(fetch, silent::ended);
        assertEquals(1001, closeCode(silent), String.valueOf(silent.events));
        long end = System.nanoTime() + 2L * IDLE_MILLIS * 1_000_000L;
        Frames.until(fetch, () -> System.nanoTime() - end > 0 || pinging.ended());
        assertEquals(WebSocket.State.OPEN, kept.state(), String.valueOf(pinging.events));
        kept.send("still here");
        Frames.until(fetch, () -> pinging.messages == 1 || pinging.ended());
        assertEquals("text still here", pinging.last());
    }

    @Test
    void aMessageOverJettysLimitEndsTheChannelWithCode1009() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait(fetch.webSocket(url("/echo")), recorder);
        char[] big = new char[SERVER_MAX_TEXT + 1];
        Arrays.fill(big, 'a');
        ws.send(new String(big));
        Frames.until(fetch, recorder::ended);
        assertEquals(1009, closeCode(recorder), String.valueOf(recorder.events));
    }

    private static String abbreviated(String event) {
        return event.length() <= 200 ? event : event.substring(0, 200) + "... (" + event.length() + " chars)";
    }

    private static int closeCode(WsRecorder recorder) {
        String last = recorder.last();
        assertTrue(last.startsWith("closed "), String.valueOf(recorder.events));
        return Integer.parseInt(last.split(" ")[1]);
    }
}
