package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;
import com.google.gwt.core.client.JavaScriptObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One WebSocket channel in a browser, over the browser's own {@code WebSocket} object. The
 * browser's events only queue here ({@link LiveChannel#post}); {@code update()} runs the listener,
 * in the order the browser raised them, with exactly one terminal event, as desktop's channel.
 *
 * <p>What the browser does itself: the handshake (its own headers, cookies and Origin), keep-alive
 * (it answers the server's pings; it sends none of its own and tells a page about neither),
 * compression (it offers permessage-deflate whatever the request says) and the close frame's
 * code, which a page may set only to 1000 or 3000-4999. What it cannot be asked to do fails the
 * channel at open with {@link FailureKind#BROWSER_REFUSED} ({@link WebRefusals}). A browser
 * {@code error} event carries no detail, so a channel that could not open, or that lost its
 * connection, fails {@link FailureKind#NETWORK} saying only that.
 *
 * <p>With a reconnect policy it reconnects as desktop's channel does ({@code ReconnectingChannel},
 * {@code WsChannel}): a connection that could not open, was lost, or that the server closed with
 * 1001 or 1011-1014 is followed, after the policy's delay, by a new browser socket, announced with
 * {@code onReconnecting} and the channel back in CONNECTING; a close the game asked for, the
 * server's other close codes, a message over the limit and a refusal end it. Messages sent while it
 * waits go out once the next connection opens, and are dropped with a connection that ends before
 * then. Update thread (the browser has one): every method, every browser callback and the
 * reconnect timer run on it.
 */
final class BrowserWebSocket extends LiveChannel implements WebSocket {
    private static final int CONNECTING = 0;
    private static final int OPEN = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;
    private static final State[] STATES = State.values();

    private final WebSocketRequest request;
    private final WebSocketListener listener;
    private final int timeoutMillis;
    private JavaScriptObject ws;
    private int state = CONNECTING;
    private String protocol = "";
    private boolean opened;
    /** Set once the game's close() was accepted on an open channel: a lost connection then closes, not fails. */
    private boolean closeRequested;
    /** Reconnections since the channel was last open, as desktop counts them for the policy. */
    private int reconnects;
    /** Messages sent before the browser's socket opened: its send() would throw until then. */
    private final List<Object> waiting = new ArrayList<Object>();
    private long waitingBytes;
    private final BrowserTimer timer = new BrowserTimer(new Runnable() {
        @Override
        public void run() {
            onTimeout();
        }
    });
    /** The wait before a reconnection. */
    private final BrowserTimer reconnectTimer = new BrowserTimer(new Runnable() {
        @Override
        public void run() {
            if (!ended.get()) {
                connect();
            }
        }
    });

    /**
     * Opens a channel: the browser starts connecting at once; a request asking for what the
     * browser cannot do ends the channel with {@link FailureKind#BROWSER_REFUSED} in the next
     * {@code update()}, nothing sent.
     *
     * @throws IllegalStateException once the manager is disposed
     */
    static WebSocket open(Channels channels, WebSocketRequest request, WebSocketListener listener,
            FetchConfig config) {
        BrowserWebSocket channel = new BrowserWebSocket(channels, request, listener, config);
        channels.register(channel);
        String refusal = WebRefusals.of(request);
        if (refusal != null) {
            channel.fail(FailureKind.BROWSER_REFUSED, refusal, false);
        } else {
            channel.connect();
        }
        return channel;
    }

    private BrowserWebSocket(Channels channels, WebSocketRequest request, WebSocketListener listener,
            FetchConfig config) {
        super(channels);
        this.request = request;
        this.listener = listener;
        this.timeoutMillis = request.connectTimeoutMillis() != HttpRequest.DEFAULT ? request.connectTimeoutMillis()
                : config.connectTimeoutMillis();
    }

    private void connect() {
        opened = false;
        StringBuilder protocols = new StringBuilder();
        List<String> offered = request.subprotocols();
        for (int i = 0; i < offered.size(); i++) {
            // Tokens (checked by the builder) hold no comma, so the list survives a join and split.
            protocols.append(i == 0 ? "" : ",").append(offered.get(i));
        }
        try {
            ws = create(request.url(), protocols.toString());
        } catch (RuntimeException e) {
            // A malformed URL, a blocked port, or ws:// from an https:// page (mixed content).
            fail(FailureKind.BROWSER_REFUSED, "the browser refused to open the WebSocket: " + e.getMessage(), false);
            return;
        }
        listen(ws);
        timer.arm(timeoutMillis);
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
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean send(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        return enqueue(text, BrowserUtf8.length(text));
    }

    @Override
    public boolean send(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        byte[] copy = new byte[data.length];
        System.arraycopy(data, 0, copy, 0, data.length);
        return enqueue(copy, data.length);
    }

    private boolean enqueue(Object message, int length) {
        if (state != OPEN && state != CONNECTING) {
            return false;
        }
        long after = queuedBytes() + length;
        if (after > request.maxQueuedBytes()) {
            throw new IllegalStateException("WebSocket " + url() + ": sending " + length + " bytes would queue "
                    + after + ", over maxQueuedBytes " + request.maxQueuedBytes()
                    + "; wait for queuedBytes() to fall (the server is reading slower than the game sends)");
        }
        if (state == CONNECTING) {
            waiting.add(message);
            waitingBytes += length;
        } else {
            sendNow(message);
        }
        return true;
    }

    private void sendNow(Object message) {
        if (message instanceof String) {
            sendText(ws, (String) message);
        } else {
            sendBinary(ws, (byte[]) message);
        }
    }

    @Override
    public boolean close(int code, String reason) {
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("close code " + code + " is not 1000 or an application code 3000-4999");
        }
        if (reason == null) {
            throw new IllegalArgumentException("close reason is null; use \"\"");
        }
        int reasonBytes = BrowserUtf8.length(reason);
        if (reasonBytes > 123) {
            throw new IllegalArgumentException("close reason is " + reasonBytes
                    + " UTF-8 bytes, over the 123 a close frame holds");
        }
        if (state == CONNECTING) {
            state = CLOSED;
            endWith(WsEvent.closed(this, code, reason));
            abort();
            return true;
        }
        if (state != OPEN) {
            return false;
        }
        state = CLOSING;
        closeRequested = true;
        // The browser sends its close frame after the messages it still buffers.
        closeSocket(ws, code, reason);
        timer.arm(timeoutMillis);
        return true;
    }

    @Override
    public void cancel() {
        endedByGame = true;
        state = CLOSED;
        endWith(WsEvent.failure(this, failure(FailureKind.CANCELLED, "cancelled", false)));
        abort();
    }

    /** Messages waiting for the socket to open, plus the browser's {@code bufferedAmount}. */
    @Override
    public long queuedBytes() {
        return waitingBytes + (ws == null ? 0 : (long) bufferedAmount(ws));
    }

    @Override
    public String toString() {
        return "WebSocket " + url() + " (" + state() + ")";
    }

    // ---- LiveChannel

    @Override
    void markClosed() {
        state = CLOSED;
    }

    @Override
    void dispatch(LiveChannel.Event posted) {
        if (heard(posted)) {
            ((WsEvent) posted).deliverTo(this, listener);
        }
    }

    private FetchException failure(FailureKind kind, String detail, boolean sent) {
        return new FetchException(kind, "GET", url(), detail, null, null, sent);
    }

    private void fail(FailureKind kind, String detail, boolean sent) {
        endWith(WsEvent.failure(this, failure(kind, detail, sent)));
        abort();
    }

    /**
     * The current connection is over: with the policy's leave (a reconnectable end, the game not
     * closing, attempts left), waits and connects again, announced; otherwise ends the channel with
     * {@code terminal}. As desktop's {@code ReconnectingChannel} decides.
     */
    private void connectionEnded(WsEvent terminal, boolean reconnectable) {
        boolean wasOpen = opened;
        abort();
        if (wasOpen) {
            reconnects = 0;
        }
        long delay = reconnectable && !closeRequested ? reconnectDelayMillis(reconnects + 1) : -1;
        if (delay < 0 || state == CLOSED) {
            endWith(terminal);
            return;
        }
        reconnects++;
        state = CONNECTING;
        opened = false;
        post(WsEvent.reconnecting(this, reconnects, delay));
        reconnectTimer.schedule((int) Math.min(delay, Integer.MAX_VALUE));
    }

    /** The delay before reconnection {@code number}, from the policy's backoff, or -1 when none is allowed. */
    private long reconnectDelayMillis(int number) {
        RetryPolicy policy = request.reconnectPolicy();
        if (policy == null || number > policy.maxAttempts()) {
            return -1;
        }
        return Math.max(0, policy.delayMillis(number, null, Math.random(), 0));
    }

    /**
     * Lets the browser's socket go: no more events from it, nothing more sent; messages waiting for
     * it are dropped, as desktop drops those queued for a connection that is gone.
     */
    private void abort() {
        timer.cancel();
        reconnectTimer.cancel();
        waiting.clear();
        waitingBytes = 0;
        if (ws != null) {
            forget(ws);
            ws = null;
        }
    }

    // ---- called by the browser, outside update(): only queue

    void onOpen() {
        if (ended.get() || state != CONNECTING) {
            return;
        }
        timer.cancel();
        state = OPEN;
        opened = true;
        protocol = chosenProtocol(ws);
        post(WsEvent.open(this, protocol));
        for (int i = 0; i < waiting.size(); i++) {
            sendNow(waiting.get(i));
        }
        waiting.clear();
        waitingBytes = 0;
    }

    void onText(String text) {
        if (ended.get()) {
            return;
        }
        int length = BrowserUtf8.length(text);
        if (!tooLarge("text", length)) {
            post(WsEvent.text(this, text));
        }
    }

    void onBinary(JavaScriptObject buffer, int length) {
        if (ended.get() || tooLarge("binary", length)) {
            return;
        }
        byte[] data = new byte[length];
        copy(buffer, data);
        post(WsEvent.binary(this, data));
    }

    /**
     * Whether a message is over the limit, the channel then failed. The browser has already read it
     * whole, so the limit bounds what reaches the game, not what the browser holds. A page may not
     * send 1009, so the close frame says 1000 with a reason instead.
     */
    private boolean tooLarge(String kind, int length) {
        int max = request.maxMessageBytes();
        if (length <= max) {
            return false;
        }
        if (ws != null) {
            closeSocket(ws, 1000, "message too big");
        }
        fail(FailureKind.TOO_LARGE, kind + " message of " + length + " bytes is over maxMessageBytes " + max
                + " (closed with 1000, \"message too big\": browsers do not let a page send 1009)", true);
        return true;
    }

    void onClose(int code, String reason) {
        if (ended.get()) {
            return;
        }
        timer.cancel();
        if (!opened) {
            // Desktop reconnects after a connection that could not be opened (refused, unknown host) too.
            connectionEnded(WsEvent.failure(this, failure(FailureKind.NETWORK, isOnline()
                    ? "the browser could not open the WebSocket (connection refused or reset, host unknown, or the "
                    + "handshake refused, a subprotocol not chosen among those offered included; the browser does "
                    + "not tell a page which)" : "the browser is offline", true)), true);
        } else if (code == 1006 && closeRequested) {
            connectionEnded(WsEvent.closed(this, 1006, "connection ended before the server's close frame"), false);
        } else if (code == 1006) {
            connectionEnded(WsEvent.failure(this, failure(FailureKind.NETWORK,
                    "the browser lost the connection (it does not tell a page why)", true)), true);
        } else {
            // A close frame came: as on desktop, the server's code and reason, announced then final;
            // a server going away or failing may be back, so with a policy those reconnect.
            post(WsEvent.closing(this, code, reason));
            boolean again = !closeRequested && (code == 1001 || code == 1011 || code == 1012 || code == 1013
                    || code == 1014);
            connectionEnded(WsEvent.closed(this, code, reason), again);
        }
    }

    void onTimeout() {
        if (ended.get()) {
            return;
        }
        if (state == CONNECTING) {
            connectionEnded(WsEvent.failure(this, failure(FailureKind.CONNECT_TIMEOUT, "not open within "
                    + timeoutMillis + " ms (a browser does not say when its connection opened, so the connect "
                    + "timeout counts until the handshake's end)", true)), true);
        } else if (closeRequested) {
            endWith(WsEvent.closed(this, 1006, "no close frame from the server within " + timeoutMillis + " ms"));
            abort();
        }
    }

    // ---- the browser's side

    private static native JavaScriptObject create(String url, String protocols) /*-{
        var ws = protocols.length ? new $wnd.WebSocket(url, protocols.split(",")) : new $wnd.WebSocket(url);
        ws.binaryType = "arraybuffer";
        return ws;
    }-*/;

    private native void listen(JavaScriptObject ws) /*-{
        var self = this;
        ws.onopen = $entry(function() {
            self.@com.gdxfetch.net.internal.BrowserWebSocket::onOpen()();
        });
        ws.onmessage = $entry(function(e) {
            if (typeof e.data === "string") {
                self.@com.gdxfetch.net.internal.BrowserWebSocket::onText(Ljava/lang/String;)(e.data);
            } else {
                self.@com.gdxfetch.net.internal.BrowserWebSocket::onBinary(Lcom/google/gwt/core/client/JavaScriptObject;I)(e.data, e.data.byteLength);
            }
        });
        // An error event carries no detail and is always followed by close (code 1006), which decides.
        ws.onerror = function() {
        };
        ws.onclose = $entry(function(e) {
            self.@com.gdxfetch.net.internal.BrowserWebSocket::onClose(ILjava/lang/String;)(e.code, e.reason || "");
        });
    }-*/;

    /** Detaches the handlers and closes the socket unless it is closed or closing already. */
    private static native void forget(JavaScriptObject ws) /*-{
        ws.onopen = null;
        ws.onmessage = null;
        ws.onerror = null;
        ws.onclose = null;
        if (ws.readyState < 2) {
            ws.close();
        }
    }-*/;

    private static native void closeSocket(JavaScriptObject ws, int code, String reason) /*-{
        if (ws.readyState < 2) {
            ws.close(code, reason);
        }
    }-*/;

    private static native void sendText(JavaScriptObject ws, String text) /*-{
        ws.send(text);
    }-*/;

    private static native void sendBinary(JavaScriptObject ws, byte[] data) /*-{
        var bytes = new Int8Array(data.length);
        for (var i = 0; i < data.length; i++) {
            bytes[i] = data[i];
        }
        ws.send(bytes);
    }-*/;

    private static native void copy(JavaScriptObject buffer, byte[] out) /*-{
        var bytes = new Int8Array(buffer);
        for (var i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
    }-*/;

    private static native String chosenProtocol(JavaScriptObject ws) /*-{
        return ws.protocol || "";
    }-*/;

    private static native double bufferedAmount(JavaScriptObject ws) /*-{
        return ws.bufferedAmount || 0;
    }-*/;

    private static native boolean isOnline() /*-{
        return $wnd.navigator.onLine !== false;
    }-*/;
}
