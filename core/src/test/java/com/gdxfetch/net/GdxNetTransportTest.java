package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Net;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import com.badlogic.gdx.net.NetJavaImpl;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.net.internal.NetJavaImplMonitor;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Gdx.net transport inside a running headless application, whose Gdx.net is the same
 * HttpURLConnection-based implementation the desktop backend uses.
 */
class GdxNetTransportTest extends TransportContractTest {
    private static HeadlessApplication app;

    @BeforeAll
    static void startApplication() {
        app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
    }

    @AfterAll
    static void stopApplication() {
        app.exit();
    }

    private SSLSocketFactory originalTlsFactory;

    @BeforeEach
    void rememberTlsDefaults() {
        originalTlsFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
    }

    @AfterEach
    void restoreTlsDefaults() {
        HttpsURLConnection.setDefaultSSLSocketFactory(originalTlsFactory);
    }

    /** HttpURLConnection's trust is process-wide, so a trusting transport sets it for this test. */
    @Override
    protected Transport newTransport(SSLContext trust) {
        if (Gdx.net == null) {
            throw new AssertionError("the headless application did not set Gdx.net");
        }
        if (trust != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(trust.getSocketFactory());
        }
        return Transports.gdxNet();
    }

    @Test
    void patchAndCustomMethodsFailClearlyInsteadOfHanging() throws Exception {
        for (String method : new String[] {"PATCH", "PROPFIND"}) {
            HttpRequest.Builder request = HttpRequest.builder(method, url("/m"));
            if (method.equals("PATCH")) {
                request.body(RequestBody.jsonText("{\"hp\":3}"));
            }
            FetchException failure = send(resolved(request)).awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind());
            assertTrue(failure.getMessage().contains("method " + method
                    + " is not supported by the Gdx.net transport on this backend"), failure.getMessage());
            assertFalse(failure.isRequestSent());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void headAndBodiesOnOtherMethodsThanPostPutPatchFailClearly() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Length", "5"));

        FetchException head = send(resolved(HttpRequest.builder("HEAD", url("/h")))).awaitFailure();
        FetchException deleteWithBody = send(resolved(HttpRequest.builder("DELETE", url("/d"))
                .body(RequestBody.text("x")))).awaitFailure();

        assertEquals(FailureKind.PROTOCOL, head.kind());
        assertTrue(head.getMessage().contains("method HEAD is not supported"), head.getMessage());
        assertEquals(FailureKind.PROTOCOL, deleteWithBody.kind());
        assertTrue(deleteWithBody.getMessage().contains("not DELETE"), deleteWithBody.getMessage());
    }

