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
 * One Server-Sent Events stream in a browser: an {@code XMLHttpRequest} whose text, as each
 * progress event brings more of it, feeds the same {@link EventStreamParser} desktop uses, and
 * which reconnects as desktop's stream (and the HTML standard's {@code EventSource}) does: after
 * the stream ends or drops, waiting the server's {@code retry} delay, sending
 * {@code Last-Event-ID}, at most {@code maxReconnects} times in a row without opening. The
 * browser's events only queue here; {@code update()} runs the listener.
 *
 * <p>Not {@code EventSource} itself, which cannot send the request's headers or report a status.
 * The cost: the request holds the whole body it has received while the stream lasts, as a page
 * cannot drop what it has read. A handshake header a page may not set fails at open with
 * {@link FailureKind#BROWSER_REFUSED}. Update thread (the browser has one).
 */
final class BrowserEventStream extends LiveChannel implements EventStream, EventStreamParser.Handler {
    private static final int CONNECTING = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;
    private static final State[] STATES = State.values();

    private final EventStreamRequest request;
    private final EventStreamListener listener;
    private final int connectTimeoutMillis;
    private int state = CONNECTING;
    private String lastEventId;
    private long retryMillis;
    /** Reconnections since the stream was last open. */
    private int reconnects;
    private JavaScriptObject xhr;
    private EventStreamParser parser;
    /** Characters of the current response already parsed. */
    private int parsed;
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
        parsed = 0;
        try {
            xhr = create(url());
            setHeader(xhr, "Accept", "text/event-stream");
            if (!lastEventId.isEmpty()) {
                // The id's UTF-8 bytes, as desktop and EventSource send it: a page hands a header
                // value over as one char a byte, and any char past U+00FF makes the browser throw.
                setHeader(xhr, "Last-Event-ID", BrowserUtf8.byteString(lastEventId));
            }
            Headers headers = request.headers();
            for (int i = 0; i < headers.size(); i++) {
                setHeader(xhr, headers.name(i), headers.value(i));
            }
            send(xhr);
        } catch (RuntimeException e) {
            fail(FailureKind.BROWSER_REFUSED, "the browser refused to open the stream: " + e.getMessage(), false);
            return;
        }
        timer.arm(connectTimeoutMillis);
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
        if (!endWith(SseEvent.closed(this))) {
            return false;
        }
        abort();
        return true;
    }

    @Override
    public void cancel() {
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
        ((SseEvent) posted).deliverTo(this, listener);
    }

    // ---- the parser's handler, inside onProgress

    @Override
    public void event(String type, String data, String id) {
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

    void onHead(int status, String statusText, String contentType) {
        if (ended.get() || state != CONNECTING) {
            return;
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
        }
    }

    void onProgress() {
        if (ended.get() || state != OPEN) {
            return;
        }
        // The browser decodes the body as UTF-8 (its own replacement for invalid bytes, as
        // EventSource's); the parser reads bytes, so the new text goes back to them.
        String text = responseText(xhr);
        if (text.length() <= parsed) {
            return;
        }
        byte[] bytes = BrowserUtf8.bytes(text.substring(parsed));
        parsed = text.length();
        try {
            parser.feed(bytes, 0, bytes.length);
        } catch (FetchException tooLarge) {
            endWith(SseEvent.failure(this, tooLarge));
            abort();
            return;
        }
        timer.arm(request.readTimeoutMillis());
    }

    void onEnd(boolean error) {
        if (ended.get() || waitingToReconnect) {
            return;
        }
        boolean wasOpen = state == OPEN;
        if (wasOpen && !error) {
            onProgress();
            if (ended.get()) {
                return;
            }
        }
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
            dropped(failure(FailureKind.CONNECT_TIMEOUT, "no answer within " + connectTimeoutMillis + " ms (a browser "
                    + "does not say when its connection opened, so this counts until the response head)", true));
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
        if (xhr != null) {
            XhrTransport.detachAndAbort(xhr);
            xhr = null;
        }
    }

    // ---- the browser's side

    private static native JavaScriptObject create(String url) /*-{
        var xhr = new XMLHttpRequest();
        xhr.open("GET", url, true);
        // An event stream is UTF-8 whatever charset its Content-Type names (as EventSource reads
        // it); left alone, the XMLHttpRequest would decode the text by that charset.
        xhr.overrideMimeType("text/plain; charset=utf-8");
        return xhr;
    }-*/;

    private static native void setHeader(JavaScriptObject xhr, String name, String value) /*-{
        xhr.setRequestHeader(name, value);
    }-*/;

    private native void send(JavaScriptObject xhr) /*-{
        var self = this;
        xhr.onreadystatechange = $entry(function() {
            if (xhr.readyState == 2) {
                self.@com.gdxfetch.net.internal.BrowserEventStream::onHead(ILjava/lang/String;Ljava/lang/String;)(
                        xhr.status, xhr.statusText || "", xhr.getResponseHeader("Content-Type"));
            }
        });
        xhr.onprogress = $entry(function() {
            self.@com.gdxfetch.net.internal.BrowserEventStream::onProgress()();
        });
        xhr.onload = $entry(function() {
            self.@com.gdxfetch.net.internal.BrowserEventStream::onEnd(Z)(false);
        });
        xhr.onerror = $entry(function() {
            self.@com.gdxfetch.net.internal.BrowserEventStream::onEnd(Z)(true);
        });
        xhr.send();
    }-*/;

    private static native String responseText(JavaScriptObject xhr) /*-{
        return xhr.responseText || "";
    }-*/;

    private static native boolean isOnline() /*-{
        return $wnd.navigator.onLine !== false;
    }-*/;
}
