package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

import java.util.concurrent.locks.LockSupport;

/**
 * gdx-fetch under load: the bench thread plays the render thread, calling {@code update()}
 * whenever the manager's wake-up says results wait, and sleeping otherwise, as a game that renders
 * on demand does. In the closed loop each callback, run inside it, sends the
 * next request; queued up front, every request is sent at once and the manager's per-host limit
 * keeps {@code concurrency} in flight, so a slot is refilled by the I/O thread that freed it.
 */
final class FetchLoad implements LoadClient {
    /** A bound on each sleep, though every result wakes the loop. */
    private static final long PARK_LIMIT_NANOS = 10_000_000;

    private final FetchManager fetch;
    private final boolean queuedUpFront;
    /** The thread running the load, woken when results wait. */
    private volatile Thread driver;
    private String url;
    private int total;
    private int sent;
    private int completed;
    private int bodyBytes;
    private FetchException failure;
    private int errors;
    private final FetchCallback<byte[]> next = new FetchCallback<byte[]>() {
        @Override
        public void onSuccess(byte[] body, HttpResponse response) {
            if (response.status() != 200 || body.length != bodyBytes) {
                throw new IllegalStateException(response + "; expected 200 with " + bodyBytes + " bytes");
            }
            completed++;
            if (!queuedUpFront && sent < total) {
                sendOne();
            }
        }

        @Override
        public void onFailure(FetchException error) {
            if (++errors == 1) {
                System.out.println("[bench] request failed in the client: " + error);
            }
            if (errors > total / 100) {
                failure = error;
                return;
            }
            completed++;
            if (!queuedUpFront && sent < total) {
                sendOne();
            }
        }
    };

    /**
     * A closed loop over a manager allowing {@code concurrency} requests to one host, over
     * {@code transport} (null: the default).
     */
    FetchLoad(Transport transport, int concurrency) {
        this(transport, concurrency, false);
    }

    /** As {@link #FetchLoad(Transport, int)}; {@code queuedUpFront} sends every request at the start. */
    FetchLoad(Transport transport, int concurrency, boolean queuedUpFront) {
        this.queuedUpFront = queuedUpFront;
        fetch = new FetchManager(FetchConfig.builder().transport(transport)
                .maxRequests(Math.max(concurrency, FetchConfig.DEFAULT_MAX_REQUESTS))
                .maxRequestsPerHost(concurrency)
                .wakeUp(() -> LockSupport.unpark(driver))
                .callbackErrorHandler((handle, error) -> failure = new FetchException(
                        com.gdxfetch.net.FailureKind.DECODE, handle.request(), error.getMessage(), error))
                .build());
    }

    @Override
    public int run(String url, int total, int concurrency, int bodyBytes) {
        this.driver = Thread.currentThread();
        this.url = url;
        this.total = total;
        this.bodyBytes = bodyBytes;
        sent = 0;
        completed = 0;
        errors = 0;
        int first = queuedUpFront ? total : concurrency;
        for (int i = 0; i < first && sent < total; i++) {
            sendOne();
        }
        while (completed < total) {
            fetch.update();
            if (completed < total) {
                // A wake-up between update() and here leaves a permit, so none is missed.
                LockSupport.parkNanos(PARK_LIMIT_NANOS);
            }
            if (failure != null) {
                throw new IllegalStateException("request failed after " + completed + " completions", failure);
            }
        }
        return errors;
    }

    private void sendOne() {
        sent++;
        fetch.get(url).send(Decoders.bytes(), next);
    }

    @Override
    public void close() {
        fetch.dispose();
    }
}
