package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.internal.SocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** The socket transport: the shared contract plus what only it can do. */
class SocketTransportTest extends TransportContractTest {
    @Override
    protected Transport newTransport(SSLContext trust) {
        return trust == null ? Transports.sockets() : Transports.sockets(trust);
    }

    private int idleConnections() {
        return ((SocketTransport) transport).idleConnectionCount();
    }

    @Test
    void theCallersOwnCookieAndAnInstalledHandlersGoInOneField() throws Exception {
        RecordedRequest me = afterASessionCookie(HttpRequest.get(url("/me")).header("Cookie", "theme=dark"));
        assertEquals(List.of("theme=dark; session=abc"), me.getHeaders().values("Cookie"));
    }

    @Test
    void aCookieSetWithMaxAgeGoesBackAsTheServerSetIt() throws Exception {
        // The JDK's CookieManager takes a Max-Age without an Expires for an RFC 2965 cookie and
        // sends it back as $Version="1"; session="abc";$Path="/";..., which no server set.
        assertEquals("session=abc", cookieSentAfter("session=abc; Max-Age=3600; Path=/"));
    }

    @Test
    void aCookiesExpiryIsReadAsRfc6265ReadsIt() throws Exception {
        String[] kept = {
            // Dates in forms RFC 6265 section 5.1.1 reads, which the JDK's CookieManager took for
            // an expiry already past: asctime, a zone other than "GMT", a wrong day of the week, none.
            "session=abc; Expires=Tue Jun  9 10:18:14 2037",
            "session=abc; Expires=Tue, 09 Jun 2037 10:18:14 UTC",
            "session=abc; Expires=Wed, 09 Jun 2037 10:18:14 GMT",
            "session=abc; Expires=09-Jun-2037 10:18:14",
            // A date it cannot read is no expiry at all (section 5.2.1): the cookie lasts the session.
            "session=abc; Expires=Tue, 09 Jun 2037 10:18 GMT",
            // Max-Age wins over Expires whatever their order, and the last of each counts (5.3 step 3).
            "session=abc; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=3600",
            "session=abc; Max-Age=0; Max-Age=3600",
            // A Max-Age not of digits is ignored, and one too large for a number is a long time.
            "session=abc; Max-Age=soon; Expires=Tue, 09 Jun 2037 10:18:14 GMT",
            "session=abc; Max-Age=99999999999999999999",
        };
        for (String setCookie : kept) {
            assertEquals("session=abc", cookieSentAfter(setCookie), setCookie);
        }
        assertEquals(null, cookieSentAfter("session=abc; Max-Age=3600; Max-Age=-1"));
    }

