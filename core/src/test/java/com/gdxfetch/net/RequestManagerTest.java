package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class RequestManagerTest extends LoopbackServerTest {
    /** A leaderboard row as the game's server sends it. */
    public static class Score {
        public String name;
        public int points;
    }

    /** The leaderboard document. */
    public static class Leaderboard {
        public String season;
        public Array<Score> top;
    }

    @Test
    void jsonResponseIsDecodedIntoAClassOnAWorkerAndDeliveredInUpdate() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"season\":\"spring\",\"top\":[{\"name\":\"ada\",\"points\":900},"
                        + "{\"name\":\"bob\",\"points\":700,\"extra\":true}]}"));
        Thread[] decoderThread = new Thread[1];
        ResponseDecoder<Leaderboard> decoder = response -> {
            decoderThread[0] = Thread.currentThread();
            return Decoders.json(Leaderboard.class).decode(response);
        };
        Recorder<Leaderboard> callback = new Recorder<>();
        FetchHandle<Leaderboard> handle = fetch.get(url("/scores")).query("top", 2).send(decoder, callback);

        Frames.untilDone(fetch, handle);

        Leaderboard board = callback.assertSucceeded();
        assertEquals("spring", board.season);
        assertEquals(2, board.top.size);
        assertEquals("ada", board.top.get(0).name);
        assertEquals(700, board.top.get(1).points);
        assertSame(board, handle.result());
        assertEquals(200, handle.status());
        assertSame(Thread.currentThread(), callback.thread, "callback runs on the thread calling update()");
        assertNotNull(decoderThread[0]);
        assertFalse(decoderThread[0] == Thread.currentThread(), "decoder must not run on the update thread");
        assertEquals("/scores?top=2", server.takeRequest().getPath());
    }

    @Test
    void textBodyUsesTheCharsetFromContentType() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                .setBody(new okio.Buffer().write(latin1)));
        server.enqueue(new MockResponse().setBody("\u00fcber"));
        FetchHandle<String> latin = fetch.get(url("/a")).send(Decoders.text(), null);
        Frames.untilDone(fetch, latin);
        FetchHandle<String> utf8 = fetch.get(url("/b")).send(Decoders.text(), null);
        Frames.untilDone(fetch, utf8);
        assertEquals("caf\u00e9", latin.result());
        assertEquals("\u00fcber", utf8.result());
    }

    private String textServedAs(String contentType, byte[] body) {
        server.enqueue(new MockResponse().setHeader("Content-Type", contentType).setBody(new okio.Buffer().write(body)));
        FetchHandle<String> handle = fetch.get(url("/t")).send(Decoders.text(), null);
        Frames.untilDone(fetch, handle);
        return handle.result();
    }

    @Test
    void theCharsetIsFoundPastAQuotedParameterAndNotInsideOne() {
        // RFC 9110 5.6.6: a parameter value may be a quoted-string, whose ';' and '\"' are its own.
        byte[] utf16le = "caf\u00e9".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("caf\u00e9", textServedAs("text/plain; foo=\"a;b\"; charset=utf-16le", utf16le));
        assertEquals("caf\u00e9", textServedAs("text/plain; foo=\"a\\\";b\"; CharSet=\"utf-16le\"", utf16le));
        byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", textServedAs("text/plain; foo=\"x; charset=iso-8859-1\"", utf8));
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", textServedAs("text/plain; foo=\"x;\" ; charset=\"iso-8859-1\"", latin1));
    }

    @Test
    void aUtf16LabelWithoutAByteOrderMarkIsReadLittleEndianAsBrowsersReadIt() {
        // WHATWG Encoding: the label "utf-16" names UTF-16LE; a byte order mark still names its own.
        assertEquals("caf\u00e9", textServedAs("text/plain; charset=utf-16",
                "caf\u00e9".getBytes(StandardCharsets.UTF_16LE)));
        byte[] marked = "\ufeffcaf\u00e9".getBytes(StandardCharsets.UTF_16BE);
        assertEquals("caf\u00e9", textServedAs("text/plain; charset=utf-16", marked));
    }

    @Test
    void bytesAndJsonTreeDecodersSeeTheWholeBody() {
        server.enqueue(new MockResponse().setBody(new okio.Buffer().write(new byte[] {0, 1, 2, (byte) 255})));
        server.enqueue(new MockResponse().setBody("{\"a\":[1,2,3]}"));
        FetchHandle<byte[]> bytes = fetch.get(url("/bin")).send(Decoders.bytes(), null);
        Frames.untilDone(fetch, bytes);
        FetchHandle<JsonValue> tree = fetch.get(url("/json")).send(Decoders.jsonTree(), null);
        Frames.untilDone(fetch, tree);
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, bytes.result());
        assertEquals(3, tree.result().get("a").size);
    }

    @Test
    void everyBodyKindArrivesWithItsContentType() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(201));
        }
        Score score = new Score();
        score.name = "ada";
        score.points = 42;
        HttpRequest.Builder[] requests = {
            fetch.post(url("/bytes"), RequestBody.bytes(new byte[] {9, 8, 7}, "application/octet-stream")),
            fetch.request("PUT", url("/text")).body(RequestBody.text("h\u00e9llo", StandardCharsets.UTF_16BE)),
            fetch.request("PATCH", url("/json")).body(RequestBody.json(score)),
            fetch.post(url("/form"), RequestBody.form("name", "a b&c", "emoji", "\u263a")),
        };
        for (HttpRequest.Builder request : requests) {
            FetchHandle<HttpResponse> handle = request.send();
            Frames.untilDone(fetch, handle);
            assertEquals(201, handle.status());
            assertEquals(handle.request().body().length(), handle.bytesSent());
        }
        RecordedRequest bytes = server.takeRequest();
        assertEquals("POST", bytes.getMethod());
        assertEquals("application/octet-stream", bytes.getHeader("Content-Type"));
        assertArrayEquals(new byte[] {9, 8, 7}, bytes.getBody().readByteArray());
        RecordedRequest text = server.takeRequest();
        assertEquals("PUT", text.getMethod());
        assertEquals("text/plain; charset=utf-16be", text.getHeader("Content-Type"));
        assertEquals("h\u00e9llo", text.getBody().readString(StandardCharsets.UTF_16BE));
        RecordedRequest json = server.takeRequest();
        assertEquals("PATCH", json.getMethod());
        assertEquals("application/json; charset=utf-8", json.getHeader("Content-Type"));
        assertEquals("{\"name\":\"ada\",\"points\":42}", json.getBody().readUtf8());
        RecordedRequest form = server.takeRequest();
        assertEquals("application/x-www-form-urlencoded", form.getHeader("Content-Type"));
        assertEquals("name=a+b%26c&emoji=%E2%98%BA", form.getBody().readUtf8());
    }

    @Test
    void anyMethodTokenIsSentAsGiven() throws Exception {
        String[] methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE"};
        FetchHandle<?>[] handles = new FetchHandle<?>[methods.length];
        for (int i = 0; i < methods.length; i++) {
            server.enqueue(new MockResponse().setBody(methods[i].equals("HEAD") ? "" : "ok"));
            HttpRequest.Builder builder = fetch.request(methods[i], url("/m"));
            if (methods[i].equals("POST") || methods[i].equals("PUT") || methods[i].equals("PATCH")) {
                builder.body(RequestBody.text("x"));
            }
            handles[i] = builder.send();
            Frames.untilDone(fetch, handles[i]);
        }
        for (int i = 0; i < methods.length; i++) {
            assertTrue(handles[i].isSuccess(), methods[i] + ": " + handles[i].failure());
            assertEquals(methods[i], server.takeRequest().getMethod());
        }
    }

    @Test
    void userAgentHasADefaultAGlobalSettingAndAPerRequestOverride() throws Exception {
        server.enqueue(new MockResponse());
        server.enqueue(new MockResponse());
        server.enqueue(new MockResponse());
        FetchManager custom = new FetchManager(FetchConfig.builder().userAgent("MyGame/2.0").build());
        try {
            Frames.untilDone(fetch, fetch.get(url("/1")).send());
            Frames.untilDone(custom, custom.get(url("/2")).send());
            Frames.untilDone(custom, custom.get(url("/3")).userAgent("Special/1").send());
        } finally {
            custom.dispose();
        }
        assertEquals(FetchConfig.DEFAULT_USER_AGENT, server.takeRequest().getHeader("User-Agent"));
        assertEquals("MyGame/2.0", server.takeRequest().getHeader("User-Agent"));
        assertEquals("Special/1", server.takeRequest().getHeader("User-Agent"));
    }

    @Test
    void responseCarriesHeadersCaseInsensitivelyWithMultipleValuesAndTimings() {
        server.enqueue(new MockResponse().addHeader("X-Thing", "one").addHeader("x-thing", "two")
                .setBody("body"));
        FetchHandle<HttpResponse> handle = fetch.get(url("/h")).send();
        Frames.untilDone(fetch, handle);
        HttpResponse response = handle.result();
        assertEquals("two", response.header("X-THING"));
        assertEquals(2, response.headers().values("x-Thing").size());
        assertEquals("OK", response.reason());
        assertEquals(url("/h"), response.url());
        assertTrue(response.queuedMillis() >= 0);
        assertTrue(response.firstByteMillis() >= response.queuedMillis());
        assertTrue(response.totalMillis() >= response.firstByteMillis());
        assertEquals(4, handle.bytesReceived());
    }

    @Test
    void aHandleCanBePolledFromTheGameLoopWithoutACallback() {
        server.enqueue(new MockResponse().setBody("polled"));
        FetchHandle<String> handle = fetch.get(url("/poll")).send(Decoders.text(), null);
        assertFalse(handle.isDone());
        IllegalStateException early = assertThrows(IllegalStateException.class, handle::result);
        assertTrue(early.getMessage().contains("not done yet"), early.getMessage());
        Frames.untilDone(fetch, handle);
        assertTrue(handle.isSuccess());
        assertEquals(FetchState.SUCCEEDED, handle.state());
        assertEquals("polled", handle.result());
    }

    @Test
    void nonSuccessStatusIsAResultUnlessTheRequestOptsIntoFailing() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("missing"));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("down"));
        FetchHandle<String> lenient = fetch.get(url("/a")).send(Decoders.text(), null);
        Frames.untilDone(fetch, lenient);
        Recorder<String> strict = new Recorder<>();
        FetchHandle<String> failing = fetch.get(url("/b")).failOnHttpError(true).send(Decoders.text(), strict);
        Frames.untilDone(fetch, failing);
        assertEquals("missing", lenient.result());
        assertEquals(404, lenient.status());
        FetchException failure = strict.assertFailed(FailureKind.HTTP_STATUS);
        assertEquals(503, failure.status());
        assertEquals("down", failure.response().text());
        assertTrue(failure.getMessage().contains(url("/b")), failure.getMessage());
        assertThrows(FetchException.class, failing::result);
    }

    @Test
    void decoderExceptionBecomesADecodeFailureNotACrash() {
        server.enqueue(new MockResponse().setBody("{not json"));
        Recorder<Leaderboard> callback = new Recorder<>();
        FetchHandle<Leaderboard> handle = fetch.get(url("/bad")).send(Decoders.json(Leaderboard.class), callback);
        Frames.untilDone(fetch, handle);
        FetchException failure = callback.assertFailed(FailureKind.DECODE);
        assertEquals(200, failure.status());
        assertNotNull(failure.getCause());
    }

    @Test
    void aThrowingCallbackIsReportedAndOtherRequestsAreUnaffected() {
        AtomicInteger reported = new AtomicInteger();
        FetchManager manager = new FetchManager(FetchConfig.builder()
                .callbackErrorHandler((handle, error) -> reported.incrementAndGet()).build());
        try {
            server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setBody("r" + request.getPath().substring(1));
                }
            });
            FetchHandle<String> throwing = manager.get(url("/0")).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String result, HttpResponse response) {
                    throw new IllegalStateException("game bug");
                }

                @Override
                public void onFailure(FetchException failure) {
                }
            });
            Recorder<String> second = new Recorder<>();
            Recorder<String> third = new Recorder<>();
            FetchHandle<String> b = manager.get(url("/1")).send(Decoders.text(), second);
            FetchHandle<String> c = manager.get(url("/2")).send(Decoders.text(), third);
            Frames.untilDone(manager, throwing, b, c);
            assertEquals(1, reported.get());
            assertTrue(throwing.isSuccess());
            assertEquals("r1", second.assertSucceeded());
            assertEquals("r2", third.assertSucceeded());
        } finally {
            manager.dispose();
        }
    }

    @Test
    void updateInsideACallbackIsRefusedWithAClearMessage() {
        server.enqueue(new MockResponse());
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        FetchHandle<HttpResponse> handle = fetch.get(url("/r")).send(new FetchCallback<HttpResponse>() {
            @Override
            public void onSuccess(HttpResponse result, HttpResponse response) {
                try {
                    fetch.update();
                    thrown.complete(null);
                } catch (IllegalStateException e) {
                    thrown.complete(e);
                }
            }

            @Override
            public void onFailure(FetchException failure) {
                thrown.complete(failure);
            }
        });
        Frames.untilDone(fetch, handle);
        Throwable error = thrown.getNow(null);
        assertNotNull(error);
        assertTrue(error.getMessage().contains("inside a fetch callback"), error.getMessage());
    }

    @Test
    void awaitRefusesToBlockTheUpdateThreadButWorksFromAnother() throws Exception {
        server.enqueue(new MockResponse().setBody("waited"));
        FetchHandle<String> handle = fetch.get(url("/w")).send(Decoders.text(), null);
        fetch.update();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> handle.await(1, TimeUnit.SECONDS));
        assertTrue(refused.getMessage().contains("deadlock"), refused.getMessage());

        CompletableFuture<String> fromWorker = CompletableFuture.supplyAsync(() -> {
            try {
                return handle.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Frames.until(fetch, fromWorker::isDone);
        assertEquals("waited", fromWorker.get());
    }

    @Test
    void awaitTimesOutWhileTheRequestIsOpenAndEndsWithTheCancellation() throws Exception {
        // Nothing is enqueued, so the server holds the request open.
        FetchHandle<String> handle = fetch.get(url("/open")).send(Decoders.text(), null);
        CompletableFuture<Throwable> brief = awaitOnWorker(handle, 20);
        assertTrue(brief.get(30, TimeUnit.SECONDS) instanceof java.util.concurrent.TimeoutException,
                String.valueOf(brief.getNow(null)));
        CompletableFuture<Throwable> waiting = awaitOnWorker(handle, 30_000);
        assertTrue(handle.cancel());
        Throwable ended = waiting.get(30, TimeUnit.SECONDS);
        assertTrue(ended instanceof FetchException, String.valueOf(ended));
        assertEquals(FailureKind.CANCELLED, ((FetchException) ended).kind());
        Frames.until(fetch, () -> fetch.openCount() == 0);
    }

    private static CompletableFuture<Throwable> awaitOnWorker(FetchHandle<String> handle, long millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                handle.await(millis, TimeUnit.MILLISECONDS);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    @Test
    void updateDeliversAtLeastOneResultPerFrameWithinItsBudget() {
        int count = 5;
        for (int i = 0; i < count; i++) {
            server.enqueue(new MockResponse().setBody("x"));
        }
        FetchHandle<?>[] handles = new FetchHandle<?>[count];
        int[] delivered = {0};
        for (int i = 0; i < count; i++) {
            handles[i] = fetch.get(url("/b" + i)).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String result, HttpResponse response) {
                    delivered[0]++;
                    // A slow callback: spend the whole frame budget.
                    long end = System.nanoTime() + 2_000_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }

                @Override
                public void onFailure(FetchException failure) {
                }
            });
        }
        // Wait until every response has arrived without delivering any.
        FetchHandle<?> last = handles[count - 1];
        Frames.until(fetch, () -> fetch.inFlightCount() == 0 && fetch.queuedCount() == 0 && delivered[0] > 0);
        int before = delivered[0];
        int frames = 0;
        while (!fetch.update(1)) {
            frames++;
            assertTrue(delivered[0] - before <= frames, "budget of 1 ms allows one 2 ms callback per frame");
        }
        assertEquals(count, delivered[0]);
        assertTrue(last.isDone());
        assertTrue(fetch.update(), "nothing remains once all are delivered");
    }

    @Test
    void cancellingAQueuedRequestEndsItAtOnceWithOneCancelledCallback() throws Exception {
        HoldingDispatcher holding = new HoldingDispatcher();
        server.setDispatcher(holding);
        FetchManager single = new FetchManager(FetchConfig.builder().maxRequests(1).build());
        try {
            Recorder<HttpResponse> first = new Recorder<>();
            Recorder<HttpResponse> second = new Recorder<>();
            Recorder<HttpResponse> third = new Recorder<>();
            FetchHandle<HttpResponse> a = single.get(url("/1")).send(first);
            holding.awaitArrived(1);
            FetchHandle<HttpResponse> b = single.get(url("/2")).send(second);
            FetchHandle<HttpResponse> c = single.get(url("/3")).send(third);
            assertEquals(FetchState.QUEUED, b.state());
            assertTrue(b.cancel());
            assertTrue(b.isDone());
            assertTrue(b.isCancelled());
            assertFalse(b.cancel(), "a second cancel does nothing");
            assertEquals(FailureKind.CANCELLED, assertThrows(FetchException.class, b::result).kind());
            holding.release(2);
            Frames.untilDone(single, a, c);
            Frames.run(single, 3);
            assertEquals(1, second.terminalCalls);
            assertTrue(second.cancelled);
            first.assertSucceeded();
            third.assertSucceeded();
            assertEquals(java.util.List.of("/1", "/3"), holding.arrived(), "the cancelled request never reached the server");
        } finally {
            holding.release(10);
            single.dispose();
        }
    }

    @Test
    void cancelAllByTagCancelsOnlyThatGroup() throws Exception {
        HoldingDispatcher holding = new HoldingDispatcher();
        server.setDispatcher(holding);
        FetchManager single = new FetchManager(FetchConfig.builder().maxRequests(1).build());
        try {
            FetchHandle<HttpResponse> kept = single.get(url("/k")).tag("hud").send();
            holding.awaitArrived(1);
            FetchHandle<HttpResponse> dropA = single.get(url("/d1")).tag("level-2").send();
            FetchHandle<HttpResponse> dropB = single.get(url("/d2")).tag("level-2").send();
            FetchHandle<HttpResponse> keptToo = single.get(url("/k2")).send();
            assertEquals(2, single.cancelAll("level-2"));
            holding.release(2);
            Frames.untilDone(single, kept, keptToo);
            assertTrue(kept.isSuccess());
            assertTrue(keptToo.isSuccess());
            assertTrue(dropA.isCancelled());
            assertTrue(dropB.isCancelled());
            assertEquals(java.util.List.of("/k", "/k2"), holding.arrived());
        } finally {
            holding.release(10);
            single.dispose();
        }
    }

    @Test
    void sendAfterDisposeIsRefused() {
        fetch.dispose();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> fetch.get(url("/late")).send());
        assertTrue(refused.getMessage().contains("disposed"), refused.getMessage());
        assertTrue(fetch.update());
    }

    @Test
    void unboundBuilderExplainsHowToSend() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> HttpRequest.get(url("/x")).send());
        assertTrue(refused.getMessage().contains("FetchManager"), refused.getMessage());
    }

    @Test
    void anIdleUpdateAllocatesNothing() {
        server.enqueue(new MockResponse().setBody("warm"));
        Frames.untilDone(fetch, fetch.get(url("/warm")).send());
        boolean[] busy = {false};
        com.gdxfetch.testing.Allocations.assertNothingAllocatedOnceWarm("idle update()",
                () -> busy[0] |= !fetch.update(), 50_000, 10_000);
        assertFalse(busy[0]);
    }
}
