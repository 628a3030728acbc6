package com.gdxfetch.example.web;

import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.ServerAnswer;
import com.gdxfetch.example.online.SubmitResult;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;

/**
 * The web build's channel scenarios, run together: WebSockets over the browser's own
 * {@code WebSocket}, event streams over {@code fetch()}; each writes one line
 * {@code NAME=ok ...} or {@code NAME=FAIL ...}. The channels live on a
 * manager of their own whose {@code update()} this class calls inside a flag, so every line can
 * say whether each callback ran inside {@code update()} (or, for the disposed manager, inside
 * {@code dispose()}). Render thread.
 *
 * <p>{@code live} is the demo server's score feed; {@code echo} a scripted WebSocket server that
 * echoes each message, picks the first subprotocol offered, answers {@code big:N} with N bytes,
 * {@code drop} by ending the connection without a close frame, {@code close} with its own close
 * (1000, "server bye"), and echoes a close; {@code nowhere} a port where nothing listens; {@code events} a scripted
 * event stream that ends after two events and, reopened, sends a third (or answers 204 to
 * {@code ?end}, or, to {@code ?split} and {@code ?latin1}, sends an event and part of a second,
 * the rest once {@code /events/release} is asked for, or, to {@code ?id}, an event whose id is
 * not ASCII, and one more to the reconnection that sends it back, or, to {@code ?flood}, more
 * events than a browser buffers, then one whose data is {@code end}; {@code /events/flood-held}
 * answers {@code held N} once the server's writes of the flood have stalled after N bytes).
 * Scenarios without their URL report {@code skipped}.
 */
final class ChannelSelfTest {
    private final FetchManager fetch = new FetchManager();
    private final LeaderboardClient leaderboard;
    private final String echoUrl;
    private final String nowhereUrl;
    private final String eventsUrl;
    private int pending;
    private boolean inUpdate;
    private boolean inDispose;
    private FetchManager doomed;
    private Recorder doomedRecorder;
    private int doomedFrames = -1;
    /** The flooded stream's manager, updated only once the server says the flood is held back. */
    private final FetchManager flood = new FetchManager();
    /** Whether the flood is counted in {@link #pending} and waits for every other scenario to report. */
    private boolean floodWaiting;
    private boolean floodReleased;

    ChannelSelfTest(LeaderboardClient leaderboard, String echoUrl, String nowhereUrl, String eventsUrl) {
        this.leaderboard = leaderboard;
        this.echoUrl = echoUrl;
        this.nowhereUrl = nowhereUrl;
        this.eventsUrl = eventsUrl;
    }

