package com.gdxfetch.example.web;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.JsonValue;
import com.badlogic.gdx.utils.TimeUtils;
import com.gdxfetch.audio.MusicDirector;
import com.gdxfetch.audio.MusicDirectorConfig;
import com.gdxfetch.audio.MusicLoader;
import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.LiveLeaderboard;
import com.gdxfetch.example.online.ServerAnswer;
import com.gdxfetch.example.online.SubmitResult;
import com.gdxfetch.example.online.TopScores;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.BindingsFile;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.RequestBody;
import com.gdxfetch.net.RetryPolicy;

/**
 * The web build's scenarios, run one after another from the game loop when the page's URL has
 * {@code ?selftest}; each writes one line {@code name=ok ...} or {@code name=FAIL ...} into the
 * page's {@code <pre id="selftest">}, and the title becomes {@code selftest:done} at the end.
 *
 * <p>The page URL may name {@code aux=URL}, a scripted server on another origin that allows it by
 * CORS: {@code /hold} accepts and never answers (cancel, timeout), {@code /arrived?name} answers
 * once {@code /hold?name} has arrived, {@code /stream} sends half of a
 * binary body and the rest only after {@code /release} (download progress seen between frames),
 * {@code /echo} answers a PATCH with what it read. Without it those scenarios report
 * {@code skipped}. {@code echo=ws://...} and {@code nowhere=ws://...} name a scripted WebSocket
 * server and a port where nothing listens, for the WebSocket scenarios ({@link ChannelSelfTest}),
 * which also use the demo server's live score feed. Render thread.
 *
 * <p>After {@code selftest:done} the page keeps a probe: {@code window.selftestProbe(name)} sends
 * one same-origin GET in the next frame and reports its outcome as the line {@code name=...}, so
 * a driver can switch the browser offline, or stop the server, and see what the page sees.
 */
final class SelfTest {
    private final FetchManager fetch;
    private final LeaderboardClient leaderboard;
    private final String baseUrl;
    private final String auxUrl;
    private int step;
    private boolean waiting;
    private FetchHandle<HttpResponse> held;
    private FetchHandle<HttpResponse> cancelled;
    private String arrivalFailure;
    private FetchHandle<byte[]> download;
    private boolean released;
    /** When the untimed request went out, or -1; its answer waits for {@code /late/release}. */
    private long lateSentMillis = -1;
    /** How long after sending it the page lets {@code /late} answer: well past its 300 ms connect timeout. */
    private static final long LATE_ANSWER_MILLIS = 1_500;
    /** When the late-head event stream opened, or -1; its head waits for {@code /slow-events/release}. */
    private long lateStreamOpenedMillis = -1;
    private long progressSeen = -1;
    private int frames;
    private final InputMapper input;
    private final BindingsFile.Report bindings;
    private final MusicDirector music;
    private int musicFrame = -1;
    private int musicStartFrame;
    private String brokenLine;
    private String probe;
    private final ImageHandle sheet;
    private boolean sheetWaiting;
    private final ChannelSelfTest channels;
    private final LiveLeaderboard board;
    private int boardVersion = -1;
    private String liveUrl;
    private boolean channelsWaiting;

    SelfTest(FetchManager fetch, LeaderboardClient leaderboard, String baseUrl, String query, InputMapper input,
            BindingsFile.Report bindings, MusicDirector music, ImageHandle sheet, LiveLeaderboard board) {
        this.fetch = fetch;
        this.leaderboard = leaderboard;
        this.baseUrl = baseUrl;
        this.auxUrl = param(query, "aux");
        this.input = input;
        this.bindings = bindings;
        this.music = music;
        this.sheet = sheet;
        this.board = board;
        this.channels = new ChannelSelfTest(leaderboard, param(query, "echo"), param(query, "nowhere"),
                auxUrl == null ? null : auxUrl + "/events");
        exportProbe(this);
        report("started", "ok");
    }

    /** Called by the page's {@code selftestProbe}, outside a frame: the request goes out in the next one. */
    private void probe(String name) {
        probe = name;
    }

