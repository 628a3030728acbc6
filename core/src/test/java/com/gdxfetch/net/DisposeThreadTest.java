package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which thread may dispose a manager: the one that calls {@code update()}, where its callbacks
 * run; before the first {@code update()}, any. A dispose from another thread throws, naming the
 * class and both threads, and changes nothing; whatever thread disposes, each request ends in
 * exactly one terminal callback, all on one thread.
 */
class DisposeThreadTest {
    private static final int ROUNDS = 40;
    private static final int REQUESTS = 12;

    @Test
    void disposeFromAnotherThreadWhileTheRenderThreadUpdatesThrowsNamingBothThreadsAndChangesNothing()
            throws Exception {
        try (OkServer fast = new OkServer(256, 4); SilentServer silent = new SilentServer()) {
            for (int round = 0; round < ROUNDS; round++) {
                Endings endings = new Endings();
                AtomicReference<FetchManager> made = new AtomicReference<>();
                CountDownLatch updating = new CountDownLatch(1);
                CountDownLatch tried = new CountDownLatch(1);
                AtomicReference<Throwable> renderFailure = new AtomicReference<>();
                Thread render = new Thread(() -> {
                    try {
                        FetchManager fetch = new FetchManager();
                        made.set(fetch);
                        sendMix(fetch, fast, silent, endings);
                        fetch.update();
                        updating.countDown();
                        while (tried.getCount() > 0) {
                            fetch.update();
                        }
                        fetch.dispose();
                    } catch (Throwable e) {
                        renderFailure.set(e);
                        updating.countDown();
                    }
                }, "render-" + round);
                render.start();
                assertTrue(updating.await(10, TimeUnit.SECONDS), "the render thread never updated");
                Throwable refused = null;
                try {
                    made.get().dispose();
                } catch (Throwable e) {
                    refused = e;
                } finally {
                    tried.countDown();
                }
                render.join();
                assertEquals(null, renderFailure.get(), "round " + round);
                assertNotNull(refused, "round " + round + ": dispose() on the test thread returned normally");
                assertEquals(IllegalStateException.class, refused.getClass(), "round " + round + ": " + refused);
                String message = refused.getMessage();
                assertTrue(message.contains("FetchManager") && message.contains("'" + render.getName() + "'")
                        && message.contains("'" + Thread.currentThread().getName() + "'"), message);
                endings.assertEachEndedOnceOn(render.getName(), "round " + round);
            }
        }
    }

    @Test
    void aFirstUpdateRacingADisposeOnAnotherThreadEndsEachRequestOnceOnOneThread() throws Exception {
        try (OkServer fast = new OkServer(256, 4); SilentServer silent = new SilentServer()) {
            for (int round = 0; round < ROUNDS * 2; round++) {
                Endings endings = new Endings();
                FetchManager fetch = new FetchManager();
                sendMix(fetch, fast, silent, endings);
                // Some answers wait for delivery when the two threads start.
                while (fetch.inFlightCount() > REQUESTS / 2) {
                    Thread.onSpinWait();
                }
                CountDownLatch disposerDone = new CountDownLatch(1);
                Racers racers = new Racers(2, false);
                racers.add("updater", index -> {
                    try {
                        fetch.update();
                    } finally {
                        // Whichever won, the manager ends here: a no-op if the other thread disposed it.
                        assertTrue(disposerDone.await(10, TimeUnit.SECONDS), "the disposer never returned");
                        fetch.dispose();
                    }
                });
                int shift = round % 5 * 100;
                racers.add("disposer", index -> {
                    Racers.spin(shift);
                    try {
                        fetch.dispose();
                    } finally {
                        disposerDone.countDown();
                    }
                });
                racers.start();
                racers.join();
                for (Throwable e : racers.thrown()) {
                    // The loser may be told that the other thread owns the manager; nothing else.
                    assertEquals(IllegalStateException.class, e.getClass(), "round " + round + ": " + e);
                }
                endings.assertEachEndedOnceOnOneThread("round " + round);
            }
        }
    }

    @Test
    void aManagerNeverUpdatedMayBeDisposedFromAnyThreadAndItsCallbacksRunThere() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Endings endings = new Endings();
            AtomicReference<FetchManager> made = new AtomicReference<>();
            Thread loader = new Thread(() -> {
                FetchManager fetch = new FetchManager();
                for (int i = 0; i < REQUESTS; i++) {
                    fetch.get(silent.url("/held/" + i)).send(Decoders.text(), endings.callback("held " + i));
                }
                made.set(fetch);
            }, "loader");
            loader.start();
            loader.join();

            made.get().dispose();

