package com.gdxfetch.example.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.gdxfetch.example.harness.CountingTransport;
import com.gdxfetch.example.server.DemoServer;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.Transports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The title screen's live leaderboard against the real demo server: two games, each with its own
 * FetchManager driven frame by frame; when one posts a score, the other's board changes inside
 * its own update() calls: the server's WebSocket feed says the board changed, and the board is
 * fetched again.
 */
class LiveLeaderboardTest {
    @TempDir
    Path data;
    private DemoServer server;
    private FetchManager watching;
    private FetchManager posting;

    @BeforeEach
    void start() throws IOException {
        server = DemoServer.start(0, data);
        watching = gamesManager();
        posting = gamesManager();
    }

    /** A manager built as FetchGame builds its own: over the counting transport, around the socket one. */
    private static FetchManager gamesManager() {
        return new FetchManager(FetchConfig.builder().transport(new CountingTransport(Transports.sockets()))
                .userAgent("night-shift/0.1 gdx-fetch").build());
    }

    @AfterEach
    void stop() {
        watching.dispose();
        posting.dispose();
        server.close();
    }

    /** Runs frames of {@code fetch} until {@code done} holds, failing after 30 s. */
    private static void frames(FetchManager fetch, BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            fetch.update();
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static boolean shows(LiveLeaderboard board, String name) {
        for (ScoreRow row : board.rows()) {
            if (row.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void post(String name, int score) {
        FetchHandle<ServerAnswer<SubmitResult>> sent = new LeaderboardClient(posting, server.url())
                .submit(name, score, LeaderboardClient.newSubmissionKey(), null);
        frames(posting, sent::isDone, "the other game's submission");
        assertTrue(sent.isSuccess() && sent.result().isSuccessful(), () -> "submission refused: " + sent);
    }

    @Test
    void anotherGamesScoreChangesTheBoardInsideUpdate() {
        LiveLeaderboard board = new LiveLeaderboard(watching, new LeaderboardClient(watching, server.url()), 5);
        board.start();
        frames(watching, board::isLive, "the board loaded and its feed open");
        assertEquals(5, board.rows().size, "the server's seeded scores");
        assertFalse(shows(board, "RIVAL"));
        int before = board.version();

        post("RIVAL", 999_999);
        frames(watching, () -> shows(board, "RIVAL"), "the board after the feed's news");
        assertEquals("RIVAL", board.rows().first().name);
        assertEquals(1, board.rows().first().rank);
        assertEquals(5, board.rows().size);
        assertTrue(board.version() > before);
        assertEquals("live", board.status());
        assertEquals(1, watching.openChannelCount(), "the feed is the one channel open");
    }

    @Test
    void aStoppedBoardClosesItsFeedAndNoLongerChanges() {
        LiveLeaderboard board = new LiveLeaderboard(watching, new LeaderboardClient(watching, server.url()), 5);
        board.start();
        frames(watching, board::isLive, "the feed open");
        board.stop();
        frames(watching, () -> watching.openChannelCount() == 0, "the feed closed");
        int version = board.version();

        post("LATE", 999_999);
        // The posting game's own board, started after, sees the score; the stopped one never does.
        LiveLeaderboard other = new LiveLeaderboard(posting, new LeaderboardClient(posting, server.url()), 5);
        other.start();
        frames(posting, () -> shows(other, "LATE"), "a fresh board with the score");
        for (int i = 0; i < 20; i++) {
            watching.update();
        }
        assertEquals(version, board.version());
        assertFalse(shows(board, "LATE"));
        assertFalse(board.isLive());
    }

    @Test
    void aServerThatGoesAwayLeavesTheBoardSayingItIsOffline() {
        RetryPolicy quickly = RetryPolicy.builder().maxAttempts(2).baseDelayMillis(20).maxDelayMillis(40).build();
        LiveLeaderboard board = new LiveLeaderboard(watching, new LeaderboardClient(watching, server.url()), 5, quickly);
        board.start();
        frames(watching, () -> board.status().equals("live"), "the feed open");

        server.close();
        frames(watching, () -> !board.status().equals("live") && !board.status().equals("reconnecting"),
                "the feed given up");
        assertFalse(board.isLive());
        assertTrue(board.status().contains("offline"), "what the title says: " + board.status());
        assertEquals(5, board.rows().size, "the last board seen stays");
    }

    @Test
    void theFeedRefusesARequestThatIsNotAWebSocketUpgrade() throws IOException {
        URI live = URI.create(server.liveUrl());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), live.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + live.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
    }
}
