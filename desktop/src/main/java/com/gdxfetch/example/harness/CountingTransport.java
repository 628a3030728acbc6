package com.gdxfetch.example.harness;

import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Diagnostics harness, not gameplay: a transport that passes every exchange to another and counts what came back, so the game can
 * say how many files a load revalidated ({@code 304 Not Modified}) rather than downloaded. It
 * sees each attempt on the wire, retries included. Counters may be read from any thread;
 * listeners run on the wrapped transport's threads.
 */
public final class CountingTransport implements Transport {
    private final Transport wire;
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Counts the exchanges of {@code wire}, which this transport then owns and disposes. */
    public CountingTransport(Transport wire) {
        this.wire = wire;
    }

    /** Responses with status 304 so far. */
    public int notModifiedCount() {
        return notModified.get();
    }

    /** Responses with a 2xx status so far. */
    public int successCount() {
        return succeeded.get();
    }

    /** Exchanges that ended without a response so far. */
    public int failureCount() {
        return failed.get();
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        return wire.start(request, new Listener() {
            @Override
            public void uploadProgress(long sent, long total) {
                listener.uploadProgress(sent, total);
            }

            @Override
            public void downloadProgress(long received, long total) {
                listener.downloadProgress(received, total);
            }

            @Override
            public void completed(HttpResponse response) {
                if (response.status() == 304) {
                    notModified.incrementAndGet();
                } else if (response.isSuccessful()) {
                    succeeded.incrementAndGet();
                }
                listener.completed(response);
            }

            @Override
            public void failed(FetchException failure) {
                failed.incrementAndGet();
                listener.failed(failure);
            }
        });
    }

    /** The wrapped transport, through which the game's WebSocket channels connect. */
    @Override
    public Transport delegate() {
        return wire;
    }

    @Override
    public void dispose() {
        wire.dispose();
    }
}
