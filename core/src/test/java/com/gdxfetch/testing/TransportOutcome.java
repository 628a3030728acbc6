package com.gdxfetch.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Listens to one exchange on a transport and keeps its outcome: an HttpResponse or a FetchException. */
public class TransportOutcome implements Transport.Listener {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Object outcome;

    @Override
    public void uploadProgress(long sent, long total) {
    }

    @Override
    public void downloadProgress(long received, long total) {
    }

    @Override
    public void completed(HttpResponse response) {
        outcome = response;
        done.countDown();
    }

    @Override
    public void failed(FetchException failure) {
        outcome = failure;
        done.countDown();
    }

    /** The outcome, once the exchange ended (at most 30 s from now). */
    public Object await() throws InterruptedException {
        assertTrue(done.await(30, TimeUnit.SECONDS), "no outcome");
        return outcome;
    }
}
