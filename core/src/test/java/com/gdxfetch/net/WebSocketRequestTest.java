package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.testing.Allocations;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bad input to a WebSocket is refused at the call, naming what was wrong. */
class WebSocketRequestTest {
    private static void refused(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void urlsOtherThanWsAndWssAreRefused() {
        refused("must start with ws:// or wss://", () -> WebSocketRequest.builder("http://example.com/chat"));
        refused("WebSocket URL is empty", () -> WebSocketRequest.builder(""));
        refused("has a fragment", () -> WebSocketRequest.builder("ws://example.com/chat#top"));
        refused("'ws://example.com:99999/'", () -> WebSocketRequest.builder("ws://example.com:99999/"));
        refused("'ws://exa mple.com/'", () -> WebSocketRequest.builder("ws://exa mple.com/"));
        assertEquals("WSS://example.com/x", WebSocketRequest.builder("WSS://example.com/x").build().url());
    }

    @Test
    void aRefusalPointsAtTheIndexOfTheBadCharacterInTheUrlAsWritten() {
        refused("'ws://example.com/%zz' has a '%' that does not start a percent-escape (%XX) at index 17",
                () -> WebSocketRequest.builder("ws://example.com/%zz"));
        refused("'wss://example.com/a\\u0001' has a control character (U+0001) at index 19",
                () -> WebSocketRequest.builder("wss://example.com/a\u0001"));
        refused("'ws://exa mple.com/' has a space (U+0020) in its host at index 8",
                () -> WebSocketRequest.builder("ws://exa mple.com/"));
        refused("Expected closing bracket for IPv6 address at index 9", () -> WebSocketRequest.builder("ws://[::1/"));
    }

    @Test
    void headersWithLineBreaksOrOwnedByTheHandshakeAreRefused() {
        WebSocketRequest.Builder b = WebSocketRequest.builder("ws://example.com/");
        refused("LF (\\n)", () -> b.header("X-Token", "a\nInjected: yes"));
        refused("CR (\\r)", () -> b.addHeader("X-Token", "a\r"));
        refused("written by the WebSocket handshake", () -> b.header("sec-websocket-key", "x"));
        refused("use subprotocols", () -> b.header("Sec-WebSocket-Protocol", "chat"));
        refused("header name 'Bad Name'", () -> b.header("Bad Name", "x"));
    }

    @Test
    void subprotocolsAndLimitsAreChecked() {
        WebSocketRequest.Builder b = WebSocketRequest.builder("ws://example.com/");
        refused("subprotocol 'a b' is not a token", () -> b.subprotocols("a b"));
        refused("offered twice", () -> b.subprotocols("chat", "chat"));
        refused("connectTimeoutMillis", () -> b.connectTimeoutMillis(0));
        refused("pingIntervalMillis", () -> b.pingIntervalMillis(-1));
        refused("deadPeerTimeoutMillis", () -> b.deadPeerTimeoutMillis(-5));
        refused("maxMessageBytes", () -> b.maxMessageBytes(0));
        refused("maxQueuedBytes", () -> b.maxQueuedBytes(-1));
        WebSocketRequest request = b.subprotocols("v2", "v1").pingIntervalMillis(0).build();
        assertEquals(Arrays.asList("v2", "v1"), request.subprotocols());
        assertEquals(0, request.pingIntervalMillis());
    }

    @Test
    void closeCodesAndReasonsAreCheckedAtTheCall() {
        FetchManager fetch = new FetchManager();
        try {
            // Nothing listens on port 9 here; the checks come before any I/O result.
            WebSocket ws = fetch.webSocket("ws://127.0.0.1:9/").open((webSocket, failure) -> { });
            // Only what a browser's close() takes: the reserved codes (1004, 1005, 1006, 1015) never go out.
            for (int code : new int[] {0, 999, 1001, 1002, 1004, 1005, 1006, 1011, 1015, 1016, 2000, 2999, 5000}) {
                refused("close code " + code, () -> ws.close(code, ""));
            }
            char[] longReason = new char[124];
            Arrays.fill(longReason, 'x');
            refused("124 UTF-8 bytes", () -> ws.close(1000, new String(longReason)));
            refused("text is null", () -> ws.send((String) null));
            ws.cancel();
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void aManagerOverGdxNetRefusesWebSocketsClearly() {
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> fetch.webSocket("ws://example.com/").open((webSocket, failure) -> { }));
            assertTrue(e.getMessage().contains("WebSockets need the socket transport"), e.getMessage());
            assertTrue(e.getMessage().contains("ws://example.com/"), e.getMessage());
            assertEquals(0, fetch.openChannelCount());
            assertTrue(fetch.update());
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void aBuilderNotFromAManagerCannotOpen() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WebSocketRequest.builder("ws://example.com/").open((webSocket, failure) -> { }));
        assertTrue(e.getMessage().contains("not made by a FetchManager"), e.getMessage());
    }

    @Test
    void updateAllocatesNothingWhileAnOpenChannelIsQuiet() throws Exception {
        try (RawServer server = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), WsServerSide.switching(head, ""));
            socket.getInputStream().read();
        })) {
            FetchManager fetch = new FetchManager();
            try {
                WsRecorder recorder = new WsRecorder();
                WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/")).pingIntervalMillis(0).open(recorder);
                Frames.until(fetch, () -> recorder.has("open "));
                Allocations.assertNothingAllocatedOnceWarm("update() with a quiet open channel",
                        () -> assertFalse(fetch.update()), 20_000, 20_000);
                assertEquals(WebSocket.State.OPEN, ws.state());
            } finally {
                fetch.dispose();
            }
        }
    }
}
