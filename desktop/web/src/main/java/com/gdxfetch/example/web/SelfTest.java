package com.gdxfetch.example.web;

import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.ServerAnswer;
import com.gdxfetch.example.online.SubmitResult;
import com.gdxfetch.example.online.TopScores;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.RetryPolicy;

/**
 * The web build's scenarios, run one after another from the game loop when the page's URL has
 * {@code ?selftest}; each writes one line {@code name=ok ...} or {@code name=FAIL ...} into the
 * page's {@code <pre id="selftest">}, and the title becomes {@code selftest:done} at the end. The
 * page URL may name {@code silent=URL}, a server that accepts and never answers. Render thread.
 */
final class SelfTest {
    private final FetchManager fetch;
    private final LeaderboardClient leaderboard;
    private final String baseUrl;
    private final String silentUrl;
    private int step;
    private boolean waiting;
    private FetchHandle<byte[]> download;
    private long progressSeen = -1;
    private int frames;

    SelfTest(FetchManager fetch, LeaderboardClient leaderboard, String baseUrl, String query) {
        this.fetch = fetch;
        this.leaderboard = leaderboard;
        this.baseUrl = baseUrl;
        String silent = param(query, "silent");
        this.silentUrl = silent != null ? silent : baseUrl + "/never";
        report("started", "ok");
    }

    /** Called once per frame after {@code fetch.update()}. */
    void frame() {
        frames++;
        if (download != null && !download.isDone() && download.bytesReceived() > 0) {
            progressSeen = Math.max(progressSeen, download.bytesReceived());
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
        FetchHandle<HttpResponse> handle = fetch.get(silentUrl).retry(RetryPolicy.none())
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
                        report("cancel", "ok state=CANCELLED");
                        next();
                    }
                });
        handle.cancel();
    }

    private void timeout() {
        fetch.get(silentUrl + "?timeout").connectTimeout(300).readTimeout(300).retry(RetryPolicy.none())
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

    private void binary() {
        download = fetch.get(baseUrl + "/sheets/sprites-1.png").send(Decoders.bytes(), new Expect<byte[]>("binary") {
            @Override
            public void onSuccess(byte[] body, HttpResponse response) {
                boolean png = body.length > 8 && body[0] == (byte) 0x89 && body[1] == 'P' && body[2] == 'N'
                        && body[3] == 'G';
                done(png && progressSeen > 0, "bytes=" + body.length + " png=" + png + " progressSeen=" + progressSeen
                        + " contentLength=" + download.contentLength());
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

    private static native void report(String name, String line) /*-{
        var pre = $doc.getElementById("selftest");
        if (pre) {
            pre.textContent += name + "=" + line + "\n";
        }
    }-*/;

    private static native void setTitle(String title) /*-{
        $doc.title = title;
    }-*/;
}
