package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Events streams against another project's server: the npm {@code better-sse}
 * package ({@code src/test/node/sse-server.js}), run with Node.
 */
class EventStreamNodeTest {
    private static NodeServer server;
    private final FetchManager fetch = new FetchManager();

    @BeforeAll
    static void startServer() throws Exception {
        server = new NodeServer("sse-server.js");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port + path;
    }

    @Test
    void multiLineDataCommentsRetryAndAReconnectionWithTheLastEventId() {
        EventStreamTest.Recorder recorder = new EventStreamTest.Recorder();
        EventStream stream = fetch.events(url("/feed")).reconnectDelayMillis(5_000).open(recorder);
        Frames.until(fetch, () -> recorder.count("resume") == 1);
        // The server's "retry: 40" replaced the 5 s asked for; its comments gave no event; the
        // id-only block moved the last event id to 3, which the reconnection sent.
        assertEquals(Arrays.asList("open", "score first line\nsecond line #1", "message plain #2",
                "reconnecting 1 after 40", "open", "resume resumed after 3 #4"), recorder.events);
        assertEquals("4", stream.lastEventId());
        stream.close();
        Frames.until(fetch, recorder::ended);
        assertEquals("closed", recorder.events.get(recorder.events.size() - 1));
        assertEquals(1, recorder.terminals);
    }

    @Test
    void aLastEventIdGivenByTheGameIsSentOnTheFirstConnection() {
        EventStreamTest.Recorder recorder = new EventStreamTest.Recorder();
        EventStream stream = fetch.events(url("/feed")).lastEventId("17").open(recorder);
        Frames.until(fetch, () -> recorder.count("resume") == 1);
        assertEquals(Arrays.asList("open", "resume resumed after 17 #4"), recorder.events);
        stream.cancel();
        Frames.until(fetch, recorder::ended);
        assertEquals(FailureKind.CANCELLED, recorder.failure.kind());
    }

    @Test
    void a204FromTheServerClosesTheStreamWithoutReconnecting() {
        EventStreamTest.Recorder recorder = new EventStreamTest.Recorder();
        fetch.events(url("/stop")).reconnectDelayMillis(0).open(recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("closed"), recorder.events);
        assertEquals(0, fetch.openChannelCount());
    }
}
