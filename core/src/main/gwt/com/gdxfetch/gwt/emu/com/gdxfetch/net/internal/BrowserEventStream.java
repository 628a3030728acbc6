package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.google.gwt.core.client.JavaScriptObject;

/**
 * One Server-Sent Events stream in a browser: a {@code fetch()} whose body, read chunk by chunk,
 * feeds the same {@link EventStreamParser} desktop uses, and which reconnects as desktop's stream
 * (and the HTML standard's {@code EventSource}) does: after the stream ends or drops, waiting the
 * server's {@code retry} delay, sending {@code Last-Event-ID}, at most {@code maxReconnects}
 * times in a row without opening. The browser's events only queue here; {@code update()} runs the
 * listener.
 *
 * <p>Not {@code EventSource} itself, which cannot send the request's headers or report a status,
 * and not an {@code XMLHttpRequest}, which holds the whole body it has received while the stream
 * lasts. Each chunk is parsed and dropped, and with {@link #MAX_WAITING} events waiting for
 * {@code update()} parsing stops until the game takes one, and so does reading: the browser then
 * stops reading the connection, after a buffer of its own, as desktop's stream does. A handshake header a page may not set fails at
 * open with {@link FailureKind#BROWSER_REFUSED}. Update thread (the browser has one).
 */
final class BrowserEventStream extends LiveChannel implements EventStream, EventStreamParser.Handler {
    private static final int CONNECTING = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;
    private static final State[] STATES = State.values();
    /** Events waiting for {@code update()} past which no more is read: as many as desktop lets wait. */
    static final int MAX_WAITING = 64;
    /**
     * Bytes of a chunk parsed at a time: a browser hands over megabytes at once, and parsing
     * stops between slices once enough events wait, so a stream of small events cannot queue
     * a whole chunk's worth.
     */
    private static final int SLICE_BYTES = 4096;

    private final EventStreamRequest request;
    private final EventStreamListener listener;
    private final int connectTimeoutMillis;
    private int state = CONNECTING;
    private String lastEventId;
    private long retryMillis;
    /** Reconnections since the stream was last open. */
    private int reconnects;
    /** The current request's {@code AbortController}; the browser's callbacks for any other are ignored. */
    private JavaScriptObject fetching;
    /** The chunk being parsed, null once it all was; outside {@link #parse()} it waits for the game to take events. */
    private byte[] chunk;
    private int chunkParsed;
    /** Reads the chunk after {@link #chunk}. */
    private JavaScriptObject readNext;
    private EventStreamParser parser;
    /** Message events posted and not yet run by {@code update()}. */
    private int waiting;
    private boolean waitingToReconnect;
    private final BrowserTimer timer = new BrowserTimer(new Runnable() {
        @Override
        public void run() {
            onTimeout();
        }
    });

    /**
     * Opens a stream: the request goes out at once; one the browser would refuse ends the stream
     * with {@link FailureKind#BROWSER_REFUSED} in the next {@code update()}, nothing sent.
     *
     * @throws IllegalStateException once the manager is disposed
     */
    static EventStream open(Channels channels, EventStreamRequest request, EventStreamListener listener,
            FetchConfig config) {
        BrowserEventStream stream = new BrowserEventStream(channels, request, listener, config);
        channels.register(stream);
        String refusal = refusal(request.headers());
        if (refusal != null) {
            stream.fail(FailureKind.BROWSER_REFUSED, refusal, false);
        } else {
            stream.connect();
        }
        return stream;
    }

    private BrowserEventStream(Channels channels, EventStreamRequest request, EventStreamListener listener,
            FetchConfig config) {
        super(channels);
        this.request = request;
        this.listener = listener;
        this.connectTimeoutMillis = request.connectTimeoutMillis() != HttpRequest.DEFAULT
                ? request.connectTimeoutMillis() : config.connectTimeoutMillis();
        this.lastEventId = request.lastEventId();
        this.retryMillis = request.reconnectDelayMillis();
    }

