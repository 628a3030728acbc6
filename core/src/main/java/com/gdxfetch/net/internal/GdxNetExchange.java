package com.gdxfetch.net.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Net;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.RequestBody;
import com.gdxfetch.net.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One exchange through Gdx.net: builds its request and turns its callbacks into ours. */
final class GdxNetExchange extends ExchangeState implements Net.HttpResponseListener {
    private static final byte[] EMPTY = new byte[0];
    /**
     * The Content-Type of a body sent without one. HttpURLConnection labels such a POST
     * {@code application/x-www-form-urlencoded}, and a server then parses the bytes as form fields
     * instead of handing them on; it cannot send none, so the body goes as the type RFC 9110
     * section 8.3 has a recipient assume when there is none.
     */
    private static final String UNTYPED_BODY = "application/octet-stream";

    private final GdxNetTransport transport;
    private final int timeoutMillis;
    /** The Net the request went to, with its monitor; one reference, so a cancel sees both or neither. */
    private volatile GdxNetTransport.Guarded target;
    private volatile Net.HttpRequest sent;
    /** The body as Gdx.net reads it, or null without one. */
    private volatile UploadStream upload;
    /** Whether the request's Proxy-Authorization went out, to an HTTP proxy forwarding it. */
    private volatile boolean proxyAuthorizationSent;

    GdxNetExchange(GdxNetTransport transport, HttpRequest request, Transport.Listener listener) {
        super(request, listener);
        this.transport = transport;
        this.timeoutMillis = singleTimeout(request.connectTimeoutMillis(), request.readTimeoutMillis());
    }

