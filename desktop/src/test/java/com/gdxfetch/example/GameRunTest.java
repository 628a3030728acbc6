package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.example.scenes.GameOverScene;
import com.gdxfetch.example.server.DemoServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real game in a child JVM, in a real window on the build's X display, against its
 * embedded server: the bot plays a round, the game reaches the leaderboard, and the screenshot
 * of the last frame must show it. A second run in the same local storage must revalidate the
 * cached sheet with 304s instead of downloading it. With the server stopped, a run in the same
 * local storage shows the board it saw last, labelled as an offline copy with its age.
 */
class GameRunTest {
    /**
     * Half a second of title, the 8 s autoplay round and its end banner take about 610 frames;
     * the rest leaves time for loading, submitting and fetching on a slow machine.
     */
    private static final int FRAMES_TO_LEADERBOARD = 800;
    /** Loading the sheet and the board without a round: a few seconds at 60 frames a second. */
    private static final int FRAMES_TO_BOARD = 300;
    private static final int PANEL_FILL_R = 30;
    private static final int PANEL_FILL_G = 42;
    private static final int PANEL_FILL_B = 78;

    @TempDir
    Path data;

    @Test
    void autoplayReachesTheLeaderboardAndASecondRunRevalidatesTheCachedSheet() throws Exception {
        Path shot = Path.of("target", "game-run", "leaderboard.png");
        Files.deleteIfExists(shot);

        String first = GameProcess.run("--autoplay", "--frames", Integer.toString(FRAMES_TO_LEADERBOARD),
                "--screenshot", shot.toString(), "--data", data.toString());
        assertTrue(first.contains("Remote sprite sheet loaded: sprites.atlas (2 pages"), first);
        assertTrue(first.contains("through the image cache: 3 file(s) downloaded, 0 file(s) revalidated"), first);
        assertTrue(first.contains("Leaderboard shown: 10 rows"), first);
        // Started without the options, as `java -jar` does: the launcher ran the game in a JVM with them.
        assertTrue(first.contains("this JVM applies thread priorities"), first);
        assertTrue(Files.readString(data.resolve("scores.json")).contains("\"BOT\""), "the bot's score was stored");
        assertLeaderboardDrawn(ImageIO.read(shot.toFile()));

        String second = GameProcess.run("--autoplay", "--frames", "60", "--data", data.toString());
        assertTrue(second.contains("Remote sprite sheet loaded"), second);
        assertTrue(second.contains("0 file(s) downloaded"), second);
        assertTrue(second.contains("3 file(s) revalidated with 304 Not Modified"), second);
    }