    @Test
    void cancelDuringUploadEndsTheExchange() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer raw = new RawServer((socket, index) -> release.await(), 4096)) {
            RecordingListener listener = new RecordingListener();
            Transport.Exchange exchange = transport.start(resolved(HttpRequest.post(raw.url("/upload"),
                    RequestBody.bytes(new byte[8 * 1024 * 1024], "application/octet-stream"))), listener);
            listener.awaitUploadStarted();

            exchange.cancel();

            assertEquals(FailureKind.CANCELLED, listener.awaitFailure().kind());
            assertEquals(1, listener.outcomes());
        } finally {
            release.countDown();
        }
    }

    /**
     * libGDX 1.14.2's NetJavaImpl records each request in a map that its pool threads clear under
     * its monitor, but fills outside it; sent from several threads at once, requests were lost and
     * entries left behind. The transport sends under that monitor.
     */
    @Test
    void aBurstSentFromSeveralThreadsIsAllAnsweredAndGdxNetForgetsEveryRequest() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setBody(request.getPath());
            }
        });
        HeadlessNet net = new HeadlessNet(new HeadlessApplicationConfiguration());
        Object monitor = NetJavaImplMonitor.of(net);
        assertTrue(monitor instanceof NetJavaImpl, "the headless backend's NetJavaImpl is found: " + monitor);
        // Each finished request starts the next queued one on its Gdx.net thread: sends from many threads.
        FetchManager burst = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet(net))
                .maxRequests(32).maxRequestsPerHost(32).build());
        try {
            FetchHandle<?>[] handles = new FetchHandle<?>[3000];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = burst.get(url("/burst/" + i)).send(Decoders.text(), null);
            }
            Frames.untilDone(burst, handles);
            for (int i = 0; i < handles.length; i++) {
                assertEquals("/burst/" + i, handles[i].result(), "request " + i);
            }
            Frames.until(burst, () -> requestsKeptBy((NetJavaImpl) monitor) == 0, 5_000);
        } finally {
            burst.dispose();
        }
    }

    @Test
    void aStatusAbove599IsRetriedThroughGdxNetAsA500Is() throws Exception {
        // HttpURLConnection hands a 600 over as it came; the retry policy decides what it means.
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 600 Beyond"));
        server.enqueue(new MockResponse().setBody("back"));
        FetchManager manager = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            FetchHandle<String> handle = manager.get(url("/beyond")).failOnHttpError(true)
                    .retry(RetryPolicy.builder().maxAttempts(2).baseDelayMillis(0).jitter(0).build())
                    .send(Decoders.text(), null);
            Frames.untilDone(manager, handle);
            assertEquals(2, server.getRequestCount(), "requests sent");
            assertEquals("back", handle.result());
        } finally {
            manager.dispose();
        }
    }

    /**
     * HttpURLConnection takes its instance setting from the JVM-wide default when it is made, and
     * libGDX sets that default only after making the connection, so the first request of a JVM
     * (or the first after anything set the default back) would follow a redirect by itself, past
     * the manager's rules for Authorization and redirect limits.
     */
    @Test
    void aRedirectReachesTheManagerEvenWhenTheJvmWideDefaultFollowsRedirects() throws Exception {
        boolean before = java.net.HttpURLConnection.getFollowRedirects();
        java.net.HttpURLConnection.setFollowRedirects(true);
        MockWebServer other = new MockWebServer();
        try {
            other.start(java.net.InetAddress.getLoopbackAddress(), 0);
            other.enqueue(new MockResponse().setBody("elsewhere"));
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other.url("/to").toString()));

            HttpResponse response = send(resolved(HttpRequest.get(url("/from")).header("Authorization", "Bearer s3cret")))
                    .awaitResponse();

            assertEquals(302, response.status());
            assertEquals(0, other.getRequestCount(), "the transport did not follow the redirect itself");
        } finally {
            other.shutdown();
            java.net.HttpURLConnection.setFollowRedirects(before);
        }
    }

    /**
     * The JVM-wide default the transport sets before each send is not its own: a game's own
     * Gdx.net request on another thread sets it back to true (NetJavaImpl sets it from each
     * request), and landing between that set and libGDX making our connection, it had the
     * connection follow a redirect by itself, past the manager's rules.
     */
    @Test
    void aRedirectReachesTheManagerWhenAGamesOwnGdxNetRequestSetsTheDefaultDuringTheSend() throws Exception {
        boolean before = java.net.HttpURLConnection.getFollowRedirects();
        MockWebServer other = new MockWebServer();
        MockWebServer game = new MockWebServer();
        CountDownLatch gameAnswered = new CountDownLatch(1);
        Net net = new HeadlessNet(new HeadlessApplicationConfiguration()) {
            @Override
            public void sendHttpRequest(Net.HttpRequest request, Net.HttpResponseListener listener) {
                // The worst moment: after the transport set the default, before libGDX makes the connection.
                Thread gameThread = new Thread(() -> {
                    Net.HttpRequest own = new Net.HttpRequest("GET");
                    own.setUrl(game.url("/game").toString());
                    Gdx.net.sendHttpRequest(own, new Net.HttpResponseListener() {
                        @Override
                        public void handleHttpResponse(Net.HttpResponse response) {
                            gameAnswered.countDown();
                        }

                        @Override
                        public void failed(Throwable t) {
                            gameAnswered.countDown();
                        }

                        @Override
                        public void cancelled() {
                            gameAnswered.countDown();
                        }
                    });
                });
                gameThread.start();
                try {
                    gameThread.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                super.sendHttpRequest(request, listener);
            }
        };
        try {
            other.start(java.net.InetAddress.getLoopbackAddress(), 0);
            game.start(java.net.InetAddress.getLoopbackAddress(), 0);
            other.enqueue(new MockResponse().setBody("elsewhere"));
            game.enqueue(new MockResponse().setBody("the game's own"));
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other.url("/to").toString()));
            RecordingListener listener = new RecordingListener();

            Transports.gdxNet(net).start(resolved(HttpRequest.get(url("/from"))
                    .header("Authorization", "Bearer s3cret")), listener);
            HttpResponse response = listener.awaitResponse();

            assertTrue(gameAnswered.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(302, response.status());
            assertEquals(0, other.getRequestCount(), "the transport did not follow the redirect itself");
        } finally {
            other.shutdown();
            game.shutdown();
            java.net.HttpURLConnection.setFollowRedirects(before);
        }
    }

    /**
     * The JDK's HttpURLConnection skips a 100 Continue but takes any other interim response (a
     * 103 Early Hints, a 102 Processing) for the answer and reads no further, so a request
     * "succeeded" with the hint's status and no body. RFC 9110 section 15.2: a client must read
     * past any number of 1xx responses to the final one. The transport cannot, so it says so.
     */
    @Test
    void anInterimResponseFailsClearlyInsteadOfPassingForTheAnswer() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            RawServer.readHead(socket.getInputStream());
        })) {
            RecordingListener listener = send(resolved(HttpRequest.get(raw.url("/hints"))));

            FetchException failure = listener.awaitFailure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("interim response 103"), failure.getMessage());
            assertEquals(1, listener.outcomes());
        }
    }

    /**
     * RFC 9110 section 5.6.1 has a recipient accept empty list elements, so "chunked," is chunked
     * (the socket transport reads it so), but the JDK's HttpURLConnection undoes chunked only
     * when the last Transfer-Encoding field is exactly that word, and hands the chunk framing
     * over as the body otherwise.
     */
    @Test
    void aChunkedCodingTheJdkDoesNotUndoFailsAsProtocolInsteadOfArrivingWithItsFraming() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        String body = "\r\n\r\n2\r\nok\r\n0\r\n\r\n";
        String[] responses = {
                ok + "Transfer-Encoding: chunked," + body,
                ok + "Transfer-Encoding: , chunked" + body,
                ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: " + body,
        };
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), responses[index]);
            socket.close();
        })) {
            for (int i = 0; i < responses.length; i++) {
                String shown = responses[i].replace("\r\n", "|");
                FetchException failure = send(resolved(HttpRequest.get(raw.url("/r" + i)))).awaitFailure();

                assertEquals(FailureKind.PROTOCOL, failure.kind(), shown + " -> " + failure.getMessage());
                assertTrue(failure.getMessage().contains("Transfer-Encoding"), shown + " -> " + failure.getMessage());
            }
        }
    }

    /** The JDK's HttpURLConnection drops a few request headers without a word (its "restricted" ones). */
    @Test
    void headersTheJdksHttpUrlConnectionWouldDropFailClearlyInsteadOfGoingMissing() throws Exception {
        for (String name : new String[] {"Origin", "Host", "Via", "Upgrade"}) {
            server.enqueue(new MockResponse().setBody("sent without " + name));
            FetchException failure = send(resolved(HttpRequest.get(url("/h")).header(name, "game.example")))
                    .awaitFailure();
            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("header '" + name + "'"), failure.getMessage());
        }
        assertEquals(0, server.getRequestCount());

        server.enqueue(new MockResponse().setBody("ok"));
        send(resolved(HttpRequest.get(url("/c")).header("Connection", "close"))).awaitResponse();
        assertEquals("close", takeRequest().getHeader("Connection"), "the one Connection value it lets through");
    }

    /** Expect is not among the JDK's restricted headers: an upload asking for 100-continue goes out with it. */
    @Test
    void anExpectHeaderIsSentNotRefusedAsOneTheJdkDrops() throws Exception {
        server.enqueue(new MockResponse().setBody("stored"));

        HttpResponse response = send(resolved(HttpRequest.post(url("/upload"), RequestBody.text("level 3"))
                .header("Expect", "100-continue"))).awaitResponse();

        assertEquals("stored", response.text());
        RecordedRequest recorded = takeRequest();
        assertEquals("100-continue", recorded.getHeader("Expect"));
        assertEquals("level 3", recorded.getBody().readUtf8());
    }

    /**
     * HttpURLConnection hands its SOCKS client an address it looked up itself, so a SOCKS 5 proxy
     * gets the name only when the player's own lookup finds nothing; the socket transport always
     * gives the name (ProxyTest). Which of the two the proxy got, for a name found locally and for
     * one that is not.
     */
    @Test
    void aSocks5ProxyIsGivenAnAddressLookedUpOnThePlayersMachineUnlessTheLookupFindsNone() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawServer socks = ScriptedProxies.socks5(asked::add, (socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        })) {
            route(4080, new java.net.Proxy(java.net.Proxy.Type.SOCKS, new java.net.InetSocketAddress("127.0.0.1",
                    java.net.URI.create(socks.url("/")).getPort())));

            assertEquals("ok", send(resolved(HttpRequest.get("http://localhost:4080/scores"))).awaitResponse().text());
            assertEquals("ok", send(resolved(HttpRequest.get("http://game.invalid:4080/scores"))).awaitResponse().text());

            assertEquals(java.util.Arrays.asList("ip 127.0.0.1:4080", "name game.invalid:4080"), asked);
        }
    }

    /**
     * A server may answer an upload it refuses (a 413) and close before reading the body (RFC 9112
     * section 9.5); the socket transport delivers that answer (WireFramingTest). NetJavaImpl writes
     * the body in small pieces, the JDK reads no answer once one piece failed, and NetJavaImpl
     * closes the connection before reporting, so the answer is lost: the failure says so.
     */
    @Test
    void anUploadTheServerStopsReadingFailsSayingItsAnswerCannotBeRead() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 413 Content Too Large\r\nContent-Length: 9\r\n"
                    + "\r\ntoo large");
            socket.close();
        })) {
            FetchException failure = send(resolved(HttpRequest.post(raw.url("/upload"),
                    RequestBody.bytes(new byte[8 << 20], "application/octet-stream")))).awaitFailure();

            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.isRequestSent());
            assertTrue(failure.getMessage().contains("the server stopped reading the body"), failure.getMessage());
        }
    }

    @Test
    void aNetWithoutANetJavaImplIsGuardedByItself() {
        Net wrapper = (Net) Proxy.newProxyInstance(Net.class.getClassLoader(), new Class<?>[] {Net.class},
                (proxy, method, args) -> null);

        assertSame(wrapper, NetJavaImplMonitor.of(wrapper));
    }

    /** Entries in NetJavaImpl's own map of running requests; read under the monitor that guards it. */
    private static int requestsKeptBy(NetJavaImpl impl) {
        try {
            Field tasks = NetJavaImpl.class.getDeclaredField("tasks");
            tasks.setAccessible(true);
            synchronized (impl) {
                return ((ObjectMap<?, ?>) tasks.get(impl)).size;
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("NetJavaImpl no longer keeps its requests in 'tasks'", e);
        }
    }
}
