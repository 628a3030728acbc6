package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One Server-Sent Events stream. Its task (on one of the transport's I/O threads) connects,
 * sends the GET, checks the answer, feeds the body as it arrives to an {@link EventStreamParser}
 * and reconnects as the HTML standard's {@code EventSource} does: after the stream ends or drops,
 * waiting the server's {@code retry} delay, sending {@code Last-Event-ID}. Only that task posts
 * events, except the terminal ones {@link #cancel} and {@link #close} post themselves, and the
 * first terminal event posted wins.
 */
final class SseChannel extends ReconnectingChannel<ReconnectingChannel.Attempt>
        implements EventStream, EventStreamParser.Handler, Handoff.Ended {
    private static final int CLOSED = 2;
    private static final State[] STATES = State.values();
    private static final int READ_CHUNK = 4096;

    private final EventStreamRequest request;
    private final EventStreamListener listener;
    private final String userAgent;
    private final int maxRedirects;

    private volatile String lastEventId;
    private volatile long retryMillis;
    /** Bounds the events waiting for the render thread: past it the task stops reading. */
    private final Handoff handoff = new Handoff(this);

    /** Opens a stream; made here rather than in {@link Channels} for the reason {@link WsChannel#open} gives. */
    static EventStream open(Channels channels, SocketTransport transport, EventStreamRequest request,
            EventStreamListener listener, FetchConfig config) {
        SseChannel channel = new SseChannel(channels, transport, request, listener, config);
        channel.open();
        return channel;
    }

    private SseChannel(Channels channels, SocketTransport transport, EventStreamRequest request, EventStreamListener listener,
            FetchConfig config) {
        super(channels, transport, request.url(), request.connectTimeoutMillis() != HttpRequest.DEFAULT
                ? request.connectTimeoutMillis() : config.connectTimeoutMillis(), CLOSED);
        this.request = request;
        this.listener = listener;
        this.userAgent = config.userAgent();
        this.maxRedirects = config.maxRedirects();
        this.lastEventId = request.lastEventId();
        this.retryMillis = request.reconnectDelayMillis();
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
        if (endWith(SseEvent.failure(this, failure(FailureKind.CANCELLED, "cancelled", null)))) {
            abort();
        }
    }

    @Override
    public String toString() {
        return "event stream " + url() + " (" + state() + ")";
    }

    // ---- events ----

    @Override
    void dispatch(LiveChannel.Event posted) {
        SseEvent event = (SseEvent) posted;
        if (event.kind == SseEvent.MESSAGE) {
            handoff.taken();
        }
        if (heard(event)) {
            event.deliverTo(this, listener);
        }
    }

    // ---- the parser's handler, on the task's thread ----

    @Override
    public void event(String type, String data, String id) {
        if (handoff.reserve()) {
            post(SseEvent.message(this, type, data, id));
        }
    }

    @Override
    public void lastEventId(String id) {
        lastEventId = id;
    }

    @Override
    public boolean isEnded() {
        return ended.get();
    }

    @Override
    public void retry(long millis) {
        retryMillis = millis;
    }

    // ---- the task ----

    @Override
    Attempt newAttempt() {
        return new Attempt(ended);
    }

    /** An event stream is a plain GET, which an HTTP proxy forwards. */
    @Override
    boolean upgrades() {
        return false;
    }

    @Override
    String proxyAuthorization() {
        return RequestHeaders.proxyAuthorization(request.headers());
    }

    @Override
    long reconnectDelayMillis(int number, Attempt last) {
        return number <= request.maxReconnects() ? retryMillis : -1;
    }

    @Override
    LiveChannel.Event reconnectingEvent(int number, long delayMillis) {
        return SseEvent.reconnecting(this, number, delayMillis);
    }

    @Override
    LiveChannel.Event failedEvent(FetchException failure) {
        return SseEvent.failure(this, failure);
    }

    /** One connection: how it ended, or null when the stream already ended (closed, cancelled). */
    @Override
    Outcome connectAndRead(Attempt a) {
        try {
            ParsedUrl to = target();
            Headers headers = request.headers();
            Connection c = connect(a, to);
            ResponseHead head;
            InputStream framed;
            // EventSource fetches with redirects followed under the rules of any request, its
            // headers (Last-Event-ID among them) going along; each reconnection starts again at
            // the URL given.
            Redirects.Chain redirects = null;
            while (true) {
                if (ended.get()) {
                    return null;
                }
                // Many servers send their head only with their first event: waiting for it is the
                // stream's silence, as EventSource, which has no timeout of its own there, waits.
                c.socket.setSoTimeout(request.readTimeoutMillis());
                a.sentRequest = true;
                writeRequest(c, to, headers);
                head = ResponseHead.readTimed(c.in, c.socket, request.readTimeoutMillis());
                HttpFailure fromProxy = Connector.proxyAnswer(c, head, headers);
                if (fromProxy != null) {
                    FetchException refused = failure(FailureKind.NETWORK, fromProxy.getMessage(), null);
                    return Outcome.of(SseEvent.failure(this, refused), false);
                }
                // Framing first: RFC 9112 section 6.3 has a user agent discard a response framed in a
                // way it cannot read, and its cookies go with it.
                framed = body(head, c.in);
                Cookies.store(to.normalized, head.headers);
                HttpResponse received = new HttpResponse.Builder().url(to.normalized).status(head.status, head.reason)
                        .headers(head.headers).build();
                if (!Redirects.isRedirect(received)) {
                    break;
                }
                if (redirects == null) {
                    redirects = new Redirects.Chain();
                }
                HttpRequest next = redirects.follow(asRequest(to, headers), received, maxRedirects);
                c.close();
                to = ParsedUrl.of(next.url());
                headers = next.headers();
                c = connect(a, to);
            }
            if (head.status == 204) {
                // The server's way to say "stop reconnecting".
                return Outcome.of(SseEvent.closed(this), false);
            }
            if (head.status != 200) {
                return Outcome.of(SseEvent.failure(this, failure(FailureKind.HTTP_STATUS, "expected 200 with "
                        + "text/event-stream, got " + head.status + (head.reason.isEmpty() ? "" : " " + head.reason),
                        null)), false);
            }
            String type = head.headers.get("Content-Type");
            if (!EventStreamParser.isEventStream(type)) {
                return Outcome.of(SseEvent.failure(this, failure(FailureKind.PROTOCOL, "expected Content-Type "
                        + "text/event-stream, got '" + type + "'", null)), false);
            }
            // The request names no coding, which RFC 9110 section 12.5.3 lets a server read as "any".
            // A name that is no compression (a charset some servers put there) is ignored, as browsers ignore it.
            String undecodable = BodyReader.compressionLeftOn(head.headers, true);
            if (undecodable != null) {
                return Outcome.of(SseEvent.failure(this, failure(FailureKind.PROTOCOL, "the stream's Content-Encoding '"
                        + undecodable + "' cannot be decoded (gzip and deflate can)", null)), false);
            }
            int coding = BodyReader.codingOf(BodyReader.contentEncoding(head.headers));
            if (!state.compareAndSet(CONNECTING, OPEN)) {
                return null;
            }
            a.opened = true;
            post(SseEvent.open(this));
            EventStreamParser parser = new EventStreamParser(url(), request.maxEventBytes(), this, lastEventId);
            try {
                BodyReader.pumpDecoded(framed, coding, new byte[READ_CHUNK], parser);
            } catch (HttpFailure cut) {
                if (ended.get()) {
                    return null;
                }
                // Once the stream flows, a body that breaks off (a server restarting mid-chunk, chunked
                // framing cut short) is a dropped connection, which EventSource reconnects after.
                parser.end();
                return Outcome.of(SseEvent.failure(this, failure(FailureKind.NETWORK, "the stream broke off: "
                        + cut.getMessage(), cut)), true);
            }
            parser.end();
            // The server ended the stream: as EventSource does, open it again.
            return Outcome.of(SseEvent.failure(this, failure(FailureKind.NETWORK, "the server ended the stream", null)),
                    true);
        } catch (FetchException tooLarge) {
            return Outcome.of(SseEvent.failure(this, tooLarge), false);
        } catch (IOException | GeneralSecurityException | RejectedExecutionException e) {
            if (ended.get()) {
                return null;
            }
            FetchException failure = connectionFailure(e, a,
                    request.readTimeoutMillis() + " ms (the stream's read timeout)");
            return Outcome.of(SseEvent.failure(this, failure), dropped(failure.kind()));
        } finally {
            a.end();
        }
    }

    /** The stream's GET of {@code to} with {@code headers}, as the redirect rules take a request. */
    private static HttpRequest asRequest(ParsedUrl to, Headers headers) {
        HttpRequest.Builder b = HttpRequest.get(to.normalized);
        for (int i = 0; i < headers.size(); i++) {
            b.addHeader(headers.name(i), headers.value(i));
        }
        return b.build();
    }

    private void writeRequest(Connection c, ParsedUrl target, Headers headers) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("GET ").append(c.absoluteForm ? target.normalized : target.target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.hostField).append("\r\n");
        head.append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        String id = lastEventId;
        if (!id.isEmpty()) {
            head.append("Last-Event-ID: ").append(id).append("\r\n");
        }
        if (headers.get("User-Agent") == null) {
            head.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        Cookies.appendFields(head, target.normalized, headers, c.absoluteForm);
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
}
