package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.Array;

/** The body of {@code GET /api/scores}: best scores first. */
public final class TopScores {
    /** The rows, best first; never null. */
    public Array<ScoreRow> scores = new Array<>();
    /** The WebSocket URL of the feed that says when these rows change; null if the server has none. */
    public String live;
}
