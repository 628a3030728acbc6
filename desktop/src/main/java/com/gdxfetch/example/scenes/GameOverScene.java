package com.gdxfetch.example.scenes;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.utils.Array;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.ScoreRow;
import com.gdxfetch.example.online.ServerAnswer;
import com.gdxfetch.example.online.SubmitResult;
import com.gdxfetch.example.online.TopScores;
import com.gdxfetch.example.ui.Ui;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.OutboxListener;
import com.gdxfetch.net.OutboxResult;
import com.gdxfetch.net.ResponseSource;

/**
 * Game over: submits the score (with an idempotency key, so a retry counts once), then fetches
 * and shows the top ten, while the night scene keeps moving at full frame rate. Offline and
 * server errors show what went wrong and offer a retry; the server's own message arrives already
 * decoded, so the render thread parses nothing. A score the server cannot take now (offline, or
 * the server down) goes into the manager's outbox under its idempotency key: the scene says it
 * will be sent and shows the last board seen, from the HTTP cache labelled with its age; the score
 * is sent in this run or the next online one, counted once. Leaving the scene cancels its
 * requests. Reached from the title too, to view the board without a score.
 */
public final class GameOverScene extends Scene {
    /** Rows fetched and shown. */
    public static final int ROWS = 10;
    /** The leaderboard panel, in world (and, at the default window size, screen) pixels, y up. */
    public static final int PANEL_X = 280;
    public static final int PANEL_Y = 58;
    public static final int PANEL_W = 400;
    public static final int PANEL_H = 364;
    /** Top of the first row, and the distance between rows. */
    public static final int FIRST_ROW_TOP = PANEL_Y + PANEL_H - 50;
    public static final int ROW_STEP = 30;
    /** Top of the label saying the board is an offline copy, between the score line and the panel. */
    public static final int AGE_LABEL_TOP = PANEL_Y + PANEL_H + 22;
    private static final Color YOUR_ROW = new Color(0.3f, 0.9f, 0.7f, 0.25f);

    private enum State { SUBMITTING, FETCHING, SHOWN, FAILED }

    private final Array<ScoreRow> rows = new Array<>();
    private final StringBuilder scoreLine = new StringBuilder();
    private final Array<String> rankTexts = new Array<>();
    private final Array<String> scoreTexts = new Array<>();
    /** "Offline: board from 5 min ago" when the board shown came from the cache, else null. */
    private String boardAge;
    private State state;
    private int score = -1;
    private String submissionKey;
    private long submittedId = -1;
    private boolean submitted;
    private Array<String> error;
    private int generation;
    /** The outbox id of this visit's score while it waits there, else null. */
    private String queuedId;
    private int queuedVisit = -1;

    /** The scene for {@code game}; created on the render thread once the sprite sheet is loaded. */
    public GameOverScene(FetchGame game) {
        super(game);
        // Registered at start-up: a score queued in an earlier run reports here once it is sent.
        game.fetch.outbox().setListener(new OutboxListener() {
            @Override
            public void onAnswered(OutboxResult result) {
                if (LeaderboardClient.OUTBOX_TAG.equals(result.tag())) {
                    queuedScoreAnswered(result);
                }
            }

            @Override
            public void onDropped(String id, String reason) {
                Gdx.app.error("leaderboard", "a queued score was lost: " + reason);
            }
        });
    }

    /** Prepares to submit {@code points} from the round just played; call before showing. */
    public void afterRound(int points) {
        score = points;
        submitted = false;
        submittedId = -1;
        queuedId = null;
        submissionKey = LeaderboardClient.newSubmissionKey();
    }

    /** Prepares to show the board without submitting anything; call before showing. */
    public void viewOnly() {
        score = -1;
        submitted = true;
        submittedId = -1;
    }

    @Override
    public void show() {
        super.show();
        game.useContext(Actions.MENU);
        resetScoreLine();
        request();
    }

    private void resetScoreLine() {
        scoreLine.setLength(0);
        if (score >= 0) {
            scoreLine.append("Your score: ").append(score);
        }
    }

    @Override
    public void hide() {
        // Nobody is left to show the answers to: stop the transfers, and let a newer visit ignore
        // any callback already on its way.
        game.fetch.cancelAll(LeaderboardClient.TAG);
        generation++;
    }

    private void request() {
        error = null;
        if (!submitted) {
            submit();
        } else {
            fetchTop();
        }
    }

