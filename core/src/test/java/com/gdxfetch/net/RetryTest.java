package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class RetryTest extends LoopbackServerTest {
    private final FakeClock clock = new FakeClock();

    @Override
    FetchManager manager() {
        return new FetchManager(FetchConfig.builder().clock(clock).build());
    }

    /** Runs frames, each moving the fake clock by {@code stepMillis}, until the handle is done. */
    private void framesOf(long stepMillis, FetchHandle<?> handle) {
        Frames.until(fetch, () -> {
            clock.advance(stepMillis, TimeUnit.MILLISECONDS);
            return handle.isDone();
        });
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "2"));
        server.enqueue(new MockResponse().setBody("back"));
        FetchHandle<String> handle = fetch.get(server.url("/busy").toString())
                .retry(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(10).jitter(0).build())
                .send(Decoders.text(), null);
        Frames.until(fetch, () -> server.getRequestCount() == 1 && handle.state() == FetchState.QUEUED);
        clock.advance(1900, TimeUnit.MILLISECONDS);
        Frames.run(fetch, 20);
        assertEquals(1, server.getRequestCount(), "no retry before Retry-After has passed");
        clock.advance(100, TimeUnit.MILLISECONDS);
        Frames.untilDone(fetch, handle);
        assertEquals("back", handle.result());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void backoffGrowsExponentiallyUntilAttemptsRunOut() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = fetch.get(server.url("/flaky").toString()).failOnHttpError(true)
                .retry(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(100).jitter(0).build())
                .send(callback);
        Frames.until(fetch, () -> server.getRequestCount() == 1 && handle.state() == FetchState.QUEUED);
        clock.advance(99, TimeUnit.MILLISECONDS);
        Frames.run(fetch, 10);
        assertEquals(1, server.getRequestCount());
        clock.advance(1, TimeUnit.MILLISECONDS);
        Frames.until(fetch, () -> server.getRequestCount() == 2 && handle.state() == FetchState.QUEUED);
        clock.advance(199, TimeUnit.MILLISECONDS);
        Frames.run(fetch, 10);
        assertEquals(2, server.getRequestCount(), "second delay is twice the first");
        clock.advance(1, TimeUnit.MILLISECONDS);
        Frames.untilDone(fetch, handle);
        assertEquals(3, server.getRequestCount());
        assertEquals(500, callback.assertFailed(FailureKind.HTTP_STATUS).status());
    }

    @Test
    void aStatusAbove599IsRetriedAsA500IsAndEndsAsAnHttpStatusFailureWithItsCode() throws Exception {
        // RFC 9110 section 15: a client handles a response with an invalid code as a 5xx.
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 600 Beyond"));
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 999 Far Beyond"));
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 600 Beyond"));
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = fetch.get(server.url("/beyond").toString()).failOnHttpError(true)
                .retry(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(10).jitter(0).build())
                .send(callback);
        framesOf(10, handle);
        assertEquals(3, server.getRequestCount());
        assertEquals(600, callback.assertFailed(FailureKind.HTTP_STATUS).status());
    }

    @Test
    void aRetryThatStartsBeforeTheFirstAttemptsThreadHasFinishedLeavesTheHostAllItsSlots() throws Exception {
        CountDownLatch retryStarted = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        // The first attempt's thread is held where it hands its outcome over (the wake-up hook
        // runs there) until the retry has started: a thread descheduled at that point.
        Runnable hook = () -> {
            if (Thread.currentThread().getName().startsWith("gdx-fetch-io") && held.compareAndSet(false, true)) {
                try {
                    retryStarted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        use(FetchConfig.builder().clock(clock).maxRequestsPerHost(2).wakeUp(hook).build());
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("back"));
        FetchHandle<String> retried = fetch.get(url("/busy"))
                .retry(RetryPolicy.builder().maxAttempts(2).baseDelayMillis(100).jitter(0).build())
                .send(Decoders.text(), null);
        Frames.until(fetch, () -> retried.state() == FetchState.QUEUED && held.get());
        clock.advance(100, TimeUnit.MILLISECONDS);
        // The retry takes its slot on this thread; its exchange waits for a thread.
        Frames.until(fetch, () -> retried.state() == FetchState.RUNNING);
        retryStarted.countDown();
        Frames.untilDone(fetch, retried);
        assertEquals("back", retried.result());

        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        FetchHandle<String> a = fetch.get(url("/a")).send(Decoders.text(), null);
        FetchHandle<String> b = fetch.get(url("/b")).send(Decoders.text(), null);
        Frames.until(fetch, () -> server.getRequestCount() == 4);
        assertEquals(FetchState.RUNNING, a.state());
        assertEquals(FetchState.RUNNING, b.state());
    }

    @Test
    void postIsNotRetriedAfterItWasSent() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("should not be used"));
        FetchHandle<HttpResponse> handle = fetch.post(server.url("/score").toString(), RequestBody.text("1"))
                .retry(RetryPolicy.exponential(3)).send();
        framesOf(50, handle);
        assertEquals(503, handle.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void postIsRetriedWhenThePolicyAllowsAnyMethod() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setBody("counted once"));
        FetchHandle<String> handle = fetch.post(server.url("/score").toString(), RequestBody.text("1"))
                .header("Idempotency-Key", "k-1")
                .retry(RetryPolicy.builder().maxAttempts(2).retryAnyMethod(true).build())
                .send(Decoders.text(), null);
        framesOf(50, handle);
        assertEquals("counted once", handle.result());
        assertEquals("k-1", server.takeRequest().getHeader("Idempotency-Key"));
        assertEquals("k-1", server.takeRequest().getHeader("Idempotency-Key"));
    }

    @Test
    void postIsRetriedWhenTheConnectionFailedBeforeAnythingWasSent() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = fetch.post("http://127.0.0.1:" + port + "/score", RequestBody.text("1"))
                .retry(RetryPolicy.builder().maxAttempts(3).baseDelayMillis(10).build())
                .send(callback);
        Frames.until(fetch, () -> handle.state() == FetchState.QUEUED);
        assertFalse(callback.called(), "a POST refused before sending waits for its retry");
        framesOf(50, handle);
        FetchException failure = callback.assertFailed(FailureKind.CONNECT_REFUSED);
        assertFalse(failure.isRequestSent());
        assertTrue(failure.getMessage().contains(":" + port + "/score"), failure.getMessage());
    }

    @Test
    void retryAfterLongerThanThePolicyAcceptsEndsTheRetries() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600"));
        FetchHandle<HttpResponse> handle = fetch.get(server.url("/limited").toString())
                .retry(RetryPolicy.builder().maxAttempts(5).maxRetryAfterMillis(60_000).build()).send();
        framesOf(10, handle);
        assertEquals(429, handle.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void totalTimeoutCoversRetriesToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "1"));
        }
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = fetch.get(server.url("/slow").toString()).totalTimeout(1500)
                .retry(RetryPolicy.exponential(5)).send(callback);
        framesOf(100, handle);
        callback.assertFailed(FailureKind.TOTAL_TIMEOUT);
        assertTrue(server.getRequestCount() <= 2, "at most the first attempt and one retry fit in 1.5 s");
    }

    @Test
    void aPostIsNotSentAgainWhenTheGetItsRedirectLedToIsAnsweredWithA503() throws Exception {
        // A retry starts again at the first request: here the POST, which the server already took.
        server.enqueue(new MockResponse().setResponseCode(303).setHeader("Location", "/result"));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(303).setHeader("Location", "/result"));
        server.enqueue(new MockResponse().setBody("ordered twice"));
        FetchHandle<HttpResponse> handle = fetch.post(server.url("/order").toString(), RequestBody.text("one sword"))
                .retry(RetryPolicy.builder().maxAttempts(2).baseDelayMillis(10).jitter(0).build())
                .send();
        framesOf(50, handle);
        assertEquals(2, server.getRequestCount(), "requests the server got (POST /order, GET /result, ...)");
        assertEquals(503, handle.status());
    }

    @Test
    void aPostIsNotSentAgainWhenTheHostItsRedirectLedToRefusesTheConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server.enqueue(new MockResponse().setResponseCode(303)
                .setHeader("Location", "http://127.0.0.1:" + closedPort + "/result"));
        server.enqueue(new MockResponse().setResponseCode(303)
                .setHeader("Location", "http://127.0.0.1:" + closedPort + "/result"));
        FetchHandle<HttpResponse> handle = fetch.post(server.url("/order").toString(), RequestBody.text("one sword"))
                .retry(RetryPolicy.builder().maxAttempts(2).baseDelayMillis(10).jitter(0).build())
                .send();
        framesOf(50, handle);
        assertEquals(1, server.getRequestCount(), "times the POST reached the server");
        assertEquals(FailureKind.CONNECT_REFUSED, handle.failure().kind(), handle.failure().getMessage());
    }

    @Test
    void aRetriedRequestFollowsItsRedirectsAgain() throws Exception {
        // Attempt 1: two hops, then 503. Attempt 2: the same two hops, then the body.
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/middle"));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/target"));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/middle"));
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/target"));
        server.enqueue(new MockResponse().setBody("arrived"));
        FetchHandle<String> handle = fetch.get(server.url("/start").toString())
                .retry(RetryPolicy.builder().maxAttempts(2).baseDelayMillis(10).jitter(0).build())
                .send(Decoders.text(), null);
        framesOf(50, handle);
        assertEquals("arrived", handle.result(), "not a redirect loop: each attempt starts its own chain");
        assertEquals(6, server.getRequestCount());
    }

    @Test
    void aRetryAfterTooFarToCountLeavesOtherRequestsTimeoutsFiring() throws Exception {
        CountDownLatch retryPosted = new CountDownLatch(1);
        Runnable hook = () -> {
            if (Thread.currentThread().getName().startsWith("gdx-fetch-io")) {
                retryPosted.countDown();
            }
        };
        use(FetchConfig.builder().clock(clock).wakeUp(hook).build());
        try (SilentServer silent = new SilentServer()) {
            FetchHandle<String> first = fetch.get(silent.url("/1")).totalTimeout(100).send(Decoders.text(), null);
            FetchHandle<String> second = fetch.get(silent.url("/2")).totalTimeout(100).send(Decoders.text(), null);
            server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "99999999999999999999"));
            FetchHandle<String> busy = fetch.get(url("/busy"))
                    .retry(RetryPolicy.builder().maxAttempts(2).maxRetryAfterMillis(Long.MAX_VALUE).build())
                    .send(Decoders.text(), null);
            assertTrue(retryPosted.await(30, TimeUnit.SECONDS));
            clock.advance(200, TimeUnit.MILLISECONDS);
            // No budget: one timeout fires, then the retry is set while the other is overdue.
            fetch.update(0);
            Frames.until(fetch, () -> first.isDone() && second.isDone(), 5_000);
            assertEquals(FailureKind.TOTAL_TIMEOUT, first.failure().kind());
            assertEquals(FailureKind.TOTAL_TIMEOUT, second.failure().kind());
            assertEquals(FetchState.QUEUED, busy.state(), "the retry waits as long as it was asked to");
        }
    }
}
