package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code cancel()} on one handle from several threads at once, while its response completes and
 * the render thread delivers it: at most one cancel wins, and the one callback, the handle's
 * state and every cancel's answer agree on whether it was cancelled.
 */
class CancelRaceTest {
    private static final int CANCELLERS = 4;

    @Test
    void cancelsFromManyThreadsRacingTheResponseAgreeWithTheOneCallback() throws Exception {
        OkServer server = new OkServer(64, 2);
        String url = server.url("/ok");
        FetchManager fetch = new FetchManager();
        Random random = new Random(44);
        int cancelledWins = 0;
        int successes = 0;
        try {
            for (int round = 0; round < 300; round++) {
                boolean cancelled = round(fetch, url, round, random.nextInt(20_000));
                if (cancelled) {
                    cancelledWins++;
                } else {
                    successes++;
                }
            }
        } finally {
            fetch.dispose();
            server.close();
        }
        assertTrue(cancelledWins > 0 && successes > 0,
                "both outcomes should occur: " + cancelledWins + " cancelled, " + successes + " succeeded");
    }

    /** One request raced by the cancellers; returns whether it ended cancelled. */
    private static boolean round(FetchManager fetch, String url, int round, int spins) throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        String[] which = {null};
        Thread renderThread = Thread.currentThread();
        List<String> problems = new CopyOnWriteArrayList<>();
        FetchHandle<String> handle = fetch.get(url).send(Decoders.text(), new FetchCallback<String>() {
            private void called(String what) {
                callbacks.incrementAndGet();
                which[0] = what;
                if (Thread.currentThread() != renderThread) {
                    problems.add(what + " on " + Thread.currentThread().getName());
                }
            }

            @Override
            public void onSuccess(String result, HttpResponse response) {
                called("success " + result);
            }

            @Override
            public void onFailure(FetchException failure) {
                called("failure " + failure.getMessage());
            }

            @Override
            public void onCancelled() {
                called("cancelled");
            }
        });
        AtomicInteger wins = new AtomicInteger();
        Racers cancellers = new Racers(CANCELLERS, false);
        for (int t = 0; t < CANCELLERS; t++) {
            cancellers.add("canceller-" + t, index -> {
                Racers.spin(spins);
                if (handle.cancel()) {
                    wins.incrementAndGet();
                }
                // Once any cancel returned, the state is final: whatever it says must hold.
                boolean sawCancelled = handle.isCancelled();
                boolean sawSuccess = handle.isSuccess();
                // The win is read first: a cancel counted in it has returned, so the state is final.
                if (wins.get() > 0 && !handle.isDone()) {
                    problems.add("not done after a cancel won");
                }
                if (sawCancelled && sawSuccess) {
                    problems.add("both cancelled and succeeded");
                }
            });
        }
        cancellers.start();
        // The render thread keeps delivering while the cancellers race.
        while (cancellers.anyAlive() || !handle.isDone()) {
            fetch.update();
        }
        cancellers.join();
        // The cancelled callback, if any, runs in the next update().
        Frames.until(fetch, () -> callbacks.get() > 0);
        fetch.update();
        assertEquals(List.of(), cancellers.thrown(), "round " + round);
        assertEquals(List.of(), problems, "round " + round);
        assertEquals(1, callbacks.get(), "round " + round + ": callbacks");
        assertTrue(wins.get() <= 1, "round " + round + ": " + wins.get() + " cancels returned true");
        if (wins.get() == 1) {
            assertTrue(handle.isCancelled(), "round " + round + ": " + handle.state());
            assertEquals("cancelled", which[0], "round " + round);
        } else {
            assertTrue(handle.isSuccess(), "round " + round + ": " + handle.state() + ", " + which[0]);
            assertEquals("success ok", which[0], "round " + round);
        }
        return wins.get() == 1;
    }
}