    private void submit() {
        state = State.SUBMITTING;
        int visit = generation;
        game.leaderboard.submit(game.options.playerName(), score, submissionKey,
                new FetchCallback<ServerAnswer<SubmitResult>>() {
            @Override
            public void onSuccess(ServerAnswer<SubmitResult> answer, HttpResponse response) {
                if (response.isServerError()) {
                    queue(visit);
                    return;
                }
                if (!answer.isSuccessful()) {
                    if (visit == generation) {
                        refused(answer);
                    }
                    return;
                }
                SubmitResult result = answer.body();
                submitted = true;
                submittedId = result.id;
                if (visit == generation) {
                    scoreLine.append(result.rank > 0 ? ", rank " + result.rank : "")
                            .append(result.replayed ? " (resent)" : "");
                    fetchTop();
                }
            }

            @Override
            public void onFailure(FetchException failure) {
                if (LeaderboardClient.isOffline(failure)) {
                    Gdx.app.error("leaderboard", failure.getMessage());
                    queue(visit);
                } else if (visit == generation) {
                    failed(failure);
                }
            }

            @Override
            public void onCancelled() {
                // The player left (or quit) before the answer: the score must still arrive.
                queue(visit);
            }
        });
    }

    /** Hands this round's score to the outbox, under the key every earlier attempt carried. */
    private void queue(int visit) {
        OutboxHandle handle;
        try {
            handle = game.leaderboard.queue(game.options.playerName(), score, submissionKey);
        } catch (IllegalStateException fullOrClosing) {
            Gdx.app.error("leaderboard", "score " + score + " not queued: " + fullOrClosing.getMessage());
            if (visit == generation) {
                showError("Your score could not be saved: " + fullOrClosing.getMessage());
            }
            return;
        }
        Gdx.app.log("leaderboard", "Score " + score + " queued in the outbox as " + handle.id()
                + ", to be sent when the server can be reached");
        if (visit == generation) {
            queuedId = handle.id();
            queuedVisit = visit;
            scoreLine.append(" - saved, sent when you are back online");
            // Meanwhile the last board seen, from the HTTP cache and labelled with its age.
            fetchTop();
        }
    }

    /** A queued score got its final answer, in this run or a later one. */
    private void queuedScoreAnswered(OutboxResult result) {
        Gdx.app.log("leaderboard", "Queued score " + result.id() + (result.isSuccessful() ? " submitted" : " refused")
                + " with status " + result.status());
        if (result.id().equals(queuedId) && queuedVisit == generation) {
            queuedId = null;
            if (result.isSuccessful()) {
                // The server replays a key's first result: asking once more under the same key reads
                // the rank through the submit path, decoded on a worker like every other answer here.
                resetScoreLine();
                submit();
            } else {
                submitted = true;
                fetchTop();
            }
        }
    }

    private void fetchTop() {
        state = State.FETCHING;
        int visit = generation;
        game.leaderboard.top(ROWS, new FetchCallback<ServerAnswer<TopScores>>() {
            @Override
            public void onSuccess(ServerAnswer<TopScores> answer, HttpResponse response) {
                if (visit != generation) {
                    return;
                }
                if (answer.isSuccessful()) {
                    shown(answer.body().scores, response);
                } else {
                    refused(answer);
                }
            }

            @Override
            public void onFailure(FetchException failure) {
                if (visit == generation) {
                    failed(failure);
                }
            }
        });
    }

    private void shown(Array<ScoreRow> top, HttpResponse response) {
        boardAge = response.source() == ResponseSource.STALE_AFTER_ERROR
                ? "Offline: board from " + ago(response.ageSeconds()) : null;
        rows.clear();
        rankTexts.clear();
        scoreTexts.clear();
        for (ScoreRow row : top) {
            rows.add(row);
            rankTexts.add(row.rank + ".");
            scoreTexts.add(Integer.toString(row.score));
        }
        state = State.SHOWN;
        String best = rows.isEmpty() ? "none" : rows.first().name + " " + rows.first().score;
        Gdx.app.log("leaderboard", "Leaderboard shown: " + rows.size + " rows from " + game.serverUrl
                + ", best " + best + (score >= 0 ? ", submitted " + score : "")
                + (boardAge != null ? " (offline copy, " + response.ageSeconds() + " s old)" : ""));
    }

    /** "12 s ago", "5 min ago", "3 h ago", "2 days ago". */
    static String ago(long seconds) {
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " days ago";
    }

    private void failed(FetchException failure) {
        showError(describe(failure));
        Gdx.app.error("leaderboard", failure.getMessage());
    }

