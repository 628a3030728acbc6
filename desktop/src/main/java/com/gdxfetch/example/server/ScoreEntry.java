package com.gdxfetch.example.server;

/** One submitted score as the server stores it; immutable. */
record ScoreEntry(long id, String name, int score, long epochMillis) {
}