    /** Called once per frame after {@code fetch.update()}. */
    void frame() {
        frames++;
        if (held != null && held.state() == com.gdxfetch.net.FetchState.RUNNING) {
            // The browser has the request, but may not have sent it yet: cancel once the scripted
            // server says it arrived, so cancel() aborts a request the server is holding.
            final FetchHandle<HttpResponse> inFlight = held;
            held = null;
            fetch.get(auxUrl + "/arrived?cancel").retry(RetryPolicy.none()).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String body, HttpResponse response) {
                    inFlight.cancel();
                }

                @Override
                public void onFailure(FetchException failure) {
                    arrivalFailure = failure.getMessage();
                    inFlight.cancel();
                }
            });
        }
        if (download != null && !download.isDone() && download.bytesReceived() > 0 && !released) {
            // Part of the body arrived in an earlier update(): the rest waits for this request.
            progressSeen = download.bytesReceived();
            released = true;
            fetch.get(auxUrl + "/release").retry(RetryPolicy.none()).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String body, HttpResponse response) {
                }

                @Override
                public void onFailure(FetchException failure) {
                    report("release", "FAIL " + failure.getMessage());
                }
            });
        }
        if (lateSentMillis >= 0 && TimeUtils.timeSinceMillis(lateSentMillis) >= LATE_ANSWER_MILLIS) {
            lateSentMillis = -1;
            fetch.get(auxUrl + "/late/release").retry(RetryPolicy.none()).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String body, HttpResponse response) {
                }

                @Override
                public void onFailure(FetchException failure) {
                    report("untimed", "FAIL the release of /late: " + failure.getMessage());
                }
            });
        }
        if (lateStreamOpenedMillis >= 0 && TimeUtils.timeSinceMillis(lateStreamOpenedMillis) >= LATE_ANSWER_MILLIS) {
            lateStreamOpenedMillis = -1;
            fetch.get(auxUrl + "/slow-events/release").retry(RetryPolicy.none()).send(Decoders.text(),
                    new FetchCallback<String>() {
                        @Override
                        public void onSuccess(String body, HttpResponse response) {
                        }

                        @Override
                        public void onFailure(FetchException failure) {
                            report("events-late-head", "FAIL the release of /slow-events: " + failure.getMessage());
                        }
                    });
        }
        statusDeadline();
        if (probe != null) {
            probeSend(probe);
            probe = null;
        }
        if (musicFrame >= 0 && frames >= musicFrame) {
            musicFrame = -1;
            musicReport();
        }
        channels.frame();
        if (channelsWaiting && channels.isDone()) {
            channelsWaiting = false;
            next();
        }
        if (boardVersion >= 0) {
            watchBoard();
        }
        if (sheetWaiting && sheet.isDone()) {
            sheetWaiting = false;
            sheetReport();
        }
        if (waiting) {
            return;
        }
        waiting = true;
        switch (step++) {
            case 0:
                leaderboardGet();
                break;
            case 1:
                submitTwice();
                break;
            case 2:
                cancel();
                break;
            case 3:
                timeout();
                break;
            case 4:
                binary();
                break;
            case 5:
                forbiddenHeader();
                break;
            case 6:
                crossOrigin();
                break;
            case 7:
                noRedirects();
                break;
            case 8:
                patchUpload();
                break;
            case 9:
                notOnTheWeb();
                break;
            case 10:
                bindingsFile();
                break;
            case 11:
                musicDirector();
                break;
            case 12:
                sizeLimit();
                break;
            case 13:
                sheetWaiting = true;
                break;
            case 14:
                webSockets();
                break;
            case 15:
                liveBoard();
                break;
            case 16:
                compressed();
                break;
            case 17:
                untimedRead();
                break;
            case 18:
                statuses();
                break;
            case 19:
                headerBeyondAscii();
                break;
            case 20:
                redirectedPost(302);
                break;
            case 21:
                redirectedPost(307);
                break;
            case 22:
                lateStreamHead();
                break;
            case 23:
                onlyIfCachedHeader();
                break;
            case 24:
                charsets(0);
                break;
            default:
                setTitle("selftest:done");
                break;
        }
    }

    private void next() {
        waiting = false;
    }

    private void leaderboardGet() {
        leaderboard.top(WebGame.ROWS, new Expect<ServerAnswer<TopScores>>("leaderboard") {
            @Override
            public void onSuccess(ServerAnswer<TopScores> answer, HttpResponse response) {
                boolean ok = answer.isSuccessful() && answer.body() != null && answer.body().scores != null;
                liveUrl = ok ? answer.body().live : null;
                done(ok, "status=" + answer.status() + " rows=" + (ok ? answer.body().scores.size : -1)
                        + (ok && answer.body().scores.size > 0 ? " first=" + answer.body().scores.get(0).name
                                + ":" + answer.body().scores.get(0).score : ""));
            }
        });
    }

    private void submitTwice() {
        final String key = LeaderboardClient.newSubmissionKey();
        final int score = 7000 + (int) (Math.random() * 999);
        leaderboard.submit("WEBTEST", score, key, new Expect<ServerAnswer<SubmitResult>>("submit") {
            @Override
            public void onSuccess(final ServerAnswer<SubmitResult> first, HttpResponse response) {
                if (!first.isSuccessful()) {
                    done(false, "status=" + first.status() + " " + first.error());
                    return;
                }
                // The retry a lost answer would cause: same key, same body.
                leaderboard.submit("WEBTEST", score, key, new Expect<ServerAnswer<SubmitResult>>("submit") {
                    @Override
                    public void onSuccess(ServerAnswer<SubmitResult> again, HttpResponse response) {
                        boolean ok = again.isSuccessful() && again.body().replayed
                                && again.body().id == first.body().id && !first.body().replayed;
                        done(ok, "id=" + first.body().id + " score=" + score + " key=" + key + " replayed="
                                + (again.isSuccessful() && again.body().replayed) + " sameId="
                                + (again.isSuccessful() && again.body().id == first.body().id));
                    }
                });
            }
        });
    }

    private void cancel() {
        if (skipped("cancel")) {
            return;
        }
        held = fetch.get(auxUrl + "/hold?cancel").retry(RetryPolicy.none())
                .send(Decoders.response(), new FetchCallback<HttpResponse>() {
                    @Override
                    public void onSuccess(HttpResponse result, HttpResponse response) {
                        report("cancel", "FAIL succeeded");
                        next();
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        report("cancel", "FAIL " + failure.getMessage());
                        next();
                    }

                    @Override
                    public void onCancelled() {
                        String state = cancelled.state().name();
                        if (arrivalFailure != null) {
                            report("cancel", "FAIL the held request never arrived: " + arrivalFailure);
                        } else {
                            report("cancel", (state.equals("CANCELLED") ? "ok" : "FAIL") + " state=" + state + " frame=" + frames);
                        }
                        next();
                    }
                });
        cancelled = held;
    }

    /** Reports {@code name} skipped and moves on when the page names no aux server. */
    private boolean skipped(String name) {
        if (auxUrl != null) {
            return false;
        }
        report(name, "skipped (no aux= server in the page URL)");
        next();
        return true;
    }

    private void timeout() {
        if (skipped("timeout")) {
            return;
        }
        fetch.get(auxUrl + "/hold?timeout").connectTimeout(300).readTimeout(300).retry(RetryPolicy.none())
                .send(Decoders.response(), new Expect<HttpResponse>("timeout") {
                    @Override
                    public void onSuccess(HttpResponse result, HttpResponse response) {
                        done(false, "answered " + result.status());
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        done(failure.kind() == com.gdxfetch.net.FailureKind.READ_TIMEOUT,
                                "kind=" + failure.kind() + " " + failure.getMessage());
                    }
                });
    }

    /**
     * readTimeout(0) waits as long as the answer takes: the browser tells nothing of connecting, so
     * the time to the head must not be bounded by the connect timeout alone.
     */
    private void untimedRead() {
        if (skipped("untimed")) {
            return;
        }
        lateSentMillis = TimeUtils.millis();
        fetch.get(auxUrl + "/late").connectTimeout(300).readTimeout(0).retry(RetryPolicy.none())
                .send(Decoders.text(), new Expect<String>("untimed") {
                    @Override
                    public void onSuccess(String body, HttpResponse response) {
                        done(response.status() == 200, "status=" + response.status() + " body=" + body);
                    }
                });
    }

    /**
     * An event stream whose server sends its head only with its first event, after the stream's
     * connect timeout has passed: as on desktop, the head is awaited under the read timeout too.
     */
    private void lateStreamHead() {
        if (skipped("events-late-head")) {
            return;
        }
        lateStreamOpenedMillis = TimeUtils.millis();
        fetch.events(auxUrl + "/slow-events").connectTimeoutMillis(300).readTimeoutMillis(20_000).maxReconnects(0)
                .open(new EventStreamListener() {
                    /**
                     * Set by the first outcome: the server ends the body after its event, and a
                     * stream that had ended before close() still hears that end.
                     */
                    private boolean reported;

                    private void report(String line) {
                        if (!reported) {
                            reported = true;
                            SelfTest.report("events-late-head", line);
                            next();
                        }
                    }

                    @Override
                    public void onEvent(EventStream stream, String type, String data, String id) {
                        stream.close();
                        report(("late".equals(data) ? "ok" : "FAIL") + " data=" + data);
                    }

                    @Override
                    public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
                        stream.cancel();
                        report("FAIL reconnecting " + attempt);
                    }

                    @Override
                    public void onFailure(EventStream stream, FetchException failure) {
                        report("FAIL " + failure.kind() + " " + failure.getMessage());
                    }
                });
    }

    /**
     * Cache-Control: only-if-cached asked in the request's own header, with no HTTP cache (none
     * on the web): it fails NOT_CACHED without going out, as CacheMode.ONLY_IF_CACHED does and as
     * the header does on desktop.
     */
    private void onlyIfCachedHeader() {
        fetch.get(baseUrl + "/api/ping").header("Cache-Control", "only-if-cached").retry(RetryPolicy.none())
                .send(Decoders.text(), new Expect<String>("only-if-cached") {
                    @Override
                    public void onSuccess(String body, HttpResponse response) {
                        done(false, "answered " + response.status() + " from " + response.source());
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        done(failure.kind() == FailureKind.NOT_CACHED && !failure.isRequestSent(), "kind="
                                + failure.kind() + " sent=" + failure.isRequestSent() + " " + failure.getMessage());
                    }
                });
    }

    /**
     * Bodies in the encodings desktop reads: {@code /charset?i} serves case i, and each must decode
     * to the text desktop makes of the same bytes. Byte order marks name the encoding over the
     * label, "utf-16" reads as UTF-16LE, other labels as the Content-Type names them, malformed
     * UTF-8 becomes U+FFFD; JSON bodies the same way.
     */
    private static final String[] CHARSET_CASES = {"utf16le-bom", "utf16be-bom-over-label", "utf-16-label",
            "utf-16be-label", "windows-1252", "shift_jis", "iso-8859-1", "utf8-malformed", "json-windows-1252",
            "json-utf16le-bom", "iso-8859-9", "us-ascii"};
    private static final String[] CHARSET_TEXTS = {"Jos\u00e9 \u2713", "Jos\u00e9 \u2713", "Jos\u00e9 \u2713",
            "Jos\u00e9 \u2713", "caf\u00e9 \u20ac", "\u65e5\u672c\u8a9e", "caf\u00e9 \u0080", "ok\ufffd!",
            "Jos\u00e9", "Jos\u00e9 \u2713", "\u011f \u0080", "ok\ufffd"};

    private void charsets(final int index) {
        if (index == 0 && skipped("charset")) {
            return;
        }
        if (index == CHARSET_CASES.length) {
            next();
            return;
        }
        final String name = "charset-" + CHARSET_CASES[index];
        final String expected = CHARSET_TEXTS[index];
        String url = auxUrl + "/charset?" + index;
        if (CHARSET_CASES[index].startsWith("json-")) {
            fetch.get(url).retry(RetryPolicy.none()).send(Decoders.jsonTree(), new FetchCallback<JsonValue>() {
                @Override
                public void onSuccess(JsonValue body, HttpResponse response) {
                    charsetReport(index, name, expected, body.getString("name", null));
                }

                @Override
                public void onFailure(FetchException failure) {
                    report(name, "FAIL " + failure.kind() + " " + failure.getMessage());
                    charsets(index + 1);
                }
            });
        } else {
            fetch.get(url).retry(RetryPolicy.none()).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String text, HttpResponse response) {
                    charsetReport(index, name, expected, text);
                }

                @Override
                public void onFailure(FetchException failure) {
                    report(name, "FAIL " + failure.kind() + " " + failure.getMessage());
                    charsets(index + 1);
                }
            });
        }
    }

    private void charsetReport(int index, String name, String expected, String text) {
        report(name, (expected.equals(text) ? "ok" : "FAIL") + " chars=" + charCodes(text));
        charsets(index + 1);
    }

    /** {@code text}'s chars in hex, so the report line says exactly what was decoded. */
    private static String charCodes(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            out.append(i == 0 ? "" : ",").append(Integer.toHexString(text.charAt(i)));
        }
        return out.toString();
    }

    /** The codes {@link #statuses} asks {@code /status} for, and the failure each must give (null: a response). */
    private static final int[] STATUSES = {600, 999, 1000, 99};
    private static final FailureKind[] STATUS_KINDS = {null, null, FailureKind.PROTOCOL, FailureKind.PROTOCOL};
    /** How long the status requests may take before those without a callback are reported as such. */
    private static final long STATUS_WAIT_MILLIS = 10_000;
    /** When the status requests went out, or -1; one line per code, reported once. */
    private long statusSentMillis = -1;
    private final boolean[] statusReported = new boolean[STATUSES.length];

    /**
     * Codes the browser passes to a page though desktop reads them otherwise: 600-999 are responses
     * handled as server errors (retried as a 5xx: 600 goes out twice under a policy of two attempts), and a
     * code below 100 or above 999, which desktop's status line cannot carry, fails PROTOCOL.
     * Each code reports its own line; one without a callback in time is reported as such.
     */
    private void statuses() {
        if (skipped("status")) {
            return;
        }
        statusSentMillis = TimeUtils.millis();
        for (int i = 0; i < STATUSES.length; i++) {
            final int index = i;
            final int code = STATUSES[i];
            RetryPolicy retry = code == 600
                    ? RetryPolicy.builder().maxAttempts(2).baseDelayMillis(10).jitter(0).build()
                    : RetryPolicy.none();
            fetch.get(auxUrl + "/status?" + code).retry(retry).send(Decoders.text(), new FetchCallback<String>() {
                @Override
                public void onSuccess(String body, HttpResponse response) {
                    statusReport(index, STATUS_KINDS[index] == null && response.status() == code
                            && response.isServerError(), "answered " + response.status() + " serverError="
                            + response.isServerError());
                }

                @Override
                public void onFailure(FetchException failure) {
                    boolean serverError = failure.response() != null && failure.response().isServerError();
                    statusReport(index, failure.kind() == STATUS_KINDS[index], "kind=" + failure.kind() + " status="
                            + failure.status() + " serverError=" + serverError + " " + failure.getMessage());
                }

                @Override
                public void onCancelled() {
                    statusReport(index, false, "cancelled");
                }
            });
        }
    }

    private void statusReport(int index, boolean ok, String detail) {
        if (statusReported[index]) {
            return;
        }
        statusReported[index] = true;
        report("status-" + STATUSES[index], (ok ? "ok " : "FAIL ") + detail + " frame=" + frames);
        for (boolean reported : statusReported) {
            if (!reported) {
                return;
            }
        }
        statusSentMillis = -1;
        next();
    }

    /** Reports the status requests still without a callback once they have had their time. */
    private void statusDeadline() {
        if (statusSentMillis < 0 || TimeUtils.timeSinceMillis(statusSentMillis) < STATUS_WAIT_MILLIS) {
            return;
        }
        for (int i = 0; i < STATUSES.length; i++) {
            statusReport(i, false, "no callback within " + STATUS_WAIT_MILLIS + " ms");
        }
    }

    /**
     * A header value beyond ASCII, which desktop sends as UTF-8: the browser must send the same
     * bytes, where its {@code setRequestHeader} takes characters up to U+00FF as one byte each and
     * throws for any above.
     */
    private void headerBeyondAscii() {
        if (skipped("header-utf8")) {
            return;
        }
        try {
            fetch.get(auxUrl + "/header").header("X-Player", PLAYER).retry(RetryPolicy.none())
                    .send(Decoders.text(), new FetchCallback<String>() {
                        @Override
                        public void onSuccess(String hex, HttpResponse response) {
                            report("header-utf8", (hex.equals(PLAYER_UTF8) ? "ok" : "FAIL") + " received=" + hex);
                            // The answer's fields beyond ASCII read as desktop reads the same bytes:
                            // UTF-8 as its text, anything else one character a byte.
                            String echo = response.header("X-Player");
                            String latin1 = response.header("X-Latin1");
                            report("header-utf8-answer", (PLAYER.equals(echo) && "caf\u00e9 cr\u00e8me".equals(latin1)
                                    ? "ok" : "FAIL") + " echo=" + echo + " latin1=" + latin1);
                            headerBeyondAsciiOnAStream();
                        }

                        @Override
                        public void onFailure(FetchException failure) {
                            report("header-utf8", "FAIL " + failure.getMessage());
                            headerBeyondAsciiOnAStream();
                        }
                    });
        } catch (RuntimeException e) {
            report("header-utf8", "FAIL send threw " + e);
            headerBeyondAsciiOnAStream();
        }
    }

    /** The same header on an event stream, which the browser's {@code fetch()} sends. */
    private void headerBeyondAsciiOnAStream() {
        fetch.events(auxUrl + "/header").header("X-Player", PLAYER).open(new EventStreamListener() {
            @Override
            public void onEvent(EventStream stream, String type, String data, String id) {
                stream.close();
                report("header-utf8-events", (data.equals(PLAYER_UTF8) ? "ok" : "FAIL") + " received=" + data);
                next();
            }

            @Override
            public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
                stream.cancel();
                report("header-utf8-events", "FAIL the stream ended without an event");
                next();
            }

            @Override
            public void onFailure(EventStream stream, FetchException failure) {
                report("header-utf8-events", "FAIL " + failure.getMessage());
                next();
            }
        });
    }

    private static final String PLAYER = "Jos\u00e9 \u2713";
    /** {@link #PLAYER}'s UTF-8 bytes in hex, as the scripted server reports what it received. */
    private static final String PLAYER_UTF8 = "4a6f73c3a920e29c93";

    /**
     * A POST under an Idempotency-Key answered with a redirect: desktop keeps the method and body
     * through a 302 for such a request, the browser follows its own rules, which turn it into a
     * GET without the body; a 307 keeps both everywhere. The scripted server says what arrived.
     */
    private void redirectedPost(final int status) {
        final String name = "redirect-post-" + status;
        if (skipped(name)) {
            return;
        }
        fetch.post(auxUrl + "/moved?" + status, RequestBody.text("score")).header("Idempotency-Key", "k-" + status)
                .retry(RetryPolicy.none()).send(Decoders.text(), new Expect<String>(name) {
                    @Override
                    public void onSuccess(String arrived, HttpResponse response) {
                        String expected = status == 307 ? "POST key=k-307 body=score" : "GET key=k-302 body=";
                        done(arrived.equals(expected), "arrived=" + arrived + " url="
                                + response.url().substring(response.url().lastIndexOf('/')));
                    }
                });
    }

    private void binary() {
        if (skipped("binary")) {
            return;
        }
        download = fetch.get(auxUrl + "/stream").retry(RetryPolicy.none()).send(Decoders.bytes(), new Expect<byte[]>("binary") {
            @Override
            public void onSuccess(byte[] body, HttpResponse response) {
                // The scripted body: byte i is (i * 7) & 0xff, every value 0..255 appears.
                boolean exact = true;
                for (int i = 0; i < body.length && exact; i++) {
                    exact = body[i] == (byte) (i * 7);
                }
                done(exact && progressSeen > 0 && progressSeen < body.length, "bytes=" + body.length + " exact=" + exact
                        + " progressSeen=" + progressSeen + " contentLength=" + download.contentLength()
                        + " received=" + download.bytesReceived());
            }
        });
    }

    /** A gzip body the browser undid: read as JSON, with no Content-Encoding left to say otherwise. */
    private void compressed() {
        if (skipped("gzip")) {
            return;
        }
        fetch.get(auxUrl + "/gzipped").retry(RetryPolicy.none()).send(Decoders.jsonTree(), new Expect<JsonValue>("gzip") {
            @Override
            public void onSuccess(JsonValue body, HttpResponse response) {
                String coding = response.header("Content-Encoding");
                done(body.getInt("points", -1) == 7 && coding == null, "points=" + body.getInt("points", -1)
                        + " contentEncoding=" + coding + " contentLength=" + response.header("Content-Length"));
            }
        });
    }

    private void forbiddenHeader() {
        fetch.get(baseUrl + "/api/ping").header("Cookie", "session=1").send(Decoders.text(), new Expect<String>("forbidden") {
            @Override
            public void onSuccess(String body, HttpResponse response) {
                done(false, "the browser sent it");
            }

            @Override
            public void onFailure(FetchException failure) {
                done(failure.kind() == com.gdxfetch.net.FailureKind.BROWSER_REFUSED && !failure.isRequestSent(),
                        "kind=" + failure.kind() + " " + failure.getMessage());
            }
        });
    }

    private void crossOrigin() {
        String other = baseUrl.contains("127.0.0.1") ? baseUrl.replace("127.0.0.1", "localhost")
                : baseUrl.replace("localhost", "127.0.0.1");
        fetch.get(other + "/api/ping").retry(RetryPolicy.none()).send(Decoders.text(), new Expect<String>("cors") {
            @Override
            public void onSuccess(String body, HttpResponse response) {
                done(false, "the browser showed a cross-origin answer");
            }

            @Override
            public void onFailure(FetchException failure) {
                done(failure.kind() == com.gdxfetch.net.FailureKind.BROWSER_REFUSED,
                        "kind=" + failure.kind() + " " + failure.getMessage());
            }
        });
    }

    private void noRedirects() {
        fetch.get(baseUrl + "/api/ping").followRedirects(false).send(Decoders.text(), new Expect<String>("redirect") {
            @Override
            public void onSuccess(String body, HttpResponse response) {
                done(false, "sent, though the browser would have followed any redirect");
            }

            @Override
            public void onFailure(FetchException failure) {
                done(failure.kind() == com.gdxfetch.net.FailureKind.BROWSER_REFUSED && !failure.isRequestSent(),
                        "kind=" + failure.kind() + " " + failure.getMessage());
            }
        });
    }

    private void patchUpload() {
        if (skipped("patch")) {
            return;
        }
        // A body of byte i = (i * 13) & 0xff; the scripted server answers the method, the length
        // and the sum of the bytes it read. PATCH with a body takes a CORS preflight first.
        final byte[] body = new byte[512 * 1024];
        long sum = 0;
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 13);
            sum += body[i] & 0xff;
        }
        final String expected = "PATCH " + body.length + " " + sum;
        final FetchHandle<String>[] sent = new FetchHandle[1];
        sent[0] = fetch.request("PATCH", auxUrl + "/echo").body(RequestBody.bytes(body, "application/octet-stream"))
                .retry(RetryPolicy.none()).send(Decoders.text(), new Expect<String>("patch") {
                    @Override
                    public void onSuccess(String answer, HttpResponse response) {
                        done(answer.equals(expected) && sent[0].bytesSent() == body.length
                                && sent[0].uploadLength() == body.length, "answer=" + answer + " bytesSent="
                                + sent[0].bytesSent() + " uploadLength=" + sent[0].uploadLength());
                    }
                });
    }

    /** What the web build does not have yet refuses at the call, with a message that says so. */
    private void notOnTheWeb() {
        String outbox;
        try {
            fetch.outbox();
            outbox = "returned";
        } catch (IllegalStateException expected) {
            outbox = expected.getMessage();
        }
        boolean ok = outbox.contains("not available in web builds");
        report("unavailable", (ok ? "ok " : "FAIL ") + "outbox=" + outbox);
        // The only files a page has are internal ones: each feature that needs a writable folder
        // must say it is not on the web, not ask for a Local file the browser cannot give.
        String download;
        try {
            fetch.download(baseUrl + "/api/ping", Gdx.files.internal("scores.bin"));
            download = "returned";
        } catch (RuntimeException e) {
            download = e.getClass().getName() + ": " + e.getMessage();
        }
        unavailable("unavailable-download", download);
        String cache;
        try {
            FetchConfig.builder().httpCache(Gdx.files.internal("http-cache"), 1 << 20);
            cache = "returned";
        } catch (RuntimeException e) {
            cache = e.getClass().getName() + ": " + e.getMessage();
        }
        unavailable("unavailable-cache", cache);
        String outboxConfig;
        try {
            OutboxConfig.builder(Gdx.files.internal("outbox"));
            outboxConfig = "returned";
        } catch (RuntimeException e) {
            outboxConfig = e.getClass().getName() + ": " + e.getMessage();
        }
        unavailable("unavailable-outbox-config", outboxConfig);
        next();
    }

    private static void unavailable(String name, String outcome) {
        boolean ok = outcome.startsWith("java.lang.IllegalStateException: ") && outcome.contains("not available in web builds");
        report(name, (ok ? "ok " : "FAIL ") + outcome);
    }

    /** The channel scenarios ({@link ChannelSelfTest}), WebSockets on the feed the leaderboard's answer named. */
    private void webSockets() {
        if (liveUrl == null) {
            report("ws-live", "FAIL the leaderboard's answer named no live feed");
            next();
            return;
        }
        channels.start(liveUrl);
        channelsWaiting = true;
    }

    /**
     * The game's board over the live feed: reported once the feed is open ({@code feed=}), then,
     * whenever the board changes, its first row ({@code board=}), so a driver that posts a score
     * can see the page show it without reloading.
     */
    private void liveBoard() {
        if (board.isLive() || frames > 600) {
            report("feed", (board.isLive() ? "ok live" : "FAIL " + board.status()) + " frame=" + frames);
            boardVersion = board.version();
            next();
        } else {
            // Asked again next frame: the feed opens in its own time.
            step--;
            next();
        }
    }

    private void watchBoard() {
        if (board.version() == boardVersion || board.rows().size == 0) {
            return;
        }
        boardVersion = board.version();
        report("board", "first=" + board.rows().get(0).name + ":" + board.rows().get(0).score + " version="
                + boardVersion + " frame=" + frames);
    }

    /** The bindings file the game loaded through Gdx.files.internal: ENTER added to the submit action. */
    private void bindingsFile() {
        StringBuilder submit = new StringBuilder();
        Array<Binding> bound = input.actions().bindings(WebGame.SUBMIT);
        for (int i = 0; i < bound.size; i++) {
            submit.append(i == 0 ? "" : ",").append(bound.get(i));
        }
        boolean ok = bindings.found() && bindings.isClean() && submit.toString().contains("Enter");
        report("bindings", (ok ? "ok " : "FAIL ") + "found=" + bindings.found() + " clean=" + bindings.isClean()
                + " submit=" + submit + " problems=" + bindings.problems());
        next();
    }

    /**
     * The game's director has been asked for its song every frame; a second director whose loader
     * throws must swallow that and keep the game running. Reported 30 frames later, so the line
     * also says the frame loop went on.
     */
    private void musicDirector() {
        MusicDirector broken = new MusicDirector(MusicDirectorConfig.builder().loader(new MusicLoader() {
            @Override
            public Music load(String path) {
                throw new IllegalStateException("no such song: " + path);
            }
        }).build());
        String brokenState;
        try {
            broken.ensurePlaying("music/missing.ogg");
            broken.update(0.016f);
            brokenState = "current=" + (broken.current() != null) + " failures=" + broken.failureCount();
        } catch (RuntimeException escaped) {
            brokenState = "threw " + escaped;
        } finally {
            broken.dispose();
        }
        brokenLine = brokenState;
        // The default loader's file checks are desktop's: in a browser a song that is not there
        // opens as an <audio> element that fails on its own, and the director sees no failure.
        MusicDirector missing = new MusicDirector(MusicDirectorConfig.builder().build());
        String missingState;
        try {
            missing.ensurePlaying("music/missing.ogg");
            missing.update(0.016f);
            missingState = "current=" + (missing.current() != null) + " failures=" + missing.failureCount();
        } catch (RuntimeException escaped) {
            missingState = "threw " + escaped;
        } finally {
            missing.dispose();
        }
        report("music-missing", (missingState.equals("current=true failures=0") ? "ok " : "FAIL ") + missingState);
        musicStartFrame = frames;
        musicFrame = frames + 30;
    }

    private void musicReport() {
        Music current = music.current();
        String playing;
        try {
            playing = current == null ? "none" : Boolean.toString(current.isPlaying());
        } catch (RuntimeException e) {
            playing = "threw " + e;
        }
        boolean ok = brokenLine.equals("current=false failures=1") && frames >= musicStartFrame + 30;
        report("music", (ok ? "ok " : "FAIL ") + "song=" + WebGame.SONG + " current=" + (current != null)
                + " isPlaying=" + playing + " failures=" + music.failureCount() + " | throwingLoader " + brokenLine
                + " | frames " + musicStartFrame + "->" + frames);
        next();
    }

    /** The server's sprite sheet through the image cache: the atlas, both pages decoded by the browser. */
    private void sheetReport() {
        if (!sheet.isSuccess()) {
            report("sheet", "FAIL " + (sheet.failure() != null ? sheet.failure().getMessage() : "not loaded"));
        } else {
            com.badlogic.gdx.graphics.g2d.TextureRegion robot = sheet.region("robot");
            report("sheet", "ok regions=" + sheet.regions().size + " bytes=" + sheet.bytesReceived() + " robot="
                    + robot.getRegionWidth() + "x" + robot.getRegionHeight() + " page=" + robot.getTexture().getWidth()
                    + "x" + robot.getTexture().getHeight() + " frame=" + frames);
        }
        next();
    }

    /** A body over the request's maxResponseBytes aborts with TOO_LARGE. */
    private void sizeLimit() {
        fetch.get(baseUrl + "/api/scores").query("limit", 100).maxResponseBytes(64).retry(RetryPolicy.none())
                .send(Decoders.text(), new Expect<String>("limit") {
                    @Override
                    public void onSuccess(String body, HttpResponse response) {
                        done(false, "delivered " + body.length() + " chars");
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        done(failure.kind() == FailureKind.TOO_LARGE, "kind=" + failure.kind() + " " + failure.getMessage());
                    }
                });
    }

    private void probeSend(final String name) {
        fetch.get(baseUrl + "/api/ping").query("probe", name + "-" + frames).retry(RetryPolicy.none())
                .send(Decoders.text(), new FetchCallback<String>() {
                    @Override
                    public void onSuccess(String body, HttpResponse response) {
                        report(name, "answered " + response.status());
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        report(name, "kind=" + failure.kind() + " sent=" + failure.isRequestSent() + " "
                                + failure.getMessage());
                    }
                });
    }

    private static native void exportProbe(SelfTest test) /*-{
        $wnd.selftestProbe = $entry(function(name) {
            test.@com.gdxfetch.example.web.SelfTest::probe(Ljava/lang/String;)(name);
        });
    }-*/;

    /** A callback that reports one line and moves on; a failure or cancel is a FAIL unless overridden. */
    private abstract class Expect<T> implements FetchCallback<T> {
        private final String name;

        Expect(String name) {
            this.name = name;
        }

        void done(boolean ok, String detail) {
            report(name, (ok ? "ok " : "FAIL ") + detail + " frame=" + frames);
            next();
        }

        @Override
        public void onFailure(FetchException failure) {
            done(false, failure.getMessage());
        }

        @Override
        public void onCancelled() {
            done(false, "cancelled");
        }
    }

    private static String param(String query, String name) {
        String q = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : q.split("&")) {
            if (pair.startsWith(name + "=")) {
                return decode(pair.substring(name.length() + 1));
            }
        }
        return null;
    }

    private static native String decode(String text) /*-{
        return decodeURIComponent(text);
    }-*/;

    static native void report(String name, String line) /*-{
        var pre = $doc.getElementById("selftest");
        if (pre) {
            pre.textContent += name + "=" + line + "\n";
        }
    }-*/;

    private static native void setTitle(String title) /*-{
        $doc.title = title;
    }-*/;
}
