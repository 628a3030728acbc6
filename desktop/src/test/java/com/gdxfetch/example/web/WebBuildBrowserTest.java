package com.gdxfetch.example.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.example.server.DemoServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's web build (compiled by GWT in this build) in headless Chromium, served by the demo
 * server on loopback: the page's self-test runs gdx-fetch over the browser's XMLHttpRequest and
 * writes what it saw into the page, and a screenshot shows the leaderboard drawn by WebGL.
 */
class WebBuildBrowserTest {
    private static final int STREAM_BYTES = 256 * 1024;
    private static final int SECONDS = 120;
    /**
     * Events of the flooded stream: 160 MiB, well over what the browser (Chromium holds about
     * 64 MiB of a body the page is not reading) and the kernel buffer together.
     */
    private static final int FLOOD_EVENTS = 10240;
    private static final int FLOOD_EVENT_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void theWebBuildFetchesSubmitsCancelsTimesOutDownloadsOpensWebSocketsMapsInputPlaysMusicAndIsRefusedInARealBrowser() throws Exception {
        assertTrue(DemoServer.hasWebBuild(), "the classpath has no webapp/index.html: the web build was not compiled");
        try (DemoServer server = DemoServer.start(0, Files.createDirectories(dir.resolve("data")));
                Aux aux = new Aux();
                HeadlessChromium chromium = HeadlessChromium.start(dir.resolve("profile"), SECONDS)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String[] seed : new String[][] {{"ACE", "9100"}, {"BOB", "5200"}, {"CAT", "3300"}}) {
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/scores"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + seed[0] + "\",\"score\":" + seed[1] + "}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, posted.statusCode(), posted.body());
            }

            chromium.open(server.webUrl() + "?selftest&aux=" + URLEncoder.encode(aux.url(), StandardCharsets.UTF_8)
                    + "&echo=" + URLEncoder.encode(aux.webSocket.url(), StandardCharsets.UTF_8)
                    + "&nowhere=" + URLEncoder.encode("ws://127.0.0.1:" + portWhereNothingListens() + "/live",
                            StandardCharsets.UTF_8), SECONDS);
            try {
                chromium.eval("new Promise(function(done) {"
                        + " (function poll() { if (document.title === 'selftest:done') done(true); else setTimeout(poll, 50); })();"
                        + "})", SECONDS);
            } catch (Exception | AssertionError notDone) {
                // Say how far the page got, so a scenario that never ends is named.
                throw new AssertionError("the self-test did not finish; the page reported:\n"
                        + chromium.eval("document.getElementById('selftest').textContent", SECONDS), notDone);
            }
            String report = chromium.eval("document.getElementById('selftest').textContent", SECONDS);
            Map<String, String> lines = lines(report);
            Files.writeString(Path.of("target", "web-selftest.txt"), report);

            // The leaderboard GET, decoded by libGDX Json into TopScores inside update(): the
            // server's ten (its starting board and the three above), the best one first.
            assertTrue(line(lines, "leaderboard").startsWith("ok status=200 rows=10 first=ACE:9100 "), report);
            // The same Idempotency-Key twice: the second answer is the first one replayed...
            assertTrue(line(lines, "submit").startsWith("ok "), report);
            // ...and the server counted the score once.
            String board = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/scores?limit=100")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(1, board.split("WEBTEST", -1).length - 1, board);
            // Cancelled while the browser had it in flight: the callback says cancelled, the
            // request was aborted (the scripted server saw it arrive).
            assertTrue(line(lines, "cancel").startsWith("ok state=CANCELLED"), report);
            assertTrue(aux.held.contains("cancel"), "the cancelled request never reached the server: " + aux.held);
            assertTrue(line(lines, "timeout").startsWith("ok kind=READ_TIMEOUT"), report);
            assertTrue(aux.held.contains("timeout"), "the timed-out request never reached the server: " + aux.held);
            // readTimeout(0) waits for a head that comes after the connect timeout has passed.
            assertTrue(line(lines, "untimed").startsWith("ok status=200 body=late"), report);
            // A binary body, its progress seen in a frame before the rest was sent.
            assertTrue(line(lines, "binary").startsWith("ok bytes=" + STREAM_BYTES + " exact=true"), report);
            // The browser undid the gzip: the body reads as JSON and no Content-Encoding says it is coded.
            assertTrue(line(lines, "gzip").startsWith("ok points=7 contentEncoding=null contentLength=null"), report);
            // What the browser will not do fails at send, or clearly, as BROWSER_REFUSED.
            assertTrue(line(lines, "forbidden").startsWith("ok kind=BROWSER_REFUSED"), report);
            assertTrue(line(lines, "forbidden").contains("Cookie"), report);
            assertTrue(line(lines, "cors").startsWith("ok kind=BROWSER_REFUSED"), report);
            assertTrue(line(lines, "cors").contains("CORS"), report);
            // The browser follows redirects itself: a request asking not to is refused at send.
            assertTrue(line(lines, "redirect").startsWith("ok kind=BROWSER_REFUSED"), report);
            assertTrue(line(lines, "redirect").contains("followRedirects(false)"), report);
            // PATCH with a binary body, through a CORS preflight, read whole by the server.
            assertTrue(line(lines, "patch").startsWith("ok answer=PATCH 524288 "), report);
            assertEquals(1, aux.preflights.size(), "expected one CORS preflight: " + aux.preflights);
            // Not on the web yet: refused at the call, saying so, rather than a GWT compile error.
            assertTrue(line(lines, "unavailable").startsWith("ok outbox=the outbox (FetchConfig.outbox, FetchManager.outbox()) "
                    + "is not available in web builds"), report);
            // So are downloads, the HTTP cache and the outbox's folder, given the only files a page has.
            for (String feature : new String[] {"download", "cache", "outbox-config"}) {
                assertTrue(line(lines, "unavailable-" + feature).startsWith("ok java.lang.IllegalStateException: "), report);
            }

            // The input mapper read the bindings file the page preloaded, through Gdx.files.internal.
            assertTrue(line(lines, "bindings").startsWith("ok found=true clean=true submit=Space,Mouse Left,Enter "), report);
            // The music director kept the game running: its song is asked for every frame, and a
            // loader that throws is counted, not thrown.
            assertTrue(line(lines, "music").startsWith("ok song=music/loop.wav current=true "), report);
            assertTrue(line(lines, "music").contains("| throwingLoader current=false failures=1 |"), report);
            // Desktop's default loader refuses a missing song file; the browser's <audio> is handed
            // its URL and fails silently, so the director opens it and counts nothing.
            assertTrue(line(lines, "music-missing").startsWith("ok current=true failures=0"), report);
            // The server's sprite sheet through the image cache: atlas parsed, both pages decoded
            // by the browser and made textures.
            assertTrue(line(lines, "sheet").startsWith("ok regions=27 "), report);
            assertTrue(line(lines, "sheet").contains(" robot=48x48 page=512x256 "), report);
            // The browser hands a page any status code: 600-999 are responses handled as server errors,
            // as on desktop (600 retried as a 5xx would be), and codes desktop's status line cannot
            // carry fail PROTOCOL.
            assertTrue(line(lines, "status-600").startsWith("ok answered 600 serverError=true "), report);
            assertTrue(line(lines, "status-999").startsWith("ok answered 999 serverError=true "), report);
            assertTrue(line(lines, "status-1000").startsWith("ok kind=PROTOCOL "), report);
            assertTrue(line(lines, "status-99").startsWith("ok kind=PROTOCOL "), report);
            assertEquals(List.of(99, 600, 600, 999, 1000), aux.statuses.stream().sorted().collect(java.util.stream.Collectors.toList()), "the codes /status was asked for");
            // A header value beyond ASCII goes out as its UTF-8 bytes, as desktop sends it.
            assertTrue(line(lines, "header-utf8").startsWith("ok received=4a6f73c3a920e29c93"), report);
            assertTrue(line(lines, "header-utf8-events").startsWith("ok received=4a6f73c3a920e29c93"), report);
            // Fields of the answer beyond ASCII read as desktop reads them: UTF-8 bytes as their
            // text, ISO-8859-1 ones a character each (the browser hands a page each byte as a char).
            assertTrue(line(lines, "header-utf8-answer").startsWith("ok echo=Jos\u00e9 \u2713 latin1=caf\u00e9 cr\u00e8me"),
                    report);
            // An event stream whose head comes after its connect timeout, within its read timeout,
            // opens and delivers, as on desktop.
            assertTrue(line(lines, "events-late-head").startsWith("ok data=late"), report);
            // Cache-Control: only-if-cached in the request's header, with no HTTP cache: NOT_CACHED
            // without going out, as on desktop.
            assertTrue(line(lines, "only-if-cached").startsWith("ok kind=NOT_CACHED sent=false "), report);
            // Bodies in other encodings decode as desktop decodes them (the same text from the same bytes).
            for (int i = 0; i < CHARSET_BODIES.length; i++) {
                String[] served = CHARSET_BODIES[i];
                assertEquals("ok chars=" + charCodes(served[2]), line(lines, "charset-" + served[3]), report);
            }
            // The browser's redirect rules, not desktop's: a 302 turns a POST under an
            // Idempotency-Key into a body-less GET, where desktop keeps it; a 307 keeps it everywhere.
            assertTrue(line(lines, "redirect-post-302").startsWith("ok arrived=GET key=k-302 body= url=/to "), report);
            assertTrue(line(lines, "redirect-post-307").startsWith("ok arrived=POST key=k-307 body=score url=/to "), report);
            // A body over maxResponseBytes aborted with TOO_LARGE.
            assertTrue(line(lines, "limit").startsWith("ok kind=TOO_LARGE"), report);

            // WebSockets over the browser's own WebSocket, every callback inside update(). The demo
            // server's feed: "changed" on connect and again after the page posted a score; the
            // page's data frame makes the server close with 1003, which reaches onClosed.
            assertTrue(line(lines, "ws-live").startsWith("ok events=open ,text changed,text changed,closing 1003 ,"
                    + "closed 1003  insideUpdate=true terminals=1 state=CLOSED "), report);
            assertEquals(1, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/scores?limit=100")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().split("WSTEST", -1).length - 1, "the page's score");
            // What a browser cannot do is refused at open, naming it.
            assertTrue(line(lines, "ws-header").startsWith("ok events=failure BROWSER_REFUSED insideUpdate=true "), report);
            assertTrue(line(lines, "ws-header").contains("Authorization"), report);
            assertTrue(line(lines, "ws-ping").startsWith("ok events=failure BROWSER_REFUSED insideUpdate=true "), report);
            // Reconnects, as on desktop: a connection dropped without a close frame reports
            // reconnecting after the policy's delay (CONNECTING, a send waiting for the next
            // connection), opens again and sends and receives; the game's close then ends it.
            assertTrue(line(lines, "ws-reconnect").startsWith("ok events=open ,reconnecting 1 1000,open ,text waited,"
                    + "text after,closing 1000 bye,closed 1000 bye insideUpdate=true terminals=1 state=CLOSED "), report);
            assertTrue(line(lines, "ws-reconnect").endsWith(" state=CONNECTING sent=true"), report);
            // The server's normal close does not reconnect.
            assertTrue(line(lines, "ws-server-close").startsWith("ok events=open ,closing 1000 server bye,"
                    + "closed 1000 server bye insideUpdate=true terminals=1 "), report);
            // close() or cancel() during the wait ends the channel there, once.
            assertTrue(line(lines, "ws-close-waiting").startsWith("ok events=open ,reconnecting 1 60000,"
                    + "closed 1000 waiting insideUpdate=true terminals=1 state=CLOSED "), report);
            assertTrue(line(lines, "ws-cancel-waiting").startsWith("ok events=open ,reconnecting 1 60000,"
                    + "failure CANCELLED insideUpdate=true terminals=1 state=CLOSED "), report);
            // Nothing listening: each failed opening reconnects with the policy's backoff until its
            // two reconnects are spent, then the channel fails as the opening did.
            assertTrue(line(lines, "ws-budget").startsWith("ok events=reconnecting 1 20,reconnecting 2 40,"
                    + "failure NETWORK insideUpdate=true terminals=1 state=CLOSED "), report);
            assertTrue(line(lines, "ws-budget").contains("could not open the WebSocket"), report);
            // Round trips through the scripted server: the chosen subprotocol, a message sent
            // before open, UTF-8 text, all 256 byte values, and the game's own close handshake.
            assertTrue(line(lines, "ws-echo").startsWith("ok events=open chat.v2,text early,text h\u00e9llo \u2713,"
                    + "binary 256,closing 1000 bye,closed 1000 bye insideUpdate=true terminals=1 state=CLOSED "
                    + "protocol=chat.v2 "), report);
            assertTrue(line(lines, "ws-limit").startsWith("ok events=open ,binary 4096,failure TOO_LARGE "), report);
            // Disposing the manager ends its open channel with CANCELLED, delivered inside dispose().
            assertTrue(line(lines, "ws-dispose").startsWith("ok events=open ,failure CANCELLED insideUpdate=true "
                    + "terminals=1 state=CLOSED "), report);
            // Closed while connecting: onClosed with the game's code, later calls refused; a
            // listener that throws leaves its channel working; a manager disposed while its channel
            // connects delivers CANCELLED inside dispose(). Each with one terminal event.
            assertTrue(line(lines, "ws-early").startsWith("ok events=closed 1000 early insideUpdate=true terminals=1 "),
                    report);
            assertTrue(line(lines, "ws-throws").startsWith("ok events=open ,text after,closing 1000 ,closed 1000  "
                    + "insideUpdate=true terminals=1 "), report);
            assertTrue(line(lines, "ws-dispose-connecting").startsWith("ok events=failure CANCELLED insideUpdate=true "
                    + "terminals=1 "), report);
            // Nothing listening: the browser's bare error event fails the channel as NETWORK.
            assertTrue(line(lines, "ws-nowhere").startsWith("ok events=failure NETWORK insideUpdate=true "), report);
            assertTrue(line(lines, "ws-nowhere").contains("could not open the WebSocket"), report);
            // Server-Sent Events over XMLHttpRequest: two events (one named, of two data lines),
            // the stream ended by the server and reopened after its retry delay with the last id
            // sent back, a third event, then closed by the page; a 204 closes a stream for good.
            assertTrue(line(lines, "sse").startsWith("ok events=open,event score first|line 1,event message second 2,"
                    + "reconnecting 1 100,open,event message third 3,closed insideUpdate=true lastEventId=3"), report);
            assertEquals(List.of("", "2"), aux.lastEventIds, "Last-Event-ID of each opening of the stream");
            assertTrue(line(lines, "sse-end").startsWith("ok events=closed insideUpdate=true "), report);
            // A character split between two arrivals is whole in the event; and the body is read as
            // UTF-8 even when its Content-Type names another charset, as EventSource reads it.
            assertTrue(line(lines, "sse-split").startsWith("ok events=open,event message one ,event message h\u00e9llo "
                    + "\u2713 ,closed insideUpdate=true "), report);
            // An id beyond ASCII comes back in Last-Event-ID as UTF-8, as desktop and EventSource send it.
            assertTrue(line(lines, "sse-id").startsWith("ok events=open,event message first \u2713\u00e9,reconnecting 1 10,"
                    + "open,event message second 2,closed insideUpdate=true lastEventId=2"), report);
            assertEquals(List.of("\u2713\u00e9"), aux.unicodeIds, "Last-Event-ID of the reconnection");
            assertEquals("ok events=" + FLOOD_EVENTS, line(lines, "sse-flood"), report);
            long held = aux.floodHeld.getNow(-3L);
            assertTrue(held > 0 && held < (long) FLOOD_EVENTS * FLOOD_EVENT_BYTES,
                    "the flood's writes were never held back while the page took no events: " + held);
            assertTrue(line(lines, "sse-latin1").startsWith("ok events=open,event message one ,event message h\u00e9llo "
                    + "\u2713 ,closed insideUpdate=true "), report);

            byte[] png = chromium.screenshot("canvas", SECONDS);
            Files.write(Path.of("target", "web-leaderboard.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertLeaderboardDrawn(shot);
            assertSpriteDrawn(shot);

            // The game's board is live over the feed: a score posted elsewhere shows without a reload.
            assertTrue(line(lines, "feed").startsWith("ok live"), report);
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/scores"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"LIVE\",\"score\":9900}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, live.statusCode(), live.body());
            awaitReported(chromium, "board=first=LIVE:9900 ");

            // ENTER is bound only by the bindings file: pressing it submits through the mapper.
            chromium.pressKey("Enter", 13, SECONDS);
            assertTrue(awaitLine(chromium, "input").startsWith("ok submitted through the \"submit\" action: Rank "),
                    report(chromium));
            String after = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/scores?limit=100")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(after.contains("\"WEB\""), after);

            // An offline browser: NETWORK, saying so, and the request never left.
            chromium.offline(true, SECONDS);
            chromium.eval("selftestProbe('offline')", SECONDS);
            String offline = awaitLine(chromium, "offline");
            chromium.offline(false, SECONDS);
            assertTrue(offline.startsWith("kind=NETWORK sent=false "), offline);
            assertTrue(offline.contains("the browser is offline"), offline);

            // The page's own server gone: NETWORK, saying it could not be reached.
            server.close();
            chromium.eval("selftestProbe('down')", SECONDS);
            String down = awaitLine(chromium, "down");
            assertTrue(down.startsWith("kind=NETWORK "), down);
            assertTrue(down.contains("could not reach the server"), down);
        }
    }

