package com.gdxfetch.example.online;

/** The body of {@code POST /api/scores}'s answer. */
public final class SubmitResult {
    /** The score's id on the server. */
    // An int, not a long: libGDX's web backend cannot set a long field by reflection (GWT's
    // JavaScript interface has no long), so Json would fail there. The server counts ids from 1.
    public int id;
    /** Its place on the board, 1 for the best, or -1 when it fell off. */
    public int rank;
    /** True when the server had seen the idempotency key and replayed its first answer. */
    public boolean replayed;
}
