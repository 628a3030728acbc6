package com.gdxfetch.example.online;

/** One leaderboard line as the server sends it; filled in by libGDX Json on a worker thread. */
public final class ScoreRow {
    /** The score's id on the server, as a submission's answer names it. */
    // An int, not a long: libGDX's web backend cannot set a long field by reflection (GWT's
    // JavaScript interface has no long), so Json would fail there. The server counts ids from 1.
    public int id = -1;
    /** 1 for the best score. */
    public int rank;
    /** The player's name. */
    public String name = "";
    /** The points scored. */
    public int score;
}
