package com.gdxfetch.example.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.gdxfetch.example.server.DemoServer;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.OutboxListener;
import com.gdxfetch.net.OutboxResult;
import com.badlogic.gdx.files.FileHandle;
import java.util.function.BooleanSupplier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The game's leaderboard client against the real demo server, driven frame by frame like the
 * game drives it. A proxy in front of the server can lose the first answer to a submission, the
 * way a dropped connection does, to show the retried submission is counted once.
 */
class LeaderboardClientTest {
    @TempDir
    Path data;
    private DemoServer server;
    private HttpServer proxy;
    private FetchManager fetch;
    private final List<String> keysSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger answersToDrop = new AtomicInteger();
    private volatile boolean serverDown;

    @BeforeEach
    void start() throws IOException {
        server = DemoServer.start(0, data);
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        proxy.createContext("/", this::forward);
        proxy.start();
        fetch = new FetchManager();
    }

    @AfterEach
    void stop() {
        fetch.dispose();
        proxy.stop(0);
        server.close();
    }

    /** Passes the exchange on to the server; when asked, drops the server's answer on the floor. */
    private void forward(HttpExchange exchange) throws IOException {
        if (serverDown) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                keysSeen.add(key);
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        HttpURLConnection c = (HttpURLConnection) new URL(server.url() + exchange.getRequestURI()).openConnection();
        c.setRequestMethod(exchange.getRequestMethod());
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            keysSeen.add(key);
            c.setRequestProperty("Idempotency-Key", key);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = in.readAllBytes();
        }
        if (answersToDrop.getAndDecrement() > 0) {
            // The server has acted on the request; the client never hears back.
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
        exchange.close();
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    private void runFramesUntilDone(FetchHandle<?> handle) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!handle.isDone()) {
            fetch.update();
            if (System.nanoTime() > deadline) {
                fail("request not done after 30 s: " + handle.request());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private int rowsNamed(String name, LeaderboardClient client) {
        FetchHandle<ServerAnswer<TopScores>> top = client.top(100, null);
        runFramesUntilDone(top);
        int count = 0;
        for (ScoreRow row : top.result().body().scores) {
            count += row.name.equals(name) ? 1 : 0;
        }
        return count;
    }

    @Test
    void aSubmissionWhoseAnswerIsLostIsRetriedWithTheSameKeyAndCountedOnce() {
        LeaderboardClient client = new LeaderboardClient(fetch, proxyUrl());
        answersToDrop.set(1);
        FetchHandle<ServerAnswer<SubmitResult>> handle =
                client.submit("LOST", 4321, LeaderboardClient.newSubmissionKey(), null);
        runFramesUntilDone(handle);

        assertTrue(handle.isSuccess(), () -> "submission failed: " + handle.failure());
        assertEquals(2, keysSeen.size(), "one attempt lost, one retried");
        assertEquals(keysSeen.get(0), keysSeen.get(1));
        assertTrue(handle.result().body().replayed, "the server recognised the retry");
        assertEquals(1, rowsNamed("LOST", client));
    }

    @Test
    void aScoreQueuedWhileTheServerIsDownIsSentInTheNextRunAndCountedOnce() {
        serverDown = true;
        String key = LeaderboardClient.newSubmissionKey();
        FetchManager firstRun = withOutbox();
        OutboxHandle queued = new LeaderboardClient(firstRun, proxyUrl()).queue("QUEUED", 777, key);
        frames(firstRun, () -> queued.isStored() && !keysSeen.isEmpty());
        firstRun.dispose();

        serverDown = false;
        answersToDrop.set(1);
        List<OutboxResult> answered = new CopyOnWriteArrayList<>();
        FetchManager nextRun = withOutbox();
        nextRun.outbox().setListener(new OutboxListener() {
            @Override
            public void onAnswered(OutboxResult result) {
                answered.add(result);
            }

            @Override
            public void onDropped(String id, String reason) {
                fail(reason);
            }
        });
        frames(nextRun, () -> !answered.isEmpty());
        nextRun.dispose();

        OutboxResult result = answered.get(0);
        assertEquals(queued.id(), result.id());
        assertEquals(LeaderboardClient.OUTBOX_TAG, result.tag());
        assertEquals(200, result.status(), "the answer to the first attempt was lost; the repeat is replayed");
        assertTrue(result.bodyText().contains("\"replayed\":true"), result.bodyText());
        for (String seen : keysSeen) {
            assertEquals(key, seen);
        }
        assertEquals(1, rowsNamed("QUEUED", new LeaderboardClient(fetch, server.url())));
    }

    private FetchManager withOutbox() {
        return new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(data.resolve("outbox").toFile())).retryDelays(5, 20).build())
                .build());
    }

    private static void frames(FetchManager manager, BooleanSupplier until) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!until.getAsBoolean()) {
            manager.update();
            if (System.nanoTime() > deadline) {
                fail("not reached after 30 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void theTopScoresArriveDecodedBestFirst() {
        LeaderboardClient client = new LeaderboardClient(fetch, server.url());
        FetchHandle<ServerAnswer<SubmitResult>> sent =
                client.submit("FIRST", 999_999, LeaderboardClient.newSubmissionKey(), null);
        runFramesUntilDone(sent);
        FetchHandle<ServerAnswer<TopScores>> top = client.top(10, null);
        runFramesUntilDone(top);

        assertEquals(10, top.result().body().scores.size);
        ScoreRow best = top.result().body().scores.first();
        assertEquals("FIRST", best.name);
        assertEquals(1, best.rank);
        assertEquals(sent.result().body().id, best.id);
        assertFalse(sent.result().body().replayed);
    }

    @Test
    void aRefusedSubmissionArrivesWithTheServersStatusAndMessageDecoded() {
        LeaderboardClient client = new LeaderboardClient(fetch, server.url());
        FetchHandle<ServerAnswer<SubmitResult>> handle =
                client.submit("X", 5_000_000, LeaderboardClient.newSubmissionKey(), null);
        runFramesUntilDone(handle);

        assertTrue(handle.isSuccess(), () -> "no answer: " + handle.failure());
        ServerAnswer<SubmitResult> answer = handle.result();
        assertFalse(answer.isSuccessful());
        assertEquals(422, answer.status());
        assertNull(answer.body());
        assertTrue(answer.error().contains("score"), answer.error());
    }

    @Test
    void aScoreIsSentAsUtf8JsonThatKeepsTheNameIntact() {
        LeaderboardClient client = new LeaderboardClient(fetch, server.url());
        String name = "Zo\u00eb \u00dcber-1.x";
        FetchHandle<ServerAnswer<SubmitResult>> sent =
                client.submit(name, 12_345, LeaderboardClient.newSubmissionKey(), null);
        runFramesUntilDone(sent);

        assertTrue(sent.result().isSuccessful(), () -> "refused: " + sent.result().error());
        assertEquals(1, rowsNamed(name, client));
    }

    /** A server answering {@code /api/scores} with {@code board}, as a broken or hostile one might. */
    private HttpServer boardServer(String board) throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        other.createContext("/", exchange -> {
            byte[] body = board.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        return other;
    }

    @Test
    void aBoardWithNullRowsOrNamesIsRepairedSoEveryRowCanBeDrawn() throws IOException {
        HttpServer other = boardServer("{\"scores\":[{\"rank\":1,\"name\":null,\"score\":50},null,"
                + "{\"rank\":2,\"score\":40}],\"live\":null}");
        try {
            LeaderboardClient client = new LeaderboardClient(fetch, "http://127.0.0.1:" + other.getAddress().getPort());
            FetchHandle<ServerAnswer<TopScores>> handle = client.top(10, null);
            runFramesUntilDone(handle);
            TopScores top = handle.result().body();
            assertEquals(2, top.scores.size);
            assertEquals("", top.scores.get(0).name);
            assertEquals(50, top.scores.get(0).score);
            assertEquals("", top.scores.get(1).name);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aBoardWithoutItsScoresListIsAnEmptyBoard() throws IOException {
        HttpServer other = boardServer("{\"scores\":null}");
        try {
            LeaderboardClient client = new LeaderboardClient(fetch, "http://127.0.0.1:" + other.getAddress().getPort());
            FetchHandle<ServerAnswer<TopScores>> handle = client.top(10, null);
            runFramesUntilDone(handle);
            assertEquals(0, handle.result().body().scores.size);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void anAcceptedSubmissionWhoseBodyIsNullFailsAsDecodeRatherThanArrivingWithoutAResult() throws IOException {
        HttpServer other = boardServer("null");
        try {
            LeaderboardClient client = new LeaderboardClient(fetch, "http://127.0.0.1:" + other.getAddress().getPort());
            FetchHandle<ServerAnswer<SubmitResult>> sent =
                    client.submit("ACE", 10, LeaderboardClient.newSubmissionKey(), null);
            runFramesUntilDone(sent);

            assertTrue(sent.isFailed(), () -> "a successful answer without a result: " + sent.result().body());
            assertEquals(FailureKind.DECODE, sent.failure().kind());
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aServerSendingMoreRowsThanAskedForGivesOnlyTheRowsAskedFor() throws IOException {
        StringBuilder board = new StringBuilder("{\"scores\":[");
        for (int i = 1; i <= 500; i++) {
            board.append(i > 1 ? "," : "").append("{\"rank\":").append(i).append(",\"name\":\"R").append(i)
                    .append("\",\"score\":").append(1000 - i).append('}');
        }
        HttpServer other = boardServer(board.append("]}").toString());
        try {
            LeaderboardClient client = new LeaderboardClient(fetch, "http://127.0.0.1:" + other.getAddress().getPort());
            FetchHandle<ServerAnswer<TopScores>> handle = client.top(10, null);
            runFramesUntilDone(handle);
            TopScores top = handle.result().body();
            assertEquals(10, top.scores.size, "rows given to the scene, which draws every one");
            assertEquals("R1", top.scores.first().name);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void noServerMeansAConnectFailureNotAHang() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        LeaderboardClient client = new LeaderboardClient(fetch, "http://127.0.0.1:" + port);
        FetchHandle<ServerAnswer<TopScores>> handle = client.top(10, null);
        runFramesUntilDone(handle);

        assertTrue(handle.isFailed());
        assertEquals(FailureKind.CONNECT_REFUSED, handle.failure().kind());
    }
}