    @Test
    void offlineTheLastBoardSeenIsShownLabelledWithItsAge() throws Exception {
        Path game = data.resolve("game");
        Path online = Path.of("target", "game-run", "board-online.png");
        Path offline = Path.of("target", "game-run", "board-offline.png");
        Files.deleteIfExists(online);
        Files.deleteIfExists(offline);
        String url;
        String first;
        try (DemoServer server = DemoServer.start(0, Files.createDirectories(data.resolve("server")))) {
            url = server.url();
            // The seeded board has nine rows: a tenth fills the panel the screenshot checks.
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/api/scores")).POST(BodyPublishers.ofString("{\"name\": \"ACE\", \"score\": 100}"))
                    .header("Content-Type", "application/json").build(), BodyHandlers.ofString());
            assertEquals(201, posted.statusCode(), posted.body());
            first = GameProcess.run("--server", url, "--board", "--frames", Integer.toString(FRAMES_TO_BOARD),
                    "--screenshot", online.toString(), "--data", game.toString());
        }
        assertTrue(first.contains("Leaderboard shown: 10 rows"), first);
        assertFalse(first.contains("offline copy"), first);

        String second = GameProcess.run("--server", url, "--board", "--frames", Integer.toString(FRAMES_TO_BOARD),
                "--screenshot", offline.toString(), "--data", game.toString());
        assertTrue(second.contains("Remote sprite sheet loaded"), second);
        assertTrue(second.contains("the server was unreachable"), second);
        Matcher shown = Pattern.compile("Leaderboard shown: 10 rows .*\\(offline copy, (\\d+) s old\\)").matcher(second);
        assertTrue(shown.find(), second);
        assertTrue(Long.parseLong(shown.group(1)) < 600, "the copy is from the first run: " + shown.group());

        BufferedImage offlineShot = ImageIO.read(offline.toFile());
        assertLeaderboardDrawn(offlineShot);
        int labelOnline = labelPixels(ImageIO.read(online.toFile()));
        int labelOffline = labelPixels(offlineShot);
        assertTrue(labelOnline < 10 && labelOffline > 60,
                "red label text above the panel: " + labelOnline + " pixels online, " + labelOffline + " offline");
    }

    @Test
    void quittingWhileTheScoreIsBeingSentQueuesItAndNoCallbackThrows() throws Exception {
        CountDownLatch quit = new CountDownLatch(1);
        try (DemoServer server = DemoServer.start(0, Files.createDirectories(data.resolve("server")))) {
            // In front of the server: every request passes, but a score is never answered.
            HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            proxy.createContext("/", exchange -> {
                if ("POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().equals("/api/scores")) {
                    exchange.getRequestBody().readAllBytes();
                    try {
                        quit.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                forward(exchange, server.url());
            });
            proxy.setExecutor(Executors.newCachedThreadPool());
            proxy.start();
            try {
                String run = GameProcess.run("--server", "http://127.0.0.1:" + proxy.getAddress().getPort(), "--autoplay",
                        "--frames", Integer.toString(FRAMES_TO_LEADERBOARD), "--data", data.resolve("game").toString());
                assertTrue(run.contains("queued in the outbox as"), "the score in flight at the quit is kept:\n" + run);
                assertFalse(run.contains("threw"), run);
            } finally {
                quit.countDown();
                proxy.stop(0);
            }
        }
    }

    /** Passes {@code exchange} on to {@code server} and its answer back, headers included. */
    private static void forward(HttpExchange exchange, String server) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server + exchange.getRequestURI()).openConnection();
        c.setInstanceFollowRedirects(false);
        c.setRequestMethod(exchange.getRequestMethod());
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Content-Length")) {
                c.setRequestProperty(name, String.join(", ", header.getValue()));
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        for (Map.Entry<String, List<String>> header : c.getHeaderFields().entrySet()) {
            String name = header.getKey();
            if (name != null && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Date")) {
                exchange.getResponseHeaders().put(name, header.getValue());
            }
        }
        exchange.sendResponseHeaders(status, status == 304 || status == 204 || answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
        exchange.close();
    }

    /** Pixels of the offline label's red ({@code Ui.ALERT}) in its band above the panel. */
    private static int labelPixels(BufferedImage image) {
        int count = 0;
        for (int worldY = GameOverScene.AGE_LABEL_TOP - 18; worldY < GameOverScene.AGE_LABEL_TOP; worldY++) {
            for (int x = GameOverScene.PANEL_X; x < GameOverScene.PANEL_X + GameOverScene.PANEL_W; x++) {
                int rgb = image.getRGB(x, screenY(worldY));
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 180 && g < 150 && b < 150) {
                    count++;
                }
            }
        }
        return count;
    }

    private void assertLeaderboardDrawn(BufferedImage image) {
        assertEquals(FetchGame.WIDTH, image.getWidth());
        assertEquals(FetchGame.HEIGHT, image.getHeight());
        // The panel's inner margin, left of the text, at every row: the panel's own opaque colour.
        int marginX = GameOverScene.PANEL_X + 8;
        for (int row = 0; row < GameOverScene.ROWS; row++) {
            int y = screenY(GameOverScene.FIRST_ROW_TOP - row * GameOverScene.ROW_STEP - 10);
            int rgb = image.getRGB(marginX, y);
            assertPanelFill(rgb, marginX, y);
        }
        // Each of the ten rows holds bright text pixels (rank, name, score) on that dark panel.
        List<Integer> counts = new ArrayList<>();
        for (int row = 0; row < GameOverScene.ROWS; row++) {
            int top = GameOverScene.FIRST_ROW_TOP - row * GameOverScene.ROW_STEP;
            int bright = 0;
            for (int worldY = top - 20; worldY < top; worldY++) {
                for (int x = GameOverScene.PANEL_X + 20; x < GameOverScene.PANEL_X + GameOverScene.PANEL_W - 20; x++) {
                    int rgb = image.getRGB(x, screenY(worldY));
                    if (Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff)) > 170) {
                        bright++;
                    }
                }
            }
            counts.add(bright);
        }
        for (int row = 0; row < counts.size(); row++) {
            assertTrue(counts.get(row) > 60, "row " + (row + 1) + " should show text; bright pixels per row: " + counts);
        }
        // Between the rows' text and the panel's edge: no text, only the panel.
        int below = screenY(GameOverScene.PANEL_Y + 12);
        assertPanelFill(image.getRGB(GameOverScene.PANEL_X + GameOverScene.PANEL_W / 2, below),
                GameOverScene.PANEL_X + GameOverScene.PANEL_W / 2, below);
    }

    private static void assertPanelFill(int rgb, int x, int y) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        boolean close = Math.abs(r - PANEL_FILL_R) <= 6 && Math.abs(g - PANEL_FILL_G) <= 6 && Math.abs(b - PANEL_FILL_B) <= 6;
        assertTrue(close, "pixel (" + x + ", " + y + ") should be the leaderboard panel's colour, was " + r + "," + g + "," + b);
    }

    /** Image row of a world y (y up, origin bottom-left; the window is the world's size). */
    private static int screenY(int worldY) {
        return FetchGame.HEIGHT - 1 - worldY;
    }
}
