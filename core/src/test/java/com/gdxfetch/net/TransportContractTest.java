package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.SocketPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every transport must do, against a real server on loopback. */
abstract class TransportContractTest {
    protected MockWebServer server;
    protected Transport transport;

    /**
     * A new transport of the kind under test.
     *
     * @param trust the TLS trust for https, or null for the JVM's default
     */
    protected abstract Transport newTransport(SSLContext trust);

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        transport = newTransport(null);
    }

    private final ProxySelector jvmSelector = ProxySelector.getDefault();

    @AfterEach
    void stopServer() throws Exception {
        transport.dispose();
        server.shutdown();
        ProxySelector.setDefault(jvmSelector);
    }

    protected String url(String path) {
        return server.url(path).toString();
    }

    protected RecordingListener send(HttpRequest request) {
        RecordingListener listener = new RecordingListener();
        transport.start(request, listener);
        return listener;
    }

    protected static HttpRequest resolved(HttpRequest.Builder builder) {
        return builder.connectTimeout(10_000).readTimeout(10_000).maxResponseBytes(64L * 1024 * 1024).build();
    }

    protected RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the server received no request");
        }
        return request;
    }

    @Test
    void getReturnsStatusHeadersAndContentLengthBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setHeader("X-Answer", "42").setBody("hello"));

        HttpResponse response = send(resolved(HttpRequest.get(url("/greeting?lang=en")))).awaitResponse();

        assertEquals(201, response.status());
        assertEquals("42", response.header("X-Answer"));
        assertEquals("hello", response.text());
        assertEquals(url("/greeting?lang=en"), response.url());
        RecordedRequest recorded = takeRequest();
        assertEquals("GET", recorded.getMethod());
        assertEquals("/greeting?lang=en", recorded.getPath());
    }

    @Test
    void aStatusAbove599ArrivesAsAResponseWithItsCodeAndBody() throws Exception {
        // RFC 9110 section 15: codes outside 100-599 are invalid, and a client handles such a
        // response as a server error; it is still an HTTP response, not a broken exchange.
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 600 Beyond").setBody("beyond"));
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 999 Far Beyond").setBody("far beyond"));

        HttpResponse first = send(resolved(HttpRequest.get(url("/600")))).awaitResponse();
        HttpResponse second = send(resolved(HttpRequest.get(url("/999")))).awaitResponse();

        assertEquals(600, first.status());
        assertEquals("beyond", first.text());
        assertTrue(first.isServerError(), "600 is handled as a 5xx");
        assertEquals(999, second.status());
        assertEquals("far beyond", second.text());
    }

    /**
     * A field value beyond ASCII reads as its UTF-8 text when its bytes are UTF-8 and one character
     * a byte otherwise (an older server's ISO-8859-1), on every transport alike: also where the
     * fields must be read by position, because two names differ only in case.
     */
    @Test
    void responseFieldsBeyondAsciiReadAsUtf8TextElseOneCharacterAByte() throws Exception {
        String player = "Jos\u00e9 \u2713";
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            String utf8AsBytes = new String(player.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nX-Player: " + utf8AsBytes
                    + "\r\nX-Latin1: caf\u00e9 cr\u00e8me\r\n" + (index == 1 ? "X-Hop: 1\r\nx-hop: 2\r\n" : "")
                    + "Content-Length: 2\r\n\r\nok");
            socket.close();
        })) {
            for (String path : new String[] {"/by-name", "/by-position"}) {
                Headers headers = send(resolved(HttpRequest.get(raw.url(path)))).awaitResponse().headers();

                assertEquals(player, headers.get("X-Player"), path);
                assertEquals("caf\u00e9 cr\u00e8me", headers.get("X-Latin1"), path);
            }
        }
    }

    /** RFC 9110 section 5.3: field names ignore case, and the order of a field's lines is its value's order. */
    @Test
    void repeatedFieldsWhoseNamesDifferOnlyInCaseKeepTheirOrder() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nX-Hop: 1\r\nx-hop: 2\r\nX-HOP: 3\r\n"
                    + "X-Hop: 4\r\nSet-Cookie: level=1\r\nset-cookie: level=2\r\nContent-Length: 2\r\n\r\nok");
            socket.close();
        })) {
            Headers headers = send(resolved(HttpRequest.get(raw.url("/order")))).awaitResponse().headers();

            assertEquals(Arrays.asList("1", "2", "3", "4"), headers.values("X-Hop"));
            assertEquals(Arrays.asList("level=1", "level=2"), headers.values("Set-Cookie"));
        }
    }

    @Test
    void anHttp2StatusLineFailsAsProtocol() throws Exception {
        // RFC 9112 section 2.3: an HTTP/1.1 client reads HTTP/1.x; an "HTTP/2" line over a plain
        // connection is a server speaking what was not asked for, not a broken network.
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/2 200\r\nContent-Length: 2\r\n\r\nok");
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/h2")))).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("status line"), failure.getMessage());
        }
    }

    /**
     * RFC 9112 section 4: the status code is three digits. The JDK's HttpURLConnection reads any
     * run of characters Integer.parseInt takes, so "0200" and "+200" passed for a 200 and "2000"
     * for a code no response has.
     */
    @Test
    void aStatusCodeThatIsNotThreeDigitsFailsAsProtocolNamingTheStatusLine() throws Exception {
        String rest = " OK\r\nContent-Length: 2\r\n\r\nok";
        eachFailsAsProtocolNaming(new String[] {
                "HTTP/1.1 2000" + rest,
                "HTTP/1.1 0200" + rest,
                "HTTP/1.1 +200" + rest,
                "HTTP/1.1 99999" + rest,
        }, "status line");
    }

    @Test
    void aStatusCodeBelow100FailsAsProtocol() throws Exception {
        // No response can carry it, nor be told from an interim 1xx (RFC 9110 section 15).
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 099 Low\r\nContent-Length: 2\r\n\r\nok");
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/low")))).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("below 100"), failure.getMessage());
        }
    }

    /** Routes connections to {@code port} through {@code proxy}; everything else goes direct. */
    protected static void route(int port, Proxy proxy) {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return Collections.singletonList(uri.getPort() == port ? proxy : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress proxyAddress, java.io.IOException failure) {
            }
        });
    }

    protected static Proxy httpProxy(RawServer proxy) {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", URI.create(proxy.url("/")).getPort()));
    }

    protected static String proxyName(RawServer proxy) {
        return "127.0.0.1:" + URI.create(proxy.url("/")).getPort();
    }

    @Test
    void proxyAuthorizationGoesToAProxyThatForwardsPlainRequests() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer proxy = new RawServer((socket, index) -> {
            heads.add(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            route(4080, httpProxy(proxy));

            HttpResponse response = send(resolved(HttpRequest.get("http://game.example:4080/scores")
                    .header("Proxy-Authorization", "Basic b2ZmaWNlOnNlY3JldA=="))).awaitResponse();

            assertEquals("ok", response.text());
            assertTrue(heads.get(0).startsWith("GET http://game.example:4080/scores HTTP/1.1\r\n"), heads.get(0));
            assertTrue(heads.get(0).contains("\r\nHost: game.example:4080\r\n"), heads.get(0));
            assertTrue(heads.get(0).contains("\r\nProxy-Authorization: Basic b2ZmaWNlOnNlY3JldA==\r\n"), heads.get(0));
        }
    }

    @Test
    void proxyAuthorizationIsNotSentToAServerReachedWithoutAProxy() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));

        send(resolved(HttpRequest.get(url("/scores")).header("Proxy-Authorization", "Basic b2ZmaWNlOnNlY3JldA==")))
                .awaitResponse();

        assertNull(takeRequest().getHeader("Proxy-Authorization"));
    }

    @Test
    void proxyAuthorizationIsNeverSentInsideATunnelToTheServer() throws Exception {
        LocalhostTls localhost = new LocalhostTls();
        SSLContext tls = localhost.server();
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer proxy = ScriptedProxies.tunnelling(tls,
                "HTTP/1.1 200 Connection established\r\n\r\n", heads::add)) {
            route(4433, httpProxy(proxy));
            Transport trusting = newTransport(localhost.client());
            try {
                RecordingListener listener = new RecordingListener();
                trusting.start(resolved(HttpRequest.get("https://localhost:4433/scores")
                        .header("Proxy-Authorization", "Basic b2ZmaWNlOnNlY3JldA==")), listener);

                assertEquals("ok", listener.awaitResponse().text());
            } finally {
                trusting.dispose();
            }
            assertEquals(2, heads.size(), heads::toString);
            assertTrue(heads.get(0).startsWith("CONNECT localhost:4433 HTTP/1.1\r\n"), heads.get(0));
            assertFalse(heads.get(1).toLowerCase(Locale.ROOT).contains("proxy-authorization"), heads.get(1));
        }
    }

    @Test
    void aForwardingProxyAskingForCredentialsFailsAsNetworkNamingTheProxy() throws Exception {
        // RFC 9110 section 15.5.8: the 407 is the proxy's, not the server's answer to the request.
        try (RawServer proxy = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 6\r\n\r\ndenied");
        })) {
            route(4080, httpProxy(proxy));

            FetchException failure = send(resolved(HttpRequest.get("http://game.example:4080/scores"))).awaitFailure();

            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("proxy " + proxyName(proxy) + " answered 407"), failure.getMessage());
        }
    }

    /** The proxy's reason phrase beyond ASCII reads in the failure as a response field reads. */
    @Test
    void aForwardingProxysReasonPhraseInUtf8ReadsAsItsText() throws Exception {
        String reason = "Anmeldung n\u00f6tig \u2713";
        try (RawServer proxy = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.writeUtf8(socket.getOutputStream(), "HTTP/1.1 407 " + reason + "\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 6\r\n\r\ndenied");
        })) {
            route(4080, httpProxy(proxy));

            FetchException failure = send(resolved(HttpRequest.get("http://game.example:4080/scores"))).awaitFailure();

            assertTrue(failure.getMessage().contains("answered 407 " + reason + " ("), failure.getMessage());
        }
    }

    @Test
    void aProxyRefusingATunnelFailsAsNetworkNamingTheProxyAndItsAnswer() throws Exception {
        try (RawServer proxy = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 0\r\n\r\n");
        })) {
            route(4433, httpProxy(proxy));

            FetchException failure = send(resolved(HttpRequest.get("https://game.example:4433/scores"))).awaitFailure();

            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("proxy " + proxyName(proxy)), failure.getMessage());
            assertTrue(failure.getMessage().contains("407 Proxy Authentication Required"), failure.getMessage());
        }
    }

    /**
     * RFC 9112 section 6.1: chunked is the only transfer coding a client must know, and it must
     * come last. The JDK's HttpURLConnection, under Gdx.net, undoes one only when it is exactly
     * "chunked" and hands any other over as the bytes came.
     */
    @Test
    void transferCodingsOtherThanChunkedFailAsProtocolInsteadOfArrivingStillCoded() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        String[] responses = {
                ok + "Transfer-Encoding: gzip\r\n\r\nnot really gzip",
                ok + "Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                ok + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                ok + "Transfer-Encoding: chunked, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        };
        eachFailsAsProtocolNaming(responses, "Transfer-Encoding");
    }

    /**
     * A chunked body that breaks its framing or ends before its last chunk is a PROTOCOL failure
     * (the failure table); the JDK's HttpURLConnection reports it with a plain IOException.
     */
    @Test
    void aMalformedOrCutShortChunkedBodyFailsAsProtocol() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        String[] responses = {
                chunked + "2\r\nok\r\n",
                chunked + " 2\r\nok\r\n0\r\n\r\n",
                chunked + "2\r\nokXX0\r\n\r\n",
        };
        eachFailsAsProtocolNaming(responses, "chunk");
    }

    /**
     * Control characters in a field and a field name that is not a token are PROTOCOL failures
     * (RFC 9110 section 5); the JDK's HttpURLConnection takes any line it can split at a colon.
     */
    @Test
    void controlCharactersInAFieldAndANameThatIsNotATokenFailAsProtocol() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        String[] responses = {
                ok + "X-A: a\0b\r\nContent-Length: 2\r\n\r\nok",
                ok + "X-A: a\u0001b\r\nContent-Length: 2\r\n\r\nok",
                ok + "X(A): x\r\nContent-Length: 2\r\n\r\nok",
        };
        eachFailsAsProtocolNaming(responses, "field");
    }

    /**
     * Sends a GET for each of {@code responses}, each answered by a raw server on a connection of
     * its own, and checks that each fails as PROTOCOL with a message containing {@code named}.
     */
    private void eachFailsAsProtocolNaming(String[] responses, String named) throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), responses[index]);
            socket.close();
        })) {
            for (int i = 0; i < responses.length; i++) {
                String shown = responses[i].replace("\0", "\\0").replace("\u0001", "\\1");
                FetchException failure = send(resolved(HttpRequest.get(raw.url("/r" + i)))).awaitFailure();
                assertEquals(FailureKind.PROTOCOL, failure.kind(), shown + " -> " + failure.getMessage());
                assertTrue(failure.getMessage().contains(named), failure.getMessage());
            }
        }
    }

    @Test
    void chunkedBodyArrivesWhole() throws Exception {
        byte[] data = pattern(100_000);
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(data), 777));

        HttpResponse response = send(resolved(HttpRequest.get(url("/chunked")))).awaitResponse();

        assertArrayEquals(data, response.body());
    }

    @Test
    void largeContentLengthBodyArrivesWholeWithProgressFromZeroToItsLength() throws Exception {
        byte[] data = pattern(3_000_000);
        server.enqueue(new MockResponse().setBody(new Buffer().write(data)));

        RecordingListener listener = send(resolved(HttpRequest.get(url("/big"))));
        HttpResponse response = listener.awaitResponse();

        assertArrayEquals(data, response.body());
        assertTrue(listener.downloadStartedAtZero, "the first download progress call reports 0");
        assertEquals(data.length, listener.downloaded);
        assertEquals(data.length, listener.downloadTotal);
    }

    @Test
    void bytesTextJsonAndFormBodiesArriveIntactWithTheirContentType() throws Exception {
        byte[] bytes = pattern(70_000);
        RequestBody[] bodies = {
                RequestBody.bytes(bytes, "application/octet-stream"),
                RequestBody.text("grüße, 世界"),
                RequestBody.jsonText("{\"score\":12}"),
                RequestBody.form("name", "Ann Lee", "level", "3&4"),
        };
        String[] types = {
                "application/octet-stream", "text/plain; charset=utf-8", "application/json; charset=utf-8",
                "application/x-www-form-urlencoded",
        };
        for (int i = 0; i < bodies.length; i++) {
            server.enqueue(new MockResponse().setBody("ok"));
            RecordingListener listener = send(resolved(HttpRequest.post(url("/upload"), bodies[i])));
            assertEquals("ok", listener.awaitResponse().text());
            assertEquals(bodies[i].length(), listener.uploaded, "upload progress reaches the body length");

            RecordedRequest recorded = takeRequest();
            assertEquals("POST", recorded.getMethod());
            assertEquals(types[i], recorded.getHeader("Content-Type"));
            assertEquals(String.valueOf(bodies[i].length()), recorded.getHeader("Content-Length"));
            assertArrayEquals(bodies[i].bytes(), recorded.getBody().readByteArray());
        }
        assertEquals("name=Ann+Lee&level=3%264", new String(bodies[3].bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void requestHeadersArriveAsGivenAndRepeatedOnesKeepEveryValue() throws Exception {
        server.enqueue(new MockResponse());

        send(resolved(HttpRequest.get(url("/h")).header("X-Game", "Falling Blocks")
                .addHeader("X-Multi", "a").addHeader("X-Multi", "b")
                .header("Authorization", "Bearer t0k3n"))).awaitResponse();

        RecordedRequest recorded = takeRequest();
        assertEquals("Falling Blocks", recorded.getHeader("X-Game"));
        assertEquals("Bearer t0k3n", recorded.getHeader("Authorization"));
        assertEquals("a, b", String.join(", ", recorded.getHeaders().values("X-Multi")));
    }

    @Test
    void anInstalledCookieHandlerKeepsWhatAResponseSetsAndSendsItBack() throws Exception {
        assertEquals("session=abc", afterASessionCookie(HttpRequest.get(url("/me"))).getHeader("Cookie"));
    }

    /**
     * With a {@code CookieManager} installed, sends a request the server answers with the
     * cookie {@code session=abc}, then {@code next}; returns {@code next} as the server got it.
     */
    protected RecordedRequest afterASessionCookie(HttpRequest.Builder next) throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(new MockResponse().addHeader("Set-Cookie", "session=abc; Path=/"));
            server.enqueue(new MockResponse());
            send(resolved(HttpRequest.get(url("/login")))).awaitResponse();
            send(resolved(next)).awaitResponse();
            assertNull(takeRequest().getHeader("Cookie"));
            return takeRequest();
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void cookieFieldsTheGameAddsGoOutAsOneFieldJoinedBySemicolons() throws Exception {
        // RFC 6265 section 5.4: one Cookie field, its pairs joined by "; ". Two fields, or one
        // joined by ", " as other fields are, would read as one cookie "theme" = "dark, lang=fi".
        assertNull(CookieHandler.getDefault(), "the JVM starts without one, as HttpURLConnection expects");
        server.enqueue(new MockResponse());

        send(resolved(HttpRequest.get(url("/c")).addHeader("Cookie", "theme=dark").addHeader("Cookie", "lang=fi")))
                .awaitResponse();

        List<String> cookies = takeRequest().getHeaders().values("Cookie");
        assertEquals(Arrays.asList("theme=dark; lang=fi"), cookies, cookies.size() + " Cookie field(s)");
    }

    @Test
    void aRequestWithoutAcceptAsksForAnyMediaTypeAndOneWithItKeepsIt() throws Exception {
        // No Accept field and "*/*" mean the same (RFC 9110 section 12.5.1); a default listing
        // text/html first has a negotiating server (Rails, Express) answer an API call with a page.
        server.enqueue(new MockResponse());
        server.enqueue(new MockResponse());

        send(resolved(HttpRequest.get(url("/any")))).awaitResponse();
        send(resolved(HttpRequest.get(url("/json")).header("Accept", "application/json"))).awaitResponse();

        List<String> any = takeRequest().getHeaders().values("Accept");
        assertTrue(any.isEmpty() || any.equals(Arrays.asList("*/*")), "Accept sent without one asked for: " + any);
        assertEquals(Arrays.asList("application/json"), takeRequest().getHeaders().values("Accept"));
    }

    @Test
    void withoutACookieHandlerNoCookieIsKeptOrSent() throws Exception {
        assertNull(CookieHandler.getDefault(), "the JVM starts without one, as HttpURLConnection expects");
        server.enqueue(new MockResponse().addHeader("Set-Cookie", "session=abc; Path=/"));
        server.enqueue(new MockResponse());

        send(resolved(HttpRequest.get(url("/login")))).awaitResponse();
        send(resolved(HttpRequest.get(url("/me")))).awaitResponse();

        takeRequest();
        assertNull(takeRequest().getHeader("Cookie"));
    }

    @Test
    void responseHeadersKeepTheirCaseAndEveryValueInOrder() throws Exception {
        server.enqueue(new MockResponse().addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2")
                .addHeader("X-MiXeD-Case", "v"));

        Headers headers = send(resolved(HttpRequest.get(url("/h")))).awaitResponse().headers();

        assertEquals(Arrays.asList("a=1", "b=2"), headers.values("set-cookie"));
        boolean exactCase = false;
        for (int i = 0; i < headers.size(); i++) {
            exactCase |= headers.name(i).equals("X-MiXeD-Case");
        }
        assertTrue(exactCase, "header name keeps its case: " + headers);
    }

    @Test
    void closeDelimitedBodyArrivesWhole() throws Exception {
        byte[] data = pattern(200_000);
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            out.write(data);
            socket.close();
        })) {
            HttpResponse response = send(resolved(HttpRequest.get(raw.url("/stream")))).awaitResponse();
            assertArrayEquals(data, response.body());
        }
    }

    /** RFC 9112 section 6.3: Transfer-Encoding overrides Content-Length, so the body is the chunks' bytes, not cut to the length. */
    @Test
    void aChunkedBodyThatAlsoNamesAShorterContentLengthArrivesWhole() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Length: 3\r\n\r\n6\r\nabcdef\r\n0\r\n\r\n");
            socket.close();
        })) {
            HttpResponse response = send(resolved(HttpRequest.get(raw.url("/both")))).awaitResponse();
            assertEquals("abcdef", response.text());
        }
    }

    /** The server may have acted on it: RFC 9110 section 9.2.2 has no user agent repeat a POST unasked. */
    @Test
    void aPostTheServerClosesWithoutAnAnswerIsSentOnlyOnce() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        try (RawServer raw = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            if (head.startsWith("POST")) {
                posts.incrementAndGet();
            }
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.post(raw.url("/buy"), RequestBody.text("x"))))
                    .awaitFailure();

            assertEquals(1, posts.get(), failure.toString());
        }
    }

    @Test
    void noContentAndNotModifiedResponsesHaveNoBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        server.enqueue(new MockResponse().setResponseCode(304).setHeader("ETag", "\"v1\""));
        server.enqueue(new MockResponse().setBody("after"));

        HttpResponse noContent = send(resolved(HttpRequest.builder("DELETE", url("/d")))).awaitResponse();
        HttpResponse notModified = send(resolved(HttpRequest.get(url("/n")).header("If-None-Match", "\"v1\"")))
                .awaitResponse();
        HttpResponse after = send(resolved(HttpRequest.get(url("/a")))).awaitResponse();

        assertEquals(204, noContent.status());
        assertEquals(0, noContent.body().length);
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        assertEquals("after", after.text(), "the connection still works after bodiless responses");
    }

    @Test
    void gzipZlibAndRawDeflateBodiesAreDecodedAndLoseTheirEncodingHeaders() throws Exception {
        byte[] data = ("leaderboard " + new String(pattern(5000), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(gzip(data))));
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "deflate")
                .setBody(new Buffer().write(deflate(data, false))));
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "deflate")
                .setChunkedBody(new Buffer().write(deflate(data, true)), 100));

        for (int i = 0; i < 3; i++) {
            HttpResponse response = send(resolved(HttpRequest.get(url("/z" + i)))).awaitResponse();
            assertArrayEquals(data, response.body(), "body " + i);
            assertNull(response.header("Content-Encoding"));
            assertEquals("gzip, deflate", takeRequest().getHeader("Accept-Encoding"));
        }
    }

    @Test
    void callerChosenAcceptEncodingGetsTheBodyUndecoded() throws Exception {
        byte[] compressed = gzip(pattern(1000));
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(compressed)));

        HttpResponse response = send(resolved(HttpRequest.get(url("/raw")).header("Accept-Encoding", "gzip")))
                .awaitResponse();

        assertArrayEquals(compressed, response.body());
        assertEquals("gzip", response.header("Content-Encoding"));
        assertEquals("gzip", takeRequest().getHeader("Accept-Encoding"));
    }

    @Test
    void gzipBombFailsAsTooLargeAtTheLimit() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(bomb)));

        FetchException failure = send(HttpRequest.get(url("/bomb")).connectTimeout(10_000).readTimeout(10_000)
                .maxResponseBytes(1024 * 1024).build()).awaitFailure();

        assertEquals(FailureKind.TOO_LARGE, failure.kind(), failure.getMessage());
        assertTrue(bomb.length < 1024 * 1024, "the compressed bomb itself is under the limit");
    }

    @Test
    void bodiesOverTheLimitFailAsTooLarge() throws Exception {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[300_000])));
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(new byte[300_000]), 4096));

        for (int i = 0; i < 2; i++) {
            FetchException failure = send(HttpRequest.get(url("/big" + i)).connectTimeout(10_000)
                    .readTimeout(10_000).maxResponseBytes(100_000).build()).awaitFailure();
            assertEquals(FailureKind.TOO_LARGE, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("100000"), failure.getMessage());
            assertEquals(200, failure.status(), "the status arrived; only the body was refused");
        }
    }

    @Test
    void bodyCutShortFailsAsProtocolNeverAsAShortSuccess() throws Exception {
        server.enqueue(new MockResponse().setBody(new Buffer().write(pattern(500_000)))
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

        FetchException failure = send(resolved(HttpRequest.get(url("/cut")))).awaitFailure();

        assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
    }

    @Test
    void portWithNothingListeningIsRefusedBeforeAnythingIsSent() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        FetchException failure = send(resolved(HttpRequest.post("http://127.0.0.1:" + port + "/x",
                RequestBody.text("score")))).awaitFailure();

        assertEquals(FailureKind.CONNECT_REFUSED, failure.kind(), failure.getMessage());
        assertFalse(failure.isRequestSent());
        assertTrue(failure.getMessage().contains("POST http://127.0.0.1:" + port + "/x"), failure.getMessage());
    }

    @Test
    void unknownHostFailsAsUnknownHostBeforeAnythingIsSent() throws Exception {
        FetchException failure = send(resolved(HttpRequest.get("http://nosuchhost.invalid/scores"))).awaitFailure();

        assertEquals(FailureKind.UNKNOWN_HOST, failure.kind(), failure.getMessage());
        assertFalse(failure.isRequestSent());
    }

    @Test
    void anAddressNoRouteLeadsToFailsAsCouldNotConnectBeforeAnythingIsSent() throws Exception {
        // Linux answers a TCP connect to the limited broadcast address with ENETUNREACH at once:
        // the error a player's machine gives when its network has no route to the server (an
        // IPv6 address on a network without IPv6, an address cached from before the Wi-Fi went).
        String url = "http://255.255.255.255:9/scores";
        FetchException failure = send(resolved(HttpRequest.post(url, RequestBody.text("points=10")))).awaitFailure();

        assertEquals(FailureKind.CONNECT_REFUSED, failure.kind(), failure.getMessage());
        assertFalse(failure.isRequestSent(), failure.getMessage());
        assertTrue(failure.getMessage().contains(url) && failure.getMessage().contains("unreachable"),
                failure.getMessage());
    }

    @Test
    void serverThatNeverAcceptsFailsWithConnectTimeoutBeforeAnythingIsSent() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(full);
            try {
                FetchException failure = send(HttpRequest.get("http://127.0.0.1:" + full.getLocalPort() + "/")
                        .connectTimeout(300).readTimeout(300).maxResponseBytes(1000).build()).awaitFailure();

                assertEquals(FailureKind.CONNECT_TIMEOUT, failure.kind(), failure.getMessage());
                assertFalse(failure.isRequestSent());
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Connects until the never-accepting server's queue is full, so the kernel drops further
     * connection attempts and a client's connect can only time out.
     */
    private static List<Socket> fillAcceptQueue(ServerSocket server) throws java.io.IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 200);
                queued.add(socket);
            } catch (java.net.SocketTimeoutException full) {
                socket.close();
                return queued;
            }
        }
        throw new AssertionError("the server's accept queue never filled");
    }

    @Test
    void silentServerFailsWithReadTimeout() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        FetchException failure = send(HttpRequest.get(url("/silent")).connectTimeout(300).readTimeout(300)
                .maxResponseBytes(1000).build()).awaitFailure();

        assertEquals(FailureKind.READ_TIMEOUT, failure.kind(), failure.getMessage());
    }

    @Test
    void cancelDuringDownloadEndsTheExchangeAndClosesTheConnection() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
                byte[] block = new byte[8192];
                while (true) {
                    out.write(block);
                }
            } finally {
                socket.close();
            }
        })) {
            RecordingListener listener = new RecordingListener();
            Transport.Exchange exchange = transport.start(HttpRequest.get(raw.url("/endless")).connectTimeout(10_000)
                    .readTimeout(10_000).maxResponseBytes(Long.MAX_VALUE).build(), listener);
            listener.awaitDownloadStarted();

            exchange.cancel();

            assertEquals(FailureKind.CANCELLED, listener.awaitFailure().kind());
            awaitServerWriteFailure(raw);
            exchange.cancel();
            assertEquals(1, listener.outcomes());
        }
    }

    @Test
    void selfSignedCertificateTrustedExplicitlyWorksAndDefaultTrustRejectsIt() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        useHttps(certificate);
        server.enqueue(new MockResponse().setBody("secure"));

        FetchException untrusted = send(resolved(HttpRequest.get(url("/tls")))).awaitFailure();
        assertEquals(FailureKind.TLS, untrusted.kind(), untrusted.getMessage());
        assertFalse(untrusted.isRequestSent());

        Transport trusting = newTransport(trusting(certificate));
        try {
            RecordingListener ok = new RecordingListener();
            trusting.start(resolved(HttpRequest.get(url("/tls"))), ok);
            assertEquals("secure", ok.awaitResponse().text());
        } finally {
            trusting.dispose();
        }
    }

    @Test
    void certificateForAnotherHostFailsWithTls() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("game.example").build();
        useHttps(certificate);
        server.enqueue(new MockResponse().setBody("never"));

        Transport trusting = newTransport(trusting(certificate));
        try {
            RecordingListener listener = new RecordingListener();
            trusting.start(resolved(HttpRequest.get(url("/tls"))), listener);
            FetchException failure = listener.awaitFailure();
            assertEquals(FailureKind.TLS, failure.kind(), failure.getMessage());
        } finally {
            trusting.dispose();
        }
    }

    private void useHttps(HeldCertificate certificate) {
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        server.useHttps(serverCertificates.sslSocketFactory(), false);
    }

    private static SSLContext trusting(HeldCertificate certificate) {
        return new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build()
                .sslContext();
    }

    /** Waits until the raw server's endless write failed, which happens once the client closed. */
    private static void awaitServerWriteFailure(RawServer raw) throws InterruptedException {
        if (!raw.clientGone.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server never saw the connection closed");
        }
    }

    static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 8));
        }
        return data;
    }
}