    /** Whether Gdx.net on HttpURLConnection sends a body with {@code method}. */
    static boolean sendsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * The request headers the JDK's HttpURLConnection drops without a word (its restricted ones,
     * from XMLHttpRequest; checked on desktop only, where Gdx.net runs on it), Content-Length and Transfer-Encoding
     * aside, which the transport leaves to Gdx.net.
     */
    private static final String[] DROPPED_BY_THE_JDK = {"Access-Control-Request-Headers",
        "Access-Control-Request-Method", "Connection", "Content-Transfer-Encoding", "Host",
        "Keep-Alive", "Origin", "Trailer", "Upgrade", "Via"};

    /** The first header of {@code request} that Gdx.net on this backend would not send, or null. */
    static String droppedHeader(HttpRequest request) {
        Application.ApplicationType type = Gdx.app == null ? null : Gdx.app.getType();
        if ((type != Application.ApplicationType.Desktop && type != Application.ApplicationType.HeadlessDesktop)
                || Boolean.getBoolean("sun.net.http.allowRestrictedHeaders")) {
            return null;
        }
        Headers headers = request.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            for (String dropped : DROPPED_BY_THE_JDK) {
                // "Connection: close" is the one value it lets through.
                if (dropped.equalsIgnoreCase(name) && !(dropped.equals("Connection")
                        && headers.value(i).trim().equalsIgnoreCase("close"))) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * The proxies the JVM's selector names for {@code url}, as HttpURLConnection asks that
     * selector and tries them in turn; empty when it names none or cannot say.
     */
    private static List<Proxy> selectedProxies(String url) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Collections.emptyList();
        }
        try {
            List<Proxy> proxies = selector.select(new URI(url));
            return proxies != null ? proxies : Collections.<Proxy>emptyList();
        } catch (Exception e) {
            return Collections.emptyList();
        }
    }

    /**
     * Whether every proxy the selector names for {@code url} is an HTTP proxy forwarding the
     * request; only then does a Proxy-Authorization reach a proxy. Directly or through SOCKS it
     * would reach the server, and over https HttpURLConnection writes it inside the tunnel, to the
     * server, not on its CONNECT, which carries only what a {@code java.net.Authenticator} gives.
     */
    private static boolean forwardedByHttpProxies(String url) {
        if (!url.regionMatches(true, 0, "http:", 0, 5)) {
            return false;
        }
        List<Proxy> proxies = selectedProxies(url);
        for (int i = 0, n = proxies.size(); i < n; i++) {
            Proxy proxy = proxies.get(i);
            if (proxy == null || proxy.type() != Proxy.Type.HTTP) {
                return false;
            }
        }
        return !proxies.isEmpty();
    }

    /**
     * Whether the response came from an HTTP proxy forwarding a plain http request: as the
     * connection says when the transport reached it, else as the JVM's selector names proxies.
     */
    private boolean forwardedByProxy(HttpURLConnection connection) {
        if (!request.url().regionMatches(true, 0, "http:", 0, 5)) {
            return false;
        }
        return connection != null ? connection.usingProxy() : forwardedByHttpProxies(request.url());
    }

    /**
     * The failure for a 407 from the HTTP proxy forwarding the request (RFC 9110 section 15.5.8):
     * the proxy's own answer, which delivered as the response would pass for what the server said.
     */
    private HttpFailure proxyAsksForCredentials(HttpURLConnection connection) {
        String reason = "";
        if (connection != null) {
            try {
                String message = connection.getResponseMessage();
                reason = message != null ? receivedText(message) : "";
            } catch (IOException | RuntimeException e) {
                // The status is known; the reason only adds words.
            }
        }
        String proxy = httpProxyNames(request.url());
        return Connector.credentialsRefused(proxy != null ? "proxy " + proxy : "the HTTP proxy", reason,
                proxyAuthorizationSent);
    }

    /**
     * The HTTP proxies the JVM's selector names for {@code url}, as {@code host:port} joined by
     * " or " (HttpURLConnection tries them in turn), or null when it names none.
     */
    static String httpProxyNames(String url) {
        StringBuilder names = null;
        List<Proxy> proxies = selectedProxies(url);
        for (int i = 0, n = proxies.size(); i < n; i++) {
            Proxy proxy = proxies.get(i);
            if (proxy != null && proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
                InetSocketAddress address = (InetSocketAddress) proxy.address();
                names = names == null ? new StringBuilder() : names.append(" or ");
                names.append(address.getHostString()).append(':').append(address.getPort());
            }
        }
        return names != null ? names.toString() : null;
    }

    /** libGDX has one timeout for connect and read: the longer of the two, where 0 (none) is longest. */
    private static int singleTimeout(int connectMillis, int readMillis) {
        if (connectMillis <= 0 || readMillis <= 0) {
            return 0;
        }
        return Math.max(connectMillis, readMillis);
    }

    /** Sends through {@code target}'s Net, holding its monitor ({@link NetJavaImplMonitor}) while Gdx.net files the request. */
    void send(GdxNetTransport.Guarded target) {
        Net.HttpRequest out = new OwnConnection(request.method(), target.monitor,
                request.body() != null ? request.body().bytes().length : 0);
        out.setUrl(request.url());
        // Needs Gdx.app, which GdxNetTransport checked: libGDX asks it whether this is WebGL.
        out.setFollowRedirects(false);
        out.setTimeOut(timeoutMillis);
        Headers headers = request.headers();
        boolean toProxy = RequestHeaders.proxyAuthorization(headers) != null && forwardedByHttpProxies(request.url());
        proxyAuthorizationSent = toProxy;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (RequestHeaders.isFraming(name) || (!toProxy && RequestHeaders.isForProxy(name))) {
                continue;
            }
            String previous = out.getHeaders().get(name);
            // Gdx.net keeps one value per name; repeated fields are combined as RFC 9110 allows,
            // but for Cookie, whose pairs are joined by "; " (RFC 6265 section 5.4): a ", " would
            // make the server read the next cookie as part of the value before it.
            String separator = name.equalsIgnoreCase("Cookie") ? "; " : ", ";
            out.setHeader(name, previous == null ? headers.value(i) : previous + separator + headers.value(i));
        }
        RequestBody body = request.body();
        String contentType = RequestHeaders.contentTypeToAdd(request);
        if (contentType == null && body != null && headers.get("Content-Type") == null) {
            contentType = UNTYPED_BODY;
        }
        if (contentType != null) {
            out.setHeader("Content-Type", contentType);
        }
        if (body != null) {
            upload = new UploadStream(body.bytes(), this);
            out.setContent(upload, body.length());
        } else if (sendsBody(request.method())) {
            // Without content to write, HttpURLConnection sends a PUT with no Content-Length, which
            // RFC 9110 section 8.6 has a user agent send, 0, for a method whose content means
            // something: nginx's DAV module answers such a PUT 500. Written, the empty content is
            // counted.
            out.setContent(new UploadStream(EMPTY, this), 0);
        }
        if (RequestHeaders.decodesTransparently(request)) {
            out.setHeader("Accept-Encoding", RequestHeaders.ACCEPT_ENCODING);
        }
        if (headers.get("Accept") == null) {
            // The JDK's HttpURLConnection would send its own, text/html first, and a server that
            // negotiates would answer an API call with a page; "*/*" means what sending none
            // means, as the socket transport does.
            out.setHeader("Accept", "*/*");
        }
        this.target = target;
        this.sent = out;
        try {
            synchronized (target.monitor) {
                // NetJavaImpl makes the HttpURLConnection, which copies this JVM-wide default,
                // before it sets the default from setFollowRedirects(false): a default left true
                // (the JDK's own) would have that connection follow a redirect past the manager.
                // Another thread may set it back meanwhile, so OwnConnection also sets the
                // connection's own flag; this covers a Net whose connection it cannot reach.
                HttpURLConnection.setFollowRedirects(false);
                target.net.sendHttpRequest(out, this);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    protected void abort() {
        GdxNetTransport.Guarded guarded = target;
        Net.HttpRequest r = sent;
        if (guarded != null && r != null) {
            synchronized (guarded.monitor) {
                guarded.net.cancelHttpRequest(r);
            }
        }
        // Gdx.net may not call back on cancel; the exchange ends here either way. A body still
        // streaming is ended by the Gdx.net thread reading it, not by this one.
        failLeavingStream(cancelledFailure(true));
        transport.finished(this);
    }

    @Override
    public void handleHttpResponse(Net.HttpResponse response) {
        try {
            int status = response.getStatus().getStatusCode();
            if (status < 100) {
                throw status >= 0 ? new HttpFailure(FailureKind.PROTOCOL, "status code below 100 in status line ("
                        + status + ")") : noStatus(response.getHeaders());
            }
            checkStatusLine(status, response.getHeaders());
            if (status < 200) {
                throw interim(status);
            }
            HttpURLConnection connection = ((OwnConnection) sent).connection;
            if (status == 407 && forwardedByProxy(connection)) {
                throw proxyAsksForCredentials(connection);
            }
            Headers headers = headersOf(response.getHeaders(), connection);
            byte[] body = EMPTY;
            if (BodyReader.hasBody(request.method(), status)) {
                InputStream in = response.getResultAsStream();
                if (in != null) {
                    try {
                        body = BodyReader.body(in, framedLength(headers), status, headers, this);
                    } catch (IOException e) {
                        throw brokenChunks(e, status, headers);
                    } finally {
                        in.close();
                    }
                }
            }
            complete(responseBuilder().status(status, "")
                    .headers(BodyReader.decodedHeaders(headers, this)).body(body).build());
        } catch (IOException e) {
            fail(e, false, true);
        } catch (RuntimeException e) {
            fail(Failures.of(request, FailureKind.NETWORK, "unexpected error: " + e, e, true));
        } finally {
            endStream();
            transport.finished(this);
        }
    }

    /**
     * The body's length by its Content-Length, or -1 when it has a Transfer-Encoding: that
     * overrides a Content-Length (RFC 9112 section 6.3), and the backend's stream gives the
     * chunks' bytes, which a shorter Content-Length would cut short without a sign. The JDK's
     * HttpURLConnection removes a Transfer-Encoding only when it is exactly {@code chunked} and
     * hands any other over as the bytes came, so those fail as over the socket transport. It
     * looks at the last field alone and takes its value whole, so a chunked coding the socket
     * transport reads ({@code chunked,} with an empty list element, or beside an empty field)
     * would arrive with its chunk framing as the body; that fails too.
     */
    private static long framedLength(Headers headers) throws HttpFailure {
        if (headers.get("Transfer-Encoding") != null) {
            List<String> codings = headers.values("Transfer-Encoding");
            SocketExchange.checkChunkedOnly(codings);
            if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
                throw new HttpFailure(FailureKind.PROTOCOL, "Transfer-Encoding " + codings
                        + " is chunked, but not written as the one word Gdx.net on this backend undoes;"
                        + " use Transports.sockets()");
            }
            return -1;
        }
        return BodyReader.contentLength(headers);
    }

    /**
     * {@code e} as a PROTOCOL failure when it is the JDK's word for a chunked body that breaks its
     * framing or ends before its last chunk: its chunked stream throws a plain IOException for
     * those ("Bogus chunk size", "Premature EOF", "missing CR"), where the network's own failures
     * are subclasses (a reset, a timeout, TLS). Any other {@code e} is returned as it is.
     */
    private IOException brokenChunks(IOException e, int status, Headers headers) {
        if (e.getClass() != IOException.class || headers.get("Transfer-Encoding") == null) {
            return e;
        }
        return new HttpFailure(FailureKind.PROTOCOL, "malformed or cut-short chunked body (" + e.getMessage() + ")", e)
                .readingBodyOf(responseBuilder().status(status, "").headers(BodyReader.decodedHeaders(headers, this)).build());
    }

    /**
     * Checks the status line as the socket transport does ({@link ResponseHead#checkStatusLine}):
     * the JDK's HttpURLConnection takes whatever Integer.parseInt does, so "0200" or "+200" would
     * pass for a 200 and "2000" for a code no response has. The line is the one filed under the
     * null name in {@code fields}; without it only the code's range is known.
     */
    private static void checkStatusLine(int status, Map<String, List<String>> fields) throws HttpFailure {
        List<String> lines = fields == null ? null : fields.get(null);
        if (lines == null || lines.isEmpty()) {
            if (status > 999) {
                throw new HttpFailure(FailureKind.PROTOCOL, "status code " + status + " in status line is not three digits");
            }
            return;
        }
        // The JDK hands each byte of the line over as one char.
        byte[] line = lines.get(0).getBytes(StandardCharsets.ISO_8859_1);
        ResponseHead.checkStatusLine(line, line.length);
    }

    /**
     * Gdx.net reports a failed read as status -1 and drops the exception, so the cause is
     * inferred: a response that came but whose status line the JDK could not read is a protocol
     * failure, and silence as long as the timeout is taken as a read timeout.
     *
     * <p>A response head arrived when {@code fields} holds anything: after a failed read the JDK
     * has none. A status line it reads but whose code is no number is filed under the null name;
     * a response that does not open with {@code HTTP/1.} ({@code HTTP/2 200}, a TLS alert) it
     * takes for an HTTP/0.9 body and describes with one field of its own, {@code Content-type:
     * unknown/unknown}, dropping the line.
     */
    private HttpFailure noStatus(Map<String, List<String>> fields) {
        if (request.method().equals("HEAD")) {
            return new HttpFailure(FailureKind.PROTOCOL, "method HEAD is not supported by the Gdx.net transport on "
                    + "this backend (it reads no response for HEAD); use Transports.sockets()");
        }
        if (fields != null && !fields.isEmpty()) {
            List<String> line = fields.get(null);
            return new HttpFailure(FailureKind.PROTOCOL, line != null && !line.isEmpty()
                    ? "unexpected status line '" + line.get(0) + "'"
                    : "unexpected status line: the response does not open with HTTP/1.x (an HTTP/2 or HTTP/0.9 "
                            + "answer?), and Gdx.net on this backend does not give the line");
        }
        if (timeoutMillis > 0 && elapsedMillis() >= timeoutMillis) {
            return new HttpFailure(FailureKind.READ_TIMEOUT, "no response within the " + timeoutMillis
                    + " ms timeout (Gdx.net reported no status)");
        }
        return new HttpFailure(FailureKind.NETWORK, "Gdx.net reported no status: the connection failed "
                + "or the response was not HTTP");
    }

    /**
     * The JDK's HttpURLConnection skips a {@code 100 Continue} but takes any other interim
     * response ({@code 103 Early Hints}, {@code 102 Processing}) for the answer and reads no
     * further, where RFC 9110 section 15.2 has a client read on to the final response; so the
     * request fails rather than succeed with the hint's status and no body.
     */
    private static HttpFailure interim(int status) {
        return new HttpFailure(FailureKind.PROTOCOL, "the server sent the interim response " + status
                + " before its answer, and Gdx.net on this backend reads no further; use Transports.sockets()");
    }

    @Override
    public void failed(Throwable error) {
        try {
            if (error instanceof ProtocolException && String.valueOf(error.getMessage()).startsWith("Invalid HTTP method")) {
                fail(Failures.of(request, FailureKind.PROTOCOL, "method " + request.method()
                        + " is not supported by the Gdx.net transport on this backend", error, false));
                return;
            }
            FailureKind kind = Failures.kindOf(error, false);
            boolean requestSent = !Failures.beforeConnection(kind) && kind != FailureKind.TLS;
            String detail = "";
            UploadStream body = upload;
            if (kind == FailureKind.NETWORK && body != null && body.started() && !body.ended()) {
                // The JDK stops at the first piece of a streamed body it cannot write and reads
                // no answer after it, and NetJavaImpl closes the connection before reporting, so
                // an answer the server sent first (RFC 9112 section 9.5) cannot be read.
                detail = "; the server stopped reading the body, perhaps after answering (a 413 to an upload it "
                        + "refuses), and Gdx.net on this backend cannot read an answer to an upload cut short; "
                        + "Transports.sockets() delivers it";
            }
            String proxy = error instanceof IOException ? httpProxyNames(request.url()) : null;
            if (proxy != null) {
                // HttpURLConnection's failures (a refused tunnel's "Proxy returns ...") name no
                // proxy, where the socket transport's do: the player's network may be what failed.
                detail = " through http proxy " + proxy + detail;
            }
            if (detail.isEmpty()) {
                fail(error, false, requestSent);
            } else {
                fail(new HttpFailure(kind, Failures.describe(kind, error) + detail, error), false, requestSent);
            }
        } finally {
            transport.finished(this);
        }
    }

    @Override
    public void cancelled() {
        failLeavingStream(cancelledFailure(true));
        transport.finished(this);
    }

    /**
     * The response's fields as ours, in the order they came. The JDK's HttpURLConnection takes any
     * line it can split at a colon, so the checks the socket transport makes of each field are
     * made here: a name that is not a token, or a control character other than HTAB in a value,
     * fails as PROTOCOL.
     *
     * <p>Gdx.net gives the fields as a map keyed by each name as it was written, so repeated
     * fields whose names differ in case ({@code Set-Cookie}, {@code set-cookie}) lose their
     * order across the keys, and the JDK lists each key's values last first; RFC 9110 section
     * 5.3 makes the order of a field's lines the order of its values (the later of two cookies
     * of one name wins). The connection, when the transport reached it, gives them by position;
     * it is asked only when names differ in case, because for a 4xx or 5xx the JDK makes a new
     * exception at every positional call.
     *
     * @param connection the request's connection, or null to read {@code fields}
     */
    private static Headers headersOf(Map<String, List<String>> fields, HttpURLConnection connection)
            throws HttpFailure {
        Headers.Builder headers = new Headers.Builder();
        if (connection != null && namesDifferOnlyInCase(fields)) {
            // Position 0 is the status line, under no name; the list ends at the first position without a value.
            String value;
            for (int i = 0; (value = connection.getHeaderField(i)) != null; i++) {
                String name = connection.getHeaderFieldKey(i);
                if (name != null) {
                    addReceived(headers, name, value);
                }
            }
            return headers.build();
        }
        // The JDK's HttpURLConnection lists a repeated field's values last first; Android's does not.
        boolean reversed = Gdx.app == null || Gdx.app.getType() != Application.ApplicationType.Android;
        if (fields != null) {
            for (Map.Entry<String, List<String>> field : fields.entrySet()) {
                // HttpURLConnection files the status line under a null name.
                if (field.getKey() != null) {
                    List<String> values = field.getValue();
                    int n = values.size();
                    for (int i = 0; i < n; i++) {
                        addReceived(headers, field.getKey(), values.get(reversed ? n - 1 - i : i));
                    }
                }
            }
        }
        return headers.build();
    }

    /** Whether two of the names {@code fields} is keyed by are one name written in different case. */
    private static boolean namesDifferOnlyInCase(Map<String, List<String>> fields) {
        if (fields == null) {
            return false;
        }
        Set<String> seen = new HashSet<String>();
        for (String name : fields.keySet()) {
            if (name != null && !seen.add(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static void addReceived(Headers.Builder headers, String name, String value) throws HttpFailure {
        for (int i = 0; i < name.length(); i++) {
            if (!HttpSyntax.isTokenChar(name.charAt(i))) {
                byte[] quoted = name.getBytes(StandardCharsets.ISO_8859_1);
                throw HttpFailure.protocol("invalid character in response field name", quoted, quoted.length);
            }
        }
        for (int c = 0; c < value.length(); c++) {
            char ch = value.charAt(c);
            if (ch < 0x100 && !HttpSyntax.isFieldChar(ch)) {
                throw new HttpFailure(FailureKind.PROTOCOL, "control character in response field value of " + name);
            }
        }
        headers.addReceived(name, receivedText(value));
    }

    /**
     * A field value or reason phrase as the socket transport reads the same bytes
     * ({@link Utf8#fieldText(String)}): the JDK's HttpURLConnection hands each byte over as one
     * char, so UTF-8 would read as mojibake. A char above U+00FF means the connection decoded the
     * bytes itself (Android's reads fields as UTF-8), and the value is kept as it came.
     */
    private static String receivedText(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                return value;
            }
        }
        return Utf8.fieldText(value);
    }

    /**
     * A request whose {@code HttpURLConnection} follows no redirect and sends a POST once, set
     * on the connection itself when the backend made it.
     *
     * <p>The connection copies the JVM-wide {@code setFollowRedirects} default when it is made,
     * and any thread may set that default between the transport's send setting it to false and
     * {@code NetJavaImpl} making the connection (a game's own Gdx.net request does, as
     * {@code NetJavaImpl} sets it from each request): a connection made then would follow a
     * redirect by itself, past the manager's redirect limit and header rules.
     *
     * <p>Given its body whole, the JDK's connection sends a POST a second time, unasked, when the
     * server closes the connection without an answer (its {@code sun.net.http.retryPost}, on by
     * default), though the server may have acted on the first; one streaming a body of a fixed
     * length cannot.
     *
     * <p>{@code NetJavaImpl} asks the request for its timeout while it files the connection and
     * before its thread connects or writes the body, so that is when the connection is set.
     */
    private static final class OwnConnection extends Net.HttpRequest {
        private final long length;
        /** The NetJavaImpl monitor, until the connection has been looked for. */
        private Object monitor;
        /** The connection NetJavaImpl made, once found; read on the Gdx.net thread that uses it. */
        volatile HttpURLConnection connection;

        OwnConnection(String method, Object monitor, long length) {
            super(method);
            this.monitor = monitor;
            this.length = length;
        }

        @Override
        public int getTimeOut() {
            Object impl = monitor;
            if (impl != null) {
                monitor = null;
                HttpURLConnection connection = NetJavaImplMonitor.connectionOf(impl, this);
                if (connection != null) {
                    this.connection = connection;
                    connection.setInstanceFollowRedirects(false);
                    if (getMethod().equals("POST")) {
                        try {
                            connection.setFixedLengthStreamingMode(length);
                        } catch (IllegalStateException connected) {
                            // Already connecting: too late to stream, so sent as Gdx.net sends it.
                        }
                    }
                }
            }
            return super.getTimeOut();
        }
    }

    /** The body as Gdx.net reads it, with progress, stopping when the exchange is cancelled. */
    private static final class UploadStream extends InputStream {
        private final byte[] bytes;
        private final ExchangeState exchange;
        private volatile int pos;
        private volatile boolean ended;

        UploadStream(byte[] bytes, ExchangeState exchange) {
            this.bytes = bytes;
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            exchange.checkNotCancelled();
            if (pos >= bytes.length) {
                ended = true;
                return -1;
            }
            return bytes[pos++] & 0xff;
        }

        /** Whether Gdx.net has taken any of the body. */
        boolean started() {
            return pos > 0;
        }

        /** Whether Gdx.net has read the body to its end. */
        boolean ended() {
            return ended;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= bytes.length) {
                ended = true;
                return -1;
            }
            int n = Math.min(Math.min(len, BodyReader.CHUNK), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            exchange.uploadProgress(pos, bytes.length);
            return n;
        }

        @Override
        public int available() {
            return bytes.length - pos;
        }
    }
}
