package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * {@code send}, {@code cancel} and {@code cancelAll} from several threads racing
 * {@code dispose()} on the render thread: every accepted request ends in exactly one callback,
 * before {@code dispose()} returns; a refused one in none; nothing throws but what is documented.
 */
class DisposeRaceTest {
    @Test
    void sendsAndCancelsRacingDisposeEndEachAcceptedRequestOnceAndBreakNothing() throws Exception {
        long seconds = Long.getLong("gdxfetch.race.seconds", 3);
        OkServer server = new OkServer(256, 4);
        String fast = server.url("/ok");
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                problems.add("uncaught on " + thread.getName() + ": " + error));
        Random random = new Random(27);
        int rounds = 0;
        int accepted = 0;
        try (SilentServer silent = new SilentServer()) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() - end < 0 && problems.isEmpty()) {
                accepted += round(fast, silent.url("/held"), random.nextLong(), random.nextInt(40), problems);
                rounds++;
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
            server.close();
        }
        assertTrue(rounds > 0 && accepted > 0, "nothing was sent");
        assertEquals(List.of(), new ArrayList<>(problems), rounds + " rounds, " + accepted + " requests accepted");
    }

    @Test
    void aCancelStillClosingItsExchangeWhenDisposeReturnsEndsQuietly() throws Exception {
        CountDownLatch cancelling = new CountDownLatch(1);
        CountDownLatch disposed = new CountDownLatch(1);
        Thread canceller = new Thread(() -> { }, "not-started");
        Thread[] cancellerRef = {canceller};
        // An exchange whose cancel, on the cancelling thread, waits until dispose() has returned.
        Transport transport = new Transport() {
            @Override
            public Exchange start(HttpRequest request, Listener listener) {
                return () -> {
                    if (Thread.currentThread() == cancellerRef[0]) {
                        cancelling.countDown();
                        try {
                            disposed.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
            }

            @Override
            public void dispose() {
            }
        };
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(transport).build());
        int[] cancelledCalls = {0};
        FetchHandle<String> handle = fetch.get("http://127.0.0.1:9/held").send(Decoders.text(),
                new FetchCallback<String>() {
                    @Override
                    public void onSuccess(String result, HttpResponse response) {
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                    }

                    @Override
                    public void onCancelled() {
                        cancelledCalls[0]++;
                    }
                });
        assertEquals(1, fetch.inFlightCount());
        Throwable[] thrown = {null};
        boolean[] cancelled = {false};
        canceller = new Thread(() -> {
            try {
                cancelled[0] = handle.cancel();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "canceller");
        cancellerRef[0] = canceller;
        canceller.start();
        assertTrue(cancelling.await(30, java.util.concurrent.TimeUnit.SECONDS));
        fetch.dispose();
        assertEquals(1, cancelledCalls[0], "onCancelled inside dispose()");
        disposed.countDown();
        canceller.join();
        assertEquals(null, thrown[0]);
        assertTrue(cancelled[0]);
        fetch.update();
        assertEquals(1, cancelledCalls[0]);
        assertTrue(handle.isCancelled());
    }

    /** One manager, three threads sending and cancelling, frames, then dispose; returns how many sends were accepted. */
    private static int round(String fast, String held, long seed, int framesBeforeDispose,
            ConcurrentLinkedQueue<String> problems) throws InterruptedException {
        FetchManager fetch = new FetchManager();
        Thread renderThread = Thread.currentThread();
        boolean[] disposeReturned = {false};
        AtomicInteger acceptedCount = new AtomicInteger();
        List<Outcome> outcomes = new ArrayList<>();
        AtomicReferenceArray<FetchHandle<String>> handles = new AtomicReferenceArray<>(64);
        CountDownLatch started = new CountDownLatch(3);
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            int role = t;
            Random random = new Random(seed + t);
            threads[t] = new Thread(() -> {
                started.countDown();
                int next = 0;
                while (true) {
                    try {
                        if (role == 0) {
                            Outcome outcome = new Outcome(renderThread, disposeReturned, problems);
                            synchronized (outcomes) {
                                outcomes.add(outcome);
                            }
                            FetchHandle<String> handle;
                            try {
                                handle = fetch.get(random.nextBoolean() ? fast : held).tag(random.nextInt(3))
                                        .send(Decoders.text(), outcome);
                            } catch (IllegalStateException refused) {
                                outcome.refused = true;
                                return;
                            }
                            outcome.accepted = true;
                            acceptedCount.incrementAndGet();
                            handles.set(next++ % handles.length(), handle);
                        } else if (role == 1) {
                            FetchHandle<String> handle = handles.get(random.nextInt(handles.length()));
                            if (handle != null) {
                                handle.cancel();
                            }
                        } else {
                            fetch.cancelAll(random.nextInt(3));
                        }
                        if (disposeReturned[0] && role != 0) {
                            return;
                        }
                        Thread.yield();
                    } catch (RuntimeException e) {
                        problems.add(Thread.currentThread().getName() + " threw " + e);
                        return;
                    }
                }
            }, "race-" + t);
            threads[t].start();
        }
        started.await();
        for (int i = 0; i < framesBeforeDispose; i++) {
            fetch.update();
            Thread.yield();
        }
        fetch.dispose();
        synchronized (disposeReturned) {
            disposeReturned[0] = true;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Anything still to come would come from update(), which must do nothing now.
        fetch.update();
        synchronized (outcomes) {
            for (Outcome outcome : outcomes) {
                outcome.check();
            }
        }
        return acceptedCount.get();
    }

    /** One send's callback: counts its calls and checks where and when they happen. */
    private static final class Outcome implements FetchCallback<String> {
        private final Thread renderThread;
        private final boolean[] disposeReturned;
        private final ConcurrentLinkedQueue<String> problems;
        volatile boolean accepted;
        volatile boolean refused;
        private int calls;

        Outcome(Thread renderThread, boolean[] disposeReturned, ConcurrentLinkedQueue<String> problems) {
            this.renderThread = renderThread;
            this.disposeReturned = disposeReturned;
            this.problems = problems;
        }

        private void called(String what) {
            calls++;
            if (Thread.currentThread() != renderThread) {
                problems.add(what + " on " + Thread.currentThread().getName());
            }
            synchronized (disposeReturned) {
                if (disposeReturned[0]) {
                    problems.add(what + " after dispose() returned");
                }
            }
        }

        @Override
        public void onSuccess(String result, HttpResponse response) {
            called("onSuccess");
        }

        @Override
        public void onFailure(FetchException failure) {
            called("onFailure (" + failure.getMessage() + ")");
        }

        @Override
        public void onCancelled() {
            called("onCancelled");
        }

        void check() {
            if (refused && calls != 0) {
                problems.add("a send refused by dispose() got " + calls + " callbacks");
            } else if (accepted && calls != 1) {
                problems.add("an accepted request got " + calls + " callbacks");
            }
        }
    }
}