    private void refused(ServerAnswer<?> answer) {
        String message = answer.error().isEmpty() ? "." : ": " + answer.error();
        showError("The server said " + answer.status() + message);
        Gdx.app.error("leaderboard", "the server refused with " + answer.status() + message);
    }

    private void showError(String message) {
        state = State.FAILED;
        error = Ui.wrap(message, 36);
    }

    private static String describe(FetchException failure) {
        switch (failure.kind()) {
            case CONNECT_REFUSED:
            case UNKNOWN_HOST:
            case CONNECT_TIMEOUT:
            case NETWORK:
                return "Can't reach the leaderboard server. Are you offline?";
            case READ_TIMEOUT:
            case TOTAL_TIMEOUT:
                return "The leaderboard server is not answering.";
            case DECODE:
                return "The server's answer could not be read.";
            default:
                return "The leaderboard request failed (" + failure.kind() + ").";
        }
    }

    @Override
    protected void update(float delta) {
        game.music.ensurePlaying(game.song());
        game.backdrop.update(delta, 18);
        if (state == State.FAILED && game.input.justPressed(Actions.CONFIRM)) {
            request();
        } else if (state == State.SHOWN && game.input.justPressed(Actions.CONFIRM)) {
            game.setScreen(score >= 0 ? game.play : game.title);
        } else if (game.input.justPressed(Actions.BACK)) {
            game.setScreen(game.title);
        }
    }

    @Override
    protected void draw() {
        game.backdrop.draw(batch);
        float cx = FetchGame.WIDTH / 2f;
        game.ui.heading(batch, score >= 0 ? "GAME OVER" : "LEADERBOARD", 44, Ui.ACCENT, cx, 528);
        if (score >= 0) {
            game.ui.centred(batch, scoreLine, 20, Ui.WHITE, cx, 468);
        }
        game.sprites.panel.draw(batch, PANEL_X, PANEL_Y, PANEL_W, PANEL_H);
        game.ui.centred(batch, "TOP " + ROWS, 18, Ui.DIM, cx, PANEL_Y + PANEL_H - 14);
        switch (state) {
            case SUBMITTING -> waiting("Sending your score...");
            case FETCHING -> waiting("Loading the top " + ROWS + "...");
            case FAILED -> {
                float top = PANEL_Y + PANEL_H / 2f + 40;
                for (int i = 0; i < error.size; i++) {
                    game.ui.centred(batch, error.get(i), 16, Ui.ALERT, cx, top - i * 22);
                }
                game.ui.centred(batch, "Enter: try again", 16, Ui.WHITE, cx, top - error.size * 22 - 20);
            }
            case SHOWN -> drawRows();
        }
        String hint = state != State.SHOWN ? "Esc: title"
                : score >= 0 ? "Enter: play again    Esc: title" : "Enter or Esc: title";
        game.ui.centred(batch, hint, 15, Ui.WHITE, cx, 42);
    }

    private void waiting(String message) {
        float cx = FetchGame.WIDTH / 2f;
        float cy = PANEL_Y + PANEL_H / 2f;
        game.ui.centred(batch, message, 16, Ui.WHITE, cx, cy + 40);
        for (int i = 0; i < 3; i++) {
            float lift = Math.max(0f, MathUtils.sin(time * 6f - i * 0.9f)) * 10f;
            batch.draw(game.sprites.star, cx - 30 + i * 24, cy - 20 + lift, 12, 12);
        }
    }

    private void drawRows() {
        if (boardAge != null) {
            game.ui.centred(batch, boardAge, 16, Ui.ALERT, FetchGame.WIDTH / 2f, AGE_LABEL_TOP);
        }
        for (int i = 0; i < rows.size; i++) {
            ScoreRow row = rows.get(i);
            float top = FIRST_ROW_TOP - i * ROW_STEP;
            boolean yours = submittedId >= 0 && row.id == submittedId;
            if (yours) {
                batch.setColor(YOUR_ROW);
                batch.draw(game.white, PANEL_X + 16, top - 25, PANEL_W - 32, 28);
                batch.setColor(Color.WHITE);
            }
            Color color = yours ? Ui.ACCENT : Ui.WHITE;
            game.ui.right(batch, rankTexts.get(i), 18, Ui.DIM, PANEL_X + 66, top);
            game.ui.left(batch, row.name, 18, color, PANEL_X + 84, top);
            game.ui.right(batch, scoreTexts.get(i), 18, color, PANEL_X + PANEL_W - 32, top);
        }
    }
}
