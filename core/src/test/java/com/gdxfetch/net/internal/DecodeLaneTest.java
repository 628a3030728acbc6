package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DecodeLaneTest {
    private static final long WAIT_SECONDS = 10;

    @Test
    void aWorkerFindingEverySlotTakenReturnsAtOnceAndTheSlotHolderDecodesItsJob() throws Exception {
        DecodeLane lane = new DecodeLane(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicReference<String> secondRanOn = new AtomicReference<>();
        Thread holder = new Thread(() -> lane.decode(() -> {
            firstStarted.countDown();
            await(releaseFirst);
        }), "slot-holder");
        holder.start();
        assertTrue(firstStarted.await(WAIT_SECONDS, TimeUnit.SECONDS));

        CountDownLatch secondReturned = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            lane.decode(() -> secondRanOn.set(Thread.currentThread().getName()));
            secondReturned.countDown();
        }, "other-worker");
        other.start();

        assertTrue(secondReturned.await(WAIT_SECONDS, TimeUnit.SECONDS),
                "a worker waited for a decode slot instead of leaving its job");
        assertEquals(null, secondRanOn.get(), "the job ran although the only slot was taken");
        releaseFirst.countDown();
        holder.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(holder.isAlive());
        assertEquals("slot-holder", secondRanOn.get());
    }

    @Test
    void everyJobRunsOnceAndNeverMoreThanTheSlotsAtOnce() throws Exception {
        int slots = 2;
        int workers = 8;
        int jobsEach = 5_000;
        DecodeLane lane = new DecodeLane(slots);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                await(go);
                for (int j = 0; j < jobsEach; j++) {
                    lane.decode(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        ran.incrementAndGet();
                        running.decrementAndGet();
                    });
                }
            });
            threads.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : threads) {
            worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertFalse(worker.isAlive());
        }
        // Once every caller has returned, nothing may be left in the queue without a slot holder.
        assertEquals(workers * jobsEach, ran.get());
        assertTrue(mostAtOnce.get() <= slots, "decodes at once: " + mostAtOnce.get());
    }

    @Test
    void aJobLeftJustAsTheHolderLetsGoIsStillRun() throws Exception {
        DecodeLane lane = new DecodeLane(1);
        AtomicInteger ran = new AtomicInteger();
        int rounds = 20_000;
        CyclicBarrier together = new CyclicBarrier(2);
        Runnable submitter = () -> {
            for (int r = 0; r < rounds; r++) {
                try {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                lane.decode(ran::incrementAndGet);
                try {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                // Both callers have returned: both jobs of this round must have run.
                if (ran.get() != 2 * (r + 1)) {
                    throw new AssertionError("round " + r + ": " + ran.get() + " jobs ran of " + 2 * (r + 1));
                }
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                submitter.run();
            } catch (Throwable t) {
                failure.set(t);
                together.reset();
            }
        });
        other.start();
        submitter.run();
        other.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertEquals(null, failure.get());
        assertEquals(2 * rounds, ran.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
