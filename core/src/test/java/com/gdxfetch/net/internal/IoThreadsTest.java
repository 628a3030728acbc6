package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class IoThreadsTest {
    private static final long WAIT_SECONDS = 10;

    private final IoThreads threads = new IoThreads(Thread.NORM_PRIORITY);
    private final BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(16);

    @AfterEach
    void shutDown() {
        assertTrue(threads.shutdownAndJoin(10_000), "every I/O thread ended");
    }

    @Test
    void aTaskSentAsAnotherEndsRunsOnThatThreadWithoutStartingOne() throws Exception {
        threads.execute(() -> {
            ranOn.add(Thread.currentThread());
            IoThreads.currentTaskEnding();
            threads.execute(this::recordThread);
        });
        Thread first = take();
        assertSame(first, take(), "the reply ran on the thread that sent it");
        assertEquals(1, threads.threadCount(), "no second thread was started");
    }

    @Test
    void aTaskSentWhileTheOnlyThreadIsBusyStartsAnotherAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        threads.execute(() -> {
            recordThread();
            await(release);
        });
        Thread busy = take();
        threads.execute(this::recordThread);
        Thread second = take();
        assertNotSame(busy, second, "the second task did not wait for the busy thread");
        release.countDown();
    }

    @Test
    void theMostRecentlyIdleThreadTakesTheNextTask() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        Thread[] ran = new Thread[2];
        CountDownLatch bothRunning = new CountDownLatch(2);
        threads.execute(() -> {
            ran[0] = Thread.currentThread();
            bothRunning.countDown();
            await(releaseFirst);
        });
        threads.execute(() -> {
            ran[1] = Thread.currentThread();
            bothRunning.countDown();
            await(releaseSecond);
        });
        assertTrue(bothRunning.await(WAIT_SECONDS, TimeUnit.SECONDS), "both tasks ran at once");
        releaseFirst.countDown();
        awaitIdle(1);
        releaseSecond.countDown();
        awaitIdle(2);
        threads.execute(this::recordThread);
        assertSame(ran[1], take(), "the thread idle for the shortest time took the task");
        assertEquals(2, threads.threadCount());
    }

    @Test
    void aBurstSentToIdleThreadsRunsOnAllOfThemAtOnceWithoutStartingMore() throws Exception {
        int count = 4;
        runAtOnce(count);
        awaitIdle(count);
        // Each task waits for all the others: they can only end if every idle thread was woken,
        // though the sender wakes one and each woken thread the next.
        runAtOnce(count);
        assertEquals(count, threads.threadCount(), "the idle threads took the burst");
    }

    @Test
    void afterShutdownTasksAreRefusedAndNoThreadIsLeft() throws Exception {
        threads.execute(this::recordThread);
        take();
        assertTrue(threads.shutdownAndJoin(10_000));
        assertThrows(RejectedExecutionException.class, () -> threads.execute(this::recordThread));
        assertEquals(0, threads.threadCount());
    }

    /** Sends {@code count} tasks that each wait for all of them to be running; fails unless they all ran at once. */
    private void runAtOnce(int count) throws InterruptedException {
        CountDownLatch allRunning = new CountDownLatch(count);
        CountDownLatch allEnded = new CountDownLatch(count);
        AtomicInteger sawAllRunning = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            threads.execute(() -> {
                allRunning.countDown();
                if (await(allRunning)) {
                    sawAllRunning.incrementAndGet();
                }
                allEnded.countDown();
            });
        }
        assertTrue(allEnded.await(WAIT_SECONDS, TimeUnit.SECONDS), count + " tasks ended");
        assertEquals(count, sawAllRunning.get(), "every task saw all " + count + " running at once");
    }

    @Test
    void tasksSentWhileNoThreadCanStartRunOnceOneCan() throws Exception {
        AtomicInteger refusals = new AtomicInteger(3);
        IoThreads starved = new IoThreads(Thread.NORM_PRIORITY, thread -> {
            if (refusals.getAndDecrement() > 0) {
                // What Thread.start throws when the process has no room for another native thread.
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            thread.start();
        });
        try {
            CountDownLatch ran = new CountDownLatch(2);
            starved.execute(ran::countDown);
            starved.execute(ran::countDown);
            assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS), "the queued tasks ran once a thread could start");
            CountDownLatch later = new CountDownLatch(1);
            starved.execute(later::countDown);
            assertTrue(later.await(WAIT_SECONDS, TimeUnit.SECONDS), "a task sent afterwards ran too");
        } finally {
            assertTrue(starved.shutdownAndJoin(10_000), "every I/O thread ended");
        }
    }

    private void recordThread() {
        ranOn.add(Thread.currentThread());
    }

    private Thread take() throws InterruptedException {
        Thread thread = ranOn.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(thread != null, "a task ran within " + WAIT_SECONDS + " s");
        return thread;
    }

    private void awaitIdle(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (threads.idleCount() < count) {
            assertTrue(System.nanoTime() < deadline, count + " threads idle within " + WAIT_SECONDS + " s");
            Thread.yield();
        }
    }

    /** Whether {@code latch} opened within the wait. */
    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
