package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One Server-Sent Events stream. Its task (on one of the transport's I/O threads) connects,
 * sends the GET, checks the answer, feeds the body as it arrives to an {@link EventStreamParser}
 * and reconnects as the HTML standard's {@code EventSource} does: after the stream ends or drops,
 * waiting the server's {@code retry} delay, sending {@code Last-Event-ID}. Only that task posts
 * events, except the terminal ones {@link #cancel} and {@link #close} post themselves, and the
 * first terminal event posted wins.
 */
final class SseChannel extends LiveChannel implements EventStream, Runnable, EventStreamParser.Handler {
    private static final int CONNECTING = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;
    private static final State[] STATES = State.values();
    private static final int READ_CHUNK = 4096;

    private final Channels channels;
    private final SocketTransport transport;
    private final EventStreamRequest request;
    private final EventStreamListener listener;
    private final ParsedUrl target;
    private final String userAgent;
    private final int connectTimeoutMillis;

    private final AtomicInteger state = new AtomicInteger(CONNECTING);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Event terminal;
    private volatile String lastEventId;
    private volatile long retryMillis;
    private volatile Attempt attempt;
    private volatile Thread task;

    SseChannel(Channels channels, SocketTransport transport, EventStreamRequest request, EventStreamListener listener,
            FetchConfig config) {
        this.channels = channels;
        this.transport = transport;
        this.request = request;
        this.listener = listener;
        this.target = ParsedUrl.of(request.url());
        this.userAgent = config.userAgent();
        this.connectTimeoutMillis = request.connectTimeoutMillis() != HttpRequest.DEFAULT
                ? request.connectTimeoutMillis() : config.connectTimeoutMillis();
        this.lastEventId = request.lastEventId();
        this.retryMillis = request.reconnectDelayMillis();
    }

    void start() {
        try {
            transport.threads().execute(this);
        } catch (RejectedExecutionException e) {
            endWith(Event.failure(this, failure(FailureKind.CANCELLED, "transport disposed", e)));
        }
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
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean close() {
        if (!endWith(Event.closed(this))) {
            return false;
        }
        abort();
        return true;
    }

    @Override
    public void cancel() {
        if (endWith(Event.failure(this, failure(FailureKind.CANCELLED, "cancelled", null)))) {
            abort();
        }
    }

    @Override
    public String toString() {
        return "event stream " + url() + " (" + state() + ")";
    }

    // ---- events ----

    private void post(Event event) {
        if (!ended.get()) {
            channels.post(event);
        }
    }

    /** Posts the terminal event if none was; the first one wins. */
    private boolean endWith(Event event) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        state.set(CLOSED);
        terminal = event;
        channels.post(event);
        return true;
    }

    @Override
    Event terminalEvent() {
        return terminal;
    }

    @Override
    void dispatch(LiveChannel.Event posted) {
        Event event = (Event) posted;
        switch (event.kind) {
            case Event.OPEN:
                listener.onOpen(this);
                break;
            case Event.MESSAGE:
                listener.onEvent(this, event.type, event.data, event.id);
                break;
            case Event.RECONNECTING:
                listener.onReconnecting(this, event.attempt, event.delayMillis);
                break;
            case Event.CLOSED:
                listener.onClosed(this);
                break;
            default:
                listener.onFailure(this, event.failure);
                break;
        }
    }

    // ---- the parser's handler, on the task's thread ----

    @Override
    public void event(String type, String data, String id) {
        lastEventId = id;
        post(Event.message(this, type, data, id));
    }

    @Override
    public void retry(long millis) {
        retryMillis = millis;
    }

    // ---- the task ----

    @Override
    public void run() {
        task = Thread.currentThread();
        try {
            int reconnects = 0;
            while (!ended.get()) {
                Attempt a = new Attempt();
                Outcome outcome = connectAndRead(a);
                if (outcome == null || ended.get()) {
                    return;
                }
                if (a.opened) {
                    reconnects = 0;
                }
                int now = state.get();
                if (outcome.reconnectable && reconnects < request.maxReconnects() && now != CLOSED
                        && state.compareAndSet(now, CONNECTING)) {
                    reconnects++;
                    long delay = retryMillis;
                    post(Event.reconnecting(this, reconnects, delay));
                    waitMillis(delay);
                    continue;
                }
                endWith(outcome.event);
                return;
            }
        } finally {
            task = null;
        }
    }

    private void abort() {
        Attempt a = attempt;
        if (a != null) {
            a.end();
        }
        Thread t = task;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Parks for {@code millis}, or until the stream ends. */
    private void waitMillis(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!ended.get() && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** One connection: how it ended, or null when the stream already ended (closed, cancelled). */
    private Outcome connectAndRead(Attempt a) {
        attempt = a;
        if (ended.get()) {
            return null;
        }
        try {
            Connection c = Connector.connect(transport, target.hostKey, target.host, target.port,
                    target.scheme.equals("https"), connectTimeoutMillis, connectTimeoutMillis, a);
            a.connection = c;
            if (ended.get()) {
                return null;
            }
            c.socket.setSoTimeout(connectTimeoutMillis);
            a.sentRequest = true;
            writeRequest(c);
            ResponseHead head = ResponseHead.read(c.in);
            if (head.status == 204) {
                // The server's way to say "stop reconnecting".
                return Outcome.of(Event.closed(this), false);
            }
            if (head.status != 200) {
                return Outcome.of(Event.failure(this, failure(FailureKind.HTTP_STATUS, "expected 200 with "
                        + "text/event-stream, got " + head.status + (head.reason.isEmpty() ? "" : " " + head.reason),
                        null)), false);
            }
            String type = head.headers.get("Content-Type");
            if (type == null || !type.trim().toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return Outcome.of(Event.failure(this, failure(FailureKind.PROTOCOL, "expected Content-Type "
                        + "text/event-stream, got '" + type + "'", null)), false);
            }
            InputStream body = body(head, c.in);
            c.socket.setSoTimeout(request.readTimeoutMillis());
            if (!state.compareAndSet(CONNECTING, OPEN)) {
                return null;
            }
            a.opened = true;
            post(Event.open(this));
            EventStreamParser parser = new EventStreamParser(url(), request.maxEventBytes(), this, lastEventId);
            byte[] chunk = new byte[READ_CHUNK];
            int n;
            while ((n = body.read(chunk, 0, chunk.length)) >= 0) {
                parser.feed(chunk, 0, n);
                lastEventId = parser.lastEventId();
            }
            parser.end();
            // The server ended the stream: as EventSource does, open it again.
            return Outcome.of(Event.failure(this, failure(FailureKind.NETWORK, "the server ended the stream", null)),
                    true);
        } catch (FetchException tooLarge) {
            return Outcome.of(Event.failure(this, tooLarge), false);
        } catch (IOException | GeneralSecurityException | RejectedExecutionException e) {
            if (ended.get()) {
                return null;
            }
            FetchException failure;
            if (e instanceof SocketTimeoutException && a.opened) {
                failure = failure(FailureKind.READ_TIMEOUT, "no byte from the server for "
                        + request.readTimeoutMillis() + " ms (the stream's read timeout)", e);
            } else if (e instanceof RejectedExecutionException) {
                failure = failure(FailureKind.CANCELLED, "transport disposed", e);
            } else {
                failure = Failures.of("GET", url(), e, a.connecting, a.sentRequest);
            }
            FailureKind kind = failure.kind();
            boolean again = kind == FailureKind.NETWORK || kind == FailureKind.READ_TIMEOUT
                    || Failures.beforeConnection(kind);
            return Outcome.of(Event.failure(this, failure), again);
        } finally {
            a.end();
        }
    }

    private void writeRequest(Connection c) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("GET ").append(target.target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.authority).append("\r\n");
        head.append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        String id = lastEventId;
        if (!id.isEmpty()) {
            head.append("Last-Event-ID: ").append(id).append("\r\n");
        }
        Headers headers = request.headers();
        if (headers.get("User-Agent") == null) {
            head.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        for (int i = 0; i < headers.size(); i++) {
            head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
        }
        head.append("\r\n");
        c.out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        c.out.flush();
    }

    /** The body as the connection delivers it: chunked, of a length, or until the server closes. */
    private static InputStream body(ResponseHead head, HttpInput in) throws IOException {
        Headers headers = head.headers;
        if (headers.get("Transfer-Encoding") != null) {
            SocketExchange.checkChunkedOnly(headers.values("Transfer-Encoding"));
            return FramedBody.chunked(in);
        }
        if (headers.get("Content-Length") != null) {
            return FramedBody.fixed(in, BodyReader.contentLength(headers));
        }
        return FramedBody.untilClose(in);
    }

    private FetchException failure(FailureKind kind, String detail, Throwable cause) {
        return new FetchException(kind, "GET", url(), detail, cause, null, kind != FailureKind.CANCELLED);
    }

    /** How one connection ended. */
    private static final class Outcome {
        final Event event;
        final boolean reconnectable;

        private Outcome(Event event, boolean reconnectable) {
            this.event = event;
            this.reconnectable = reconnectable;
        }

        static Outcome of(Event event, boolean reconnectable) {
            return new Outcome(event, reconnectable);
        }
    }

    /** One connection attempt's socket, closed to end a blocked read at once. */
    private final class Attempt implements Connector.Attempt {
        volatile Socket socket;
        volatile Connection connection;
        volatile boolean connecting;
        volatile boolean sentRequest;
        volatile boolean opened;
        private final AtomicBoolean over = new AtomicBoolean();

        @Override
        public void opening(Socket s) throws IOException {
            socket = s;
            if (ended.get() || over.get()) {
                throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
            }
        }

        @Override
        public void connecting(boolean now) {
            connecting = now;
        }

        void end() {
            over.set(true);
            Connection c = connection;
            if (c != null) {
                c.closeRaw();
                c.close();
            } else {
                Socket s = socket;
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // Closing is all that can be done.
                    }
                }
            }
        }
    }

    /** One stream event on its way to the render thread. */
    static final class Event extends LiveChannel.Event {
        static final int OPEN = 0;
        static final int MESSAGE = 1;
        static final int RECONNECTING = 2;
        static final int CLOSED = 3;
        static final int FAILURE = 4;

        final int kind;
        final String type;
        final String data;
        final String id;
        final int attempt;
        final long delayMillis;
        final FetchException failure;

        private Event(SseChannel channel, int kind, String type, String data, String id, int attempt,
                long delayMillis, FetchException failure) {
            super(channel);
            this.kind = kind;
            this.type = type;
            this.data = data;
            this.id = id;
            this.attempt = attempt;
            this.delayMillis = delayMillis;
            this.failure = failure;
        }

        @Override
        boolean isTerminal() {
            return kind == CLOSED || kind == FAILURE;
        }

        static Event open(SseChannel channel) {
            return new Event(channel, OPEN, null, null, null, 0, 0, null);
        }

        static Event message(SseChannel channel, String type, String data, String id) {
            return new Event(channel, MESSAGE, type, data, id, 0, 0, null);
        }

        static Event reconnecting(SseChannel channel, int attempt, long delayMillis) {
            return new Event(channel, RECONNECTING, null, null, null, attempt, delayMillis, null);
        }

        static Event closed(SseChannel channel) {
            return new Event(channel, CLOSED, null, null, null, 0, 0, null);
        }

        static Event failure(SseChannel channel, FetchException failure) {
            return new Event(channel, FAILURE, null, null, null, 0, 0, failure);
        }
    }
}
