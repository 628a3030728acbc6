package com.gdxfetch.example.online;

/** The body of {@code POST /api/scores}, serialised by {@code RequestBody.json}. */
public final class ScoreSubmission {
    /** The player's name. */
    public String name;
    /** The points scored. */
    public int score;

    /** For libGDX Json. */
    public ScoreSubmission() {
    }

    /** A submission of {@code score} points under {@code name}. */
    public ScoreSubmission(String name, int score) {
        this.name = name;
        this.score = score;
    }
}
