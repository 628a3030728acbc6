package com.gdxfetch.example.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.example.online.ServerPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServerTest {
    @TempDir
    Path data;
    private DemoServer server;

    @BeforeEach
    void start() throws IOException {
        server = DemoServer.start(0, data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A finished exchange: status, headers of interest, body. */
    record Reply(int status, String etag, String cacheControl, byte[] body) {
        JsonValue json() {
            return new JsonReader().parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    private Reply call(String method, String path, String body, String... headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server.url() + path).openConnection();
        c.setRequestMethod(method);
        for (int i = 0; i < headers.length; i += 2) {
            c.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
        return new Reply(status, c.getHeaderField("ETag"), c.getHeaderField("Cache-Control"), bytes);
    }

    private Reply post(String body, String key) throws IOException {
        return key == null ? call("POST", "/api/scores", body) : call("POST", "/api/scores", body, "Idempotency-Key", key);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoServerTest.class.getResourceAsStream("/sheets/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void servesEveryPathTheGameClientAsksFor() throws IOException {
        String base = server.url();
        for (String url : new String[] {ServerPaths.sheet(base), ServerPaths.scores(base), ServerPaths.ping(base)}) {
            assertEquals(200, call("GET", url.substring(base.length()), null).status(), url);
        }
    }

    @Test
    void servesTheAtlasAndEveryPageItNamesWithAnEtagToRevalidate() throws IOException {
        for (String name : new String[] {"sprites.atlas", "sprites-1.png", "sprites-2.png"}) {
            Reply first = call("GET", "/sheets/" + name, null);
            assertEquals(200, first.status(), name);
            assertArrayEquals(resource(name), first.body(), name);
            assertNotNull(first.etag(), name);
            assertEquals("max-age=0", first.cacheControl(), name);

            Reply again = call("GET", "/sheets/" + name, null, "If-None-Match", first.etag());
            assertEquals(304, again.status(), name);
            assertEquals(0, again.body().length, name);
            assertEquals(first.etag(), again.etag(), name);
        }
        assertEquals(200, call("GET", "/sheets/sprites.atlas", null, "If-None-Match", "\"stale\"").status());
        assertEquals(404, call("GET", "/sheets/missing.png", null).status());
    }

    @Test
    void servesTheWebBuildsPageSameOriginAndNothingOutsideIt() throws IOException {
        Reply page = call("GET", "/web/", null);
        assertEquals(200, page.status());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("nightshift/nightshift.nocache.js"));
        assertEquals("/web/index.html", server.webUrl().substring(server.url().length()));
        assertEquals(200, call("GET", "/web/index.html", null).status());
        for (String path : new String[] {"/web/../api/ping", "/web/nightshift/../../sheets/sprites.atlas", "/web/./index.html",
            "/web//index.html", "/web/missing.js", "/web/%2e%2e/api/ping"}) {
            assertEquals(404, call("GET", path, null).status(), path);
        }
        assertEquals(405, call("POST", "/web/index.html", "{}").status());
    }

    @Test
    void aNewBoardStartsWithDefaultScoresBestFirst() throws IOException {
        JsonValue scores = call("GET", "/api/scores?limit=5", null).json().get("scores");
        assertEquals(5, scores.size);
        for (int i = 1; i < scores.size; i++) {
            assertEquals(i + 1, scores.get(i).getInt("rank"));
            assertTrue(scores.get(i - 1).getInt("score") >= scores.get(i).getInt("score"));
        }
    }

    @Test
    void aSubmittedScoreIsRankedAndShownInTheTopList() throws IOException {
        Reply reply = post("{\"name\": \"ACE\", \"score\": 999999}", "k-1");
        assertEquals(201, reply.status());
        assertEquals(1, reply.json().getInt("rank"));
        JsonValue best = call("GET", "/api/scores", null).json().get("scores").get(0);
        assertEquals("ACE", best.getString("name"));
        assertEquals(999999, best.getInt("score"));
        assertEquals(reply.json().getLong("id"), best.getLong("id"));
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyIsCountedOnce() throws IOException {
        Reply first = post("{\"name\": \"ONCE\", \"score\": 5000}", "same-key");
        Reply retry = post("{\"name\": \"ONCE\", \"score\": 5000}", "same-key");
        assertEquals(201, first.status());
        assertEquals(200, retry.status());
        assertTrue(retry.json().getBoolean("replayed"));
        assertEquals(first.json().getLong("id"), retry.json().getLong("id"));
        assertEquals(1, countNamed("ONCE"));

        assertEquals(201, post("{\"name\": \"ONCE\", \"score\": 5000}", "other-key").status());
        assertEquals(2, countNamed("ONCE"));
    }

    private int countNamed(String name) throws IOException {
        int count = 0;
        for (JsonValue row = call("GET", "/api/scores?limit=100", null).json().get("scores").child; row != null; row = row.next) {
            count += row.getString("name").equals(name) ? 1 : 0;
        }
        return count;
    }

    @Test
    void badSubmissionsGetAClientErrorNamingTheProblemAndChangeNothing() throws IOException {
        byte[] before = Files.readAllBytes(data.resolve("scores.json"));
        String[][] cases = {
            {"{\"name\": \"A\", \"score\": ", "400", "malformed JSON"},
            {"[1, 2]", "400", "JSON object"},
            {"", "400", "JSON object"},
            {"{\"score\": 10}", "400", "'name'"},
            {"{\"name\": \"A\"}", "400", "'score'"},
            {"{\"name\": \"A\", \"score\": \"ten\"}", "400", "'score'"},
            {"{\"name\": \"A\", \"score\": 1e12}", "422", "'score'"},
            {"{\"name\": \"A\", \"score\": -5}", "422", "'score'"},
            {"{\"name\": \"A\", \"score\": 2.5}", "422", "'score'"},
            {"{\"name\": \"\", \"score\": 1}", "422", "'name'"},
            {"{\"name\": \"THIS NAME IS FAR TOO LONG\", \"score\": 1}", "422", "'name'"},
            {"{\"name\": \"<script>\", \"score\": 1}", "422", "'name'"},
            {"{\"name\": \"A\", \"score\": 1, \"pad\": \"" + "x".repeat(5000) + "\"}", "413", "larger than"},
        };
        for (String[] c : cases) {
            Reply reply = post(c[0], null);
            String label = c[0].length() > 60 ? c[0].substring(0, 60) : c[0];
            assertEquals(Integer.parseInt(c[1]), reply.status(), label);
            String error = reply.json().getString("error");
            assertTrue(error.contains(c[2]), label + " -> " + error);
        }
        assertArrayEquals(before, Files.readAllBytes(data.resolve("scores.json")));
    }

    @Test
    void wrongMethodsPathsAndLimitsAreRefusedWithJsonErrors() throws IOException {
        assertEquals(405, call("DELETE", "/api/scores", null).status());
        assertEquals(404, call("GET", "/api/nothing", null).status());
        assertEquals(404, call("GET", "/", null).status());
        Reply limit = call("GET", "/api/scores?limit=100000", null);
        assertEquals(400, limit.status());
        assertTrue(limit.json().getString("error").contains("limit"));
        assertEquals(400, post("{\"name\": \"A\", \"score\": 1}", "k".repeat(200)).status());
    }

    @Test
    void scoresSurviveARestartAndNoTemporaryFileIsLeftBehind() throws IOException {
        post("{\"name\": \"KEEP\", \"score\": 777}", "restart-key");
        server.close();
        server = DemoServer.start(0, data);
        assertEquals(1, countNamed("KEEP"));
        assertEquals(200, post("{\"name\": \"KEEP\", \"score\": 777}", "restart-key").status());
        assertEquals(1, countNamed("KEEP"));
        try (Stream<Path> files = Files.list(data)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void anUnreadableScoreFileIsKeptAsideAndANewBoardStarts() throws IOException {
        server.close();
        Files.writeString(data.resolve("scores.json"), "{\"scores\": [ {\"name\": ");
        server = DemoServer.start(0, data);
        assertTrue(Files.exists(data.resolve("scores.json.corrupt")));
        assertEquals(200, call("GET", "/api/scores", null).status());
        assertEquals(201, post("{\"name\": \"NEW\", \"score\": 1}", null).status());
    }

    @Test
    void pingAnswersWithJson() throws IOException {
        Reply reply = call("GET", "/api/ping", null);
        assertEquals(200, reply.status());
        assertTrue(reply.json().getBoolean("pong"));
    }

    @Test
    void theEmbeddedServerKeepsItsPortAcrossRunsSoCachedUrlsStayValid() throws IOException {
        Path folder = data.resolve("embedded");
        int first;
        try (DemoServer embedded = DemoServer.startEmbedded(folder)) {
            first = embedded.port();
        }
        try (DemoServer again = DemoServer.startEmbedded(folder)) {
            assertEquals(first, again.port());
        }
    }

    @Test
    void theEmbeddedServerMovesToAFreePortWhenItsOldOneIsTaken() throws IOException {
        Path folder = data.resolve("embedded");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("server-port"), Integer.toString(server.port()));
        try (DemoServer moved = DemoServer.startEmbedded(folder)) {
            assertTrue(moved.port() != server.port());
            assertEquals(Integer.toString(moved.port()), Files.readString(folder.resolve("server-port")));
            assertEquals(200, pingAt(moved));
        }
    }

    private static int pingAt(DemoServer target) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(target.url() + "/api/ping").openConnection();
        return c.getResponseCode();
    }
}
