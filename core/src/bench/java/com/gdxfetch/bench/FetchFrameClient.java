package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;

/** gdx-fetch as a game uses it: JSON decoded on workers, {@code update(2)} once per frame. */
final class FetchFrameClient extends FrameClient {
    private static final int UPDATE_BUDGET_MILLIS = 2;

    private final FetchManager fetch = new FetchManager();
    private final ResponseDecoder<Leaderboard> decoder = Decoders.json(Leaderboard.class);
    private final FetchCallback<Leaderboard> callback = new FetchCallback<Leaderboard>() {
        @Override
        public void onSuccess(Leaderboard board, HttpResponse response) {
            parsedOne(board);
        }

        @Override
        public void onFailure(FetchException failure) {
            failedOne(failure);
        }
    };

    @Override
    String name() {
        return "gdx-fetch";
    }

    @Override
    void frame(String url, int newRequests) {
        fetch.update(UPDATE_BUDGET_MILLIS);
        for (int i = 0; i < newRequests; i++) {
            fetch.get(url).send(decoder, callback);
        }
    }

    @Override
    public void close() {
        fetch.dispose();
    }
}
