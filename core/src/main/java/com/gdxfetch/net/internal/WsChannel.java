package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.RetryPolicy;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket channel. Its lifecycle task (on one of the transport's I/O threads) connects,
 * shakes hands, reads frames and decides what a dropped connection means; a writer task per
 * connection writes queued frames and keep-alive pings. Only the lifecycle task posts events,
 * except the terminal ones {@link #cancel} and {@link #close} post themselves, and the first
 * terminal event posted wins.
 */
final class WsChannel extends ReconnectingChannel<WsChannel.Session> implements WebSocket, Handoff.Ended {
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;
    private static final State[] STATES = State.values();
    static final int MAX_WAITING_MESSAGES = 16 * 1024;
    static final long MAX_WAITING_BYTES = 16L << 20;
    /** The largest array a VM reliably allocates: a longer message cannot be held, whatever maxMessageBytes says. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The mask keys and handshake nonces must be unpredictable to the network (RFC 6455 10.3). */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    private final WebSocketRequest request;
    private final WebSocketListener listener;
    private final String userAgent;
    private final long pingNanos;
    private final long closeTimeoutNanos;

    /** Data frames and the client's close frame, in the order sent. */
    private final ConcurrentLinkedQueue<Frame> outgoing = new ConcurrentLinkedQueue<>();
    /** Close replies, written ahead of data. */
    private final ConcurrentLinkedQueue<Frame> control = new ConcurrentLinkedQueue<>();
    /**
     * The pong for the latest ping not yet answered. One slot, not a queue: a server that pings
     * faster than this side can write would otherwise grow the backlog without bound, and RFC
     * 6455 5.5.3 lets an endpoint answer only the most recent ping.
     */
    private final AtomicReference<Frame> pong = new AtomicReference<>();
    private final AtomicLong queued = new AtomicLong();
    /**
     * Bounds the messages waiting for the render thread: past it the lifecycle task stops reading,
     * so a server that sends faster than the game takes (or a game that stops calling update())
     * fills the TCP window instead of the heap. Bounded by size rather than by a small count, so a
     * burst of small messages is not cut to a few per frame. A text message counts its chars.
     */
    private final Handoff handoff = new Handoff(this, MAX_WAITING_MESSAGES, MAX_WAITING_BYTES);
    private volatile String protocol = "";
    /**
     * Set, under the {@code outgoing} lock, once a connection ended, until the next one opens: a
     * send that still finds the channel OPEN belongs to the connection that dropped, and is
     * discarded with the messages queued for it rather than carried over to the next.
     */
    private boolean connectionLost;
    /** Set once the game called close() on an open channel: whatever follows ends it, no reconnect. */
    private volatile boolean closeRequested;
    /** When the game's close() was accepted (System.nanoTime()), for the close timeout. */
    private volatile long closeRequestedAt;

    /**
     * Opens a channel. Made here rather than in {@link Channels}, which every manager loads, so a
     * game's start-up loads the WebSocket classes only once it opens one.
     */
    static WebSocket open(Channels channels, SocketTransport transport, WebSocketRequest request,
            WebSocketListener listener, FetchConfig config) {
        WsChannel channel = new WsChannel(channels, transport, request, listener, config);
        channel.open();
        return channel;
    }

    private WsChannel(Channels channels, SocketTransport transport, WebSocketRequest request, WebSocketListener listener,
            FetchConfig config) {
        super(channels, transport, httpUrl(request.url()), request.connectTimeoutMillis() != HttpRequest.DEFAULT
                ? request.connectTimeoutMillis() : config.connectTimeoutMillis(), CLOSED);
        this.request = request;
        this.listener = listener;
        this.userAgent = config.userAgent();
        this.pingNanos = TimeUnit.MILLISECONDS.toNanos(request.pingIntervalMillis());
        // A connect timeout of 0 waits for ever, the close handshake too: as a deadline of 0 it would
        // end every close at once, before the server's close frame could arrive.
        this.closeTimeoutNanos = connectTimeoutMillis() > 0 ? TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis())
                : Long.MAX_VALUE;
    }

    /** The http(s) URL the handshake goes to. */
    private static String httpUrl(String url) {
        return url.regionMatches(true, 0, "wss:", 0, 4) ? "https" + url.substring(3) : "http" + url.substring(2);
    }

    // ---- the handle, any thread ----

    @Override
    public String url() {
        return request.url();
    }

    @Override
    public State state() {
        return STATES[state.get()];
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
        byte[] bytes = WsFrames.utf8(text);
        return enqueue(WsFrames.TEXT, bytes, bytes.length);
    }

    @Override
    public boolean send(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        return enqueue(WsFrames.BINARY, Arrays.copyOf(data, data.length), data.length);
    }

    private boolean enqueue(int opcode, byte[] payload, int length) {
        Frame frame = Frame.data(opcode, payload, length);
        // With close(): a send that finds the channel open queues its frame before the close
        // frame, else the writer would drop a message whose send() returned true.
        synchronized (outgoing) {
            int s = state.get();
            if ((s != OPEN && s != CONNECTING) || ended.get()) {
                return false;
            }
            if (s == OPEN && connectionLost) {
                // Sent on the connection that dropped, whose queue is already discarded.
                return true;
            }
            long after = queued.addAndGet(length);
            if (after > request.maxQueuedBytes()) {
                queued.addAndGet(-length);
                throw new IllegalStateException("WebSocket " + url() + ": sending " + length + " bytes would queue "
                        + after + ", over maxQueuedBytes " + request.maxQueuedBytes()
                        + "; wait for queuedBytes() to fall (the server is reading slower than the game sends)");
            }
            // Framed (and compressed, when negotiated) by the writer: the connection decides which.
            outgoing.offer(frame);
        }
        wakeWriter();
        return true;
    }

    @Override
    public boolean close(int code, String reason) {
        if (!WsFrames.isSendableCode(code)) {
            throw new IllegalArgumentException("close code " + code + " is not 1000 or an application code 3000-4999");
        }
        if (reason == null) {
            throw new IllegalArgumentException("close reason is null; use \"\"");
        }
        byte[] payload = WsFrames.closePayload(code, reason);
        if (payload.length - 2 > WsFrames.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + (payload.length - 2)
                    + " UTF-8 bytes, over the 123 a close frame holds");
        }
        while (true) {
            int s = state.get();
            if (s == CONNECTING) {
                if (state.compareAndSet(CONNECTING, CLOSED)) {
                    endWith(WsEvent.closed(this, code, reason));
                    abort();
                    return true;
                }
            } else if (s == OPEN) {
                Frame closeFrame = new Frame(WsFrames.frame(WsFrames.CLOSE, payload, 0, payload.length, RANDOM), 0, true);
                boolean closing;
                // Held by every send between its state check and its queuing: none lands behind this frame.
                synchronized (outgoing) {
                    // Before the state changes: the task deciding whether a dropped connection
                    // reconnects reads the state first and this flag after, so it cannot see the
                    // state this close made without the wish to close.
                    closeRequestedAt = System.nanoTime();
                    closeRequested = true;
                    closing = state.compareAndSet(OPEN, CLOSING);
                    if (closing) {
                        outgoing.offer(closeFrame);
                    }
                }
                if (closing) {
                    wakeWriter();
                    startCloseTimer();
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Times the close from the game's call on a thread of its own: a writer blocked behind data
     * the server does not read and a reader waiting on a server that sends nothing (with no
     * dead-peer timeout, for ever) would neither of them look at the clock.
     */
    private void startCloseTimer() {
        Session s = attempt();
        if (s == null) {
            return;
        }
        try {
            transport().threads().execute(new CloseTimer(s));
        } catch (RejectedExecutionException disposed) {
            // The manager is being disposed, which ends the channel anyway.
        }
    }

    @Override
    public void cancel() {
        endedByGame = true;
        state.set(CLOSED);
        endWith(WsEvent.failure(this, failure(FailureKind.CANCELLED, "cancelled", null)));
        abort();
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public String toString() {
        return "WebSocket " + url() + " (" + state() + ")";
    }

    // ---- events ----

    @Override
    void dispatch(LiveChannel.Event posted) {
        WsEvent event = (WsEvent) posted;
        if (event.type == WsEvent.TEXT) {
            handoff.taken(event.text.length());
        } else if (event.type == WsEvent.BINARY) {
            handoff.taken(event.data.length);
        }
        if (heard(event)) {
            event.deliverTo(this, listener);
        }
    }

    @Override
    public boolean isEnded() {
        return ended.get();
    }

    private void wakeWriter() {
        Session s = attempt();
        if (s != null) {
            Thread w = s.writer;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    // ---- the lifecycle task ----

    @Override
    Session newAttempt() {
        return new Session();
    }

    /** A proxy forwarding requests would not pass the upgrade on. */
    @Override
    boolean upgrades() {
        return true;
    }

    @Override
    String proxyAuthorization() {
        return RequestHeaders.proxyAuthorization(request.headers());
    }

    @Override
    long reconnectDelayMillis(int number, Session last) {
        RetryPolicy policy = request.reconnectPolicy();
        if (policy == null || number > policy.maxAttempts()) {
            return -1;
        }
        // A handshake refused with a Retry-After (a server restarting, a balancer draining it) is
        // waited out as a request's retry waits it out, past the policy's cap ending the retries.
        return policy.delayMillis(number, last.retryAfter, RANDOM.nextDouble(), System.currentTimeMillis());
    }

    @Override
    boolean mayReconnect() {
        return !closeRequested;
    }

    @Override
    void connectionEnded() {
        dropQueued();
    }

    @Override
    LiveChannel.Event reconnectingEvent(int number, long delayMillis) {
        return WsEvent.reconnecting(this, number, delayMillis);
    }

    @Override
    LiveChannel.Event failedEvent(FetchException failure) {
        return WsEvent.failure(this, failure);
    }

    /** Frames queued for a connection that is gone are not sent on the next one. */
    private void dropQueued() {
        synchronized (outgoing) {
            Frame f;
            while ((f = outgoing.poll()) != null) {
                queued.addAndGet(-f.payloadLength);
            }
            connectionLost = true;
        }
        control.clear();
        pong.set(null);
    }

    /**
     * The next queued data or close frame for {@code s}'s writer, or null. Taken under the lock
     * dropQueued() clears the queue in: a writer whose connection is over leaves alone what was
     * queued since, for the next connection.
     */
    private Frame takeQueued(Session s) {
        synchronized (outgoing) {
            if (s.isOver()) {
                return null;
            }
            Frame f = outgoing.poll();
            if (f != null) {
                queued.addAndGet(-f.payloadLength);
            }
            return f;
        }
    }

    /** One connection: its outcome, or null when the channel already ended (cancelled, closed). */
    @Override
    Outcome connectAndRead(Session s) {
        try {
            Connection c = connect(s);
            if (ended.get()) {
                return null;
            }
            String key = WsHandshake.newKey(RANDOM);
            s.sentRequest = true;
            WsHandshake.writeRequest(c.out, target(), key, request.subprotocols(), request.perMessageDeflate(),
                    request.headers(), userAgent);
            c.socket.setSoTimeout(connectTimeoutMillis());
            ResponseHead head = ResponseHead.readUpgrade(c.in, c.socket, connectTimeoutMillis(),
                    "opening handshake answer");
            if (head.status != 101) {
                s.retryAfter = head.headers.get("Retry-After");
            }
            Cookies.store(target().normalized, head.headers);
            String chosen = WsHandshake.check(head, key, request.subprotocols());
            s.deflate = WsDeflate.negotiated(head.headers, request.perMessageDeflate());
            c.socket.setSoTimeout(request.deadPeerTimeoutMillis());
            protocol = chosen;
            // With enqueue(): a send sees either the wait for this connection or this connection open.
            synchronized (outgoing) {
                if (!state.compareAndSet(CONNECTING, OPEN)) {
                    return null;
                }
                s.opened = true;
                connectionLost = false;
            }
            post(WsEvent.open(this, chosen));
            transport().threads().execute(new Writer(s));
            return read(s, c);
        } catch (WsFrames.Violation v) {
            s.writeCloseQuietly(v.closeCode, "");
            return Outcome.of(WsEvent.failure(this, failure(v.kind, v.getMessage(), v)), false);
        } catch (IOException | GeneralSecurityException | RejectedExecutionException e) {
            if (ended.get()) {
                return null;
            }
            if (s.closeSent || closeRequested) {
                // This side asked to close; a connection that ends without the server's answer closes all the same.
                return Outcome.of(WsEvent.closed(this, WsFrames.ABNORMAL,
                        s.closeTimedOut ? "no close frame from the server within " + connectTimeoutMillis() + " ms"
                                : "connection ended before the server's close frame"), false);
            }
            Throwable cause = s.writeFailure != null ? s.writeFailure : e;
            FetchException failure = connectionFailure(cause, s,
                    request.deadPeerTimeoutMillis() + " ms (the dead-peer timeout)");
            FailureKind kind = failure.kind();
            boolean again = dropped(kind) || (kind == FailureKind.HTTP_STATUS && cause instanceof HttpFailure
                    && HttpStatus.isServerError(((HttpFailure) cause).status()));
            return Outcome.of(WsEvent.failure(this, failure), again);
        } finally {
            s.end();
            WsDeflate d = s.deflate;
            if (d != null) {
                d.end();
            }
        }
    }

    /** Reads frames until the connection ends; returns how it ended. */
    private Outcome read(Session s, Connection c) throws IOException {
        HttpInput in = c.in;
        byte[] header = new byte[8];
        byte[] message = null;
        int messageLength = 0;
        int messageType = -1;
        int maxMessage = Math.min(request.maxMessageBytes(), MAX_ARRAY);
        String limit = maxMessage == request.maxMessageBytes() ? "maxMessageBytes " + maxMessage
                : "the largest array a VM holds, " + MAX_ARRAY + " bytes";
        WsDeflate deflate = s.deflate;
        Inflated inflated = null;
        byte[] wire = null;
        // The text message's UTF-8 so far, checked as each piece arrives.
        int utf8 = Utf8.COMPLETE;
        while (true) {
            // The writer times the close from when its frame went out; a writer stuck behind a server
            // that reads nothing never sends it, so the close is timed here too, from the game's call.
            if (closeRequested && System.nanoTime() - closeRequestedAt > closeTimeoutNanos) {
                s.closeTimedOut = true;
                throw new HttpFailure(FailureKind.NETWORK, "close timed out");
            }
            int b0 = in.read();
            if (b0 < 0) {
                throw new HttpFailure(FailureKind.NETWORK, "server closed the connection without a close frame (1006)");
            }
            int b1 = in.read();
            if (b1 < 0) {
                throw new HttpFailure(FailureKind.NETWORK, "connection closed inside a frame");
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            boolean compressed = false;
            if ((b0 & 0x70) != 0) {
                if ((b0 & 0x70) != 0x40 || deflate == null) {
                    throw WsFrames.Violation.protocol("frame with reserved bits 0x" + Integer.toHexString(b0 & 0x70)
                            + " set, but " + (deflate == null ? "no extension was negotiated"
                                    : "permessage-deflate uses RSV1 only"));
                }
                if (opcode != WsFrames.TEXT && opcode != WsFrames.BINARY) {
                    throw WsFrames.Violation.protocol("RSV1 on a frame with opcode 0x" + Integer.toHexString(opcode)
                            + "; permessage-deflate marks only a message's first frame");
                }
                compressed = true;
            }
            if ((b1 & 0x80) != 0) {
                throw WsFrames.Violation.protocol("masked frame from the server");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                WsFrames.readFully(in, header, 0, 2);
                length = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
            } else if (length == 127) {
                WsFrames.readFully(in, header, 0, 8);
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (header[i] & 0xFF);
                }
                if (length < 0) {
                    throw WsFrames.Violation.protocol("frame length with its most significant bit set");
                }
            }
            if (opcode >= 0x8) {
                if (!fin || length > 125) {
                    throw WsFrames.Violation.protocol("control frame 0x" + Integer.toHexString(opcode)
                            + (fin ? " of " + length + " bytes, over 125" : " fragmented"));
                }
                byte[] payload = length == 0 ? EMPTY : new byte[(int) length];
                WsFrames.readFully(in, payload, 0, payload.length);
                if (opcode == WsFrames.PING) {
                    pong.set(new Frame(WsFrames.frame(WsFrames.PONG, payload, 0, payload.length, RANDOM), 0, false));
                    wakeWriter();
                } else if (opcode == WsFrames.CLOSE) {
                    return closeReceived(s, c, payload);
                } else if (opcode != WsFrames.PONG) {
                    throw WsFrames.Violation.protocol("unknown control opcode 0x" + Integer.toHexString(opcode));
                }
                continue;
            }
            if (opcode == WsFrames.CONTINUATION) {
                if (messageType < 0) {
                    throw WsFrames.Violation.protocol("continuation frame with no message to continue");
                }
            } else if (opcode == WsFrames.TEXT || opcode == WsFrames.BINARY) {
                if (messageType >= 0) {
                    throw WsFrames.Violation.protocol("new data frame inside a fragmented message");
                }
                messageType = opcode;
                if (compressed) {
                    inflated = new Inflated(maxMessage, limit, opcode == WsFrames.TEXT);
                }
            } else {
                throw WsFrames.Violation.protocol("unknown data opcode 0x" + Integer.toHexString(opcode));
            }
            if (inflated != null) {
                // Compressed: the limit is on the inflated size alone. The wire passes through a buffer
                // of its own and is held nowhere, and it may be several times the message: a sender may
                // flush after each fragment (RFC 7692 section 7.2.1), each flush adding an empty block.
                if (wire == null) {
                    wire = new byte[8192];
                }
                // Inflated as it arrives, not a buffer at a time, so text is checked as it arrives.
                long left = length;
                while (left > 0) {
                    int n = in.read(wire, 0, (int) Math.min(left, wire.length));
                    if (n < 0) {
                        throw new HttpFailure(FailureKind.NETWORK, "connection closed inside a frame");
                    }
                    deflate.inflate(wire, 0, n, inflated);
                    left -= n;
                }
                if (fin) {
                    deflate.endMessage(inflated);
                    if (inflated.utf8 != Utf8.COMPLETE) {
                        throw WsFrames.notUtf8();
                    }
                    deliver(messageType, inflated.whole());
                    inflated = null;
                    messageType = -1;
                }
                continue;
            }
            // Checked before allocating: a length field cannot make us reserve more than the limit.
            if (messageLength + length > maxMessage) {
                throw new WsFrames.Violation(WsFrames.TOO_BIG, FailureKind.TOO_LARGE, "message of "
                        + (fin && messageLength == 0 ? length + " bytes" : "over " + maxMessage + " bytes")
                        + " is over " + limit + " (closed with 1009)");
            }
            int needed = messageLength + (int) length;
            if (message == null) {
                message = new byte[fin ? needed : Math.min(maxMessage, Math.max(needed, 256))];
            } else if (needed > message.length) {
                // Doubled in a long: past 1 GiB an int would wrap negative and grow by exact sizes.
                message = Arrays.copyOf(message, (int) Math.min(maxMessage, Math.max(needed, message.length * 2L)));
            }
            if (messageType == WsFrames.TEXT) {
                utf8 = readText(in, message, messageLength, (int) length, utf8);
            } else {
                WsFrames.readFully(in, message, messageLength, (int) length);
            }
            messageLength = needed;
            if (fin) {
                if (utf8 != Utf8.COMPLETE) {
                    // A character cut short by the message's end.
                    throw WsFrames.notUtf8();
                }
                deliver(messageType, message.length == messageLength ? message : Arrays.copyOf(message, messageLength));
                message = null;
                messageLength = 0;
                messageType = -1;
            }
        }
    }

    /**
     * Reads a text frame's payload, checking its UTF-8 as it arrives ({@link WsFrames#scanText}).
     *
     * @return the message's UTF-8 state after these bytes
     */
    private static int readText(HttpInput in, byte[] b, int off, int len, int utf8) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new HttpFailure(FailureKind.NETWORK, "connection closed inside a frame");
            }
            utf8 = WsFrames.scanText(b, off, n, utf8);
            off += n;
            len -= n;
        }
        return utf8;
    }

    /** Posts a whole message (text already checked to be UTF-8) once the render thread has room for it. */
    private void deliver(int type, byte[] whole) {
        if (type == WsFrames.TEXT) {
            String text = new String(whole, StandardCharsets.UTF_8);
            if (handoff.reserve(text.length())) {
                post(WsEvent.text(this, text));
            }
        } else if (handoff.reserve(whole.length)) {
            post(WsEvent.binary(this, whole));
        }
    }

    /** A compressed message as it inflates, held up to the message limit and no further. */
    private static final class Inflated implements WsDeflate.Output {
        private final int max;
        /** What {@code max} is, for the failure: the game's maxMessageBytes or the largest array. */
        private final String limit;
        private final boolean text;
        private byte[] bytes = new byte[256];
        private int length;
        /** A text message's UTF-8 so far ({@link Utf8#scan}), checked as it inflates. */
        int utf8 = Utf8.COMPLETE;

        Inflated(int max, String limit, boolean text) {
            this.max = max;
            this.limit = limit;
            this.text = text;
        }

        @Override
        public void inflated(byte[] chunk, int n) throws WsFrames.Violation {
            if ((long) length + n > max) {
                throw new WsFrames.Violation(WsFrames.TOO_BIG, FailureKind.TOO_LARGE, "compressed message inflates "
                        + "to over " + max + " bytes, over " + limit + " (closed with 1009)");
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max((long) length + n, bytes.length * 2L)));
            }
            if (text) {
                utf8 = WsFrames.scanText(chunk, 0, n, utf8);
            }
            System.arraycopy(chunk, 0, bytes, length, n);
            length += n;
        }

        byte[] whole() {
            return bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    /** The server's close frame: answer it, wait for the server to end the connection, report. */
    private Outcome closeReceived(Session s, Connection c, byte[] payload) throws IOException {
        int code;
        String reason;
        if (payload.length == 0) {
            code = WsFrames.NO_STATUS;
            reason = "";
        } else if (payload.length == 1) {
            throw WsFrames.Violation.protocol("close frame with a 1-byte payload");
        } else {
            code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            if (!WsFrames.isValidReceivedCode(code)) {
                throw WsFrames.Violation.protocol("close frame with invalid status code " + code);
            }
            if (!Utf8.isValid(payload, 2, payload.length - 2)) {
                throw new WsFrames.Violation(WsFrames.INVALID_DATA, FailureKind.PROTOCOL,
                        "close reason is not valid UTF-8 (closed with 1007)");
            }
            reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
        boolean weAsked = s.closeSent || closeRequested;
        if (!weAsked) {
            state.compareAndSet(OPEN, CLOSING);
        }
        post(WsEvent.closing(this, code, reason));
        if (!s.closeSent) {
            byte[] echo = code == WsFrames.NO_STATUS ? EMPTY : WsFrames.closePayload(code, "");
            control.offer(new Frame(WsFrames.frame(WsFrames.CLOSE, echo, 0, echo.length, RANDOM), 0, true));
            wakeWriter();
        }
        // The server ends the TCP connection first (RFC 6455 7.1.1); give it the close timeout. A
        // connect timeout of 0 waits for ever, so then the socket keeps the dead-peer timeout: once
        // both close frames went, the client may end a connection the server holds open.
        try {
            if (connectTimeoutMillis() > 0) {
                c.socket.setSoTimeout(connectTimeoutMillis());
            }
            byte[] drain = new byte[512];
            long since = System.nanoTime();
            // Bounded in all, not per read: a server that keeps sending would otherwise hold the close open.
            while (c.in.read(drain, 0, drain.length) >= 0 && System.nanoTime() - since < closeTimeoutNanos) {
                // Anything after a close frame is ignored.
            }
        } catch (IOException ignored) {
            // The connection ended some other way; the close is complete all the same.
        }
        // A server going away or failing may be back: with a policy, those reconnect.
        boolean again = !weAsked && (code == WsFrames.GOING_AWAY || code == 1011 || code == 1012
                || code == 1013 || code == 1014);
        return Outcome.of(WsEvent.closed(this, code, reason), again);
    }

    /**
     * After a failed write, leaves the connection to the reader rather than closing it: frames the
     * server sent before it reset the connection wait in the socket all the same, and closing it
     * here would drop them. The reader meets the reset once it has taken them; it waits for more
     * no longer than a close handshake would. With a connect timeout of 0, which waits for ever,
     * the socket keeps its own timeout, the dead-peer one: ending the connection at once would
     * drop those frames all the same.
     */
    private void readOnBriefly(Session s) {
        int limit = connectTimeoutMillis();
        if (limit <= 0) {
            return;
        }
        Connection c = s.connection;
        try {
            int current = c.socket.getSoTimeout();
            if (current == 0 || current > limit) {
                c.socket.setSoTimeout(limit);
            }
        } catch (IOException closed) {
            s.end();
        }
    }

    /** A frame ready for the wire, or a data message's payload for the writer to frame ({@code opcode} >= 0). */
    private static final class Frame {
        final byte[] bytes;
        final int payloadLength;
        final boolean close;
        final int opcode;

        Frame(byte[] bytes, int payloadLength, boolean close) {
            this(bytes, payloadLength, close, -1);
        }

        private Frame(byte[] bytes, int payloadLength, boolean close, int opcode) {
            this.bytes = bytes;
            this.payloadLength = payloadLength;
            this.close = close;
            this.opcode = opcode;
        }

        static Frame data(int opcode, byte[] payload, int length) {
            return new Frame(payload, length, false, opcode);
        }
    }

    /** One connection's socket and its writer's state. */
    final class Session extends ReconnectingChannel.Attempt {
        volatile Thread writer;
        /** The thread timing the game's close, woken when the connection ends first. */
        volatile Thread closeTimer;
        /** The connection's permessage-deflate, or null when not negotiated. */
        volatile WsDeflate deflate;
        volatile boolean closeSent;
        volatile boolean closeTimedOut;
        volatile IOException writeFailure;
        /** The Retry-After of a handshake answered with another status than 101; null otherwise. */
        volatile String retryAfter;
        final ReentrantLock writeLock = new ReentrantLock();

        Session() {
            super(ended);
        }

        /** Closes the socket (the TCP one too, so a write blocked under TLS ends) and wakes the writer. */
        @Override
        void end() {
            super.end();
            Thread w = writer;
            if (w != null) {
                LockSupport.unpark(w);
            }
            Thread t = closeTimer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        /** Writes {@code f}, framed and compressed as the connection agreed, unless a close frame went out first. */
        void write(Frame f) throws IOException {
            byte[] bytes = f.bytes;
            if (f.opcode >= 0) {
                WsDeflate d = deflate;
                if (d != null) {
                    byte[] packed = d.compress(f.bytes, f.payloadLength);
                    bytes = WsFrames.frame(f.opcode, true, packed, 0, packed.length, RANDOM);
                } else {
                    bytes = WsFrames.frame(f.opcode, f.bytes, 0, f.payloadLength, RANDOM);
                }
            }
            writeLock.lock();
            try {
                // Looked at again under the lock: the reader may have written a close frame since
                // the writer last did, and nothing may follow one (RFC 6455 5.5.1).
                if (closeSent) {
                    return;
                }
                connection.out.write(bytes, 0, bytes.length);
                if (f.close) {
                    closeSent = true;
                }
            } finally {
                writeLock.unlock();
            }
        }

        /** Best effort, never waiting long behind a stuck writer: the connection ends right after. */
        void writeCloseQuietly(int code, String reason) {
            Connection c = connection;
            if (c == null || closeSent || !opened) {
                return;
            }
            byte[] payload = WsFrames.closePayload(code, reason);
            try {
                if (writeLock.tryLock(100, TimeUnit.MILLISECONDS)) {
                    try {
                        if (!closeSent) {
                            c.out.write(WsFrames.frame(WsFrames.CLOSE, payload, 0, payload.length, RANDOM));
                            c.out.flush();
                            closeSent = true;
                        }
                    } finally {
                        writeLock.unlock();
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // The connection is being failed anyway.
            }
        }
    }

    /** Ends a connection whose server has not finished the close handshake within the close timeout. */
    private final class CloseTimer implements Runnable {
        private final Session s;

        CloseTimer(Session s) {
            this.s = s;
        }

        @Override
        public void run() {
            s.closeTimer = Thread.currentThread();
            try {
                long left;
                while (!s.isOver() && (left = closeRequestedAt + closeTimeoutNanos - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, left);
                }
                if (!s.isOver()) {
                    s.closeTimedOut = true;
                    s.end();
                }
            } finally {
                s.closeTimer = null;
            }
        }
    }

    /** Writes one connection's frames: control first, then data in order, and keep-alive pings. */
    private final class Writer implements Runnable {
        private final Session s;

        Writer(Session s) {
            this.s = s;
        }

        @Override
        public void run() {
            s.writer = Thread.currentThread();
            long lastWrite = System.nanoTime();
            long closeSentAt = 0;
            try {
                while (!s.isOver()) {
                    Frame f = control.poll();
                    if (f == null) {
                        f = pong.getAndSet(null);
                    }
                    if (f == null && !s.closeSent) {
                        f = takeQueued(s);
                    }
                    if (f != null) {
                        if (s.closeSent) {
                            // Nothing may follow a close frame (RFC 6455 5.5.1).
                            continue;
                        }
                        s.write(f);
                        lastWrite = System.nanoTime();
                        if (f.close) {
                            s.closeSent = true;
                            closeSentAt = lastWrite;
                        }
                        continue;
                    }
                    s.connection.out.flush();
                    long now = System.nanoTime();
                    long wait;
                    if (s.closeSent) {
                        wait = closeSentAt + closeTimeoutNanos - now;
                        if (wait <= 0) {
                            s.closeTimedOut = true;
                            s.end();
                            return;
                        }
                    } else if (pingNanos > 0) {
                        wait = lastWrite + pingNanos - now;
                        if (wait <= 0) {
                            s.write(new Frame(WsFrames.frame(WsFrames.PING, EMPTY, 0, 0, RANDOM), 0, false));
                            lastWrite = now;
                            continue;
                        }
                    } else {
                        wait = Long.MAX_VALUE;
                    }
                    if (control.isEmpty() && pong.get() == null && (s.closeSent || outgoing.isEmpty()) && !s.isOver()) {
                        LockSupport.parkNanos(this, wait);
                    }
                }
            } catch (IOException e) {
                if (!s.isOver()) {
                    s.writeFailure = e;
                    readOnBriefly(s);
                }
            } finally {
                s.writer = null;
            }
        }
    }
}