            endings.assertEachEndedOnceOn(Thread.currentThread().getName(), "disposed before any update");
        }
    }

    @Test
    void aSecondDisposeFromAnotherThreadWhileTheFirstRunsItsCallbacksReturnsAtOnce() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            FetchManager fetch = new FetchManager();
            CountDownLatch insideDispose = new CountDownLatch(1);
            CountDownLatch secondReturned = new CountDownLatch(1);
            AtomicReference<Throwable> secondFailure = new AtomicReference<>();
            AtomicInteger cancelled = new AtomicInteger();
            fetch.get(silent.url("/held")).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String result, HttpResponse response) {
                }

                @Override
                public void onFailure(FetchException failure) {
                }

                @Override
                public void onCancelled() {
                    cancelled.incrementAndGet();
                    insideDispose.countDown();
                    try {
                        // The first dispose is under way, inside its callbacks, until the second returns.
                        assertTrue(secondReturned.await(10, TimeUnit.SECONDS), "the second dispose never returned");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            fetch.update();
            Thread second = new Thread(() -> {
                try {
                    assertTrue(insideDispose.await(10, TimeUnit.SECONDS), "the first dispose never began");
                    fetch.dispose();
                } catch (Throwable e) {
                    secondFailure.set(e);
                } finally {
                    secondReturned.countDown();
                }
            }, "second-disposer");
            second.start();

            fetch.dispose();

            second.join();
            assertEquals(null, secondFailure.get(), "a dispose() of a disposed manager, from another thread");
            assertEquals(1, cancelled.get());
        }
    }

    @Test
    void lateDisposesFromOtherThreadsRacingTheRenderThreadsLastUpdatesReturnQuietly() throws Exception {
        try (OkServer fast = new OkServer(256, 4); SilentServer silent = new SilentServer()) {
            for (int round = 0; round < ROUNDS * 5; round++) {
                Endings endings = new Endings();
                FetchManager fetch = new FetchManager();
                sendMix(fetch, fast, silent, endings);
                fetch.update();
                fetch.dispose();
                // A game's loop may still run a frame or two after dispose(); a late dispose() elsewhere races it.
                int shift = round % 7 * 50;
                Racers racers = new Racers(2, true);
                racers.add("late-disposer-a", index -> {
                    Racers.spin(shift);
                    fetch.dispose();
                });
                racers.add("late-disposer-b", index -> fetch.dispose());
                racers.start();
                racers.go();
                while (racers.anyAlive()) {
                    assertTrue(fetch.update(), "round " + round + ": update() after dispose() has work left");
                }
                racers.join();
                assertEquals(List.of(), racers.thrown(), "round " + round);
                endings.assertEachEndedOnceOn(Thread.currentThread().getName(), "round " + round);
            }
        }
    }

    @Test
    void twoThreadsDisposingAManagerNeverUpdatedBothReturnAndEachRequestEndsOnce() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            for (int round = 0; round < ROUNDS * 10; round++) {
                Endings endings = new Endings();
                FetchManager fetch = new FetchManager();
                fetch.get(silent.url("/held")).send(Decoders.text(), endings.callback("held"));
                int shift = round % 9 * 20;
                Racers racers = new Racers(2, false);
                racers.add("disposer-a", index -> {
                    Racers.spin(shift);
                    fetch.dispose();
                });
                racers.add("disposer-b", index -> fetch.dispose());
                racers.start();
                racers.join();
                assertEquals(List.of(), racers.thrown(), "round " + round);
                endings.assertEachEndedOnceOnOneThread("round " + round);
            }
        }
    }

    private static void sendMix(FetchManager fetch, OkServer fast, SilentServer silent, Endings endings) {
        for (int i = 0; i < REQUESTS; i++) {
            String url = i % 2 == 0 ? fast.url("/ok/" + i) : silent.url("/held/" + i);
            fetch.get(url).send(Decoders.text(), endings.callback(url));
        }
    }

    /** Counts each request's terminal callbacks and the threads they ran on. */
    private static final class Endings {
        private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        FetchCallback<String> callback(String name) {
            AtomicInteger count = new AtomicInteger();
            counts.put(name, count);
            return new FetchCallback<String>() {
                @Override
                public void onSuccess(String result, HttpResponse response) {
                    ended("onSuccess");
                }

                @Override
                public void onFailure(FetchException failure) {
                    ended("onFailure " + failure.kind());
                }

                @Override
                public void onCancelled() {
                    ended("onCancelled");
                }

                private void ended(String how) {
                    threads.add(Thread.currentThread().getName());
                    if (count.incrementAndGet() > 1) {
                        problems.add(name + " ended again with " + how + " on '" + Thread.currentThread().getName()
                                + "'");
                    }
                }
            };
        }

        boolean allEnded() {
            for (AtomicInteger count : counts.values()) {
                if (count.get() == 0) {
                    return false;
                }
            }
            return true;
        }

        void assertEachEndedOnceOn(String thread, String what) {
            assertEachEndedOnceOnOneThread(what);
            assertEquals(thread, threads.peek(), what + ": callbacks ran on " + new ArrayList<>(threads));
        }

        void assertEachEndedOnceOnOneThread(String what) {
            assertEquals(List.of(), new ArrayList<>(problems), what);
            for (String name : counts.keySet()) {
                assertEquals(1, counts.get(name).get(), what + ": terminal callbacks of " + name);
            }
            List<String> distinct = new ArrayList<>();
            for (String name : threads) {
                if (!distinct.contains(name)) {
                    distinct.add(name);
                }
            }
            assertEquals(1, distinct.size(), what + ": callbacks ran on " + distinct);
        }
    }
}
