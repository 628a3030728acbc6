package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;

/** gdx-fetch as a game uses it: JSON decoded on workers, {@code update(2)} once per frame. */
final class FetchFrameClient implements FrameClient {
    private static final int UPDATE_BUDGET_MILLIS = 2;

    private final FetchManager fetch = new FetchManager();
    private final ResponseDecoder<Leaderboard> decoder = Decoders.json(Leaderboard.class);
    private int parsed;
    private int failed;
    private long checksum;
    private final FetchCallback<Leaderboard> callback = new FetchCallback<Leaderboard>() {
        @Override
        public void onSuccess(Leaderboard board, HttpResponse response) {
            parsed++;
            checksum += board.checksum();
        }

        @Override
        public void onFailure(FetchException failure) {
            if (failed++ == 0) {
                System.out.println("[bench] frame: gdx-fetch request failed: " + failure);
            }
        }
    };

    @Override
    public String name() {
        return "gdx-fetch";
    }

    @Override
    public void frame(String url, int newRequests) {
        fetch.update(UPDATE_BUDGET_MILLIS);
        for (int i = 0; i < newRequests; i++) {
            fetch.get(url).send(decoder, callback);
        }
    }

    @Override
    public int parsed() {
        return parsed;
    }

    @Override
    public int failed() {
        return failed;
    }

    @Override
    public long checksum() {
        return checksum;
    }

    @Override
    public void close() {
        fetch.dispose();
    }
}
