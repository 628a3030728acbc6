package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.Transports;

/** gdx-fetch as a game uses it: JSON decoded on workers, {@code update(2)} once per frame. */
final class FetchFrameClient extends FrameClient {
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
            long start = System.nanoTime();
            latestCallbackStartNanos = Math.max(latestCallbackStartNanos, start - updateStartNanos);
            parsedOne(board);
            longestCallbackNanos = Math.max(longestCallbackNanos, System.nanoTime() - start);
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

    private FetchFrameClient(String name, FetchManager fetch) {
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
        for (int i = 0; i < newRequests; i++) {
            fetch.get(url).send(decoder, callback);
        }
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