    /** Opens every scenario's channel; {@code liveUrl} is the feed the board's answer named. */
    void start(String liveUrl) {
        live(liveUrl);
        refused(liveUrl);
        if (skipped("ws-echo", echoUrl) + skipped("ws-limit", echoUrl) + skipped("ws-dispose", echoUrl)
                + skipped("ws-early", echoUrl) + skipped("ws-throws", echoUrl) + skipped("ws-dispose-connecting", echoUrl)
                == 0) {
            echo();
            limit();
            dispose();
            closedWhileConnecting();
            throwingListener();
            disposedWhileConnecting();
        }
        if (skipped("ws-reconnect", echoUrl) + skipped("ws-server-close", echoUrl) + skipped("ws-close-waiting", echoUrl)
                + skipped("ws-cancel-waiting", echoUrl) == 0) {
            reconnects();
            serverCloseDoesNotReconnect();
            endedWhileWaiting("ws-close-waiting", true);
            endedWhileWaiting("ws-cancel-waiting", false);
        }
        if (skipped("ws-nowhere", nowhereUrl) + skipped("ws-budget", nowhereUrl) == 0) {
            nowhere();
            budget();
        }
        if (skipped("sse", eventsUrl) + skipped("sse-end", eventsUrl) + skipped("sse-split", eventsUrl)
                + skipped("sse-latin1", eventsUrl) + skipped("sse-id", eventsUrl) == 0) {
            eventStream("sse", eventsUrl, "third", "open,event score first|line 1,event message second 2,reconnecting 1 100,"
                    + "open,event message third 3,closed");
            eventStream("sse-end", eventsUrl + "?end", "third", "closed");
            // "h\u00e9llo \u2713" arrives in two parts, the first ending inside the "\u00e9".
            eventStream("sse-split", eventsUrl + "?split", null,
                    "open,event message one ,event message h\u00e9llo \u2713 ,closed");
            // The same UTF-8 bytes under a Content-Type naming another charset, which EventSource ignores.
            eventStream("sse-latin1", eventsUrl + "?latin1", null,
                    "open,event message one ,event message h\u00e9llo \u2713 ,closed");
            // An id beyond ASCII goes back in Last-Event-ID as its UTF-8 bytes, as desktop sends it.
            eventStream("sse-id", eventsUrl + "?id", "second", "open,event message first \u2713\u00e9,reconnecting 1 10,"
                    + "open,event message second 2,closed");
        }
        if (skipped("sse-flood", eventsUrl) == 0) {
            // A flood loads the machine (the server writing, the browser buffering, then the page
            // parsing): it starts once every other scenario has reported, so their timers see
            // frames at the usual pace.
            pending++;
            floodWaiting = true;
        }
    }