    /** A loopback port that was free a moment ago: nothing listens there. */
    private static int portWhereNothingListens() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Map<String, String> lines(String report) {
        Map<String, String> lines = new HashMap<>();
        for (String line : report.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                lines.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return lines;
    }

    private static String report(HeadlessChromium chromium) throws Exception {
        return chromium.eval("document.getElementById('selftest').textContent", SECONDS);
    }

    /** The page's line {@code name=...}, once the page has written it. */
    private static String awaitLine(HeadlessChromium chromium, String name) throws Exception {
        try {
            chromium.eval("new Promise(function(done) { (function poll() {"
                    + " var text = '\\n' + document.getElementById('selftest').textContent;"
                    + " if (text.indexOf('\\n" + name + "=') >= 0) done(true); else setTimeout(poll, 20); })(); })", SECONDS);
        } catch (Exception | AssertionError notThere) {
            throw new AssertionError("the page never wrote a line " + name + "; it reported:\n" + report(chromium), notThere);
        }
        return line(lines(report(chromium)), name);
    }

    /** Waits until the page has written a line starting with {@code text}. */
    private static void awaitReported(HeadlessChromium chromium, String text) throws Exception {
        try {
            chromium.eval("new Promise(function(done) { (function poll() {"
                    + " var text = '\\n' + document.getElementById('selftest').textContent;"
                    + " if (text.indexOf(" + jsString("\n" + text) + ") >= 0) done(true); else setTimeout(poll, 20); })(); })",
                    SECONDS);
        } catch (Exception | AssertionError notThere) {
            throw new AssertionError("the page never wrote " + text + "; it reported:\n" + report(chromium), notThere);
        }
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /**
     * What {@code /charset?i} serves: Content-Type, the body's bytes (one char each), the text
     * desktop reads from them (for JSON, the "name" field), and the page's name for the case.
     */
    private static final String[][] CHARSET_BODIES = {
        charsetCase("text/plain", "\uFEFFJos\u00e9 \u2713", "UTF-16LE", "Jos\u00e9 \u2713", "utf16le-bom"),
        charsetCase("text/plain; charset=utf-8", "\uFEFFJos\u00e9 \u2713", "UTF-16BE", "Jos\u00e9 \u2713",
                "utf16be-bom-over-label"),
        charsetCase("text/plain; charset=utf-16", "Jos\u00e9 \u2713", "UTF-16LE", "Jos\u00e9 \u2713", "utf-16-label"),
        charsetCase("text/plain; charset=utf-16be", "Jos\u00e9 \u2713", "UTF-16BE", "Jos\u00e9 \u2713",
                "utf-16be-label"),
        charsetCase("text/plain; charset=windows-1252", "caf\u00e9 \u20ac", "windows-1252", "caf\u00e9 \u20ac",
                "windows-1252"),
        charsetCase("text/plain; charset=shift_jis", "\u65e5\u672c\u8a9e", "Shift_JIS", "\u65e5\u672c\u8a9e",
                "shift_jis"),
        charsetCase("text/plain; charset=iso-8859-1", "caf\u00e9 \u0080", "ISO-8859-1", "caf\u00e9 \u0080",
                "iso-8859-1"),
        charsetCase("text/plain", "ok\u00ff!", "ISO-8859-1", "ok\ufffd!", "utf8-malformed"),
        charsetCase("application/json; charset=windows-1252", "{\"name\":\"Jos\u00e9\"}", "windows-1252",
                "Jos\u00e9", "json-windows-1252"),
        charsetCase("application/json", "\uFEFF{\"name\":\"Jos\u00e9 \u2713\"}", "UTF-16LE", "Jos\u00e9 \u2713",
                "json-utf16le-bom"),
        // windows-1254 to a browser, which reads 0x80 as the euro sign.
        charsetCase("text/plain; charset=iso-8859-9", "\u011f \u0080", "ISO-8859-9", "\u011f \u0080", "iso-8859-9"),
        // windows-1252 to a browser; Java reads a byte above 0x7F as U+FFFD.
        charsetCase("text/plain; charset=us-ascii", "ok\u00e9", "ISO-8859-1", "ok\ufffd", "us-ascii"),
    };

    private static String[] charsetCase(String contentType, String text, String encoding, String read, String name) {
        return new String[] {contentType, new String(text.getBytes(java.nio.charset.Charset.forName(encoding)),
                StandardCharsets.ISO_8859_1), read, name};
    }

    /** {@code text}'s chars in hex, as the page reports them. */
    private static String charCodes(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            out.append(i == 0 ? "" : ",").append(Integer.toHexString(text.charAt(i)));
        }
        return out.toString();
    }

    private static String line(Map<String, String> lines, String name) {
        String line = lines.get(name);
        return line == null ? "(no line " + name + ")" : line;
    }

    /** The canvas (800x600) shows the orange title bar, three row stripes and text. */
    private static void assertLeaderboardDrawn(BufferedImage shot) {
        assertTrue(shot.getWidth() == 800 && shot.getHeight() == 600, shot.getWidth() + "x" + shot.getHeight());
        int orange = 0;
        int stripes = 0;
        int white = 0;
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                int rgb = shot.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 220 && g > 120 && g < 160 && b < 60) {
                    orange++;
                } else if (y > 70 && y < 220 && b > 60 && b < 90 && r > 30 && r < 55) {
                    stripes++;
                } else if (y > 70 && r > 200 && g > 200 && b > 200) {
                    white++;
                }
            }
        }
        String counts = "orange=" + orange + " stripes=" + stripes + " white=" + white;
        assertTrue(orange > 800 * 60, "no title bar: " + counts);
        assertTrue(stripes > 3 * 600 * 30, "no leaderboard rows: " + counts);
        assertTrue(white > 500, "no text: " + counts);
    }

    /**
     * The sheet's first robot frame (48x48 at 2,2 on page 1), drawn 1:1 with its bottom-left at
     * (740, 8): each pixel the page's pixel over the clear colour, as blending makes it.
     */
    private static void assertSpriteDrawn(BufferedImage shot) throws IOException {
        BufferedImage page;
        try (InputStream in = WebBuildBrowserTest.class.getResourceAsStream("/sheets/sprites-1.png")) {
            page = ImageIO.read(in);
        }
        int[] background = {18, 20, 41};
        int matching = 0;
        int visible = 0;
        int left = 740;
        int top = 600 - 8 - 48;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                int src = page.getRGB(2 + x, 2 + y);
                int got = shot.getRGB(left + x, top + y);
                float a = (src >>> 24) / 255f;
                boolean close = true;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    float expected = a * ((src >> shift) & 0xff) + (1 - a) * background[c];
                    close &= Math.abs(expected - ((got >> shift) & 0xff)) <= 20;
                }
                if (close) {
                    matching++;
                }
                if (a > 0.8f && close) {
                    visible++;
                }
            }
        }
        assertTrue(matching >= 48 * 48 * 95 / 100 && visible > 200,
                "the sprite is not drawn as the sheet has it: matching=" + matching + " of " + 48 * 48
                        + ", opaque matching=" + visible);
    }

    /**
     * A scripted server on another origin that allows every origin by CORS: {@code /hold} never
     * answers (until closed), {@code /stream} sends half its body and the rest after
     * {@code /release}, {@code /echo} answers the method, length and byte sum of what it read
     * (after a preflight for PATCH), {@code /events} is an event stream (see
     * {@code ChannelSelfTest}) whose split ones go on after {@code /events/release?NAME}, and
     * whose flood tells {@code /events/flood-held} when its writes stalled; {@code /late} answers
     * after {@code /late/release}, and the event stream {@code /slow-events} sends its head after
     * {@code /slow-events/release}.
     */
    private static final class Aux implements AutoCloseable {
        /** Counted down by {@code /late/release}, which the page asks for once its request has waited 1.5 s. */
        private final CountDownLatch lateReleased = new CountDownLatch(1);
        /** Counted down by {@code /slow-events/release}, once the page's stream has waited 1.5 s for its head. */
        private final CountDownLatch slowEventsReleased = new CountDownLatch(1);

        final List<String> held = new CopyOnWriteArrayList<>();
        final List<String> preflights = new CopyOnWriteArrayList<>();
        /** The code each {@code /status?code} asked for, in arrival order. */
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        /** The Last-Event-ID ("" for none) of each GET of {@code /events}. */
        final List<String> lastEventIds = new CopyOnWriteArrayList<>();
        /** The Last-Event-ID of each reconnection of {@code /events?id}, read as UTF-8. */
        final List<String> unicodeIds = new CopyOnWriteArrayList<>();
        /** Bytes of the flood written when its writes stalled for two seconds, or -1 when they never did. */
        final CompletableFuture<Long> floodHeld = new CompletableFuture<>();
        /** Echoes WebSocket messages (see {@link EchoWebSocket}). */
        final EchoWebSocket webSocket = new EchoWebSocket();
        private final List<HttpExchange> open = new CopyOnWriteArrayList<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
        private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aux-server");
            thread.setDaemon(true);
            return thread;
        });
        private final HttpServer server;

        private CountDownLatch arrival(String name) {
            return arrivals.computeIfAbsent(String.valueOf(name), k -> new CountDownLatch(1));
        }

        /** Whether {@code /hold?name} arrives within 30 s. */
        private boolean awaitHeld(String name) {
            return awaitQuietly(arrival(name));
        }

        /** Whether {@code latch} reaches zero within 30 s. */
        private static boolean awaitQuietly(CountDownLatch latch) {
            try {
                return latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        Aux() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(pool);
            server.createContext("/hold", exchange -> {
                cors(exchange);
                held.add(exchange.getRequestURI().getRawQuery());
                arrival(exchange.getRequestURI().getRawQuery()).countDown();
                open.add(exchange);
            });
            server.createContext("/late", exchange -> {
                cors(exchange);
                // Answers once the page says its request has waited past its connect timeout.
                boolean let = awaitQuietly(lateReleased);
                byte[] answer = (let ? "late" : "never released").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(let ? 200 : 504, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/slow-events", exchange -> {
                cors(exchange);
                // The head comes only with the first event, once the page says the stream has
                // waited past its connect timeout.
                boolean let = awaitQuietly(slowEventsReleased);
                byte[] answer = (let ? "data: late\n\n" : "data: never released\n\n").getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/slow-events/release", exchange -> {
                cors(exchange);
                slowEventsReleased.countDown();
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                }
            });
            server.createContext("/late/release", exchange -> {
                cors(exchange);
                lateReleased.countDown();
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                }
            });
            server.createContext("/arrived", exchange -> {
                cors(exchange);
                String name = exchange.getRequestURI().getRawQuery();
                boolean arrived = awaitHeld(name);
                byte[] answer = (arrived ? "arrived" : name + " did not arrive").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(arrived ? 200 : 504, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/status", exchange -> {
                cors(exchange);
                // Answers with the code its query names, one the socket transport reads otherwise.
                int code = Integer.parseInt(exchange.getRequestURI().getRawQuery());
                statuses.add(code);
                byte[] answer = "status".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(code, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/header", exchange -> {
                cors(exchange);
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "X-Player");
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                // The server reads each header byte as one ISO-8859-1 char: back to the bytes sent.
                String value = exchange.getRequestHeaders().getFirst("X-Player");
                boolean stream = "text/event-stream".equals(exchange.getRequestHeaders().getFirst("Accept"));
                StringBuilder hex = new StringBuilder();
                for (byte b : (value == null ? "" : value).getBytes(StandardCharsets.ISO_8859_1)) {
                    hex.append(String.format("%02x", b & 0xff));
                }
                byte[] answer = (stream ? "data: " + hex + "\n\n" : hex.toString()).getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "text/plain");
                // Fields beyond ASCII in the answer: the player's name as its UTF-8 bytes, and an
                // older server's ISO-8859-1 (the JDK's server writes each char as one byte).
                exchange.getResponseHeaders().set("X-Player",
                        new String("Jos\u00e9 \u2713".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                exchange.getResponseHeaders().set("X-Latin1", "caf\u00e9 cr\u00e8me");
                exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "X-Player, X-Latin1");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/charset", exchange -> {
                cors(exchange);
                String[] served = CHARSET_BODIES[Integer.parseInt(exchange.getRequestURI().getQuery())];
                exchange.getResponseHeaders().set("Content-Type", served[0]);
                byte[] answer = served[1].getBytes(StandardCharsets.ISO_8859_1);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/moved", exchange -> {
                cors(exchange);
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Idempotency-Key, Content-Type");
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                if (exchange.getRequestURI().getPath().equals("/moved/to")) {
                    // Says which method, key and body reached the redirect's target.
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    byte[] answer = (exchange.getRequestMethod() + " key="
                            + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " body="
                            + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                    return;
                }
                exchange.getResponseHeaders().set("Location", "/moved/to");
                exchange.sendResponseHeaders(Integer.parseInt(exchange.getRequestURI().getRawQuery()), -1);
                exchange.close();
            });
            server.createContext("/release", exchange -> {
                cors(exchange);
                released.countDown();
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                }
            });
            server.createContext("/echo", exchange -> {
                cors(exchange);
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    preflights.add(exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"));
                    exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "PATCH");
                    String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
                    if (asked != null) {
                        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", asked);
                    }
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                long sum = 0;
                long length = 0;
                byte[] chunk = new byte[8192];
                try (InputStream in = exchange.getRequestBody()) {
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        length += n;
                        for (int i = 0; i < n; i++) {
                            sum += chunk[i] & 0xff;
                        }
                    }
                }
                byte[] answer = (exchange.getRequestMethod() + " " + length + " " + sum).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/events", exchange -> {
                cors(exchange);
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Last-Event-ID");
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                String query = exchange.getRequestURI().getRawQuery();
                if ("end".equals(query)) {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                if ("split".equals(query) || "latin1".equals(query)) {
                    // UTF-8 whatever the header says, as the standard makes every event stream.
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset="
                            + ("split".equals(query) ? "utf-8" : "iso-8859-1"));
                    exchange.sendResponseHeaders(200, 0);
                    byte[] second = "data: h\u00e9llo \u2713\n\n".getBytes(StandardCharsets.UTF_8);
                    int cut = "data: h".length() + 1; // inside the two bytes of the e-acute
                    OutputStream out = exchange.getResponseBody();
                    out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                    out.write(second, 0, cut);
                    out.flush();
                    // The page asks for the rest once it has the first event.
                    if (awaitHeld("events-" + query)) {
                        out.write(second, cut, second.length - cut);
                        out.flush();
                    }
                    // Held open: the page closes the stream.
                    open.add(exchange);
                    return;
                }
                if ("flood".equals(query)) {
                    flood(exchange);
                    return;
                }
                String lastId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                if ("id".equals(query)) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    if (lastId == null) {
                        // Ends after one event: the page reconnects, sending its id back.
                        out.write("retry: 10\nid: \u2713\u00e9\ndata: first\n\n".getBytes(StandardCharsets.UTF_8));
                        out.close();
                        return;
                    }
                    // The server reads header bytes one char each: the id's UTF-8 bytes, decoded here.
                    unicodeIds.add(new String(lastId.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                    out.write("id: 2\ndata: second\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // Held open: the page closes the stream.
                    open.add(exchange);
                    return;
                }
                lastEventIds.add(lastId == null ? "" : lastId);
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                if (lastId == null) {
                    // Ends after two events: the page reconnects after the retry delay with id 2.
                    out.write(("retry: 100\n\nid: 1\nevent: score\ndata: first\ndata: line\n\n: keep-alive\n\n"
                            + "id: 2\ndata: second\n\n").getBytes(StandardCharsets.UTF_8));
                    out.close();
                    return;
                }
                out.write("id: 3\ndata: third\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Held open: the page closes the stream.
                open.add(exchange);
            });
            server.createContext("/events/flood-held", exchange -> {
                cors(exchange);
                long held;
                try {
                    held = floodHeld.get(SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    held = -2;
                }
                byte[] answer = (held >= 0 ? "held " + held : held == -1 ? "every byte was taken" : "no flood")
                        .getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/events/release", exchange -> {
                cors(exchange);
                arrival("events-" + exchange.getRequestURI().getRawQuery()).countDown();
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                }
            });
            server.createContext("/gzipped", exchange -> {
                cors(exchange);
                // Exposed, so the page would see them if the transport passed them on.
                exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "Content-Encoding, Content-Length");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                ByteArrayOutputStream coded = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(coded)) {
                    gzip.write("{\"points\":7}".getBytes(StandardCharsets.US_ASCII));
                }
                exchange.sendResponseHeaders(200, coded.size());
                try (OutputStream out = exchange.getResponseBody()) {
                    coded.writeTo(out);
                }
            });
            server.createContext("/stream", exchange -> {
                cors(exchange);
                byte[] body = new byte[STREAM_BYTES];
                for (int i = 0; i < body.length; i++) {
                    body[i] = (byte) (i * 7);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    try {
                        if (!released.await(SECONDS, TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    out.write(body, body.length / 2, body.length - body.length / 2);
                }
            });
            server.start();
        }

        /**
         * Writes {@link #FLOOD_EVENTS} events with ids 1 to N, then one whose data is "end", and
         * notes how much was written when a write made no progress for two seconds: a page that
         * stops reading stops the browser, and then TCP stops this server.
         */
        private void flood(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            AtomicLong written = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread watch = new Thread(() -> {
                long last = -1;
                long since = System.nanoTime();
                while (writing.get()) {
                    long now = written.get();
                    if (now != last) {
                        last = now;
                        since = System.nanoTime();
                    } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(2)) {
                        floodHeld.complete(now);
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }, "flood-watch");
            watch.setDaemon(true);
            watch.start();
            String filler = "x".repeat(FLOOD_EVENT_BYTES - 32);
            for (int i = 1; i <= FLOOD_EVENTS; i++) {
                byte[] event = ("id: " + i + "\ndata: " + filler + "\n\n").getBytes(StandardCharsets.US_ASCII);
                out.write(event);
                written.addAndGet(event.length);
            }
            out.write("data: end\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            writing.set(false);
            floodHeld.complete(-1L);
            // Held open: the page closes the stream.
            open.add(exchange);
        }

        private static void cors(HttpExchange exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            for (HttpExchange exchange : open) {
                exchange.close();
            }
            released.countDown();
            try {
                webSocket.close();
            } catch (IOException ignored) {
                // The test is over; its daemon threads end with the JVM.
            }
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
