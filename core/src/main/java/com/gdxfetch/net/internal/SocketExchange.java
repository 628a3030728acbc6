package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One request and its response over a pooled or new connection, run on an I/O thread. */
final class SocketExchange extends ExchangeState implements Runnable, Connector.Attempt, IoWatchdog.Watched {
    private final SocketTransport transport;
    /** The socket a blocked call may be waiting on; closed by {@link #abort()}. */
    private volatile Socket socket;
    /** The connection in use, for {@link IoWatchdog}; null outside an exchange on one. */
    private volatile Connection current;
    /** Set by {@link IoWatchdog} when it ended a write that made no progress. */
    private volatile boolean writeStalled;
    /** Set with {@link #writeStalled} when the server had begun an answer by then. */
    private volatile boolean answeredWhileStalled;
    private boolean connecting;

    SocketExchange(SocketTransport transport, HttpRequest request, Transport.Listener listener) {
        super(request, listener);
        this.transport = transport;
    }

    @Override
    protected void abort() {
        Connection c = current;
        if (c != null) {
            // The TCP socket first: closing a TLS socket sends close_notify under the lock that a
            // write stalled on a server that stopped reading holds, so the cancelling thread (the
            // game's) would wait for that write; with the TCP socket closed the write fails at once.
            c.closeRaw();
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is all cancel can do; a failure to close leaves nothing to undo.
            }
        }
    }

    @Override
    public void run() {
        try {
            exchange();
        } catch (RuntimeException | Error e) {
            // Whatever escapes, the request still gets its one terminal callback and this
            // thread goes on serving others.
            abort();
            fail(Failures.of(request, FailureKind.NETWORK, "unexpected error: " + e, e, true));
        } finally {
            endStream();
            socket = null;
            current = null;
            transport.finished(this);
        }
    }

    /**
     * Closes the connection when its write has made no progress for the read timeout; not while
     * nothing is being written. A server that answered and stopped reading without closing (RFC
     * 9112 section 9.5) has only the sending side shut, so that its answer can still be read.
     */
    @Override
    public long check(long now) {
        Connection c = current;
        int timeoutMillis = request.readTimeoutMillis();
        long since = c == null ? 0 : c.out.writingSinceNanos();
        if (since == 0 || timeoutMillis <= 0) {
            return Long.MAX_VALUE;
        }
        long left = since + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - now;
        if (left > 0) {
            return left;
        }
        if (c.answerWaiting()) {
            answeredWhileStalled = true;
            writeStalled = true;
            c.shutdownOutput();
        } else {
            writeStalled = true;
            c.closeRaw();
        }
        return Long.MAX_VALUE;
    }

    private void exchange() {
        HttpRequest toSend;
        String cookie;
        try {
            toSend = prepareStream();
            cookie = Cookies.header(toSend.url(), toSend.headers());
        } catch (IOException e) {
            fail(e, false, false);
            return;
        }
        boolean retried = false;
        while (true) {
            Connection connection = retried ? null : takeIdle(toSend);
            boolean reused = connection != null;
            if (connection == null) {
                try {
                    connection = connect();
                } catch (IOException | GeneralSecurityException e) {
                    abort();
                    fail(e, connecting, false);
                    return;
                }
            }
            socket = connection.socket;
            current = connection;
            if (isCancelled()) {
                connection.close();
                fail(cancelledFailure(false));
                return;
            }
            boolean sent = false;
            boolean written = false;
            try {
                connection.socket.setSoTimeout(Math.max(0, request.readTimeoutMillis()));
                connection.in.startExchange();
                sent = true;
                connection.writer.write(toSend, cookie, connection.absoluteForm, connection.out, this);
                written = true;
                HttpResponse response = readResponse(connection, true);
                complete(response);
                return;
            } catch (IOException e) {
                HttpResponse early = null;
                if (sent && !written) {
                    try {
                        early = answerBeforeTheBody(connection, e);
                    } catch (HttpFailure cutShort) {
                        fail(cutShort, false, true);
                        return;
                    }
                }
                if (early != null) {
                    complete(early);
                    return;
                }
                connection.close();
                if (writeStalled) {
                    e = new HttpFailure(FailureKind.READ_TIMEOUT, "no progress sending the request for "
                            + request.readTimeoutMillis() + " ms (the read timeout covers silence in either direction)", e);
                }
                // A pooled connection the server closed while idle fails before any byte comes
                // back, and one fresh attempt is what a user agent may make. A request whose
                // head went out may have reached the application all the same, even when its
                // body was cut off, so only one that may be repeated is sent again (RFC 9110
                // section 9.2.2); the others were checked to be open before they were sent. A body
                // file that failed to read is no fault of the connection, and read again it may
                // no longer be the body the caller meant.
                if (reused && !retried && !isCancelled() && !connection.in.receivedAny()
                        && toSend.isIdempotent() && !isFileFailure(e)
                        && !(e instanceof SocketTimeoutException) && !writeStalled) {
                    retried = true;
                    continue;
                }
                fail(e, false, sent);
                return;
            }
        }
    }

    private static boolean isFileFailure(IOException e) {
        return e instanceof HttpFailure && ((HttpFailure) e).kind() == FailureKind.FILE;
    }

    /**
     * An idle connection for {@code toSend}, or null. For a request that is not sent again when
     * its connection turns out closed, each one is first checked to be still open, so that a
     * server's keep-alive timeout does not fail it.
     */
    private Connection takeIdle(HttpRequest toSend) {
        while (true) {
            Connection c = transport.pool().take(request.hostKey(), request.isHttps());
            if (c == null || toSend.isIdempotent() || c.isStillOpen()) {
                return c;
            }
            c.close();
        }
    }

    /**
     * The response a server sent before it stopped reading the request body, as one refusing it
     * does (a 413, say, then a close or a stall: RFC 9112 section 9.5); null when none came or sending
     * failed for another reason. The connection is closed either way.
     *
     * @throws HttpFailure PROTOCOL when the answer came whole as far as can be told but its
     *     body is framed by the connection's end, which cannot be trusted here
     */
    private HttpResponse answerBeforeTheBody(Connection connection, IOException writeFailure) throws HttpFailure {
        if (writeFailure instanceof HttpFailure || (writeStalled && !answeredWhileStalled) || isCancelled()) {
            return null;
        }
        try {
            return readResponse(connection, false);
        } catch (CutShort e) {
            throw e.failure;
        } catch (IOException noAnswer) {
            return null;
        } finally {
            connection.close();
        }
    }

    /** Reads the response; {@code reusable} false when the request was not sent whole. */
    private HttpResponse readResponse(Connection connection, boolean reusable) throws IOException {
        ResponseHead head = ResponseHead.readTimed(connection.in, connection.socket, request.readTimeoutMillis());
        Headers headers = head.headers;
        HttpFailure fromProxy = Connector.proxyAnswer(connection, head, request.headers());
        if (fromProxy != null) {
            throw fromProxy;
        }
        // RFC 9112 section 9.3: close wins over keep-alive, which only an HTTP/1.0 server needs to name.
        boolean keepAlive = !ResponseHead.hasToken(headers, "Connection", "close")
                && (!head.http10 || ResponseHead.hasToken(headers, "Connection", "keep-alive"));
        if (ResponseHead.hasToken(request.headers(), "Connection", "close")) {
            keepAlive = false;
        }
        FramedBody framed;
        long contentLength;
        boolean closeDelimited = false;
        if (!BodyReader.hasBody(request.method(), head.status)) {
            framed = FramedBody.fixed(connection.in, 0);
            contentLength = 0;
            if (head.status == 204 && namesABody(headers)) {
                keepAlive = false;
            }
        } else if (headers.get("Transfer-Encoding") != null) {
            checkChunkedOnly(headers.values("Transfer-Encoding"));
            framed = FramedBody.chunked(connection.in);
            contentLength = -1;
            // Both framings, or chunked from an HTTP/1.0 server, may be an attempt to smuggle a
            // response past an intermediary; the body is read as chunked and the connection
            // closed after it (RFC 9112 sections 6.1 and 6.3).
            if (head.http10 || headers.get("Content-Length") != null) {
                keepAlive = false;
            }
        } else if (headers.get("Content-Length") != null) {
            contentLength = BodyReader.contentLength(headers);
            framed = FramedBody.fixed(connection.in, contentLength);
        } else {
            framed = FramedBody.untilClose(connection);
            contentLength = -1;
            keepAlive = false;
            closeDelimited = true;
        }
        // Only now that its framing is known to be valid: RFC 9112 section 6.3 has a user agent
        // discard a response with an invalid Content-Length, and its cookies go with it.
        Cookies.store(request.url(), headers);
        if (closeDelimited && !reusable) {
            // A server that closes with the request body unread resets the connection, and
            // the reset may discard the end of its answer; our failed write has already
            // taken the reset's error, so the read that follows sees a plain end of stream.
            // Only a Content-Length or chunked framing can show the answer is whole.
            throw new CutShort(new HttpFailure(FailureKind.PROTOCOL, "the server answered " + head.status
                    + " before reading the whole request; its answer has no"
                    + " length (it ends with the connection), so it may be cut short"));
        }
        byte[] body;
        try {
            body = BodyReader.body(framed, contentLength, head.status, headers, this);
        } catch (SocketException reset) {
            if (!closeDelimited || isCancelled()) {
                throw reset;
            }
            // A server that refuses a request it has not read to the end (Node.js's 431 to an
            // oversized head) answers without a length and closes, which resets the connection
            // over the unread bytes. Its answer is then the one above, cut short as far as can be
            // told, whether or not our write finished before the reset came back.
            throw new HttpFailure(FailureKind.PROTOCOL, "the server answered " + head.status
                    + " and reset the connection; its answer has no length (it ends with the connection),"
                    + " so it may be cut short", reset)
                    .readingBodyOf(responseBuilder().status(head.status, head.reason)
                            .headers(BodyReader.decodedHeaders(headers, this)).build());
        }
        HttpResponse response = responseBuilder().status(head.status, head.reason)
                .headers(BodyReader.decodedHeaders(headers, this)).body(body).build();
        socket = null;
        current = null;
        if (reusable && keepAlive && framed.isComplete() && !isCancelled()) {
            connection.serverKeepsIdle(ResponseHead.keepAliveTimeoutSeconds(headers));
            transport.pool().put(connection);
        } else {
            connection.close();
        }
        return response;
    }

    /**
     * Whether a 204 names a body it may not have: a Transfer-Encoding or a Content-Length other
     * than 0, which RFC 9112 section 6.1 and RFC 9110 section 8.6 forbid on it. Its message still ends at
     * the head (RFC 9112 section 6.3), but the server may send those bytes after it, late enough
     * to be read as the next response on the connection.
     */
    private static boolean namesABody(Headers headers) {
        if (headers.get("Transfer-Encoding") != null) {
            return true;
        }
        try {
            return BodyReader.contentLength(headers) > 0;
        } catch (HttpFailure invalid) {
            return true;
        }
    }

    /** Carries, out of {@link #readResponse}, a failure that must not count as "no answer came". */
    private static final class CutShort extends IOException {
        private static final long serialVersionUID = 1L;
        final transient HttpFailure failure;

        CutShort(HttpFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    /**
     * Accepts only {@code chunked}, once, as the transfer coding: no other was asked for (no TE
     * header is sent), and a body in one we cannot remove would reach the game still coded.
     *
     * @throws HttpFailure PROTOCOL naming the codings
     */
    static void checkChunkedOnly(List<String> values) throws HttpFailure {
        int chunked = 0;
        boolean other = false;
        for (int i = 0; i < values.size(); i++) {
            for (String coding : values.get(i).split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                if (name.equals("chunked")) {
                    chunked++;
                } else if (!name.isEmpty()) {
                    other = true;
                }
            }
        }
        if (other || chunked != 1) {
            throw new HttpFailure(FailureKind.PROTOCOL, "unsupported Transfer-Encoding '" + String.valueOf(values)
                    + "'; only chunked, once, is understood");
        }
    }

    private Connection connect() throws IOException, GeneralSecurityException {
        return Connector.connect(transport, request.hostKey(), request.host(), request.port(), request.isHttps(),
                false, RequestHeaders.proxyAuthorization(request.headers()), request.connectTimeoutMillis(),
                request.readTimeoutMillis(), this);
    }

    @Override
    public void opening(Socket s) throws IOException {
        socket = s;
        checkNotCancelled();
    }

    @Override
    public void connecting(boolean now) {
        connecting = now;
    }
}
