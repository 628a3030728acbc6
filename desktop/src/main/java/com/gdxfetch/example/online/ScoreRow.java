package com.gdxfetch.example.online;

/** One leaderboard line as the server sends it; filled in by libGDX Json on a worker thread. */
public final class ScoreRow {
    /** The score's id on the server, as a submission's answer names it. */
    public long id = -1;
    /** 1 for the best score. */
    public int rank;
    /** The player's name. */
    public String name = "";
    /** The points scored. */
    public int score;
}
