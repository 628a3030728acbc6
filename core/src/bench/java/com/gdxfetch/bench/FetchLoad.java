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
 * gdx-fetch under load: the bench thread plays the render thread, and each callback, run inside
 * {@code update()}, sends the next request. Rendering continuously, it runs frames back to back,
 * one {@code update()} each, as every other client's bench thread runs empty frames beside it
 * ({@link BackToBackFrames}). Rendering on demand, it calls {@code update()} when the manager's
 * wake-up says results wait and sleeps otherwise: no desktop backend wakes that promptly
 * (LWJGL3 sleeps a whole idle frame), so this is the closed loop with a thread crossing in each
 * direction per request and nothing else on the cores.
 */
final class FetchLoad implements LoadClient {
    /** A bound on each sleep, though every result wakes the loop. */
    private static final long PARK_LIMIT_NANOS = 10_000_000;

    private final FetchManager fetch;
    private final boolean onDemand;
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
            completeAndSendNext();
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
            completeAndSendNext();
        }
    };

    /**
     * A closed loop over a manager allowing {@code concurrency} requests to one host, over
     * {@code transport} (null: the default), driven by frames back to back.
     */
    FetchLoad(Transport transport, int concurrency) {
        this(transport, concurrency, false);
    }

    /** As {@link #FetchLoad(Transport, int)}, driven on demand when {@code onDemand} is true. */
    FetchLoad(Transport transport, int concurrency, boolean onDemand) {
        this.onDemand = onDemand;
        FetchConfig.Builder config = FetchConfig.builder().transport(transport)
                .maxRequests(Math.max(concurrency, FetchConfig.DEFAULT_MAX_REQUESTS))
                .maxRequestsPerHost(concurrency);
        if (onDemand) {
            config.wakeUp(() -> LockSupport.unpark(driver));
        }
        fetch = new FetchManager(config
                .callbackErrorHandler((handle, error) -> failure = new FetchException(
                        com.gdxfetch.net.FailureKind.DECODE, handle.request(), error.getMessage(), error))
                .build());
    }

    @Override
    public int run(String url, int total, int concurrency, int bodyBytes) throws ClosedLoop.Stalled {
        this.driver = Thread.currentThread();
        this.url = url;
        this.total = total;
        this.bodyBytes = bodyBytes;
        sent = 0;
        completed = 0;
        errors = 0;
        for (int i = 0; i < concurrency && sent < total; i++) {
            sendOne();
        }
        BackToBackFrames.run(onDemand ? this::updateThenSleep : fetch::update,
                () -> completed >= total || failure != null, () -> completed, total);
        if (failure != null) {
            throw ClosedLoop.failedAfter(completed, failure);
        }
        return errors;
    }

    /** An on-demand frame: what waits, then sleep until the wake-up says more waits. */
    private void updateThenSleep() {
        fetch.update();
        if (completed < total) {
            // A wake-up between update() and here leaves a permit, so none is missed.
            LockSupport.parkNanos(PARK_LIMIT_NANOS);
        }
    }

    private void completeAndSendNext() {
        completed++;
        if (sent < total) {
            sendOne();
        }
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
