package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.Collections;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One request and its response over a pooled or new connection, run on an I/O thread. */
final class SocketExchange extends ExchangeState implements Runnable {
    private final SocketTransport transport;
    /** The socket a blocked call may be waiting on; closed by {@link #abort()}. */
    private volatile Socket socket;
    private boolean connecting;

    SocketExchange(SocketTransport transport, HttpRequest request, Transport.Listener listener) {
        super(request, listener);
        this.transport = transport;
    }

    @Override
    protected void abort() {
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
        } catch (RuntimeException e) {
            abort();
            fail(Failures.of(request, FailureKind.NETWORK, "unexpected error: " + e, e, true));
        } finally {
            socket = null;
            transport.finished(this);
        }
    }

    private void exchange() {
        boolean retried = false;
        while (true) {
            Connection connection = retried ? null : transport.pool().take(request.hostKey(), request.isHttps());
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
            if (isCancelled()) {
                connection.close();
                fail(cancelledFailure(false));
                return;
            }
            boolean sent = false;
            try {
                connection.socket.setSoTimeout(Math.max(0, request.readTimeoutMillis()));
                connection.in.startExchange();
                sent = true;
                connection.writer.write(request, connection.out, this);
                HttpResponse response = readResponse(connection);
                complete(response);
                return;
            } catch (IOException e) {
                connection.close();
                // A pooled connection the server closed while idle fails before any byte comes
                // back; the request never reached the application, so one fresh attempt is safe.
                if (reused && !retried && !isCancelled() && !connection.in.receivedAny()
                        && !(e instanceof SocketTimeoutException)) {
                    retried = true;
                    continue;
                }
                fail(e, false, sent);
                return;
            }
        }
    }

    private HttpResponse readResponse(Connection connection) throws IOException {
        ResponseHead head = ResponseHead.read(connection.in);
        Headers headers = head.headers;
        boolean keepAlive = head.http10
                ? ResponseHead.hasToken(headers, "Connection", "keep-alive")
                : !ResponseHead.hasToken(headers, "Connection", "close");
        if (ResponseHead.hasToken(request.headers(), "Connection", "close")) {
            keepAlive = false;
        }
        FramedBody framed;
        long contentLength;
        if (!BodyReader.hasBody(request.method(), head.status)) {
            framed = FramedBody.fixed(connection.in, 0);
            contentLength = 0;
        } else if (ResponseHead.hasToken(headers, "Transfer-Encoding", "chunked")) {
            framed = FramedBody.chunked(connection.in);
            contentLength = -1;
        } else if (headers.get("Content-Length") != null) {
            contentLength = BodyReader.contentLength(headers);
            framed = FramedBody.fixed(connection.in, contentLength);
        } else {
            framed = FramedBody.untilClose(connection.in);
            contentLength = -1;
            keepAlive = false;
        }
        byte[] body = BodyReader.read(framed, contentLength, headers, this);
        HttpResponse response = responseBuilder().status(head.status, head.reason)
                .headers(BodyReader.decodedHeaders(headers, request)).body(body).build();
        socket = null;
        if (keepAlive && framed.isComplete() && !isCancelled()) {
            transport.pool().put(connection);
        } else {
            connection.close();
        }
        return response;
    }

    private Connection connect() throws IOException, GeneralSecurityException {
        String host = bareHost(request.host());
        int port = request.port();
        Socket plain = new Socket();
        socket = plain;
        checkNotCancelled();
        plain.setTcpNoDelay(true);
        connecting = true;
        plain.connect(new InetSocketAddress(host, port), Math.max(0, request.connectTimeoutMillis()));
        connecting = false;
        if (!request.isHttps()) {
            return new Connection(request.hostKey(), false, plain);
        }
        SSLSocket tls = (SSLSocket) transport.tlsFactory().createSocket(plain, host, port, true);
        socket = tls;
        checkNotCancelled();
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            try {
                parameters.setServerNames(Collections.singletonList(new SNIHostName(host)));
            } catch (IllegalArgumentException notAnSniName) {
                // Names SNI cannot carry are still verified against the certificate.
            }
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(Math.max(0, request.readTimeoutMillis()));
        tls.startHandshake();
        return new Connection(request.hostKey(), true, tls);
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