    /**
     * A Server-Sent Events stream from the scripted server, recorded as "open", "event TYPE DATA
     * ID" (data lines joined with "|"), "reconnecting N DELAY", "closed", "failure KIND"; closed
     * by the page at the event whose data is {@code closeAt}, or, when it is null, at the first
     * after "one". At the event "one" the page asks the server ({@code /events/release}) for the
     * rest of the stream. {@code expected} is the whole record.
     */
    private void eventStream(final String name, final String url, final String closeAt, final String expected) {
        pending++;
        fetch.events(url).open(new EventStreamListener() {
            private final StringBuilder events = new StringBuilder();
            private int outside;

            private void record(String event) {
                if (!inUpdate) {
                    outside++;
                }
                events.append(events.length() == 0 ? "" : ",").append(event);
            }

            @Override
            public void onOpen(EventStream stream) {
                record("open");
            }

            @Override
            public void onEvent(EventStream stream, String type, String data, String id) {
                record("event " + type + " " + data.replace('\n', '|') + " " + id);
                if (closeAt == null ? !data.equals("one") : data.equals(closeAt)) {
                    stream.close();
                } else if (data.equals("one")) {
                    String query = url.substring(url.indexOf('?') + 1);
                    fetch.get(eventsUrl + "/release?" + query).retry(RetryPolicy.none()).send(Decoders.text(),
                            new FetchCallback<String>() {
                                @Override
                                public void onSuccess(String body, HttpResponse response) {
                                }

                                @Override
                                public void onFailure(FetchException failure) {
                                    stream.cancel();
                                }
                            });
                }
            }

            @Override
            public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
                record("reconnecting " + attempt + " " + delayMillis);
            }

            @Override
            public void onClosed(EventStream stream) {
                record("closed");
                ended(stream, "");
            }

            @Override
            public void onFailure(EventStream stream, FetchException failure) {
                record("failure " + failure.kind());
                ended(stream, " failure=" + failure.getMessage());
            }

            private void ended(EventStream stream, String detail) {
                boolean ok = outside == 0 && events.toString().equals(expected) && stream.state() == EventStream.State.CLOSED;
                SelfTest.report(name, (ok ? "ok " : "FAIL ") + "events=" + events + " insideUpdate=" + (outside == 0)
                        + " lastEventId=" + stream.lastEventId() + detail);
                pending--;
            }
        });
    }

    /**
     * A stream that sends more than the browser buffers while its manager's {@code update()} is
     * not called: with the events that may wait taken, the page stops reading, so the server's
     * writes stall ({@code /events/flood-held} answers then); the manager's updates then begin,
     * and every event arrives, in order, the last one {@code end}. Already counted in
     * {@link #pending}.
     */
    private void flooded() {
        flood.events(eventsUrl + "?flood").open(new EventStreamListener() {
            private int events;
            private boolean inOrder = true;

            @Override
            public void onOpen(EventStream stream) {
            }

            @Override
            public void onEvent(EventStream stream, String type, String data, String id) {
                if (data.equals("end")) {
                    stream.close();
                    SelfTest.report("sse-flood", (inOrder ? "ok" : "FAIL out of order") + " events=" + events);
                    pending--;
                    return;
                }
                inOrder &= id.equals(Integer.toString(events + 1));
                events++;
            }

            @Override
            public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
                stream.cancel();
            }

            @Override
            public void onClosed(EventStream stream) {
            }

            @Override
            public void onFailure(EventStream stream, FetchException failure) {
                SelfTest.report("sse-flood", "FAIL after " + events + " events: " + failure.getMessage());
                pending--;
            }
        });
        fetch.get(eventsUrl + "/flood-held").retry(RetryPolicy.none()).readTimeout(120_000).send(Decoders.text(),
                new FetchCallback<String>() {
                    @Override
                    public void onSuccess(String body, HttpResponse response) {
                        if (body.startsWith("held ")) {
                            floodReleased = true;
                        } else {
                            SelfTest.report("sse-flood", "FAIL the server was never held back: " + body);
                            pending--;
                        }
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        SelfTest.report("sse-flood", "FAIL " + failure.getMessage());
                        pending--;
                    }
                });
    }

    /** Whether every scenario has reported. */
    boolean isDone() {
        return pending == 0;
    }

    /** Once per frame: runs the channels' events inside update(), and the dispose scenario's steps. */
    void frame() {
        inUpdate = true;
        try {
            fetch.update();
            if (floodWaiting && pending == 1) {
                floodWaiting = false;
                flooded();
            }
            if (floodReleased) {
                flood.update();
            }
            if (doomed != null) {
                doomed.update();
            }
        } finally {
            inUpdate = false;
        }
        if (doomed != null && doomedFrames >= 0 && --doomedFrames < 0) {
            disposeNow();
        }
    }

    private int skipped(String name, String url) {
        if (url == null) {
            SelfTest.report(name, "skipped (no URL for it in the page's query)");
            return 1;
        }
        return 0;
    }

    /**
     * The demo server's feed: "changed" on connect, again after the page posts a score; a data
     * frame from the page makes the server close with 1003, delivered as onClosing and onClosed.
     */
    private void live(String liveUrl) {
        pending++;
        fetch.webSocket(liveUrl).open(new Recorder("ws-live") {
            private int changes;

            @Override
            public void onText(final WebSocket socket, String text) {
                super.onText(socket, text);
                if (!text.equals("changed") || ++changes > 2) {
                    return;
                }
                if (changes == 2) {
                    // The server accepts only control frames: this data frame makes it close with 1003.
                    socket.send("hello");
                    return;
                }
                leaderboard.submit("WSTEST", 1234, LeaderboardClient.newSubmissionKey(),
                        new FetchCallback<ServerAnswer<SubmitResult>>() {
                            @Override
                            public void onSuccess(ServerAnswer<SubmitResult> answer, HttpResponse response) {
                                if (!answer.isSuccessful()) {
                                    socket.cancel();
                                }
                            }

                            @Override
                            public void onFailure(FetchException failure) {
                                socket.cancel();
                            }
                        });
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,text changed,text changed,closing 1003 ,closed 1003 ")
                        && !socket.send("late");
            }
        });
    }

    /** What the browser cannot do fails at open as BROWSER_REFUSED. */
    private void refused(String liveUrl) {
        pending += 2;
        fetch.webSocket(liveUrl).header("Authorization", "Bearer 1").open(new Recorder("ws-header") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("failure BROWSER_REFUSED") && failure.getMessage().contains("Authorization")
                        && !failure.isRequestSent();
            }
        });
        fetch.webSocket(liveUrl).pingIntervalMillis(5000).open(new Recorder("ws-ping") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("failure BROWSER_REFUSED") && failure.getMessage().contains("pingIntervalMillis");
            }
        });
    }

    /** Text and binary round trips, the subprotocol chosen, a message sent before open, the game's close. */
    private void echo() {
        pending++;
        final byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        WebSocket socket = fetch.webSocket(echoUrl).subprotocols("chat.v2", "chat.v1").open(new Recorder("ws-echo") {
            private boolean binaryExact;

            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send("h\u00e9llo \u2713");
                socket.send(all);
            }

            @Override
            public void onBinary(WebSocket socket, byte[] data) {
                super.onBinary(socket, data);
                binaryExact = java.util.Arrays.equals(all, data);
                socket.close(1000, "bye");
                detail = "closeAgain=" + socket.close(1000, "again") + " sendAfterClose=" + socket.send("late")
                        + " stateAfterClose=" + socket.state();
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open chat.v2,text early,text h\u00e9llo \u2713,binary 256,closing 1000 bye,"
                        + "closed 1000 bye")
                        && binaryExact && socket.protocol().equals("chat.v2") && socket.queuedBytes() == 0
                        && detail.equals("closeAgain=false sendAfterClose=false stateAfterClose=CLOSING");
            }
        });
        // Sent while the browser is still connecting: it waits for the socket to open.
        socket.send("early");
    }

    /** A message over maxMessageBytes fails TOO_LARGE; one at the limit is delivered. */
    private void limit() {
        pending++;
        fetch.webSocket(echoUrl).maxMessageBytes(4096).open(new Recorder("ws-limit") {
            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send("big:4096");
                socket.send("big:4097");
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,binary 4096,failure TOO_LARGE")
                        && failure.getMessage().contains("maxMessageBytes 4096");
            }
        });
    }

    /** Disposing a manager with an open channel delivers its CANCELLED failure inside dispose(). */
    private void dispose() {
        pending++;
        doomed = new FetchManager();
        doomedRecorder = new Recorder("ws-dispose") {
            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                doomedFrames = 1;
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,failure CANCELLED") && socket.state() == WebSocket.State.CLOSED
                        && detail.startsWith("openAfterDispose=FetchManager is disposed");
            }
        };
        doomed.webSocket(echoUrl).open(doomedRecorder);
    }

    /** Closed before the browser has connected: onClosed with the game's code and reason, nothing more. */
    private void closedWhileConnecting() {
        pending++;
        Recorder recorder = new Recorder("ws-early") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("closed 1000 early") && socket.queuedBytes() == 0
                        && detail.equals("close=true closeAgain=false send=false state=CLOSED");
            }
        };
        WebSocket socket = fetch.webSocket(echoUrl).open(recorder);
        boolean closed = socket.close(1000, "early");
        recorder.detail = "close=" + closed + " closeAgain=" + socket.close(1000, "again") + " send=" + socket.send("late")
                + " state=" + socket.state();
    }

    /** A listener that throws from onOpen: logged, and the channel goes on to its close handshake. */
    private void throwingListener() {
        pending++;
        fetch.webSocket(echoUrl).open(new Recorder("ws-throws") {
            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send("after");
                throw new IllegalStateException("a listener's bug");
            }

            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                socket.close(1000, "");
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,text after,closing 1000 ,closed 1000 ");
            }
        });
    }

    /** A manager disposed while its channel is still connecting: CANCELLED, inside dispose(). */
    private void disposedWhileConnecting() {
        pending++;
        FetchManager manager = new FetchManager();
        manager.webSocket(echoUrl).open(new Recorder("ws-dispose-connecting") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("failure CANCELLED") && socket.state() == WebSocket.State.CLOSED;
            }
        });
        inDispose = true;
        try {
            manager.dispose();
        } finally {
            inDispose = false;
        }
    }

    /** The policy of the reconnect scenarios: no jitter, so each delay is the policy's backoff exactly. */
    private static RetryPolicy policy(int attempts, long baseDelayMillis) {
        return RetryPolicy.builder().maxAttempts(attempts).baseDelayMillis(baseDelayMillis)
                .maxDelayMillis(Math.max(baseDelayMillis, 10000)).jitter(0).build();
    }

    /**
     * With a reconnect policy, a connection the server drops without a close frame reports
     * reconnecting (CONNECTING, a send then waiting for the next connection), opens again, sends
     * and receives; the game's own close at the end does not reconnect. The wait is a second so
     * that the state read in onReconnecting is the wait's, not the next connection's: the event
     * arrives with the next frame, and a page still loading its assets has frames far apart.
     */
    private void reconnects() {
        pending++;
        fetch.webSocket(echoUrl).reconnect(policy(3, 1000)).open(new Recorder("ws-reconnect") {
            private int opens;

            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send(++opens == 1 ? "drop" : "after");
            }

            @Override
            public void onReconnecting(WebSocket socket, int attempt, long delayMillis) {
                super.onReconnecting(socket, attempt, delayMillis);
                detail = "state=" + socket.state() + " sent=" + socket.send("waited");
            }

            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                if (text.equals("after")) {
                    socket.close(1000, "bye");
                }
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,reconnecting 1 1000,open ,text waited,text after,closing 1000 bye,"
                        + "closed 1000 bye") && detail.equals("state=CONNECTING sent=true")
                        && socket.state() == WebSocket.State.CLOSED;
            }
        });
    }

    /** The server's normal close (1000) ends a channel that has a reconnect policy, as on desktop. */
    private void serverCloseDoesNotReconnect() {
        pending++;
        fetch.webSocket(echoUrl).reconnect(policy(3, 10)).open(new Recorder("ws-server-close") {
            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send("close");
            }

            @Override
            boolean expected(WebSocket socket) {
                return events().equals("open ,closing 1000 server bye,closed 1000 server bye");
            }
        });
    }

    /**
     * close() (or cancel()) while waiting to reconnect: the channel ends there, once, with the
     * game's code or CANCELLED; the wait (a minute) never opens another connection.
     */
    private void endedWhileWaiting(String name, final boolean close) {
        pending++;
        fetch.webSocket(echoUrl).reconnect(policy(3, 60000)).open(new Recorder(name) {
            @Override
            public void onOpen(WebSocket socket, String protocol) {
                super.onOpen(socket, protocol);
                socket.send("drop");
            }

            @Override
            public void onReconnecting(WebSocket socket, int attempt, long delayMillis) {
                super.onReconnecting(socket, attempt, delayMillis);
                if (close) {
                    detail = "close=" + socket.close(1000, "waiting") + " closeAgain=" + socket.close(1000, "again");
                } else {
                    socket.cancel();
                    detail = "closeAfter=" + socket.close(1000, "again");
                }
                detail += " send=" + socket.send("late") + " state=" + socket.state();
            }

            @Override
            boolean expected(WebSocket socket) {
                return close ? events().equals("open ,reconnecting 1 60000,closed 1000 waiting")
                        && detail.equals("close=true closeAgain=false send=false state=CLOSED")
                        : events().equals("open ,reconnecting 1 60000,failure CANCELLED")
                        && detail.equals("closeAfter=false send=false state=CLOSED");
            }
        });
    }

    /**
     * Nothing listening, with a policy of two reconnects: each failed opening reconnects after the
     * policy's backoff, and once the budget is spent the channel fails as the opening did (NETWORK).
     */
    private void budget() {
        pending++;
        fetch.webSocket(nowhereUrl).reconnect(policy(2, 20)).open(new Recorder("ws-budget") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("reconnecting 1 20,reconnecting 2 40,failure NETWORK")
                        && failure.getMessage().contains("could not open") && socket.state() == WebSocket.State.CLOSED;
            }
        });
    }

    private void disposeNow() {
        FetchManager manager = doomed;
        doomed = null;
        String after;
        inDispose = true;
        try {
            manager.dispose();
        } finally {
            inDispose = false;
        }
        try {
            manager.webSocket(echoUrl).open(new Recorder("unused"));
            after = "opened";
        } catch (IllegalStateException expected) {
            after = expected.getMessage();
        }
        doomedRecorder.detail = "openAfterDispose=" + after + " openChannels=" + manager.openChannelCount();
        doomedRecorder.report();
    }

    /** Nothing listens: the browser's error and close (1006) before open fail as NETWORK. */
    private void nowhere() {
        pending++;
        fetch.webSocket(nowhereUrl).open(new Recorder("ws-nowhere") {
            @Override
            boolean expected(WebSocket socket) {
                return events().equals("failure NETWORK") && failure.getMessage().contains(nowhereUrl)
                        && socket.state() == WebSocket.State.CLOSED;
            }
        });
    }

    /**
     * Records a channel's events as "open PROTOCOL", "text T", "binary N", "closing CODE REASON",
     * "closed CODE REASON", "failure KIND", "reconnecting ATTEMPT DELAY", and whether each ran inside update() (or dispose());
     * reports its line at the terminal event.
     */
    private class Recorder implements WebSocketListener {
        private final String name;
        private final StringBuilder events = new StringBuilder();
        private int outside;
        private int terminals;
        private WebSocket socket;
        FetchException failure;
        String detail;

        Recorder(String name) {
            this(name, "");
        }

        Recorder(String name, String detail) {
            this.name = name;
            this.detail = detail;
        }

        String events() {
            return events.toString();
        }

        /** Whether the scenario saw what it should, checked at the terminal event. */
        boolean expected(WebSocket socket) {
            return false;
        }

        private void record(WebSocket socket, String event) {
            this.socket = socket;
            if (!inUpdate && !inDispose) {
                outside++;
            }
            events.append(events.length() == 0 ? "" : ",").append(event);
        }

        @Override
        public void onOpen(WebSocket socket, String protocol) {
            record(socket, "open " + protocol);
        }

        @Override
        public void onText(WebSocket socket, String text) {
            record(socket, "text " + text);
        }

        @Override
        public void onBinary(WebSocket socket, byte[] data) {
            record(socket, "binary " + data.length);
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            record(socket, "closing " + code + " " + reason);
        }

        @Override
        public void onReconnecting(WebSocket socket, int attempt, long delayMillis) {
            record(socket, "reconnecting " + attempt + " " + delayMillis);
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            record(socket, "closed " + code + " " + reason);
            ended();
        }

        @Override
        public void onFailure(WebSocket socket, FetchException failure) {
            record(socket, "failure " + failure.kind());
            this.failure = failure;
            ended();
        }

        private void ended() {
            terminals++;
            if (name.equals("unused") || (name.equals("ws-dispose") && inDispose)) {
                // The dispose scenario reports once dispose() returned and the manager was tried again.
                return;
            }
            report();
        }

        void report() {
            boolean ok = socket != null && outside == 0 && terminals == 1 && expected(socket);
            SelfTest.report(name, (ok ? "ok " : "FAIL ") + "events=" + events + " insideUpdate=" + (outside == 0)
                    + " terminals=" + terminals + (socket == null ? "" : " state=" + socket.state() + " protocol="
                    + socket.protocol())
                    + (failure != null ? " failure=" + failure.getMessage() : "") + " " + detail);
            pending--;
        }
    }
}
