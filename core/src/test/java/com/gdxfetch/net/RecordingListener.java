package com.gdxfetch.net;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A transport listener that records progress and waits for the one outcome. */
final class RecordingListener implements Transport.Listener {
    /** Long enough for a loaded CI machine; a test that waits this long has failed anyway. */
    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch firstUpload = new CountDownLatch(1);
    private final CountDownLatch firstDownload = new CountDownLatch(1);
    private final AtomicInteger outcomes = new AtomicInteger();
    volatile long uploaded = -1;
    volatile long uploadTotal = -1;
    volatile long downloaded = -1;
    volatile long downloadTotal = -2;
    volatile boolean downloadStartedAtZero;
    private volatile HttpResponse response;
    private volatile FetchException failure;
    volatile Thread outcomeThread;

    @Override
    public void uploadProgress(long sent, long total) {
        uploaded = sent;
        uploadTotal = total;
        firstUpload.countDown();
    }

    @Override
    public void downloadProgress(long received, long total) {
        if (downloaded < 0) {
            downloadStartedAtZero = received == 0;
        }
        downloaded = received;
        downloadTotal = total;
        if (received > 0) {
            firstDownload.countDown();
        }
    }

    @Override
    public void completed(HttpResponse r) {
        response = r;
        outcome();
    }

    @Override
    public void failed(FetchException f) {
        failure = f;
        outcome();
    }

    private void outcome() {
        outcomes.incrementAndGet();
        outcomeThread = Thread.currentThread();
        done.countDown();
    }

    /** How many outcomes were reported; the contract allows exactly one. */
    int outcomes() {
        return outcomes.get();
    }

    /** Waits for the outcome and returns the response, failing the test on a failure. */
    HttpResponse awaitResponse() throws InterruptedException {
        await(done, "the exchange's outcome");
        if (failure != null) {
            throw new AssertionError("expected a response but the exchange failed: " + failure, failure);
        }
        return response;
    }

    /** Waits for the outcome and returns the failure, failing the test on a response. */
    FetchException awaitFailure() throws InterruptedException {
        await(done, "the exchange's outcome");
        if (response != null) {
            throw new AssertionError("expected a failure but got " + response);
        }
        return failure;
    }

    void awaitUploadStarted() throws InterruptedException {
        await(firstUpload, "upload progress");
    }

    void awaitDownloadStarted() throws InterruptedException {
        await(firstDownload, "download progress");
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s");
        }
    }
}
