package com.gdxfetch.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/** A scripted server side that holds every request until the test releases it. */
final class HoldingDispatcher extends Dispatcher {
    private final Semaphore releases = new Semaphore(0);
    private final List<String> arrived = new ArrayList<>();
    private int holding;
    private int maxHolding;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        synchronized (this) {
            arrived.add(request.getPath());
            holding++;
            maxHolding = Math.max(maxHolding, holding);
            notifyAll();
        }
        try {
            if (!releases.tryAcquire(30, TimeUnit.SECONDS)) {
                return new MockResponse().setResponseCode(500).setBody("never released");
            }
        } finally {
            synchronized (this) {
                holding--;
            }
        }
        return new MockResponse().setBody(request.getPath());
    }

    /** Lets {@code count} held requests answer. */
    void release(int count) {
        releases.release(count);
    }

    /** Blocks until {@code count} requests have arrived in all. */
    synchronized void awaitArrived(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (arrived.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("only " + arrived.size() + " of " + count + " requests arrived");
            }
            wait(left);
        }
    }

    synchronized List<String> arrived() {
        return new ArrayList<>(arrived);
    }

    synchronized int holding() {
        return holding;
    }

    synchronized int maxHolding() {
        return maxHolding;
    }
}
