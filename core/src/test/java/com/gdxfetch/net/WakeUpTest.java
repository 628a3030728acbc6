package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A waiting result wakes a game whose loop does not run every frame on its own. */
class WakeUpTest extends LoopbackServerTest {
    /** The stand-in for Gdx.graphics a test installed, if any. */
    private RecordingGraphics graphics;

    @AfterEach
    void restoreGraphics() {
        if (graphics != null) {
            graphics.uninstall();
        }
    }

    @Test
    void aResultAsksForAFrameWhenTheGameRendersOnDemand() throws Exception {
        server.enqueue(new MockResponse().setBody("on demand"));
        graphics = RecordingGraphics.install(false);
        Recorder<String> result = new Recorder<>();
        fetch.get(url("/")).send(Decoders.text(), result);
        // No update() yet: only the waiting result can have asked for the frame.
        assertTrue(graphics.frameRequested.await(30, TimeUnit.SECONDS), "no frame requested");
        fetch.update();
        assertEquals("on demand", result.assertSucceeded());
    }

    @Test
    void aGameThatRendersContinuouslyIsNotAskedForFrames() throws Exception {
        server.enqueue(new MockResponse().setBody("continuous"));
        graphics = RecordingGraphics.install(true);
        Recorder<String> result = new Recorder<>();
        FetchHandle<String> handle = fetch.get(url("/")).send(Decoders.text(), result);
        Frames.untilDone(fetch, handle);
        assertEquals("continuous", result.assertSucceeded());
        assertEquals(1, graphics.frameRequested.getCount(), "requestRendering() was called");
    }

    @Test
    void aCustomWakeUpRunsWhenAResultWaitsAndAgainAfterUpdate() throws Exception {
        server.enqueue(new MockResponse().setBody("first"));
        server.enqueue(new MockResponse().setBody("second"));
        Semaphore wakeUps = new Semaphore(0);
        use(FetchConfig.builder().wakeUp(wakeUps::release).build());
        Recorder<String> first = new Recorder<>();
        fetch.get(url("/1")).send(Decoders.text(), first);
        assertTrue(wakeUps.tryAcquire(30, TimeUnit.SECONDS), "no wake-up for the first result");
        fetch.update();
        assertEquals("first", first.assertSucceeded());

        Recorder<String> second = new Recorder<>();
        fetch.get(url("/2")).send(Decoders.text(), second);
        assertTrue(wakeUps.tryAcquire(30, TimeUnit.SECONDS), "update() did not re-arm the wake-up");
        fetch.update();
        assertEquals("second", second.assertSucceeded());
    }

    @Test
    void resultsLeftWaitingWhenTheFrameBudgetRunsOutAskForAnotherFrame() throws Exception {
        server.enqueue(new MockResponse().setBody("first"));
        server.enqueue(new MockResponse().setBody("second"));
        Semaphore wakeUps = new Semaphore(0);
        use(FetchConfig.builder().wakeUp(wakeUps::release).build());
        FetchHandle<String> first = fetch.get(url("/1")).send(Decoders.text(), null);
        FetchHandle<String> second = fetch.get(url("/2")).send(Decoders.text(), null);
        // Each outcome is posted before its slot is freed: none in flight means both wait for update().
        while (fetch.inFlightCount() > 0 || fetch.queuedCount() > 0) {
            Thread.onSpinWait();
        }
        wakeUps.drainPermits();
        // A budget of 0 delivers exactly one.
        fetch.update(0);
        assertTrue(first.isDone() != second.isDone(), "one result delivered, one left waiting");
        assertTrue(wakeUps.tryAcquire(), "the result left waiting asked for no frame");
        fetch.update(0);
        assertTrue(first.isDone() && second.isDone());
        assertEquals(0, wakeUps.availablePermits(), "a frame was asked for with nothing left waiting");
    }

    @Test
    void aCancelFromAGameThreadRunsTheWakeUpOnThatThread() throws Exception {
        // No answer: only the cancel can end the request, and no worker posts its outcome.
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        AtomicReference<Thread> wokenOn = new AtomicReference<>();
        Semaphore wakeUps = new Semaphore(0);
        use(FetchConfig.builder().wakeUp(() -> {
            wokenOn.set(Thread.currentThread());
            wakeUps.release();
        }).build());
        Recorder<String> result = new Recorder<>();
        FetchHandle<String> handle = fetch.get(url("/")).send(Decoders.text(), result);
        Thread canceller = new Thread(handle::cancel, "game-logic");
        canceller.start();
        canceller.join();
        assertTrue(wakeUps.tryAcquire(30, TimeUnit.SECONDS), "the cancelled result asked for no frame");
        assertSame(canceller, wokenOn.get(), "the thread the wake-up ran on");
        Frames.untilDone(fetch, handle);
        assertTrue(result.cancelled, "onCancelled ran");
    }

    @Test
    void aWakeUpThatThrowsLosesNoResult() {
        server.enqueue(new MockResponse().setBody("kept"));
        use(FetchConfig.builder().wakeUp(() -> {
            throw new IllegalStateException("broken wake-up");
        }).build());
        Recorder<String> result = new Recorder<>();
        FetchHandle<String> handle = fetch.get(url("/")).send(Decoders.text(), result);
        Frames.untilDone(fetch, handle);
        assertEquals("kept", result.assertSucceeded());
        assertTrue(fetch.update(), "nothing should be left open");
    }

    @Test
    void aWakeUpThatThrowsAnErrorLosesNoResultAndKeepsNoSlot() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setBody("kept " + i));
        }
        // One slot: a result whose slot was never given back would stop the next from starting.
        use(FetchConfig.builder().maxRequestsPerHost(1).wakeUp(() -> {
            throw new AssertionError("broken wake-up");
        }).build());
        for (int i = 0; i < 3; i++) {
            Recorder<String> result = new Recorder<>();
            FetchHandle<String> handle = fetch.get(url("/" + i)).send(Decoders.text(), result);
            Frames.untilDone(fetch, handle);
            assertEquals("kept " + i, result.assertSucceeded());
        }
        Recorder<String> cancelled = new Recorder<>();
        // No answer, rather than a delayed one: the server's thread ends as soon as the cancel closes the connection.
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        FetchHandle<String> slow = fetch.get(url("/slow")).send(Decoders.text(), cancelled);
        assertTrue(slow.cancel());
        Frames.untilDone(fetch, slow);
        assertTrue(fetch.update(), "nothing should be left open");
    }
}
