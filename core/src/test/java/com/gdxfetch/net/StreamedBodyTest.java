package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies consumed as they arrive ({@link FetchManager#stream}), against scripted loopback servers. */
class StreamedBodyTest {
    private static final String NDJSON_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n";
    private final FetchManager fetch = new FetchManager();
    private final List<RawServer> servers = new ArrayList<>();

    public static class Score {
        public String name;
        public int points;
    }

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

    private static String chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
    }

    private static void hold(InputStream in) throws Exception {
        while (in.read() >= 0) {
            // The client sends nothing more; the server waits for it to go.
        }
    }

    /** Records items and the terminal outcome as strings. */
    static class Recorder<T> implements ItemCallback<T> {
        final List<String> events = new ArrayList<>();
        FetchException failure;
        HttpResponse response;
        int terminals;

        @Override
        public void onItem(T item) {
            events.add(item instanceof Score ? ((Score) item).name + "=" + ((Score) item).points : String.valueOf(item));
        }

        @Override
        public void onSuccess(Long items, HttpResponse response) {
            events.add("success " + items);
            this.response = response;
            terminals++;
        }

        @Override
        public void onFailure(FetchException failure) {
            events.add("failure " + failure.kind());
            this.failure = failure;
            terminals++;
        }

        @Override
        public void onCancelled() {
            events.add("cancelled");
            terminals++;
        }

        boolean ended() {
            return terminals > 0;
        }
    }

    @Test
    void ndjsonItemsArriveAsTheBodyTricklesInBeforeItEnds() throws Exception {
        CountDownLatch firstDelivered = new CountDownLatch(1);
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            RawServer.write(out, NDJSON_HEAD + "Transfer-Encoding: chunked\r\n\r\n");
            RawServer.write(out, chunk("{\"name\":\"ann\",\"points\":3}\n{\"name\":\"b"));
            // The rest only once the game has the first item: a gathered body could never get here.
            firstDelivered.await();
            RawServer.write(out, chunk("ob\",\"points\":5,\"extra\":true}\r\n\n"));
            RawServer.writeUtf8(out, chunk("{\"name\":\"cé\",\"points\":8}"));
            RawServer.write(out, "0\r\n\r\n");
            hold(in);
        });
        Recorder<Score> recorder = new Recorder<Score>() {
            @Override
            public void onItem(Score item) {
                super.onItem(item);
                firstDelivered.countDown();
            }
        };
        FetchHandle<Long> handle = fetch.get(server.url("/scores")).stream(Decoders.ndjson(Score.class), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("ann=3", "bob=5", "cé=8", "success 3"), recorder.events);
        assertEquals(200, recorder.response.status());
        assertEquals(0, recorder.response.body().length);
        assertEquals(Long.valueOf(3), handle.result());
        Frames.run(fetch, 3);
        assertEquals(1, recorder.terminals);
    }

    @Test
    void linesOfABodyDelimitedByTheConnectionsEndKeepEmptyLinesAndTheLastUnterminatedOne() throws Exception {
        RawServer server = serve((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\n\r\nalpha\r\n\nbeta\ngamma");
            socket.close();
        });
        Recorder<String> recorder = new Recorder<>();
        fetch.stream(HttpRequest.get(server.url("/log")).build(), Decoders.lines(), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("alpha", "", "beta", "gamma", "success 4"), recorder.events);
    }

    @Test
    void aTruncatedBodyFailsAfterTheItemsThatArrivedBeforeIt() throws Exception {
        RawServer server = serve((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), NDJSON_HEAD + "Content-Length: 500\r\n\r\n"
                    + "{\"name\":\"a\",\"points\":1}\n{\"name\":\"b\",\"points\":2}\n{\"name\":\"c\"");
            socket.close();
        });
        Recorder<Score> recorder = new Recorder<>();
        fetch.get(server.url("/cut")).stream(Decoders.ndjson(Score.class), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("a=1", "b=2", "failure PROTOCOL"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains(server.url("/cut")), recorder.failure.getMessage());
    }

    @Test
    void aMalformedLineFailsWithDecodeNamingItsLineNumber() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), NDJSON_HEAD + "Transfer-Encoding: chunked\r\n\r\n"
                    + chunk("{\"name\":\"a\",\"points\":1}\n\n{\"name\": oops\n{\"name\":\"d\",\"points\":4}\n"));
            hold(in);
        });
        Recorder<Score> recorder = new Recorder<>();
        fetch.get(server.url("/bad")).stream(Decoders.ndjson(Score.class), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("a=1", "failure DECODE"), recorder.events);
        String message = recorder.failure.getMessage();
        assertTrue(message.contains("line 3") && message.contains(server.url("/bad")), message);
    }

    @Test
    void aLineLongerThanTheLimitFailsWithTooLargeWithoutWaitingForItsEnd() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk("short\n"));
            // A line that never ends: the client must give up at its limit, not hold it all.
            byte[] x = new byte[1000];
            Arrays.fill(x, (byte) 'x');
            String filler = new String(x, StandardCharsets.US_ASCII);
            while (true) {
                RawServer.write(out, chunk(filler));
            }
        });
        Recorder<String> recorder = new Recorder<>();
        fetch.get(server.url("/long")).stream(Decoders.lines(4096), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("short", "failure TOO_LARGE"), recorder.events);
        String message = recorder.failure.getMessage();
        assertTrue(message.contains("line 2 is longer than 4096 bytes"), message);
        assertTrue(server.clientGone.await(10, TimeUnit.SECONDS), "the connection was closed");
    }

    @Test
    void aLineLongerThanALimitUnderTheFirstBufferFailsAtThatLimitNotWhenTheBufferFills() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            // 200 bytes of a line that has not ended, then nothing: the limit of 16 is passed already.
            byte[] x = new byte[200];
            Arrays.fill(x, (byte) 'x');
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk("short\n" + new String(x, StandardCharsets.US_ASCII)));
            hold(in);
        });
        Recorder<String> recorder = new Recorder<>();
        fetch.stream(fetch.get(server.url("/long")).readTimeout(5_000).build(), Decoders.lines(16), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("short", "failure TOO_LARGE"), recorder.events);
        String message = recorder.failure.getMessage();
        assertTrue(message.contains("line 2 is longer than 16 bytes"), message);
    }

    @Test
    void aLineOfExactlyTheLimitPassesWithItsCrLfAndOneByteMoreFails() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 29\r\n\r\n"
                    + "12345678\r\nabcdefgh\n123456789\n");
            hold(in);
        });
        Recorder<String> recorder = new Recorder<>();
        fetch.get(server.url("/edge")).stream(Decoders.lines(8), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("12345678", "abcdefgh", "failure TOO_LARGE"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("line 3 is longer than 8 bytes"), recorder.failure.getMessage());
    }

    @Test
    void cancelMidStreamEndsWithOneCancelledCallbackAndNoLaterItem() throws Exception {
        RawServer server = serve((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; ; i++) {
                RawServer.write(out, chunk("line " + i + "\n"));
            }
        });
        Recorder<String> recorder = new Recorder<>();
        FetchHandle<Long> handle = fetch.get(server.url("/endless")).stream(Decoders.lines(), recorder);
        Frames.until(fetch, () -> recorder.events.size() >= 5);
        assertTrue(handle.cancel());
        int before = recorder.events.size();
        Frames.until(fetch, recorder::ended);
        Frames.run(fetch, 5);
        assertEquals("cancelled", recorder.events.get(recorder.events.size() - 1));
        assertEquals(before + 1, recorder.events.size(), "no item after the cancel: " + recorder.events.subList(before, recorder.events.size()));
        assertEquals(1, recorder.terminals);
        for (int i = 0; i < before; i++) {
            assertEquals("line " + i, recorder.events.get(i));
        }
        assertTrue(server.clientGone.await(10, TimeUnit.SECONDS), "the connection was closed");
        assertEquals(FetchState.CANCELLED, handle.state());
    }

    @Test
    void aFloodOfItemsIsDeliveredInOrderUnderTheUpdateBudget() throws Exception {
        int total = 2000;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < total; i++) {
            body.append("{\"name\":\"p").append(i).append("\",\"points\":").append(i).append("}\n");
        }
        String text = body.toString();
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), NDJSON_HEAD + "Content-Length: " + text.length() + "\r\n\r\n" + text);
            hold(in);
        });
        FakeClock clock = new FakeClock();
        FetchManager budgeted = new FetchManager(FetchConfig.builder().clock(clock).updateBudgetMillis(3).build());
        try {
            int[] delivered = new int[1];
            int[] next = new int[1];
            Recorder<Score> recorder = new Recorder<Score>() {
                @Override
                public void onItem(Score item) {
                    // Each item costs the game 1 ms of its frame.
                    clock.advance(1, TimeUnit.MILLISECONDS);
                    assertEquals(next[0], item.points, "out of order");
                    next[0]++;
                    delivered[0]++;
                }

                @Override
                public void onSuccess(Long items, HttpResponse response) {
                    clock.advance(1, TimeUnit.MILLISECONDS);
                    delivered[0]++;
                    super.onSuccess(items, response);
                }
            };
            budgeted.get(server.url("/flood")).stream(Decoders.ndjson(Score.class), recorder);
            int most = 0;
            int updates = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!recorder.ended() && System.nanoTime() < deadline) {
                delivered[0] = 0;
                budgeted.update();
                updates++;
                most = Math.max(most, delivered[0]);
            }
            assertEquals(Arrays.asList("success " + total), recorder.events);
            assertEquals(total, next[0]);
            assertTrue(most <= 3, "an update delivered " + most + " items, over its 3 ms budget");
            assertTrue(updates >= total / 3, total + " items in " + updates + " updates");
        } finally {
            budgeted.dispose();
        }
    }

    @Test
    void aGameThatTakesNoItemsStopsTheReaderSoTheServerWaits() throws Exception {
        int lineBytes = 2048;
        int lines = 16 * 1024; // 32 MiB, far more than the socket buffers and the item queue hold
        AtomicLong written = new AtomicLong();
        AtomicBoolean serverDone = new AtomicBoolean();
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + ((long) lineBytes * lines) + "\r\n\r\n");
            byte[] line = new byte[lineBytes];
            Arrays.fill(line, (byte) 'z');
            line[lineBytes - 1] = '\n';
            for (int i = 0; i < lines; i++) {
                out.write(line);
                written.addAndGet(lineBytes);
            }
            out.flush();
            serverDone.set(true);
            hold(in);
        });
        Recorder<String> recorder = new Recorder<String>() {
            long items;

            @Override
            public void onItem(String item) {
                items++;
            }

            @Override
            public void onSuccess(Long count, HttpResponse response) {
                events.add("success " + count + " delivered " + items);
                terminals++;
            }
        };
        fetch.get(server.url("/big")).stream(Decoders.lines(), recorder);
        // No update(): nothing is taken, so the reader must stop and the server's writes block.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long seen = -1;
        while (System.nanoTime() < until && !serverDone.get()) {
            seen = written.get();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertFalse(serverDone.get(), "the server wrote the whole body (" + seen + " bytes) while the game took no item");
        assertTrue(written.get() < (long) lineBytes * lines);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("success " + lines + " delivered " + lines), recorder.events);
        assertTrue(serverDone.get());
    }

    @Test
    void anErrorStatusIsGatheredAndGivesNoItems() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            // Every request on the connection is answered: the second may reuse the first's connection.
            while (true) {
                try {
                    RawServer.readHead(in);
                } catch (IOException closed) {
                    return;
                }
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 503 Busy\r\nContent-Length: 8\r\n\r\nbusy\nno\n");
            }
        });
        Recorder<String> plain = new Recorder<>();
        fetch.get(server.url("/busy")).stream(Decoders.lines(), plain);
        Recorder<String> failing = new Recorder<>();
        fetch.get(server.url("/busy")).failOnHttpError(true).stream(Decoders.lines(), failing);
        Frames.until(fetch, () -> plain.ended() && failing.ended());
        assertEquals(Arrays.asList("success 0"), plain.events);
        assertEquals("busy\nno\n", plain.response.text());
        assertEquals(Arrays.asList("failure HTTP_STATUS"), failing.events);
    }

    /** Gdx.net hands the body over as a stream, so lines are split as they come there too, past maxResponseBytes. */
    @Test
    void overGdxNetItemsArriveAsTheBodyTricklesInAndTheSizeLimitDoesNotApply() throws Exception {
        CountDownLatch firstDelivered = new CountDownLatch(1);
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            RawServer.write(out, NDJSON_HEAD + "Transfer-Encoding: chunked\r\n\r\n");
            RawServer.write(out, chunk("{\"name\":\"ann\",\"points\":3}\n"));
            // The rest only once the game has the first item: a gathered body could never get here.
            firstDelivered.await();
            RawServer.write(out, chunk("{\"name\":\"bob\",\"points\":5}\n"));
            RawServer.write(out, "0\r\n\r\n");
            hold(in);
        });
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
        FetchManager overGdxNet = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            Recorder<Score> recorder = new Recorder<Score>() {
                @Override
                public void onItem(Score item) {
                    super.onItem(item);
                    firstDelivered.countDown();
                }
            };
            overGdxNet.get(server.url("/streamed")).maxResponseBytes(10).stream(Decoders.ndjson(Score.class), recorder);
            Frames.until(overGdxNet, recorder::ended);
            assertEquals(Arrays.asList("ann=3", "bob=5", "success 2"), recorder.events);
        } finally {
            firstDelivered.countDown();
            overGdxNet.dispose();
            app.exit();
        }
    }

    @Test
    void overGdxNetTheGatheredBodyIsSplitAndDeliveredTheSameWay() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), NDJSON_HEAD + "Content-Length: 48\r\nConnection: close\r\n\r\n"
                    + "{\"name\":\"a\",\"points\":1}\n{\"name\":\"b\",\"points\":2}\n");
            socket.close();
        });
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
        FetchManager overGdxNet = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            Recorder<Score> recorder = new Recorder<>();
            overGdxNet.get(server.url("/gathered")).stream(Decoders.ndjson(Score.class), recorder);
            Frames.until(overGdxNet, recorder::ended);
            assertEquals(Arrays.asList("a=1", "b=2", "success 2"), recorder.events);
        } finally {
            overGdxNet.dispose();
            app.exit();
        }
    }

    @Test
    void aLineThatIsNotUtf8FailsWithDecodeNamingItsLineNumber() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nok\nb");
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28, 'd', '\n', 'e'});
            out.flush();
            hold(in);
        });
        Recorder<String> recorder = new Recorder<>();
        fetch.get(server.url("/latin1")).stream(Decoders.lines(), recorder);
        Frames.until(fetch, recorder::ended);
        assertEquals(Arrays.asList("ok", "failure DECODE"), recorder.events);
        assertTrue(recorder.failure.getMessage().contains("line 2 is not valid UTF-8"), recorder.failure.getMessage());
    }

    @Test
    void aLineDecoderThatThrowsAnErrorFailsTheStreamOnceAndTheNextRequestStillRuns() throws Exception {
        RawServer server = serve((socket, index) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nok\ndeep\n");
            hold(in);
        });
        // What a deeply nested NDJSON line does to a recursive parser.
        LineDecoder<String> overflowing = line -> {
            if (line.equals("deep")) {
                throw new StackOverflowError();
            }
            return line;
        };
        Recorder<String> recorder = new Recorder<>();
        fetch.get(server.url("/deep")).stream(overflowing, recorder);
        Frames.until(fetch, recorder::ended, 10_000);
        assertEquals(Arrays.asList("ok", "failure DECODE"), recorder.events);
        String message = recorder.failure.getMessage();
        assertTrue(message.contains("line 2") && message.contains("StackOverflowError")
                && message.contains(server.url("/deep")), message);
        Recorder<String> next = new Recorder<>();
        fetch.get(server.url("/next")).stream(overflowing, next);
        Frames.until(fetch, next::ended, 10_000);
        assertEquals(Arrays.asList("ok", "failure DECODE"), next.events);
        Frames.run(fetch, 3);
        assertEquals(1, recorder.terminals);
    }

    @Test
    void anItemCallbackThatThrowsIsReportedToTheCallbackErrorHandlerAndTheStreamGoesOn() throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<String> reported = new java.util.concurrent.ConcurrentLinkedQueue<>();
        FetchManager handled = new FetchManager(FetchConfig.builder()
                .callbackErrorHandler((handle, error) -> reported.add(handle.request().url() + " " + error.getMessage()))
                .build());
        try {
            RawServer server = serve((socket, index) -> {
                InputStream in = socket.getInputStream();
                RawServer.readHead(in);
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\none\ntwo\n");
                hold(in);
            });
            Recorder<String> recorder = new Recorder<String>() {
                @Override
                public void onItem(String item) {
                    super.onItem(item);
                    if (item.equals("one")) {
                        throw new IllegalStateException("game bug on " + item);
                    }
                }
            };
            handled.get(server.url("/items")).stream(Decoders.lines(), recorder);
            Frames.until(handled, recorder::ended);
            assertEquals(Arrays.asList("one", "two", "success 2"), recorder.events);
            assertEquals(Arrays.asList(server.url("/items") + " game bug on one"), new ArrayList<>(reported));
        } finally {
            handled.dispose();
        }
    }

    @Test
    void badArgumentsAreRefusedAtTheCall() {
        IllegalArgumentException noDecoder = assertThrows(IllegalArgumentException.class,
                () -> fetch.get("http://127.0.0.1:1/x").stream(null, new Recorder<String>()));
        assertTrue(noDecoder.getMessage().contains("line decoder is null"), noDecoder.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> fetch.get("http://127.0.0.1:1/x").stream(Decoders.lines(), null));
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class, () -> Decoders.ndjson(Score.class, 0));
        assertTrue(limit.getMessage().contains("maxLineBytes"), limit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Decoders.ndjson(null));
        assertEquals(0, fetch.openCount());
    }
}
