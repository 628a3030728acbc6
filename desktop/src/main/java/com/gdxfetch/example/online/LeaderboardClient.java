package com.gdxfetch.example.online;

import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.RequestBody;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.RetryPolicy;
import java.util.UUID;

/**
 * The game's side of the leaderboard API, over the shared {@link FetchManager}. Its three calls
 * ({@link #submit}, {@link #queue}, {@link #top}) return at once and may be made on any thread;
 * callbacks run on the thread that calls {@code fetch.update()} (the render thread), inside it.
 * Every answer, an error's too, is decoded on a worker thread into a {@link ServerAnswer}: a
 * refusal such as {@code 422} arrives in {@link FetchCallback#onSuccess} with the server's
 * message, after retries of {@code 5xx} statuses. Failures without an answer (offline, timeouts,
 * a malformed success body) arrive in {@link FetchCallback#onFailure}.
 */
public final class LeaderboardClient {
    /** Tag on every leaderboard request, for cancelling them together. */
    public static final String TAG = "leaderboard";
    /** Tag of scores put in the outbox, given back with their outcome in this run or a later one. */
    public static final String OUTBOX_TAG = "score";
    private static final int TIMEOUT_MILLIS = 10_000;

    /**
     * Submissions are retried even after the request went out: the server counts a key once,
     * so a retry after a lost answer cannot add the score twice.
     */
    private static final RetryPolicy SUBMIT_RETRY = RetryPolicy.builder().maxAttempts(3)
            .baseDelayMillis(300).retryAnyMethod(true).build();
    private static final RetryPolicy FETCH_RETRY = RetryPolicy.builder().maxAttempts(3).baseDelayMillis(300).build();
    /** Decoders are stateless: one of each serves every request. */
    private static final ResponseDecoder<ServerAnswer<SubmitResult>> SUBMITTED = ServerAnswer.decoder(SubmitResult.class);
    private static final ResponseDecoder<ServerAnswer<TopScores>> TOP_AS_SENT = ServerAnswer.decoder(TopScores.class);

    private final FetchManager fetch;
    private final String scoresUrl;

    /** A client for the server at {@code baseUrl} (no trailing slash). Any thread. */
    public LeaderboardClient(FetchManager fetch, String baseUrl) {
        this.fetch = fetch;
        this.scoresUrl = ServerPaths.scores(baseUrl);
    }

    /** A fresh idempotency key: make one per finished round and reuse it for every retry of it. */
    public static String newSubmissionKey() {
        return UUID.randomUUID().toString();
    }

    /**
     * Whether {@code failure} means the server cannot be reached (the player is offline, or the
     * server is down), rather than an answer gone wrong. Any thread.
     */
    public static boolean isOffline(FetchException failure) {
        switch (failure.kind()) {
            case CONNECT_REFUSED:
            case UNKNOWN_HOST:
            case CONNECT_TIMEOUT:
            case NETWORK:
            case READ_TIMEOUT:
            case TOTAL_TIMEOUT:
                return true;
            default:
                return false;
        }
    }

    /** Posts a score; a retry with the same {@code key} is counted once. Any thread. */
    public FetchHandle<ServerAnswer<SubmitResult>> submit(String name, int score, String key,
            FetchCallback<ServerAnswer<SubmitResult>> callback) {
        return fetch.post(scoresUrl, RequestBody.json(new ScoreSubmission(name, score)))
                .header("Idempotency-Key", key)
                .retry(SUBMIT_RETRY)
                .totalTimeout(TIMEOUT_MILLIS)
                .priority(5)
                .tag(TAG)
                .send(SUBMITTED, callback);
    }

    /**
     * Puts a score in the manager's outbox: kept on disk, sent when the server can be reached, in
     * this run or a later one, under the same {@code key}, so it is counted once. Any thread.
     */
    public OutboxHandle queue(String name, int score, String key) {
        return fetch.outbox().send(HttpRequest.post(scoresUrl, RequestBody.json(new ScoreSubmission(name, score)))
                .header("Idempotency-Key", key)
                .build(), OUTBOX_TAG);
    }

    /**
     * Fetches the best {@code count} scores, never more: the rows a server sends beyond them are
     * dropped on the worker, since a scene draws every row it is given. Any thread.
     */
    public FetchHandle<ServerAnswer<TopScores>> top(int count, FetchCallback<ServerAnswer<TopScores>> callback) {
        ResponseDecoder<ServerAnswer<TopScores>> top = response -> {
            ServerAnswer<TopScores> answer = TOP_AS_SENT.decode(response);
            if (answer.body() != null) {
                answer.body().repair(count);
            }
            return answer;
        };
        return fetch.get(scoresUrl).query("limit", count)
                .retry(FETCH_RETRY)
                // Offline or with the server down, the last board this game saw answers instead,
                // from the HTTP cache, with HttpResponse.source() STALE_AFTER_ERROR and its age.
                .staleIfError(true)
                .totalTimeout(TIMEOUT_MILLIS)
                .priority(5)
                .tag(TAG)
                .send(top, callback);
    }
}
