package com.gdxfetch.example.online;

import com.badlogic.gdx.utils.Array;

/** The body of {@code GET /api/scores}: best scores first. */
public final class TopScores {
    /** The rows, best first; never null. */
    public Array<ScoreRow> scores = new Array<>();
}
