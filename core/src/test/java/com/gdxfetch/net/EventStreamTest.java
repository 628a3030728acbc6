package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events streams against scripted loopback servers, driven frame by frame. */
class EventStreamTest {
    private static final String SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n";
    private final FetchManager fetch = new FetchManager();
    private final List<RawServer> servers = new ArrayList<>();
    /** Request heads the scripted servers received, in order. */
    private final List<String> heads = new CopyOnWriteArrayList<>();

    @AfterEach
    void dispose() throws Exception {
        fetch.dispose();
        for (RawServer server : servers) {
            server.close();
        }
    }

    private RawServer serve(RawServer.Script script) throws Exception {
        RawServer server = new RawServer(script);
        servers.add(server);
        return server;
    }

    /** Waits for the client to go away: the stream stays open until then. */
    private static void hold(InputStream in) throws Exception {
        while (in.read() >= 0) {
            // Nothing is expected from the client after its request.
        }
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.length()) + "\r\n" + text + "\r\n";
    }

    /** Records a stream's events as strings, and counts terminal ones. */
    static class Recorder implements EventStreamListener {
        final List<String> events = new ArrayList<>();
        FetchException failure;
        int terminals;

        @Override
        public void onOpen(EventStream stream) {
            events.add("open");
        }

        @Override
        public void onEvent(EventStream stream, String type, String data, String id) {
            events.add(type + " " + data + " #" + id);
        }

        @Override
        public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
            events.add("reconnecting " + attempt + " after " + delayMillis);
        }

        @Override
        public void onClosed(EventStream stream) {
            events.add("closed");
            terminals++;
        }

        @Override
        public void onFailure(EventStream stream, FetchException failure) {
            events.add("failure " + failure.kind());
            this.failure = failure;
            terminals++;
        }

        boolean ended() {
            return terminals > 0;
        }

        int count(String prefix) {
            int n = 0;
            for (String e : events) {
                n += e.startsWith(prefix) ? 1 : 0;
            }
            return n;
        }
    }

    /** The Host line of a request head, without its line end. */
    static String hostLine(String head) {
        int start = head.indexOf("\r\nHost: ") + 2;
        return start < 2 ? "no Host in " + head : head.substring(start, head.indexOf("\r\n", start));
    }

    @Test
    void theStreamsHostIsWrittenAsAnOrdinaryRequestsIsThePortAsANumber() throws Exception {
        // RFC 9110 section 7.2: Host is uri-host [":" port]; "080" in the URL is port 80.
        RawServer server = serve((socket, index) -> {
            heads.add(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 204 No Content\r\n\r\n");
            socket.close();
        });
        String port = server.url("").substring("http://127.0.0.1:".length());
        String url = "http://127.0.0.1:0" + port + "/feed";
        FetchHandle<String> plain = fetch.get(url).send(Decoders.text(), null);
        Frames.untilDone(fetch, plain);
        Recorder recorder = new Recorder();
        fetch.events(url).open(recorder);
        Frames.until(fetch, recorder::ended);

        assertEquals(2, heads.size());
        assertEquals("Host: 127.0.0.1:" + port, hostLine(heads.get(0)), "an ordinary request");
        assertEquals("Host: 127.0.0.1:" + port, hostLine(heads.get(1)), "the event stream");
    }

    @Test
    void eventsArriveInsideUpdateWithMultiLineDataCommentsAndTypes() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            heads.add(RawServer.readHead(in));
            RawServer.write(out, SSE_HEAD + "Transfer-Encoding: chunked\r\n\r\n");
            // An event split across chunks, between a comment and a second event.
            RawServer.write(out, chunk(": keep-alive\n\nevent: score\ndata: first line\nda"));
            RawServer.write(out, chunk("ta: second line\nid: 7\n\ndata: plain\n\n"));
            hold(in);
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/scores?room=1")).header("X-Player", "p1").open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1);
        assertEquals(Arrays.asList("open", "score first line\nsecond line #7", "message plain #7"), recorder.events);
        assertEquals("7", stream.lastEventId());
        assertEquals(EventStream.State.OPEN, stream.state());
        String head = heads.get(0);
        assertTrue(head.startsWith("GET /scores?room=1 HTTP/1.1\r\n"), head);
        assertTrue(head.contains("Accept: text/event-stream\r\n") && head.contains("X-Player: p1\r\n"), head);
        assertFalse(head.contains("Last-Event-ID"), head);

        assertTrue(stream.close());
        assertFalse(stream.close());
        Frames.until(fetch, recorder::ended);
        assertEquals("closed", recorder.events.get(recorder.events.size() - 1));
        assertEquals(1, recorder.terminals);
        assertEquals(0, fetch.openChannelCount());
    }

    @Test
    void aCarriageReturnAtTheEndOfOneReadAndALineFeedAtTheStartOfTheNextEndOneLine() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            // The byte order mark in two writes too: it is still the stream's first, and skipped.
            out.write(SSE_HEAD.concat("\r\n\u00EF\u00BB").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawServer.write(out, "\u00BFdata: first\r\n\r\ndata: a\r");
            // The client has read the CR before the LF is sent: it took the event written with it.
            assertTrue(firstTaken.await(5, TimeUnit.SECONDS));
            RawServer.write(out, "\ndata: b\r\n\r");
            RawServer.write(out, "\n\u00EF\u00BB\u00BFdata: late mark\n\ndata: last\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder() {
            @Override
            public void onEvent(EventStream stream, String type, String data, String id) {
                super.onEvent(stream, type, data, id);
                firstTaken.countDown();
            }
        };
        fetch.events(server.url("/split")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message last") == 1 || recorder.ended());
        // A blank line only after the CR LF pairs, and a mark past the start is part of a field
        // name no one knows.
        assertEquals(Arrays.asList("open", "message first #", "message a\nb #", "message last #"), recorder.events);
    }

    @Test
    void aCookieTheStreamSetsGoesWithItsReconnectionBesideTheCallersOwn() throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            RawServer server = serve((socket, index) -> {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                heads.add(RawServer.readHead(in));
                if (index == 0) {
                    RawServer.write(out, SSE_HEAD + "Set-Cookie: seat=12; Path=/\r\n\r\nretry: 10\ndata: first\n\n");
                    socket.close();
                } else {
                    RawServer.write(out, SSE_HEAD + "Content-Length: 14\r\n\r\ndata: second\n\n");
                    hold(in);
                }
            });
            Recorder recorder = new Recorder();
            EventStream stream = fetch.events(server.url("/feed")).header("Cookie", "team=red").open(recorder);
            Frames.until(fetch, () -> recorder.count("message second") == 1);
            assertTrue(heads.get(0).contains("\r\nCookie: team=red\r\n"), heads.get(0));
            assertTrue(heads.get(1).contains("\r\nCookie: team=red; seat=12\r\n"), heads.get(1));
            stream.cancel();
            Frames.until(fetch, recorder::ended);
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aStreamRefusedForItsFramingLeavesNoCookieBehind() throws Exception {
        // RFC 9112 section 6.3, as for any response: one in a transfer coding the client cannot undo
        // is discarded, and its cookies with it.
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            RawServer server = serve((socket, index) -> {
                heads.add(RawServer.readHead(socket.getInputStream()));
                if (index == 0) {
                    RawServer.write(socket.getOutputStream(),
                            SSE_HEAD + "Set-Cookie: planted=stream; Path=/\r\nTransfer-Encoding: gzip\r\n\r\nxx");
                } else {
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                }
                socket.close();
            });
            Recorder recorder = new Recorder();
            fetch.events(server.url("/feed")).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(FailureKind.PROTOCOL, recorder.failure.kind(), recorder.failure.getMessage());

            FetchHandle<HttpResponse> next = fetch.get(server.url("/next")).send();
            Frames.untilDone(fetch, next);
            assertEquals("ok", next.result().text());
            assertFalse(heads.get(1).contains("planted"), heads.get(1));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aStreamThatEndsReconnectsAfterTheServersRetryWithTheLastEventId() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            heads.add(RawServer.readHead(in));
            if (index == 0) {
                // No length and no chunks: the body ends when the server closes.
                RawServer.write(out, SSE_HEAD + "\r\nretry: 20\nid: 42\ndata: first\n\nid: 43\n\n");
                socket.close();
            } else {
                RawServer.write(out, SSE_HEAD + "Content-Length: 14\r\n\r\ndata: second\n\n");
                hold(in);
            }
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/feed")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message second") == 1);
        assertEquals(Arrays.asList("open", "message first #42", "reconnecting 1 after 20", "open",
                "message second #43"), recorder.events.subList(0, 5));
        assertTrue(heads.get(1).contains("Last-Event-ID: 43\r\n"), "the id-only block counts: " + heads.get(1));
        assertEquals(0, recorder.terminals);
        stream.cancel();
        Frames.until(fetch, recorder::ended);
        assertEquals(FailureKind.CANCELLED, recorder.failure.kind());
    }

    @Test
    void eachReconnectedStreamSkipsTheByteOrderMarkAtItsOwnStartAndNoOther() throws Exception {
        // Each response body is decoded on its own (UTF-8 decode drops one leading mark); a mark
        // further on is text, here making the field "\uFEFFdata", which is unknown.
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            if (index == 0) {
                RawServer.writeUtf8(socket.getOutputStream(), SSE_HEAD
                        + "\r\n\uFEFFretry: 20\ndata: first\n\n\uFEFFdata: not a field\n\n");
                socket.close();
            } else {
                RawServer.writeUtf8(socket.getOutputStream(), SSE_HEAD + "\r\n\uFEFFdata: second\n\n");
                hold(in);
            }
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/feed")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message second") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message first #", "reconnecting 1 after 20", "open", "message second #"),
                recorder.events);
        stream.cancel();
        Frames.until(fetch, recorder::ended);
    }

    @Test
    void anEventWithoutAnIdAfterAReconnectKeepsTheLastIdForTheNextReconnect() throws Exception {
        // As browsers and the eventsource package do: only an id field changes the last event id,
        // so a server that numbers some events is not asked to replay from the start.
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            if (index == 0) {
                RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\nretry: 20\nid: 7\ndata: numbered\n\n");
                socket.close();
            } else if (index == 1) {
                RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: unnumbered\n\n");
                socket.close();
            } else {
                hold(in);
            }
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/feed")).open(recorder);
        Frames.until(fetch, () -> heads.size() == 3);

        assertEquals(Arrays.asList("open", "message numbered #7", "reconnecting 1 after 20", "open",
                "message unnumbered #7", "reconnecting 1 after 20"), recorder.events.subList(0, 6));
        assertTrue(heads.get(2).contains("Last-Event-ID: 7\r\n"), heads.get(2));
        assertEquals("7", stream.lastEventId());
        stream.cancel();
        Frames.until(fetch, recorder::ended);
    }

    @Test
    void aRetryOfOnlyDigitsCountsWhateverItsLeadingZerosAndAnEnormousOneWaitsAsLongAsItCan() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            String retry = index == 0 ? "0000000000000000000025" : "123456789012345678901234567890";
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\nretry: " + retry + "\n\n");
            socket.close();
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/retry")).open(recorder);
        Frames.until(fetch, () -> recorder.count("reconnecting") == 2 || recorder.ended());
        assertEquals(Arrays.asList("open", "reconnecting 1 after 25", "open", "reconnecting 1 after " + Long.MAX_VALUE),
                recorder.events);
        stream.close();
        Frames.until(fetch, recorder::ended);
        assertEquals(2, server.connections());
    }

    @Test
    void aSilentStreamIsDeadAfterItsReadTimeout() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\n: hello\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/quiet")).readTimeoutMillis(150).maxReconnects(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open", "failure READ_TIMEOUT"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains(server.url("/quiet"))
                && recorder.failure.getMessage().contains("150 ms"), recorder.failure.getMessage());
        assertEquals(1, server.connections());
    }

    @Test
    void aStreamWhoseHeadIsDrippedFailsAtTheReadTimeout() throws Exception {
        // Each byte comes well inside the read timeout, so only a limit on the whole head ends it.
        RawServer server = serve((socket, index) -> RawServer.dripAfterHead(socket, SSE_HEAD + "X-Slow: "));
        Recorder recorder = new Recorder();
        fetch.events(server.url("/drip")).readTimeoutMillis(400).maxReconnects(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("failure READ_TIMEOUT"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("no complete response head within 400 ms"),
                recorder.failure.getMessage());
    }

    @Test
    void aServerThatSendsItsHeadOnlyWithItsFirstEventIsWaitedForAsLongAsTheReadTimeoutNotTheConnectTimeout()
            throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch eventReady = new CountDownLatch(1);
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            asked.countDown();
            // Many servers write nothing, head included, until they have an event: here one comes
            // once the frames below have run past the connect timeout several times over.
            eventReady.await();
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: late\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/late")).connectTimeoutMillis(150).readTimeoutMillis(10_000).maxReconnects(0)
                .open(recorder);
        assertTrue(asked.await(10, TimeUnit.SECONDS), "the stream never asked");
        long askedAt = System.nanoTime();
        Frames.until(fetch, () -> recorder.ended() || System.nanoTime() - askedAt > TimeUnit.MILLISECONDS.toNanos(600));
        eventReady.countDown();
        Frames.until(fetch, () -> recorder.count("message") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message late #"), recorder.events);
        assertEquals(1, server.connections());
    }

    @Test
    void anotherStatusOrContentTypeFailsWithoutReconnectingAnd204Closes() throws Exception {
        String[] answers = {
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
        };
        String[] expected = {"failure HTTP_STATUS", "failure PROTOCOL", "closed"};
        for (int i = 0; i < answers.length; i++) {
            String answer = answers[i];
            RawServer server = serve((socket, index) -> {
                InputStream in = socket.getInputStream();
                RawServer.readHead(in);
                RawServer.write(socket.getOutputStream(), answer);
                hold(in);
            });
            Recorder recorder = new Recorder();
            fetch.events(server.url("/")).reconnectDelayMillis(0).open(recorder);
            Frames.until(fetch, recorder::ended);
            assertEquals(Arrays.asList(expected[i]), recorder.events, answer);
            assertEquals(1, server.connections(), "no reconnection after " + answer);
        }
    }

    @Test
    void anEventOverTheLimitFailsWithTooLarge() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, SSE_HEAD + "\r\ndata: small\n\n");
            StringBuilder big = new StringBuilder("data: ");
            for (int i = 0; i < 2000; i++) {
                big.append('x');
            }
            RawServer.write(out, big + "\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/big")).maxEventBytes(1024).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open", "message small #", "failure TOO_LARGE"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("maxEventBytes 1024"), recorder.failure.getMessage());
        assertEquals(1, server.connections());
    }

    @Test
    void anEventWhoseDataIsExactlyTheLimitArrivesAndOneCharacterMoreFails() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: 12345678\ndata: 1234567\n\n"
                    + "data: 12345678\ndata: 12345678\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/exact")).maxEventBytes(16).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("open", "message 12345678\n1234567 #", "failure TOO_LARGE"), recorder.events);
    }

    @Test
    void aLineOverASmallLimitFailsWithTooLargeEvenWhenNoDataComesOfIt() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\nevent: abcdefghijklmnopqrstuvwxyz0123456789\n"
                    + "data: x\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/small")).maxEventBytes(16).open(recorder);
        Frames.until(fetch, () -> recorder.ended() || recorder.count("abc") > 0);
        assertEquals(Arrays.asList("open", "failure TOO_LARGE"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("a line of the event stream is over maxEventBytes 16"),
                recorder.failure.getMessage());
    }

    @Test
    void updateCountsAnOpenEventStreamAsWorkLeftUntilItsTerminalEventRuns() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: hi\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/open")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1);
        assertEquals(0, fetch.openCount());
        assertFalse(fetch.update(), "an open event stream is work left, as FetchManager.update() says");

        stream.close();
        Frames.until(fetch, recorder::ended);
        assertTrue(fetch.update());
    }

    @Test
    void disposeEndsEveryStreamWithOneTerminalEvent() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: hi\n\n");
            hold(in);
        });
        Recorder open = new Recorder();
        Recorder closing = new Recorder();
        fetch.events(server.url("/a")).open(open);
        EventStream b = fetch.events(server.url("/b")).open(closing);
        Frames.until(fetch, () -> open.count("message") == 1 && closing.count("message") == 1);
        b.close();
        Recorder connecting = new Recorder();
        fetch.events("http://127.0.0.1:9/never").connectTimeoutMillis(30_000).open(connecting);
        assertEquals(3, fetch.openChannelCount());

        fetch.dispose();
        for (Recorder recorder : new Recorder[] {open, closing, connecting}) {
            assertEquals(1, recorder.terminals, String.valueOf(recorder.events));
        }
        assertEquals(FailureKind.CANCELLED, open.failure.kind());
        assertEquals("closed", closing.events.get(closing.events.size() - 1));
        assertEquals(0, fetch.openChannelCount());
        assertThrows(IllegalStateException.class, () -> fetch.events(server.url("/c")).open(new Recorder()));
    }

    @Test
    void theBuilderRefusesBadInputByName() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> fetch.events("ws://127.0.0.1/x"));
        assertTrue(scheme.getMessage().contains("http:// or https://"), scheme.getMessage());
        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> fetch.events("http://127.0.0.1/x").header("Last-Event-ID", "3"));
        assertTrue(reserved.getMessage().contains("lastEventId(...)"), reserved.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> fetch.events("http://127.0.0.1/x").lastEventId("a\nb"));
        assertTrue(id.getMessage().contains("CR, LF or NUL"), id.getMessage());
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> fetch.events("http://127.0.0.1/x").maxEventBytes(0));
        assertTrue(limit.getMessage().contains("maxEventBytes"), limit.getMessage());
        assertThrows(IllegalStateException.class,
                () -> EventStreamRequest.builder("http://127.0.0.1/x").open(new Recorder()));
    }

    @Test
    void aManagerOverGdxNetRefusesStreamsClearly() {
        FetchManager gdxNet = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> gdxNet.events("http://example.com/events").open(new Recorder()));
            assertTrue(e.getMessage().contains("event streams need the socket transport")
                    && e.getMessage().contains("http://example.com/events"), e.getMessage());
            assertEquals(0, gdxNet.openChannelCount());
        } finally {
            gdxNet.dispose();
        }
    }

    @Test
    void aGivenLastEventIdIsSentWithTheFirstRequest() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: resumed\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        EventStream stream = fetch.events(server.url("/")).lastEventId("99").open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1);
        assertTrue(heads.get(0).contains("Last-Event-ID: 99\r\n"), heads.get(0));
        assertEquals("message resumed #99", recorder.events.get(1), "an event without an id keeps the one given");
        assertEquals("99", stream.lastEventId());
    }

    @Test
    void aGameThatTakesNoEventsStopsTheStreamReadingSoTheServerWaits() throws Exception {
        int events = 16 * 1024;
        byte[] data = new byte[2040];
        java.util.Arrays.fill(data, (byte) 'd');
        byte[] event = ("data: " + new String(data, java.nio.charset.StandardCharsets.US_ASCII) + "\n\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.concurrent.atomic.AtomicBoolean serverDone = new java.util.concurrent.atomic.AtomicBoolean();
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, SSE_HEAD + "\r\n");
            for (int i = 0; i < events; i++) {
                out.write(event);
            }
            out.flush();
            serverDone.set(true);
            hold(in);
        });
        int[] received = new int[1];
        Recorder recorder = new Recorder() {
            @Override
            public void onEvent(EventStream stream, String type, String data, String id) {
                received[0]++;
            }
        };
        EventStream stream = fetch.events(server.url("/flood")).open(recorder);
        // No update(): nothing is taken, so the stream must stop reading and the server's writes block.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until && !serverDone.get()) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertFalse(serverDone.get(), "the server wrote all " + events + " events while the game took none");
        Frames.until(fetch, () -> received[0] == events);
        assertTrue(serverDone.get());
        stream.close();
        Frames.until(fetch, recorder::ended);
        assertEquals(1, recorder.terminals);
    }

    @Test
    void aGzipEncodedStreamIsDecodedAsItArrives() throws Exception {
        java.util.concurrent.CountDownLatch firstTaken = new java.util.concurrent.CountDownLatch(1);
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            OutputStream out = socket.getOutputStream();
            // Compressed unasked, which RFC 9110 12.5.3 allows a server when the request names no coding.
            RawServer.write(out, SSE_HEAD + "Content-Encoding: gzip\r\n\r\n");
            java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out, true);
            gzip.write("data: one\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            gzip.flush();
            firstTaken.await(10, java.util.concurrent.TimeUnit.SECONDS);
            gzip.write("data: two\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            gzip.flush();
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/gz")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1 || recorder.ended(), 10_000);
        assertEquals(Arrays.asList("open", "message one #"), recorder.events);
        firstTaken.countDown();
        Frames.until(fetch, () -> recorder.count("message") == 2 || recorder.ended(), 10_000);
        assertEquals(Arrays.asList("open", "message one #", "message two #"), recorder.events);
    }

    @Test
    void aContentCodingThatCannotBeDecodedFailsWithoutReconnecting() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "Content-Encoding: br\r\n\r\n\u000b\u0002\u0080");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/br")).reconnectDelayMillis(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("Content-Encoding 'br'"), recorder.failure.getMessage());
        assertEquals(1, server.connections());
    }

    @Test
    void aContentEncodingThatNamesNoCompressionIsIgnoredAsBrowsersIgnoreIt() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "Content-Encoding: utf-8\r\n\r\ndata: plain\n\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/charset")).open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1 || recorder.ended(), 10_000);
        assertEquals(Arrays.asList("open", "message plain #"), recorder.events);
    }

    @Test
    void aStreamCodedTwiceOverTwoFieldLinesFailsNamingBothCodingsWithoutReconnecting() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, SSE_HEAD + "Content-Encoding: gzip\r\nContent-Encoding: gzip\r\n\r\n");
            java.util.zip.GZIPOutputStream outer = new java.util.zip.GZIPOutputStream(out, true);
            java.util.zip.GZIPOutputStream inner = new java.util.zip.GZIPOutputStream(outer, true);
            inner.write("data: one\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            inner.flush();
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/gz-twice")).reconnectDelayMillis(0).open(recorder);
        Frames.until(fetch, recorder::ended, 10_000);
        assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("Content-Encoding 'gzip, gzip'"),
                recorder.failure.getMessage());
        assertEquals(1, server.connections());
    }

    @Test
    void onlyTheEventStreamMimeTypeIsAcceptedWhateverItsCaseAndParameters() throws Exception {
        String[] types = {"text/event-streaming", "text/event-stream-v2; charset=utf-8", "Text/Event-Stream ; charset=utf-8"};
        String[] expected = {"failure PROTOCOL", "failure PROTOCOL", "message ok #"};
        for (int i = 0; i < types.length; i++) {
            String type = types[i];
            RawServer server = serve((socket, index) -> {
                InputStream in = socket.getInputStream();
                RawServer.readHead(in);
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: " + type
                        + "\r\n\r\ndata: ok\n\n");
                hold(in);
            });
            Recorder recorder = new Recorder();
            EventStream stream = fetch.events(server.url("/")).open(recorder);
            Frames.until(fetch, () -> recorder.ended() || recorder.count("message") == 1);
            assertEquals(expected[i], recorder.events.get(recorder.events.size() - 1), type);
            stream.close();
        }
    }

    @Test
    void aChunkedStreamCutOffByTheServerReconnects() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            OutputStream out = socket.getOutputStream();
            if (index == 0) {
                // The server dies: the connection ends without the last chunk, here between two chunks.
                RawServer.write(out, SSE_HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunk("id: 1\ndata: a\n\n"));
                socket.close();
            } else if (index == 1) {
                // And here inside one.
                RawServer.write(out, SSE_HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunk("id: 2\ndata: b\n\n")
                        + "40\r\ndata: cut");
                socket.close();
            } else {
                RawServer.write(out, SSE_HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunk("data: c\n\n"));
                hold(in);
            }
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/chunks")).reconnectDelayMillis(10).open(recorder);
        Frames.until(fetch, () -> recorder.count("message c") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message a #1", "reconnecting 1 after 10", "open", "message b #2",
                "reconnecting 1 after 10", "open", "message c #2"), recorder.events);
        assertTrue(heads.get(2).contains("Last-Event-ID: 2\r\n"), heads.get(2));
    }

    @Test
    void aRedirectIsFollowedWithTheLastEventIdAndReconnectionStartsAgainAtTheUrlGiven() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            heads.add(head);
            OutputStream out = socket.getOutputStream();
            if (head.startsWith("GET /feed ")) {
                RawServer.write(out, "HTTP/1.1 307 Temporary Redirect\r\nLocation: /live?shard=2\r\n"
                        + "Content-Length: 0\r\n\r\n");
                hold(in);
            } else if (index == 1) {
                RawServer.write(out, SSE_HEAD + "\r\nretry: 10\nid: 6\ndata: moved\n\n");
                socket.close();
            } else {
                RawServer.write(out, SSE_HEAD + "\r\ndata: again\n\n");
                hold(in);
            }
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/feed")).lastEventId("5").open(recorder);
        Frames.until(fetch, () -> recorder.count("message again") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message moved #6", "reconnecting 1 after 10", "open", "message again #6"),
                recorder.events);
        assertTrue(heads.get(1).startsWith("GET /live?shard=2 HTTP/1.1\r\n") && heads.get(1).contains(
                "Last-Event-ID: 5\r\n"), heads.get(1));
        assertTrue(heads.get(2).startsWith("GET /feed ") && heads.get(3).startsWith("GET /live?shard=2 ")
                && heads.get(3).contains("Last-Event-ID: 6\r\n"), heads.toString());
    }

    @Test
    void aRedirectToAnotherOriginKeepsTheLastEventIdButNotTheCallersCredentials() throws Exception {
        RawServer other = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            RawServer.write(socket.getOutputStream(), SSE_HEAD + "\r\ndata: elsewhere\n\n");
            hold(in);
        });
        String moved = other.url("/events").replace("127.0.0.1", "localhost");
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            heads.add(RawServer.readHead(in));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 301 Moved Permanently\r\nLocation: " + moved
                    + "\r\nContent-Length: 0\r\n\r\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/events")).header("Authorization", "Bearer secret").header("X-Player", "p1")
                .lastEventId("8").open(recorder);
        Frames.until(fetch, () -> recorder.count("message") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message elsewhere #8"), recorder.events);
        assertTrue(heads.get(0).contains("Authorization: Bearer secret\r\n"), heads.get(0));
        String followed = heads.get(1);
        assertTrue(followed.contains("Host: localhost:") && followed.contains("Last-Event-ID: 8\r\n")
                && followed.contains("X-Player: p1\r\n") && !followed.contains("Authorization"), followed);
    }

    @Test
    void moreRedirectsThanMaxRedirectsFailWithProtocolWithoutReconnecting() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 302 Found\r\nLocation: /hop" + (index + 1)
                    + "\r\nContent-Length: 0\r\n\r\n");
            hold(in);
        });
        FetchManager limited = new FetchManager(FetchConfig.builder().maxRedirects(3).build());
        try {
            Recorder recorder = new Recorder();
            limited.events(server.url("/hop0")).reconnectDelayMillis(0).open(recorder);
            Frames.until(limited, recorder::ended);
            assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
            assertTrue(recorder.failure.getMessage().contains("too many redirects (more than 3"),
                    recorder.failure.getMessage());
            assertEquals(4, server.connections());
        } finally {
            limited.dispose();
        }
    }

    @Test
    void aRedirectLoopFailsWithProtocolWithoutReconnecting() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            String to = head.startsWith("GET /a ") ? "/b" : "/a";
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 302 Found\r\nLocation: " + to
                    + "\r\nContent-Length: 0\r\n\r\n");
            hold(in);
        });
        Recorder recorder = new Recorder();
        fetch.events(server.url("/a")).reconnectDelayMillis(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("redirect loop"), recorder.failure.getMessage());
        assertEquals(2, server.connections());
    }
}
