package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.Array;

/** The body of {@code GET /api/scores}: best scores first. */
public final class TopScores {
    /** The rows, best first; never null. */
    public Array<ScoreRow> scores = new Array<>();
    /** The WebSocket URL of the feed that says when these rows change; null if the server has none. */
    public String live;

    /**
     * Keeps what the board can draw of a server's answer: a null list becomes empty, null rows go,
     * a null name becomes "", and rows past the first {@code rows} go. Json sets a field to null
     * when the body says null. Worker thread.
     */
    void repair(int rows) {
        if (scores == null) {
            scores = new Array<>();
        }
        for (int i = scores.size - 1; i >= 0; i--) {
            ScoreRow row = scores.get(i);
            if (row == null) {
                scores.removeIndex(i);
            } else if (row.name == null) {
                row.name = "";
            }
        }
        scores.truncate(Math.max(0, rows));
    }
}
