package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.JsonWriter;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.RequestBody;
import com.gdxfetch.net.RetryPolicy;
import java.util.UUID;

/**
 * The game's side of the leaderboard API, over the shared {@link FetchManager}. Both calls return
 * at once; JSON is decoded on a worker thread and callbacks run on the render thread inside
 * {@code fetch.update()}. Failures (offline, HTTP errors, bad JSON) arrive in
 * {@link FetchCallback#onFailure}.
 */
public final class LeaderboardClient {
    /** Tag on every leaderboard request, for cancelling them together. */
    public static final String TAG = "leaderboard";
    private static final int TIMEOUT_MILLIS = 10_000;

    /**
     * Submissions are retried even after the request went out: the server counts a key once,
     * so a retry after a lost answer cannot add the score twice.
     */
    private static final RetryPolicy SUBMIT_RETRY = RetryPolicy.builder().maxAttempts(3)
            .baseDelayMillis(300).retryAnyMethod(true).build();
    private static final RetryPolicy FETCH_RETRY = RetryPolicy.builder().maxAttempts(3).baseDelayMillis(300).build();

    private final FetchManager fetch;
    private final String scoresUrl;

    /** A client for the server at {@code baseUrl} (no trailing slash). Any thread. */
    public LeaderboardClient(FetchManager fetch, String baseUrl) {
        this.fetch = fetch;
        this.scoresUrl = baseUrl + "/api/scores";
    }

    /** A fresh idempotency key: make one per finished round and reuse it for every retry of it. */
    public static String newSubmissionKey() {
        return UUID.randomUUID().toString();
    }

    /** Posts a score; a retry with the same {@code key} is counted once. Render thread. */
    public FetchHandle<SubmitResult> submit(String name, int score, String key, FetchCallback<SubmitResult> callback) {
        String json = JsonWriter.OutputType.json.quoteValue(name);
        return fetch.post(scoresUrl, RequestBody.jsonText("{\"name\":" + json + ",\"score\":" + score + "}"))
                .header("Idempotency-Key", key)
                .retry(SUBMIT_RETRY)
                .totalTimeout(TIMEOUT_MILLIS)
                .failOnHttpError(true)
                .priority(5)
                .tag(TAG)
                .send(Decoders.json(SubmitResult.class), callback);
    }

    /** Fetches the best {@code count} scores. Render thread. */
    public FetchHandle<TopScores> top(int count, FetchCallback<TopScores> callback) {
        return fetch.get(scoresUrl).query("limit", count)
                .retry(FETCH_RETRY)
                .totalTimeout(TIMEOUT_MILLIS)
                .failOnHttpError(true)
                .priority(5)
                .tag(TAG)
                .send(Decoders.json(TopScores.class), callback);
    }
}
