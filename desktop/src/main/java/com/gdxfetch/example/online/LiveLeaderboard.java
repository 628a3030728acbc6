package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.SerializationException;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;

/**
 * The title screen's leaderboard, kept up to date while it shows: the best scores are fetched
 * once, then the server's live feed (a WebSocket named in that answer) pushes the new board
 * whenever any game, this one or another instance against the same server, posts a score.
 *
 * <p>Render thread only: {@link #start()}, {@link #stop()} and the getters are called by the
 * scene, and every answer and pushed message arrives inside {@code fetch.update()}. A dropped
 * feed reconnects with backoff; while it does, {@link #status()} says so.
 */
public final class LiveLeaderboard {
    /** Reconnects a few times, a second or so apart, then gives up until the title shows again. */
    private static final RetryPolicy RECONNECT = RetryPolicy.builder().maxAttempts(5).baseDelayMillis(500)
            .maxDelayMillis(4000).build();
    /** A pushed board is a few hundred bytes; anything much larger is not the feed. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private final FetchManager fetch;
    private final LeaderboardClient client;
    private final int rows;
    private final Json json = new Json();
    private final Array<ScoreRow> board = new Array<>();
    private WebSocket feed;
    private FetchHandle<ServerAnswer<TopScores>> loading;
    private int version;
    private String status = "";
    private boolean started;

    /** A board of the best {@code rows} scores from {@code client}'s server. */
    public LiveLeaderboard(FetchManager fetch, LeaderboardClient client, int rows) {
        this.fetch = fetch;
        this.client = client;
        this.rows = rows;
        json.setIgnoreUnknownFields(true);
    }

    /** Fetches the board and opens the live feed; does nothing while already started. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        status = "loading";
        loading = client.top(rows, new FetchCallback<ServerAnswer<TopScores>>() {
            @Override
            public void onSuccess(ServerAnswer<TopScores> answer, HttpResponse response) {
                if (!started) {
                    return;
                }
                if (!answer.isSuccessful()) {
                    status = "leaderboard unavailable (" + answer.status() + ")";
                    return;
                }
                show(answer.body());
                status = "";
                if (answer.body().live != null && feed == null) {
                    try {
                        open(answer.body().live);
                    } catch (IllegalStateException | IllegalArgumentException noFeed) {
                        // A manager that cannot carry WebSockets (Gdx.net), or a URL it refuses:
                        // the board still shows, without live updates.
                        status = "live updates unavailable";
                    }
                }
            }

            @Override
            public void onFailure(FetchException failure) {
                if (started && failure.kind() != FailureKind.CANCELLED) {
                    status = "leaderboard offline";
                }
            }
        });
    }

    /** Closes the feed (close code 1000); the board keeps its last rows. */
    public void stop() {
        started = false;
        if (loading != null) {
            loading.cancel();
            loading = null;
        }
        if (feed != null) {
            feed.close(1000, "title closed");
            feed = null;
        }
        status = "";
    }

    private void open(String url) {
        feed = fetch.webSocket(url).maxMessageBytes(MAX_MESSAGE_BYTES).reconnect(RECONNECT)
                .open(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, String protocol) {
                        if (webSocket == feed) {
                            status = "live";
                        }
                    }

                    @Override
                    public void onText(WebSocket webSocket, String text) {
                        if (webSocket != feed) {
                            return;
                        }
                        try {
                            // A few hundred bytes, once per posted score: small enough for the render thread.
                            show(json.fromJson(TopScores.class, text));
                        } catch (SerializationException malformed) {
                            status = "bad live data";
                        }
                    }

                    @Override
                    public void onReconnecting(WebSocket webSocket, int attempt, long delayMillis) {
                        if (webSocket == feed) {
                            status = "reconnecting";
                        }
                    }

                    @Override
                    public void onFailure(WebSocket webSocket, FetchException failure) {
                        if (webSocket == feed) {
                            status = "live feed lost";
                            feed = null;
                        }
                    }

                    @Override
                    public void onClosed(WebSocket webSocket, int code, String reason) {
                        if (webSocket == feed) {
                            status = "";
                            feed = null;
                        }
                    }
                });
    }

    private void show(TopScores top) {
        board.clear();
        for (int i = 0; i < top.scores.size && i < rows; i++) {
            board.add(top.scores.get(i));
        }
        version++;
    }

    /** The rows, best first; the same array, refilled on each change. */
    public Array<ScoreRow> rows() {
        return board;
    }

    /** Counts the boards shown, so a scene can tell when to redraw its text. */
    public int version() {
        return version;
    }

    /** "live", "reconnecting", an error, or "" while nothing needs saying. */
    public String status() {
        return status;
    }

    /** Whether the live feed is open. */
    public boolean isLive() {
        return feed != null && feed.state() == WebSocket.State.OPEN;
    }
}
