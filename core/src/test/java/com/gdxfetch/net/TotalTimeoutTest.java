package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.testing.Allocations;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A total timeout ends an open request and leaves nothing behind once its request is over. */
class TotalTimeoutTest {
    private MockWebServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.shutdown();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    @Test
    void aDeliveredRequestLeavesItsResultUnreachableThroughItsTimeout() {
        server.enqueue(new MockResponse().setBody("kept?"));
        FetchManager fetch = new FetchManager();
        try {
            WeakReference<Object> result = deliverOne(fetch);
            for (int i = 0; i < 50 && result.get() != null; i++) {
                System.gc();
            }
            assertTrue(result.get() == null, "a delivered result stayed reachable until its total timeout");
        } finally {
            fetch.dispose();
        }
    }

    /** Delivers one request with a long total timeout; returns a weak reference to its result. */
    private WeakReference<Object> deliverOne(FetchManager fetch) {
        Object[] decoded = {null};
        FetchHandle<Object> handle = fetch.get(url("/kept")).totalTimeout(600_000)
                .send(response -> decoded[0] = new byte[1 << 20], null);
        Frames.untilDone(fetch, handle);
        assertTrue(handle.isSuccess(), String.valueOf(handle.failure()));
        WeakReference<Object> weak = new WeakReference<>(decoded[0]);
        decoded[0] = null;
        return weak;
    }

    @Test
    void anIdleUpdateAfterADeliveredRequestsDeadlineAllocatesNothing() {
        FakeClock clock = new FakeClock();
        FetchManager fetch = new FetchManager(FetchConfig.builder().clock(clock).build());
        try {
            // Three rounds, judged on the last: the first ones let the JIT compile the path a passing
            // deadline takes, whose first run can rematerialise objects it had optimised away.
            long[] bytes = new long[3];
            for (int round = 0; round < bytes.length; round++) {
                server.enqueue(new MockResponse().setBody("quick"));
                FetchHandle<String> handle = fetch.get(url("/quick")).totalTimeout(50).send(Decoders.text(), null);
                Frames.untilDone(fetch, handle);
                assertEquals("quick", handle.result());
                Allocations.allocatedBy(fetch::update, 50_000);
                clock.advance(51, TimeUnit.MILLISECONDS);
                bytes[round] = Allocations.allocatedBy(fetch::update, 10_000);
                assertEquals("quick", handle.result());
            }
            assertEquals(0, bytes[bytes.length - 1], "idle update() after the deadline of a delivered request, "
                    + "bytes per round " + java.util.Arrays.toString(bytes));
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void dueTimeoutsAreFiredWithinTheUpdateBudget() throws Exception {
        // Each reading of this clock moves it 1 ms on, so a 4 ms budget allows a few timers a frame.
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Clock ticking = () -> nanos.addAndGet(1_000_000);
        int count = 40;
        int[] failed = {0};
        try (SilentServer silent = new SilentServer()) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().clock(ticking).updateBudgetMillis(4).build());
            try {
                FetchCallback<String> counting = new FetchCallback<String>() {
                    @Override
                    public void onSuccess(String result, HttpResponse response) {
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        assertEquals(FailureKind.TOTAL_TIMEOUT, failure.kind());
                        failed[0]++;
                    }
                };
                for (int i = 0; i < count; i++) {
                    fetch.get(silent.url("/held/" + i)).totalTimeout(1).send(Decoders.text(), counting);
                }
                nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
                fetch.update();
                assertTrue(failed[0] >= 1 && failed[0] <= 6, failed[0] + " timeouts fired in one 4 ms update()");
                Frames.until(fetch, () -> failed[0] == count);
            } finally {
                fetch.dispose();
            }
        }
    }
}
