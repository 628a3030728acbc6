package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * A handle read from another thread never contradicts itself: whatever moment a poller picks,
 * the state it reads and the result, response and failure it reads after agree, while requests
 * are delivered, fail, are cancelled from a third thread and run out of their total timeout.
 * The transport answers at once, so handles turn terminal as often as the render thread can
 * deliver them: the race is about the handle, not the network.
 */
class HandleConsistencyTest {
    private static final int BATCH = 48;

    @Test
    void aHandlePolledFromAnotherThreadNeverContradictsItself() throws Exception {
        long seconds = Long.getLong("gdxfetch.race.seconds", 3);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong observations = new AtomicLong();
        AtomicReferenceArray<FetchHandle<String>> open = new AtomicReferenceArray<>(BATCH);
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new ScriptedTransport())
                .maxRequestsPerHost(BATCH).build());
        String base = "http://127.0.0.1:9";
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            Thread[] helpers = {
                new Thread(() -> poll(open, problems, observations, end), "handle-poller"),
                new Thread(() -> cancelSome(open, end), "handle-canceller"),
            };
            for (Thread helper : helpers) {
                helper.start();
            }
            Random random = new Random(27);
            int[] callbacks = new int[BATCH];
            while (System.nanoTime() - end < 0) {
                List<FetchHandle<String>> batch = new ArrayList<>(BATCH);
                java.util.Arrays.fill(callbacks, 0);
                for (int i = 0; i < BATCH; i++) {
                    HttpRequest.Builder builder;
                    switch (random.nextInt(4)) {
                        case 0:
                            builder = fetch.get(base + "/ok");
                            break;
                        case 1:
                            builder = fetch.get(base + "/fail").failOnHttpError(true);
                            break;
                        case 2:
                            builder = fetch.get(base + "/held").totalTimeout(1 + random.nextInt(2));
                            break;
                        default:
                            builder = fetch.get(base + "/to-cancel").totalTimeout(5);
                            break;
                    }
                    FetchHandle<String> handle = builder.send(Decoders.text(), counting(callbacks, i));
                    batch.add(handle);
                    open.set(i, handle);
                }
                while (!allDone(batch)) {
                    fetch.update();
                }
                // Cancelled handles are done before their callback: one more frame delivers them.
                while (!fetch.update()) {
                    Thread.yield();
                }
                for (int i = 0; i < BATCH; i++) {
                    if (callbacks[i] != 1) {
                        problems.add(batch.get(i) + " got " + callbacks[i] + " callbacks");
                    }
                }
            }
            for (Thread helper : helpers) {
                helper.join();
            }
            assertTrue(observations.get() > 0, "nothing was observed");
        } finally {
            fetch.dispose();
        }
        assertEquals(List.of(), new ArrayList<>(problems), observations.get() + " observations");
    }

    /** Counts the callbacks of request {@code index}. */
    private static FetchCallback<String> counting(int[] callbacks, int index) {
        return new FetchCallback<String>() {
            @Override
            public void onSuccess(String result, HttpResponse response) {
                callbacks[index]++;
            }

            @Override
            public void onFailure(FetchException failure) {
                callbacks[index]++;
            }

            @Override
            public void onCancelled() {
                callbacks[index]++;
            }
        };
    }

    private static boolean allDone(List<FetchHandle<String>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.get(i).isDone()) {
                return false;
            }
        }
        return true;
    }

    private static void cancelSome(AtomicReferenceArray<FetchHandle<String>> open, long end) {
        Random random = new Random(28);
        while (System.nanoTime() - end < 0) {
            FetchHandle<String> handle = open.get(random.nextInt(open.length()));
            if (handle != null && handle.request().url().endsWith("/to-cancel")) {
                handle.cancel();
            }
            Thread.yield();
        }
    }

    private static void poll(AtomicReferenceArray<FetchHandle<String>> open, ConcurrentLinkedQueue<String> problems,
            AtomicLong observations, long end) {
        long seen = 0;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < open.length(); i++) {
                FetchHandle<String> handle = open.get(i);
                // Several reads in a row, so some fall inside a handle's change of state.
                for (int k = 0; handle != null && k < 4; k++) {
                    check(handle, problems);
                    seen++;
                }
            }
        }
        observations.set(seen);
    }

    /** Reads the handle in the order a game would and records any combination that cannot be. */
    private static void check(FetchHandle<String> handle, ConcurrentLinkedQueue<String> problems) {
        if (problems.size() > 20) {
            return;
        }
        try {
            FetchState state = handle.state();
            boolean done = handle.isDone();
            if (state.ordinal() >= FetchState.SUCCEEDED.ordinal() && !done) {
                problems.add(handle + ": state " + state + " but not done");
            }
            if (handle.isSuccess()) {
                String result = handle.result();
                if (!"ok".equals(result)) {
                    problems.add(handle + ": success with result " + result);
                }
                if (handle.response() == null || handle.status() != 200) {
                    problems.add(handle + ": success without its response");
                }
                if (handle.failure() != null) {
                    problems.add(handle + ": success with a failure");
                }
            } else if (handle.isFailed() || handle.isCancelled()) {
                if (handle.failure() == null) {
                    problems.add(handle + ": " + handle.state() + " without a failure");
                }
                try {
                    handle.result();
                    problems.add(handle + ": result() of a " + handle.state() + " handle returned");
                } catch (FetchException expected) {
                    if (expected != handle.failure()) {
                        problems.add(handle + ": result() threw another failure than failure()");
                    }
                }
            } else if (done) {
                problems.add(handle + ": done but neither succeeded, failed nor cancelled");
            } else {
                try {
                    handle.result();
                    if (!handle.isSuccess()) {
                        problems.add(handle + ": result() returned before success");
                    }
                } catch (IllegalStateException notYet) {
                    // Open when it was read.
                } catch (FetchException endedMeanwhile) {
                    if (!handle.isDone()) {
                        problems.add(handle + ": result() threw " + endedMeanwhile + " while open");
                    }
                }
            }
            if (done && handle.state().ordinal() < FetchState.SUCCEEDED.ordinal()) {
                problems.add(handle + ": done, then open again");
            }
        } catch (RuntimeException e) {
            problems.add(handle + ": " + e);
        }
    }
}
