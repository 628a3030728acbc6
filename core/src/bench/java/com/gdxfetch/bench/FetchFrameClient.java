package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.Transports;

/**
 * gdx-fetch as a game uses it: JSON decoded on workers, {@code update(2)} once per frame. Other
 * kinds of load (a WebSocket channel's messages) extend it and replace {@link #send}, keeping the
 * same frame and the same record of how deliveries kept to the budget.
 */
class FetchFrameClient extends FrameClient {
    private static final int UPDATE_BUDGET_MILLIS = 2;

    private final String name;
    private final FetchManager fetch;
    /** When the current {@code update(2)} began, and this loop's figures for {@link #deliveryTimes()}. */
    private long updateStartNanos;
    private long longestUpdateNanos;
    private long longestCallbackNanos;
    private long latestCallbackStartNanos;
    private final ResponseDecoder<Leaderboard> decoder = Decoders.json(Leaderboard.class);
    private final FetchCallback<Leaderboard> callback = new FetchCallback<Leaderboard>() {
        @Override
        public void onSuccess(Leaderboard board, HttpResponse response) {
            long start = callbackStarted();
            parsedOne(board);
            callbackEnded(start);
        }

        @Override
        public void onFailure(FetchException failure) {
            failedOne(failure);
        }
    };

    /** The default manager: I/O and decoding threads below the render thread's priority. */
    FetchFrameClient() {
        this("gdx-fetch", new FetchManager());
    }

    /**
     * Workers at the render thread's own priority: what a Linux JVM without
     * {@code -XX:ThreadPriorityPolicy=1} does with the default, since it ignores priorities.
     */
    static FetchFrameClient atNormalPriority() {
        return new FetchFrameClient("gdx-fetch-normal-priority", new FetchManager(FetchConfig.builder()
                .transport(Transports.sockets(null, Thread.NORM_PRIORITY)).build()));
    }

    FetchFrameClient(String name, FetchManager fetch) {
        this.name = name;
        this.fetch = fetch;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    void frame(String url, int newRequests) {
        updateStartNanos = System.nanoTime();
        fetch.update(UPDATE_BUDGET_MILLIS);
        longestUpdateNanos = Math.max(longestUpdateNanos, System.nanoTime() - updateStartNanos);
        send(url, newRequests);
    }

    /** Asks for this frame's {@code newRequests} responses, after the frame's {@code update(2)}. */
    void send(String url, int newRequests) {
        for (int i = 0; i < newRequests; i++) {
            fetch.get(url).send(decoder, callback);
        }
    }

    /** The manager, for a subclass's own requests or channels. */
    final FetchManager fetch() {
        return fetch;
    }

    /** Called first in every callback; returns its start for {@link #callbackEnded}. */
    final long callbackStarted() {
        long start = System.nanoTime();
        latestCallbackStartNanos = Math.max(latestCallbackStartNanos, start - updateStartNanos);
        return start;
    }

    /** Called last in every callback. */
    final void callbackEnded(long start) {
        longestCallbackNanos = Math.max(longestCallbackNanos, System.nanoTime() - start);
    }

    @Override
    void loopStarted() {
        longestUpdateNanos = 0;
        longestCallbackNanos = 0;
        latestCallbackStartNanos = 0;
    }

    @Override
    DeliveryTimes deliveryTimes() {
        return new DeliveryTimes(UPDATE_BUDGET_MILLIS, longestUpdateNanos / 1e6, longestCallbackNanos / 1e6,
                latestCallbackStartNanos / 1e6);
    }

    @Override
    public void close() {
        fetch.dispose();
    }
}
