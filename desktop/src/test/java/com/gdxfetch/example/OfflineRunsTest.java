package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.example.server.DemoServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The game run three times in one local storage against one server address: online once (the sheet
 * and the board reach the HTTP cache), then with the server gone (the bot's score goes into the
 * outbox and the last board seen is shown labelled as an offline copy), then online again (the
 * queued score is submitted on its own, counted once, and is on the board).
 */
class OfflineRunsTest {
    private static final int FRAMES_TO_LEADERBOARD = 800;
    private static final Pattern QUEUED = Pattern.compile("queued in the outbox as (\\S+),");

    @TempDir
    Path game;
    @TempDir
    Path server;

    @Test
    void aScoreFinishedOfflineIsSubmittedOnTheNextOnlineRunAndCountedOnce() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;

        DemoServer online = DemoServer.start(port, server);
        try {
            String first = GameProcess.run("--server", url, "--board", "--frames", "240", "--data", game.toString());
            assertTrue(first.contains("Leaderboard shown"), first);
        } finally {
            online.close();
        }
        int botScoresBefore = botScores();

        String offline = GameProcess.run("--server", url, "--autoplay", "--frames",
                Integer.toString(FRAMES_TO_LEADERBOARD), "--data", game.toString());
        assertTrue(offline.contains("the server was unreachable, so the disk copies were used"), offline);
        Matcher queued = QUEUED.matcher(offline);
        assertTrue(queued.find(), "the offline round's score should wait in the outbox:\n" + offline);
        String id = queued.group(1);
        assertTrue(offline.contains("(offline copy, "), "the last board seen, labelled:\n" + offline);

        DemoServer again = DemoServer.start(port, server);
        try {
            String back = GameProcess.run("--server", url, "--autoplay", "--frames",
                    Integer.toString(FRAMES_TO_LEADERBOARD), "--data", game.toString());
            assertTrue(back.contains("Queued score " + id + " submitted with status 201")
                    || back.contains("Queued score " + id + " submitted with status 200"), back);
            assertTrue(back.contains("Leaderboard shown"), back);
        } finally {
            again.close();
        }
        // The offline round and this run's round: one entry each, however often the outbox tried.
        assertEquals(botScoresBefore + 2, botScores());
    }

    private int botScores() throws Exception {
        Path scores = server.resolve("scores.json");
        return Files.exists(scores) ? count(Files.readString(scores), "\"BOT\"") : 0;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
