package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.Array;
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
 * The title screen's leaderboard, kept up to date while it shows: the best scores are fetched,
 * then the server's live feed (a WebSocket named in that answer) says whenever any game, this one
 * or another instance against the same server, posts a score, and the board is fetched again.
 * The board always comes over HTTP, so its JSON is decoded on a worker thread; the feed carries
 * only the news that it changed.
 *
 * <p>Render thread only: {@link #start()}, {@link #stop()} and the getters are called by the
 * scene, and every answer and feed message arrives inside {@code fetch.update()}. A dropped feed
 * reconnects with backoff; while it does, {@link #status()} says so, and once the reconnects run
 * out with the server unreachable, it says the game is offline and the rows are the last seen.
 */
public final class LiveLeaderboard {
    /** Reconnects a few times, a second or so apart, then gives up until the title shows again. */
    private static final RetryPolicy RECONNECT = RetryPolicy.builder().maxAttempts(5).baseDelayMillis(500)
            .maxDelayMillis(4000).build();
    /** The feed's messages are a few bytes; anything much larger is not the feed. */
    private static final int MAX_MESSAGE_BYTES = 1024;

    private final FetchManager fetch;
    private final LeaderboardClient client;
    private final int rows;
    private final RetryPolicy reconnect;
    private final Array<ScoreRow> board = new Array<>();
    private final FetchCallback<ServerAnswer<TopScores>> answered = new FetchCallback<ServerAnswer<TopScores>>() {
        @Override
        public void onSuccess(ServerAnswer<TopScores> answer, HttpResponse response) {
            loading = null;
            if (!started) {
                return;
            }
            if (!answer.isSuccessful()) {
                status = "leaderboard unavailable (" + answer.status() + ")";
                return;
            }
            show(answer.body());
            if (feed == null && answer.body().live != null) {
                openFeed(answer.body().live);
            }
            if (stale) {
                stale = false;
                refresh();
            }
        }

        @Override
        public void onFailure(FetchException failure) {
            loading = null;
            if (started && failure.kind() != FailureKind.CANCELLED) {
                status = "leaderboard offline";
            }
        }
    };
    private WebSocket feed;
    private FetchHandle<ServerAnswer<TopScores>> loading;
    /** The board changed while a fetch was under way: fetch once more when it answers. */
    private boolean stale;
    private int version;
    private String status = "";
    private boolean started;

    /** A board of the best {@code rows} scores from {@code client}'s server; its feed reconnects. */
    public LiveLeaderboard(FetchManager fetch, LeaderboardClient client, int rows) {
        this(fetch, client, rows, RECONNECT);
    }

    /**
     * A board of the best {@code rows} scores from {@code client}'s server, its feed reconnecting
     * with {@code reconnect}, or not at all when it is null.
     */
    public LiveLeaderboard(FetchManager fetch, LeaderboardClient client, int rows, RetryPolicy reconnect) {
        this.fetch = fetch;
        this.client = client;
        this.rows = rows;
        this.reconnect = reconnect;
    }

    /** Fetches the board and opens the live feed; does nothing while already started. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        status = "loading";
        refresh();
    }

    /** Closes the feed; the board keeps its last rows. */
    public void stop() {
        started = false;
        stale = false;
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

    /**
     * Fetches the board, or, with a fetch under way, asks for one more after it: one request at a
     * time. The feed calls it on every change; a game calls it after its own submission when the
     * feed may be down.
     */
    public void refresh() {
        if (loading != null) {
            stale = true;
            return;
        }
        loading = client.top(rows, answered);
    }

    private void openFeed(String url) {
        try {
            feed = fetch.webSocket(url).maxMessageBytes(MAX_MESSAGE_BYTES).reconnect(reconnect)
                    .open(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, String protocol) {
                            if (webSocket == feed) {
                                status = "live";
                            }
                        }

                        @Override
                        public void onText(WebSocket webSocket, String text) {
                            if (webSocket == feed) {
                                refresh();
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
                                // The reconnects have run out: the rows shown are the last ones seen.
                                status = LeaderboardClient.isOffline(failure) ? "offline: board as last seen" : "live feed lost";
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
        } catch (IllegalStateException | IllegalArgumentException noFeed) {
            // A manager that cannot carry WebSockets (Gdx.net), or a URL it refuses: the board
            // still shows, without live updates.
            status = "live updates unavailable";
        }
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

    /** Counts the boards shown, so a scene can tell when to remake its text. */
    public int version() {
        return version;
    }

    /** "live", "reconnecting", "offline: board as last seen", an error, or "" while nothing needs saying. */
    public String status() {
        return status;
    }

    /** Whether the live feed is open. */
    public boolean isLive() {
        return feed != null && feed.state() == WebSocket.State.OPEN;
    }
}