    /** Why the browser would not send {@code headers}, or null. */
    private static String refusal(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase("User-Agent")) {
                return "browsers do not let a page set User-Agent (it is the browser's own)";
            }
            String forbidden = XhrTransport.forbiddenHeader(name);
            if (forbidden != null) {
                return forbidden;
            }
        }
        return null;
    }

    private void connect() {
        parser = new EventStreamParser(url(), request.maxEventBytes(), this, lastEventId);
        try {
            JavaScriptObject headers = newHeaders();
            addHeader(headers, "Accept", "text/event-stream");
            if (!lastEventId.isEmpty()) {
                // The id's UTF-8 bytes, as desktop and EventSource send it: a page hands a header
                // value over as one char a byte, and any char past U+00FF makes the browser throw.
                addHeader(headers, "Last-Event-ID", BrowserUtf8.byteString(lastEventId));
            }
            Headers asked = request.headers();
            for (int i = 0; i < asked.size(); i++) {
                addHeader(headers, asked.name(i), XhrTransport.headerValue(asked.value(i)));
            }
            fetching = start(url(), headers);
        } catch (RuntimeException e) {
            fail(FailureKind.BROWSER_REFUSED, "the browser refused to open the stream: " + e.getMessage(), false);
            return;
        }
        timer.arm(untilHeadMillis());
    }

    /**
     * The wait for a response head: as long as a request's ({@link XhrTransport#untilHeadMillis}),
     * so a server that sends its head only with its first event is waited for under the read
     * timeout, as on desktop, and not cut off by the connect timeout alone.
     */
    private int untilHeadMillis() {
        return XhrTransport.untilHeadMillis(connectTimeoutMillis, request.readTimeoutMillis());
    }

    // ---- the handle

    @Override
    public String url() {
        return request.url();
    }

    @Override
    public State state() {
        return STATES[state];
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean close() {
        endedByGame = true;
        if (!endWith(SseEvent.closed(this))) {
            return false;
        }
        abort();
        return true;
    }

    @Override
    public void cancel() {
        endedByGame = true;
        if (endWith(SseEvent.failure(this, failure(FailureKind.CANCELLED, "cancelled", false)))) {
            abort();
        }
    }

    @Override
    public String toString() {
        return "event stream " + url() + " (" + state() + ")";
    }

    // ---- LiveChannel

    @Override
    void markClosed() {
        state = CLOSED;
    }

    @Override
    void dispatch(LiveChannel.Event posted) {
        SseEvent event = (SseEvent) posted;
        if (event.kind == SseEvent.MESSAGE && --waiting < MAX_WAITING && chunk != null) {
            parse();
        }
        if (heard(event)) {
            event.deliverTo(this, listener);
        }
    }

    // ---- the parser's handler, inside onChunk

    @Override
    public void event(String type, String data, String id) {
        waiting++;
        post(SseEvent.message(this, type, data, id));
    }

    @Override
    public void retry(long millis) {
        retryMillis = millis;
    }

    @Override
    public void lastEventId(String id) {
        lastEventId = id;
    }

    // ---- called by the browser, outside update(): only queue

    /** The response head; true when its body is to be read. */
    boolean onHead(int status, String statusText, String contentType) {
        if (ended.get() || state != CONNECTING) {
            return false;
        }
        if (status == 204) {
            // The server's way to say "stop reconnecting".
            endWith(SseEvent.closed(this));
            abort();
        } else if (status != 200) {
            fail(FailureKind.HTTP_STATUS, "expected 200 with text/event-stream, got " + status
                    + (statusText.isEmpty() ? "" : " " + statusText), true);
        } else if (!EventStreamParser.isEventStream(contentType)) {
            fail(FailureKind.PROTOCOL, "expected Content-Type text/event-stream, got '" + contentType + "'", true);
        } else {
            state = OPEN;
            reconnects = 0;
            post(SseEvent.open(this));
            timer.arm(request.readTimeoutMillis());
            return true;
        }
        return false;
    }

    /**
     * The body's next bytes, as the server sent them (the browser has only undone a
     * Content-Encoding): the parser decodes UTF-8 itself, whatever charset the Content-Type
     * names, as EventSource does. {@code next} reads the chunk after, once this one is parsed.
     */
    void onChunk(byte[] bytes, JavaScriptObject next) {
        if (ended.get() || state != OPEN) {
            return;
        }
        chunk = bytes;
        chunkParsed = 0;
        readNext = next;
        timer.arm(request.readTimeoutMillis());
        parse();
    }

    /**
     * Parses the chunk while fewer than {@link #MAX_WAITING} events wait, then reads the next
     * one; with that many waiting it stops until {@code update()} takes one.
     */
    private void parse() {
        while (chunk != null) {
            if (waiting >= MAX_WAITING) {
                // Not reading is not silence: the read timeout counts again once reading resumes.
                timer.cancel();
                return;
            }
            int n = Math.min(SLICE_BYTES, chunk.length - chunkParsed);
            try {
                parser.feed(chunk, chunkParsed, n);
            } catch (FetchException tooLarge) {
                endWith(SseEvent.failure(this, tooLarge));
                abort();
                return;
            }
            chunkParsed += n;
            if (chunkParsed == chunk.length) {
                chunk = null;
                JavaScriptObject next = readNext;
                readNext = null;
                timer.arm(request.readTimeoutMillis());
                call(next);
            }
        }
    }

    void onEnd(boolean error) {
        if (ended.get() || waitingToReconnect) {
            return;
        }
        boolean wasOpen = state == OPEN;
        parser.end();
        String detail;
        if (!isOnline()) {
            detail = "the browser is offline";
        } else if (!wasOpen) {
            detail = "the browser could not reach the server, or refused its cross-origin answer (CORS); it does "
                    + "not tell a page which";
        } else {
            detail = error ? "the stream broke off" : "the server ended the stream";
        }
        dropped(failure(FailureKind.NETWORK, detail, wasOpen));
    }

    void onTimeout() {
        if (ended.get()) {
            return;
        }
        if (waitingToReconnect) {
            waitingToReconnect = false;
            connect();
        } else if (state == CONNECTING) {
            dropped(failure(FailureKind.READ_TIMEOUT, "no response head within " + untilHeadMillis() + " ms (a "
                    + "browser does not say when its connection opened, so the connect and read timeouts count "
                    + "together until the response head)", true));
        } else {
            dropped(failure(FailureKind.READ_TIMEOUT, "no byte from the server for " + request.readTimeoutMillis()
                    + " ms (the stream's read timeout)", true));
        }
    }

    /** The connection is gone: reconnect after the retry delay, or end with {@code failure} once they are used up. */
    private void dropped(FetchException failure) {
        forgetRequest();
        if (reconnects >= request.maxReconnects()) {
            endWith(SseEvent.failure(this, failure));
            abort();
            return;
        }
        reconnects++;
        state = CONNECTING;
        post(SseEvent.reconnecting(this, reconnects, retryMillis));
        waitingToReconnect = true;
        // A timer even for no delay: the next request starts outside the browser's callback.
        timer.schedule((int) Math.min(Integer.MAX_VALUE, retryMillis));
    }

    private FetchException failure(FailureKind kind, String detail, boolean sent) {
        return new FetchException(kind, "GET", url(), detail, null, null, sent);
    }

    private void fail(FailureKind kind, String detail, boolean sent) {
        endWith(SseEvent.failure(this, failure(kind, detail, sent)));
        abort();
    }

    private void abort() {
        timer.cancel();
        waitingToReconnect = false;
        forgetRequest();
    }

    private void forgetRequest() {
        chunk = null;
        readNext = null;
        if (fetching != null) {
            JavaScriptObject controller = fetching;
            // Cleared first: the callbacks of an aborted request see it is no longer current.
            fetching = null;
            abortFetch(controller);
        }
    }

    // ---- the browser's side

    private static native JavaScriptObject newHeaders() /*-{
        return new $wnd.Headers();
    }-*/;

    private static native void addHeader(JavaScriptObject headers, String name, String value) /*-{
        headers.append(name, value);
    }-*/;

    /**
     * Sends the request and returns its {@code AbortController}; the browser's answers come to
     * {@link #onHead}, {@link #onChunk} and {@link #onEnd} while it is the current one.
     *
     * @throws RuntimeException (a JavaScript error) when the browser has no streaming fetch
     */
    private native JavaScriptObject start(String url, JavaScriptObject headers) /*-{
        var self = this;
        if (!$wnd.fetch || !$wnd.AbortController || !$wnd.ReadableStream) {
            throw new Error("this browser cannot read a response as it arrives (fetch with a ReadableStream body)");
        }
        var controller = new $wnd.AbortController();
        var current = function() {
            return self.@com.gdxfetch.net.internal.BrowserEventStream::fetching === controller;
        };
        var ended = $entry(function(error) {
            if (current()) {
                self.@com.gdxfetch.net.internal.BrowserEventStream::onEnd(Z)(error);
            }
        });
        $wnd.fetch(url, {headers: headers, signal: controller.signal, cache: "no-store"}).then($entry(function(response) {
            if (!current() || !self.@com.gdxfetch.net.internal.BrowserEventStream::onHead(ILjava/lang/String;Ljava/lang/String;)(
                    response.status, response.statusText || "", response.headers.get("Content-Type"))) {
                return;
            }
            var reader = response.body.getReader();
            var readNext = function() {
                reader.read().then($entry(function(chunk) {
                    if (!current()) {
                        return;
                    }
                    if (chunk.done) {
                        ended(false);
                        return;
                    }
                    var view = new Int8Array(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength);
                    var bytes = @com.gdxfetch.net.internal.BrowserEventStream::newBytes(I)(view.length);
                    for (var i = 0; i < view.length; i++) {
                        bytes[i] = view[i];
                    }
                    self.@com.gdxfetch.net.internal.BrowserEventStream::onChunk([BLcom/google/gwt/core/client/JavaScriptObject;)(
                            bytes, readNext);
                }), function() {
                    ended(true);
                });
            };
            readNext();
        }), function() {
            ended(true);
        });
        return controller;
    }-*/;

    private static byte[] newBytes(int length) {
        return new byte[length];
    }

    private static native void call(JavaScriptObject fn) /*-{
        fn();
    }-*/;

    private static native void abortFetch(JavaScriptObject controller) /*-{
        controller.abort();
    }-*/;

    private static native boolean isOnline() /*-{
        return $wnd.navigator.onLine !== false;
    }-*/;
}
