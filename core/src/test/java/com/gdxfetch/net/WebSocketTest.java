package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket channels against a third-party server: the npm ws package, run with Node. */
class WebSocketTest {
    private static NodeWsServer server;
    private FetchManager fetch = new FetchManager();

    @BeforeAll
    static void startServer() throws Exception {
        server = NodeWsServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    private WebSocket openAndWait(String path, WsRecorder recorder) {
        WebSocket ws = fetch.webSocket(server.url(path)).open(recorder);
        Frames.until(fetch, () -> ws.state() == WebSocket.State.OPEN && !recorder.events.isEmpty() || recorder.ended());
        assertEquals(WebSocket.State.OPEN, ws.state(), String.valueOf(recorder.events));
        return ws;
    }

    @Test
    void echoesTextAndBinaryInOrderWithTheChosenSubprotocol() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = fetch.webSocket(server.url("/echo")).subprotocols("chat.v2", "chat.v1").open(recorder);
        // Queued before the handshake: sent once it completes, in order.
        assertTrue(ws.send("héllo ✓"));
        assertTrue(ws.send(new byte[] {1, 2, 3}));
        assertTrue(ws.send(""));
        Frames.until(fetch, () -> recorder.messages == 3);
        assertEquals(Arrays.asList("open chat.v2", "text héllo ✓", "binary 3", "text "), recorder.events);
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0));
        assertEquals("chat.v2", ws.protocol());
        assertEquals(0, ws.queuedBytes());
    }

    @Test
    void sendsTheHandshakeHeadersItWasGiven() {
        WsRecorder recorder = new WsRecorder();
        fetch.webSocket(server.url("/headers?room=7")).header("X-Player", "p1").open(recorder);
        Frames.until(fetch, () -> recorder.messages == 1);
        String headers = recorder.events.get(1);
        assertTrue(headers.contains("\"x-player\":\"p1\""), headers);
        assertTrue(headers.contains("\"user-agent\":\"gdx-fetch"), headers);
    }

    @Test
    void sendsTheCookiesAnInstalledCookieHandlerHoldsForItsServer() {
        CookieHandler before = CookieHandler.getDefault();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpCookie seat = new HttpCookie("seat", "12");
        seat.setPath("/");
        seat.setVersion(0);
        String url = server.url("/headers?room=7");
        cookies.getCookieStore().add(URI.create("http" + url.substring(url.indexOf(':'))), seat);
        CookieHandler.setDefault(cookies);
        try {
            WsRecorder recorder = new WsRecorder();
            fetch.webSocket(url).open(recorder);
            Frames.until(fetch, () -> recorder.messages == 1);
            String headers = recorder.events.get(1);
            assertTrue(headers.contains("\"cookie\":\"seat=12\""), headers);
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void anErrorThrownWhileTheChannelConnectsEndsItWithAFailure() {
        CookieHandler before = CookieHandler.getDefault();
        // An Error, not an exception: nothing on the channel's thread may end it unannounced.
        CookieHandler.setDefault(new CookieHandler() {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
                return Collections.emptyMap();
            }

            @Override
            public void put(URI uri, Map<String, List<String>> responseHeaders) {
                throw new AssertionError("broken cookie handler");
            }
        });
        try {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(server.url("/echo")).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("failure NETWORK"), recorder.events);
            assertTrue(recorder.failure.getMessage().contains("broken cookie handler"), recorder.failure.getMessage());
            assertEquals(WebSocket.State.CLOSED, ws.state());
            assertEquals(0, fetch.openChannelCount());
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void joinsFragmentedTextAndBinaryMessages() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        ws.send("cmd:fragments:5");
        ws.send("cmd:binfragments:3:70000");
        Frames.until(fetch, () -> recorder.messages == 2);
        assertEquals("text part0.part1.part2.part3.part4.", recorder.events.get(1));
        byte[] joined = recorder.binaries.get(0);
        assertEquals(210_000, joined.length);
        assertEquals(0, joined[69_999]);
        assertEquals(1, joined[70_000]);
        assertEquals(2, joined[209_999]);
    }

    @Test
    void answersServerPingsAndSendsKeepAlivePings() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        ws.send("cmd:ping:abc");
        Frames.until(fetch, () -> recorder.has("text pong:abc"));

        WsRecorder pinged = new WsRecorder();
        fetch.webSocket(server.url("/pings")).pingIntervalMillis(20).open(pinged);
        Frames.until(fetch, () -> pinged.messages >= 2);
        assertEquals("text pinged", pinged.last());
    }

    @Test
    void serverCloseWithEachCommonCodeEndsInOneClosedEvent() {
        int[] codes = {1000, 1001, 1003, 1008, 1011, 4000};
        for (int code : codes) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = openAndWait("/echo", recorder);
            ws.send("cmd:close:" + code + ":bye " + code);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("open ", "closing " + code + " bye " + code, "closed " + code + " bye " + code),
                    recorder.events);
            assertEquals(WebSocket.State.CLOSED, ws.state());
            assertFalse(ws.send("late"));
        }
        WsRecorder empty = new WsRecorder();
        openAndWait("/echo", empty).send("cmd:closeempty");
        Frames.until(fetch, empty::ended);
        assertEquals("closed 1005 ", empty.last());
    }

    @Test
    void closeFromTheGameCompletesTheHandshake() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        ws.send("last words");
        assertTrue(ws.close(1000, "done"));
        assertEquals(WebSocket.State.CLOSING, ws.state());
        assertFalse(ws.close(1000, "again"));
        assertFalse(ws.send("too late"));
        Frames.until(fetch, recorder::ended);
        assertEquals("text last words", recorder.events.get(1));
        assertTrue(recorder.last().startsWith("closed 1000"), recorder.last());
        assertEquals(1, recorder.terminals);
        assertEquals(0, fetch.openChannelCount());
    }

    @Test
    void aConnectTimeoutOfZeroWaitsForTheServersCloseInsteadOfGivingUpAtOnce() {
        fetch.dispose();
        // "0 waits forever": for the close handshake too, not "wait for nothing".
        fetch = new FetchManager(FetchConfig.builder().connectTimeoutMillis(0).build());
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        assertTrue(ws.close(1000, "done"));
        Frames.until(fetch, recorder::ended);
        assertTrue(recorder.last().startsWith("closed 1000"), String.valueOf(recorder.events));
        assertEquals(1, recorder.terminals);
    }

    @Test
    void abruptDisconnectFailsWithNetworkNamingTheUrl() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        ws.send("cmd:terminate");
        Frames.until(fetch, recorder::ended);
        assertEquals(FailureKind.NETWORK, recorder.failure.kind(), recorder.failure.getMessage());
        assertTrue(recorder.failure.getMessage().contains(ws.url()), recorder.failure.getMessage());
        assertEquals(1, recorder.terminals);
    }

    @Test
    void invalidUtf8TextFailsTheChannel() {
        WsRecorder recorder = new WsRecorder();
        openAndWait("/echo", recorder).send("cmd:badutf8");
        Frames.until(fetch, recorder::ended);
        assertEquals(FailureKind.PROTOCOL, recorder.failure.kind());
        assertTrue(recorder.failure.getMessage().contains("not valid UTF-8 (closed with 1007)"),
                recorder.failure.getMessage());
        assertEquals(0, recorder.messages, "no message may come from invalid text");
    }

    @Test
    void messageOverTheLimitFailsWithTooLarge() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = fetch.webSocket(server.url("/echo")).maxMessageBytes(4096).open(recorder);
        ws.send("cmd:big:4096");
        ws.send("cmd:big:4097");
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open ", "binary 4096", "failure TOO_LARGE"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("maxMessageBytes 4096"), recorder.failure.getMessage());
    }

    @Test
    void aFloodOfMessagesIsDeliveredUnderTheUpdateBudget() {
        FakeClock clock = new FakeClock();
        FetchManager budgeted = new FetchManager(FetchConfig.builder().clock(clock).updateBudgetMillis(3).build());
        try {
            int[] delivered = new int[1];
            int[] next = new int[1];
            WsRecorder recorder = new WsRecorder() {
                @Override
                public void onText(WebSocket webSocket, String text) {
                    // Each message costs the game 1 ms of its frame.
                    clock.advance(1, TimeUnit.MILLISECONDS);
                    assertTrue(text.startsWith(next[0] + "."), "out of order: " + text.substring(0, 8));
                    next[0]++;
                    delivered[0]++;
                }
            };
            WebSocket ws = budgeted.webSocket(server.url("/echo")).open(recorder);
            ws.send("cmd:flood:2000:64");
            int most = 0;
            int updates = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (next[0] < 2000 && System.nanoTime() < deadline) {
                delivered[0] = 0;
                budgeted.update();
                updates++;
                most = Math.max(most, delivered[0]);
            }
            assertEquals(2000, next[0]);
            assertTrue(most <= 3, "an update delivered " + most + " messages, over its 3 ms budget");
            assertTrue(updates >= 2000 / 3, "2000 messages in " + updates + " updates");
        } finally {
            budgeted.dispose();
        }
    }

    @Test
    void reconnectsAfterTheServerDropsThenGivesUpWhenItIsGone() throws Exception {
        NodeWsServer own = NodeWsServer.start();
        try {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(own.url("/hello"))
                    .reconnect(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(10).maxDelayMillis(40).build())
                    .open(recorder);
            Frames.until(fetch, () -> recorder.has("text hello 1"));
            ws.send("cmd:terminate");
            Frames.until(fetch, () -> recorder.has("text hello 2"));
            assertEquals(Arrays.asList("open ", "text hello 1", "reconnecting 1", "open ", "text hello 2"),
                    recorder.events);
            assertEquals(0, recorder.terminals);

            own.close();
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList("reconnecting 1", "reconnecting 2", "reconnecting 3", "failure CONNECT_REFUSED"),
                    recorder.events.subList(5, recorder.events.size()));
            assertEquals(1, recorder.terminals);
        } finally {
            own.close();
        }
    }

    @Test
    void aChannelConnectsThroughATransportThatWrapsTheSocketOne() {
        Transport sockets = Transports.sockets();
        Transport counting = new Transport() {
            @Override
            public Exchange start(HttpRequest request, Listener listener) {
                return sockets.start(request, listener);
            }

            @Override
            public void dispose() {
                sockets.dispose();
            }

            @Override
            public Transport delegate() {
                return sockets;
            }
        };
        FetchManager wrapped = new FetchManager(FetchConfig.builder().transport(counting).build());
        try {
            WsRecorder recorder = new WsRecorder();
            wrapped.webSocket(server.url("/echo")).open(recorder).send("through the wrapper");
            Frames.until(wrapped, () -> recorder.messages == 1);
            assertEquals(Arrays.asList("open ", "text through the wrapper"), recorder.events);
        } finally {
            wrapped.dispose();
        }
    }

    @Test
    void aChannelOpensThroughAManagerThatKeepsAnHttpCache(@TempDir Path dir) {
        FetchManager caching = new FetchManager(FetchConfig.builder()
                .httpCache(new com.badlogic.gdx.files.FileHandle(dir.toFile()), 1L << 20).build());
        try {
            WsRecorder recorder = new WsRecorder();
            caching.webSocket(server.url("/echo")).open(recorder).send("past the cache");
            Frames.until(caching, () -> recorder.messages == 1 || recorder.ended());
            assertEquals(Arrays.asList("open ", "text past the cache"), recorder.events);
        } finally {
            caching.dispose();
        }
    }

    @Test
    void reconnectionIsOffByDefault() {
        WsRecorder recorder = new WsRecorder();
        openAndWait("/echo", recorder).send("cmd:close:1001:restart");
        Frames.until(fetch, recorder::ended);
        assertEquals("closed 1001 restart", recorder.last());
    }

    @Test
    void wssWorksWithAnExplicitlyTrustedSelfSignedCertificate(@TempDir Path dir) throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        File cert = dir.resolve("cert.pem").toFile();
        File key = dir.resolve("key.pem").toFile();
        Files.write(cert.toPath(), certificate.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Files.write(key.toPath(), certificate.privateKeyPkcs8Pem().getBytes(StandardCharsets.US_ASCII));
        try (NodeWsServer tls = NodeWsServer.startTls(cert, key)) {
            WsRecorder untrusted = new WsRecorder();
            fetch.webSocket(tls.url("/echo")).open(untrusted);
            Frames.until(fetch, untrusted::ended);
            assertEquals(FailureKind.TLS, untrusted.failure.kind(), untrusted.failure.getMessage());

            SSLContext trusting = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate())
                    .build().sslContext();
            FetchManager secure = new FetchManager(FetchConfig.builder().transport(Transports.sockets(trusting)).build());
            try {
                WsRecorder recorder = new WsRecorder();
                secure.webSocket(tls.url("/echo")).open(recorder).send("over tls");
                Frames.until(secure, () -> recorder.messages == 1);
                assertEquals(Arrays.asList("open ", "text over tls"), recorder.events);
            } finally {
                secure.dispose();
            }
        }
    }

    @Test
    void disposeEndsEveryChannelWithOneTerminalEvent() {
        WsRecorder a = new WsRecorder();
        WsRecorder b = new WsRecorder();
        WsRecorder closing = new WsRecorder();
        openAndWait("/echo", a);
        openAndWait("/echo", b).send("cmd:flood:500:64");
        WebSocket c = openAndWait("/echo", closing);
        c.close(1000, "");
        WsRecorder connecting = new WsRecorder();
        fetch.webSocket(server.url("/echo")).open(connecting);
        assertEquals(4, fetch.openChannelCount());
        assertFalse(fetch.update(), "open channels are work left");

        fetch.dispose();
        for (WsRecorder recorder : new WsRecorder[] {a, b, closing, connecting}) {
            assertEquals(1, recorder.terminals, String.valueOf(recorder.events));
        }
        assertEquals(FailureKind.CANCELLED, a.failure.kind());
        assertEquals(0, fetch.openChannelCount());
        assertThrows(IllegalStateException.class, () -> fetch.webSocket(server.url("/echo")).open(new WsRecorder()));
    }

    @Test
    void updateReportsWorkLeftUntilTheLastChannelEnds() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = openAndWait("/echo", recorder);
        assertFalse(fetch.update());
        ws.cancel();
        ws.cancel();
        Frames.until(fetch, recorder::ended);
        assertEquals("failure CANCELLED", recorder.last());
        assertTrue(fetch.update());
        assertEquals(1, recorder.terminals);
    }

    @Test
    void aMessageSentBeforeTheHandshakeEndsIsDeliveredOnceOpen() {
        WsRecorder recorder = new WsRecorder();
        WebSocket ws = fetch.webSocket(server.url("/echo")).open(recorder);
        assertTrue(ws.send(new byte[600]));
        Frames.until(fetch, () -> recorder.messages == 1 || recorder.ended());
        assertEquals("binary 600", recorder.last());
        assertEquals(0, ws.queuedBytes());
    }

    @Test
    void sendPastTheQueuedBytesLimitIsRefused() throws Exception {
        // A server that never answers the handshake keeps every send queued, whatever the timing.
        try (SilentServer silent = new SilentServer()) {
            WsRecorder recorder = new WsRecorder();
            WebSocket ws = fetch.webSocket(silent.url("/echo").replaceFirst("^http", "ws")).maxQueuedBytes(1000)
                .open(recorder);
            byte[] chunk = new byte[600];
            assertTrue(ws.send(chunk));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ws.send(chunk));
            assertTrue(refused.getMessage().contains("maxQueuedBytes 1000"), refused.getMessage());
            assertEquals(600, ws.queuedBytes(), "the refused message is not queued");
            ws.cancel();
            Frames.until(fetch, recorder::ended);
        }
    }
}