    @Test
    void cookiesWhosePrefixAsksForHttpsAreNotTakenFromPlainHttp() throws Exception {
        // RFC 6265bis section 4.1.3: a __Secure- or __Host- cookie is set only with Secure (so
        // over https), a __Host- one only host-wide, so that an https site can trust its origin;
        // the JDK's CookieManager knows no prefixes, and sent back what plain http had set.
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(new MockResponse().addHeader("Set-Cookie", "__Host-session=forged; Path=/")
                    .addHeader("Set-Cookie", "__Secure-id=forged; Path=/").addHeader("Set-Cookie", "theme=dark; Path=/"));
            server.enqueue(new MockResponse());
            send(resolved(HttpRequest.get(url("/login")))).awaitResponse();
            send(resolved(HttpRequest.get(url("/me")))).awaitResponse();
            takeRequest();
            assertEquals("theme=dark", takeRequest().getHeader("Cookie"));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aCookieIsNotSentToASiteWhoseNameOnlyEndsInItsHostName() throws Exception {
        // The JDK's CookieManager matches a domain as a bare suffix of the host: what game.test
        // set, host-only or for its domain, went to mygame.test, anyone's site. The server is the
        // proxy for every host here, so that the names need no lookup.
        ProxySelector proxies = ProxySelector.getDefault();
        CookieHandler before = CookieHandler.getDefault();
        Proxy viaServer = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getHostName(), server.getPort()));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(viaServer);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        CookieHandler.setDefault(new CookieManager());
        try {
            server.enqueue(new MockResponse().addHeader("Set-Cookie", "session=abc; Path=/")
                    .addHeader("Set-Cookie", "theme=dark; Domain=game.test; Path=/"));
            server.enqueue(new MockResponse());
            server.enqueue(new MockResponse());
            send(resolved(HttpRequest.get("http://game.test/login"))).awaitResponse();
            send(resolved(HttpRequest.get("http://game.test/me"))).awaitResponse();
            send(resolved(HttpRequest.get("http://mygame.test/"))).awaitResponse();
            takeRequest();
            RecordedRequest own = takeRequest();
            assertEquals("session=abc; theme=dark", own.getHeader("Cookie"), own.getRequestLine());
            RecordedRequest other = takeRequest();
            assertEquals(null, other.getHeader("Cookie"), other.getRequestLine());
        } finally {
            CookieHandler.setDefault(before);
            ProxySelector.setDefault(proxies);
        }
    }

    /**
     * The Cookie field a request goes out with, a {@code CookieManager} installed, after a
     * response to an earlier one set {@code setCookie}; null for none.
     */
    private String cookieSentAfter(String setCookie) throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(new MockResponse().addHeader("Set-Cookie", setCookie));
            server.enqueue(new MockResponse());
            send(resolved(HttpRequest.get(url("/login")))).awaitResponse();
            send(resolved(HttpRequest.get(url("/me")))).awaitResponse();
            takeRequest();
            return takeRequest().getHeader("Cookie");
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aCookieHandlerThatFailsFailsTheExchangeNamingIt() throws Exception {
        FetchException failure = failureWithCookieJar(uri -> {
            throw new IOException("cookie jar unreadable");
        });
        assertEquals(FailureKind.NETWORK, failure.kind());
        assertTrue(failure.getMessage().contains("CookieHandler") && failure.getMessage().contains("cookie jar unreadable"),
                failure.getMessage());
    }

    @Test
    void aCookieNoHeaderMayCarryFailsTheExchangeBeforeAnythingIsSent() throws Exception {
        FetchException failure = failureWithCookieJar(uri -> Map.of("Cookie", List.of("a=1\r\nX-Injected: 1")));
        assertEquals(FailureKind.PROTOCOL, failure.kind());
        assertTrue(failure.getMessage().contains("CookieHandler") && failure.getMessage().contains("cannot be sent"),
                failure.getMessage());
    }

    /** What a handler's cookies for a URL are, or the failure to read them. */
    private interface CookieJar {
        Map<String, List<String>> cookiesFor(URI uri) throws IOException;
    }

    /** The failure of a GET sent with a handler giving {@code jar}'s cookies installed; the server got nothing. */
    private FetchException failureWithCookieJar(CookieJar jar) throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieHandler() {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
                return jar.cookiesFor(uri);
            }

            @Override
            public void put(URI uri, Map<String, List<String>> headers) {
            }
        });
        try {
            FetchException failure = send(resolved(HttpRequest.get(url("/me")))).awaitFailure();
            assertEquals(0, server.getRequestCount());
            return failure;
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void everyMethodIncludingPatchAndCustomOnesIsSentAsGiven() throws Exception {
        String[] methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "PURGE"};
        for (String method : methods) {
            server.enqueue(new MockResponse().setBody("did " + method));
            HttpRequest.Builder builder = HttpRequest.builder(method, url("/m"));
            if (!method.equals("GET")) {
                builder.body(RequestBody.text("payload of " + method));
            }
            assertEquals("did " + method, send(resolved(builder)).awaitResponse().text());

            RecordedRequest recorded = takeRequest();
            assertEquals(method, recorded.getMethod());
            assertEquals(method.equals("GET") ? "" : "payload of " + method, recorded.getBody().readUtf8());
        }
    }

    @Test
    void headResponseHasNoBodyAndKeepsItsContentLength() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Length", "5"));
        server.enqueue(new MockResponse().setBody("after"));

        HttpResponse head = send(resolved(HttpRequest.builder("HEAD", url("/h")))).awaitResponse();
        HttpResponse after = send(resolved(HttpRequest.get(url("/a")))).awaitResponse();

        assertEquals(0, head.body().length);
        assertEquals("5", head.header("Content-Length"));
        assertEquals("after", after.text());
        assertEquals(1, takeRequest().getSequenceNumber() + takeRequest().getSequenceNumber(),
                "both requests shared one connection");
    }

    @Test
    void sequentialRequestsToOneHostReuseOneKeepAliveConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setBody("r" + i));
        }

        for (int i = 0; i < 3; i++) {
            assertEquals("r" + i, send(resolved(HttpRequest.get(url("/k" + i)))).awaitResponse().text());
            assertEquals(1, idleConnections());
        }

        for (int i = 0; i < 3; i++) {
            assertEquals(i, takeRequest().getSequenceNumber(), "request " + i + " on the first connection");
        }
    }

    @Test
    void eachResponseOnAKeptConnectionHasItsOwnStatusAndHeaders() throws Exception {
        server.enqueue(new MockResponse().setHeader("X-Round", "1").setHeader("X-Same", "kept").setBody("a"));
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 201 Created").setHeader("X-Round", "2")
                .setHeader("X-Same", "kept").setHeader("X-Extra", "only here").setBody("bb"));
        server.enqueue(new MockResponse().setHeader("X-Round", "1").setHeader("X-Same", "kept").setBody("a"));

        HttpResponse first = send(resolved(HttpRequest.get(url("/r1")))).awaitResponse();
        HttpResponse second = send(resolved(HttpRequest.get(url("/r2")))).awaitResponse();
        HttpResponse third = send(resolved(HttpRequest.get(url("/r3")))).awaitResponse();

        assertEquals(200, first.status());
        assertEquals("1", first.header("X-Round"));
        assertEquals(null, first.header("X-Extra"));
        assertEquals(201, second.status());
        assertEquals("Created", second.reason());
        assertEquals("2", second.header("X-Round"));
        assertEquals("kept", second.header("X-Same"));
        assertEquals("only here", second.header("X-Extra"));
        assertEquals("2", second.header("Content-Length"));
        assertEquals(first.headers(), third.headers());
        assertEquals("OK", third.reason());
        assertEquals("a", third.text());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, takeRequest().getSequenceNumber(), "response " + i + " on the first connection");
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeoutAndTheirCountIsBounded() throws Exception {
        Transport own = new SocketTransport(null, 1, 50, Thread.NORM_PRIORITY);
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            // Fails when the client closes the idle connection, which counts down clientGone.
            RawServer.readHead(socket.getInputStream());
        })) {
            RecordingListener listener = new RecordingListener();
            own.start(resolved(HttpRequest.get(raw.url("/idle"))), listener);
            assertEquals("ok", listener.awaitResponse().text());

            if (!raw.clientGone.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the idle connection was never closed");
            }
            assertEquals(0, ((SocketTransport) own).idleConnectionCount());
        } finally {
            own.dispose();
        }
    }

    @Test
    void connectionCloseAndPlainHttp10ResponsesAreNotPooledButHttp10KeepAliveIs() throws Exception {
        String[] responses = {
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nc1",
                "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nc2",
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nc3",
        };
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), responses[index]);
            RawServer.readHead(socket.getInputStream());
        })) {
            int[] idleAfter = {0, 0, 1};
            for (int i = 0; i < 3; i++) {
                assertEquals("c" + (i + 1), send(resolved(HttpRequest.get(raw.url("/c")))).awaitResponse().text());
                assertEquals(idleAfter[i], idleConnections(), "idle connections after response " + (i + 1));
            }
        }
    }

    @Test
    void stalePooledConnectionIsRetriedOnceOnAFreshConnection() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nconn" + index);
            if (index == 0) {
                // Closes the kept-alive connection as an idle server would.
                socket.close();
                return;
            }
            RawServer.readHead(in);
        })) {
            assertEquals("conn0", send(resolved(HttpRequest.get(raw.url("/a")))).awaitResponse().text());
            assertEquals(1, idleConnections());

            assertEquals("conn1", send(resolved(HttpRequest.get(raw.url("/b")))).awaitResponse().text());
            assertEquals(2, raw.connections());
        }
    }

    @Test
    void aPostTheServerReadOnAPooledConnectionAndClosedWithoutAnswerIsNotSentAgain() throws Exception {
        // RFC 9110 section 9.2.2: the server may have acted on it; only the game may decide to resend.
        AtomicInteger posts = new AtomicInteger();
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (RawServer.readHead(in).startsWith("POST")) {
                posts.incrementAndGet();
                socket.close();
                return;
            }
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            if (RawServer.readHead(in).startsWith("POST")) {
                posts.incrementAndGet();
            }
            socket.close();
        })) {
            assertEquals("ok", send(resolved(HttpRequest.get(raw.url("/a")))).awaitResponse().text());
            assertEquals(1, idleConnections());

            FetchException failure = send(resolved(HttpRequest.post(raw.url("/score"),
                    RequestBody.text("points=10")))).awaitFailure();

            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.isRequestSent());
            assertTrue(failure.getMessage().contains(raw.url("/score")), failure.getMessage());
            assertEquals(1, posts.get());
            assertEquals(1, raw.connections());
        }
    }

    @Test
    void aPostAfterTheServerClosedTheIdleConnectionGoesOutOnceOnAFreshOne() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger posts = new AtomicInteger();
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (RawServer.readHead(in).startsWith("POST")) {
                posts.incrementAndGet();
            }
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nconn" + index);
            if (index == 0) {
                // An idle server's keep-alive timeout.
                socket.close();
                closed.countDown();
                return;
            }
            RawServer.readHead(in);
        })) {
            assertEquals("conn0", send(resolved(HttpRequest.get(raw.url("/a")))).awaitResponse().text());
            assertTrue(closed.await(30, java.util.concurrent.TimeUnit.SECONDS));

            assertEquals("conn1", send(resolved(HttpRequest.post(raw.url("/score"),
                    RequestBody.text("points=10")))).awaitResponse().text());
            assertEquals(1, posts.get());
            assertEquals(2, raw.connections());
        }
    }

    @Test
    void freshConnectionClosedWithoutAResponseFailsWithoutRetrying() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/gone")))).awaitFailure();

            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.isRequestSent());
            assertEquals(1, raw.connections());
        }
    }

    @Test
    void garbageStatusLineFailsAsProtocolQuotingWhatArrived() throws Exception {
        String banner = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3 followed by a banner far longer than eighty characters";
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), banner + "\r\n\r\n");
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/")))).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind());
            assertTrue(failure.getMessage().contains("'" + banner.substring(0, 80) + "...'"), failure.getMessage());
        }
    }

    @Test
    void malformedHeaderLinesFailAsProtocol() throws Exception {
        String[] heads = {
                "HTTP/1.1 200 OK\r\nthis line has no colon\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nBad Name: value\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: twelve\r\n\r\n",
        };
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), heads[index]);
            socket.close();
        })) {
            for (int i = 0; i < heads.length; i++) {
                FetchException failure = send(resolved(HttpRequest.get(raw.url("/" + i)))).awaitFailure();
                assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            }
        }
    }

    @Test
    void connectionClosedInsideAChunkFailsAsProtocol() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(),
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nonly part");
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/")))).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind());
            assertTrue(failure.getMessage().contains("inside a chunk"), failure.getMessage());
        }
    }

    @Test
    void interimResponsesAreSkippedAndChunkExtensionsAndTrailersAreRead() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 103 Early Hints\r\nLink: </sheet.png>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;name=value\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n");
            RawServer.readHead(socket.getInputStream());
        })) {
            HttpResponse response = send(resolved(HttpRequest.get(raw.url("/")))).awaitResponse();

            assertEquals(200, response.status());
            assertEquals("OK", response.reason());
            assertEquals("hello world", response.text());
            assertEquals(1, idleConnections(), "a chunked body read to its trailers leaves the connection reusable");
        }
    }

    @Test
    void anEndlessStreamOfInterimResponsesFailsAsProtocolOnceTheirHeadersPassTheLimit() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            byte[] processing = "HTTP/1.1 102 Processing\r\nX-Progress: still working\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                while (true) {
                    socket.getOutputStream().write(processing);
                }
            } catch (java.io.IOException closedByTheClient) {
                // The client gave up, as it should.
            }
        })) {
            FetchException failure = send(HttpRequest.get(raw.url("/slow")).readTimeout(0).build()).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind());
            assertTrue(failure.getMessage().contains("interim (1xx) responses"), failure.getMessage());
        }
    }

    @Test
    void interimResponsesPaddedWithEmptyFoldedLinesCountEveryByteTowardTheLimit() throws Exception {
        // A folded line of white space adds nothing to a field's value, but the server sent it all
        // the same: four such heads of 100 KiB each are past the 256 KiB interim responses may take.
        StringBuilder padding = new StringBuilder();
        while (padding.length() < 100 * 1024) {
            padding.append(" \r\n");
        }
        String early = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n" + padding + "\r\n";
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            for (int i = 0; i < 4; i++) {
                RawServer.write(socket.getOutputStream(), early);
            }
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            RawServer.readHead(socket.getInputStream());
        })) {
            FetchException failure = send(resolved(HttpRequest.get(raw.url("/padded")))).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("interim (1xx) responses"), failure.getMessage());
        }
    }

    @Test
    void contentLengthOverTheLimitFailsAtOnceWithoutReadingTheBody() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\n\r\n");
            release.await();
        })) {
            FetchException failure = send(HttpRequest.get(raw.url("/huge")).connectTimeout(0).readTimeout(0)
                    .maxResponseBytes(1_000_000).build()).awaitFailure();

            assertEquals(FailureKind.TOO_LARGE, failure.kind());
            assertTrue(failure.getMessage().contains("Content-Length 50000000"), failure.getMessage());
            // The status and headers arrived; only the body was refused.
            assertEquals(200, failure.status());
            assertEquals("50000000", failure.response().header("Content-Length"));
            assertEquals(0, failure.response().body().length);
        } finally {
            release.countDown();
        }
    }

    @Test
    void cancelDuringUploadEndsTheExchangeWithPartialProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] body = new byte[32 * 1024 * 1024];
        try (RawServer raw = new RawServer((socket, index) -> release.await(), 4096)) {
            RecordingListener listener = new RecordingListener();
            Transport.Exchange exchange = transport.start(resolved(HttpRequest.post(raw.url("/upload"),
                    RequestBody.bytes(body, "application/octet-stream"))), listener);
            listener.awaitUploadStarted();

            exchange.cancel();

            FetchException failure = listener.awaitFailure();
            assertEquals(FailureKind.CANCELLED, failure.kind());
            assertTrue(listener.uploaded > 0 && listener.uploaded < body.length,
                    "upload stopped part way: " + listener.uploaded + " of " + body.length);
            assertTrue(listener.outcomeThread.getName().startsWith("gdx-fetch-io-"),
                    "the blocked I/O thread itself reported the end: " + listener.outcomeThread.getName());
        } finally {
            release.countDown();
        }
    }

    @Test
    void disposeCancelsRunningExchangesAndLeavesNoIoThreadAlive() throws Exception {
        Set<Thread> before = ioThreads();
        Transport own = Transports.sockets();
        server.enqueue(new MockResponse().setBody("pooled"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        RecordingListener pooled = new RecordingListener();
        own.start(resolved(HttpRequest.get(url("/p"))), pooled);
        assertEquals("pooled", pooled.awaitResponse().text());
        RecordingListener blocked = new RecordingListener();
        own.start(HttpRequest.get(url("/blocked")).connectTimeout(0).readTimeout(0).maxResponseBytes(100).build(),
                blocked);
        takeRequest();
        takeRequest();
        assertFalse(difference(ioThreads(), before).isEmpty(), "the transport runs I/O threads");

        own.dispose();

        assertEquals(FailureKind.CANCELLED, blocked.awaitFailure().kind());
        assertEquals(Set.of(), difference(ioThreads(), before));
    }

    private static Set<Thread> ioThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("gdx-fetch-io-") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static Set<Thread> difference(Set<Thread> a, Set<Thread> b) {
        Set<Thread> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
