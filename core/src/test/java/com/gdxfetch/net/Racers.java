package com.gdxfetch.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;

/**
 * Threads for a race: each waits at one barrier, so all start their body at once, and what a body
 * throws is kept for the test to check, where it would otherwise die with its thread. The test
 * thread can be one of the parties ({@link #go()}), so its own call starts with the racers.
 */
final class Racers {
    /** What one racer does; {@code index} counts racers from 0, in the order they were added. */
    interface Body {
        void run(int index) throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final CyclicBarrier go;

    /** {@code racers} threads, and the test thread too when {@code withCaller} (it then calls {@link #go()}). */
    Racers(int racers, boolean withCaller) {
        go = new CyclicBarrier(withCaller ? racers + 1 : racers);
    }

    /** Adds a racer named {@code name}; it runs {@code body} once every party reached the barrier. */
    Racers add(String name, Body body) {
        int index = threads.size();
        threads.add(new Thread(() -> {
            try {
                go.await();
                body.run(index);
            } catch (Throwable e) {
                thrown.add(e);
            }
        }, name));
        return this;
    }

    void start() {
        for (Thread thread : threads) {
            thread.start();
        }
    }

    /** The test thread's turn at the barrier: returns as the racers start. */
    void go() throws InterruptedException, BrokenBarrierException {
        go.await();
    }

    boolean anyAlive() {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    void join() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** What the racers threw, in the order they threw it. */
    List<Throwable> thrown() {
        return thrown;
    }

    /** Busy-waits {@code spins} turns, to shift one racer's start against the others'. */
    static void spin(int spins) {
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
        }
    }
}
