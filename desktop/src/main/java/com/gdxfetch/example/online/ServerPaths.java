package com.gdxfetch.example.online;

/**
 * Where the game finds things on its server: the client's half of the server's URL layout, kept
 * here so game code never depends on the server's classes. Any thread.
 */
public final class ServerPaths {
    /** The sprite sheet's manifest; its page images sit beside it. */
    public static final String SHEET = "sprites.atlas";

    private ServerPaths() {
    }

    /** The sprite sheet's URL on the server at {@code baseUrl} (no trailing slash). */
    public static String sheet(String baseUrl) {
        return baseUrl + "/sheets/" + SHEET;
    }

    /** The leaderboard's URL: GET for the best scores, POST to submit one. */
    public static String scores(String baseUrl) {
        return baseUrl + "/api/scores";
    }

    /** The optional music pack's manifest: its size and SHA-256. */
    public static String musicPackManifest(String baseUrl) {
        return baseUrl + "/packs/music-pack.json";
    }

    /** The optional music pack itself, a long WAV track. */
    public static String musicPack(String baseUrl) {
        return baseUrl + "/packs/music-pack.wav";
    }

    /** A tiny endpoint for the overlay's request bursts. */
    public static String ping(String baseUrl) {
        return baseUrl + "/api/ping";
    }
}
