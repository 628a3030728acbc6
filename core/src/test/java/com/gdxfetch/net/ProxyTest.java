package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket transport goes through the proxy the JVM's {@link ProxySelector} names, as
 * {@code HttpURLConnection} and so {@code Gdx.net} do: real tinyproxy and microsocks processes.
 */
class ProxyTest {
    @TempDir
    File dir;

    private final LocalhostTls localhost = new LocalhostTls();
    /** Each request a server got, as "peer-address request-line". */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private ProxySelector previous;
    private FetchManager fetch;

    @BeforeEach
    void keepTheJvmsSelector() {
        previous = ProxySelector.getDefault();
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.sockets(localhost.client())).build());
    }

    @AfterEach
    void restoreTheJvmsSelector() throws IOException {
        fetch.dispose();
        ProxySelector.setDefault(previous);
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    /** Routes connections to {@code port} through {@code proxy}; everything else goes direct. */
    private static void route(int port, Proxy proxy) {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return Collections.singletonList(uri.getPort() == port ? proxy : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress proxyAddress, IOException failure) {
            }
        });
    }

    /** A server on 127.0.0.1 (https when {@code tls} is given) answering every request "ok". */
    private int server(SSLContext tls) throws IOException {
        ServerSocket server = tls != null
                ? tls.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> answer(socket), "proxy-test-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "proxy-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    private void answer(Socket socket) {
        try (Socket s = socket) {
            while (true) {
                String head = RawServer.readHead(s.getInputStream());
                received.add(s.getInetAddress().getHostAddress() + " " + head.substring(0, head.indexOf("\r\n")));
                RawServer.write(s.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        } catch (Exception closedByTheClient) {
            // One connection done; the server goes on.
        }
    }

    private FetchHandle<HttpResponse> get(String url) {
        FetchHandle<HttpResponse> handle = fetch.get(url).send();
        Frames.untilDone(fetch, handle);
        return handle;
    }

    @Test
    void plainHttpGoesThroughAnHttpProxyThatForwardsItsAbsoluteUrl() throws Exception {
        int port = server(null);
        try (ProxyDaemon tinyproxy = ProxyDaemon.tinyproxy(dir)) {
            route(port, tinyproxy.proxy);
            FetchHandle<HttpResponse> handle = get("http://127.0.0.1:" + port + "/scores?top=10");

            assertEquals("ok", handle.result().text(), () -> String.valueOf(handle.failure()));
            assertEquals(List.of(ProxyDaemon.OUTGOING + " GET /scores?top=10 HTTP/1.1"), received);
        }
    }

    @Test
    void httpsGoesThroughAnHttpProxysTunnelAndTheServerIsStillVerified() throws Exception {
        int port = server(localhost.server());
        try (ProxyDaemon tinyproxy = ProxyDaemon.tinyproxy(dir)) {
            route(port, tinyproxy.proxy);
            FetchHandle<HttpResponse> handle = get("https://localhost:" + port + "/scores");
            FetchHandle<HttpResponse> wrongName = get("https://127.0.0.1:" + port + "/scores");

            assertEquals("ok", handle.result().text(), () -> String.valueOf(handle.failure()));
            assertEquals(ProxyDaemon.OUTGOING + " GET /scores HTTP/1.1", received.get(0));
            assertEquals(FailureKind.TLS, wrongName.failure().kind(), wrongName.failure().getMessage());
            assertTrue(tinyproxy.log().contains("CONNECT localhost:" + port), tinyproxy.log());
        }
    }

    @Test
    void aSocksProxyCarriesPlainAndTlsConnections() throws Exception {
        int plain = server(null);
        int secure = server(localhost.server());
        try (ProxyDaemon microsocks = ProxyDaemon.microsocks(dir)) {
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return Collections.singletonList(uri.getPort() == plain || uri.getPort() == secure
                            ? microsocks.proxy : Proxy.NO_PROXY);
                }

                @Override
                public void connectFailed(URI uri, SocketAddress proxyAddress, IOException failure) {
                }
            });
            FetchHandle<HttpResponse> overHttp = get("http://127.0.0.1:" + plain + "/a");
            FetchHandle<HttpResponse> overHttps = get("https://localhost:" + secure + "/b");

            assertEquals("ok", overHttp.result().text(), () -> String.valueOf(overHttp.failure()));
            assertEquals("ok", overHttps.result().text(), () -> String.valueOf(overHttps.failure()));
            assertEquals(List.of(ProxyDaemon.OUTGOING + " GET /a HTTP/1.1", ProxyDaemon.OUTGOING + " GET /b HTTP/1.1"),
                    received);
        }
    }

    /** A proxy answering every CONNECT with 407, recording each request line. */
    private RawServer refusingProxy() throws IOException {
        return new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            received.add(head.substring(0, head.indexOf("\r\n")));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 0\r\n\r\n");
        });
    }

    private static Proxy httpProxy(RawServer proxy) {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", URI.create(proxy.url("/")).getPort()));
    }

    @Test
    void aProxyRefusingTheTunnelFailsNamingItsAnswer() throws Exception {
        try (RawServer proxy = refusingProxy()) {
            route(4433, httpProxy(proxy));
            FetchException failure = get("https://game.example:4433/scores").failure();

            assertEquals(FailureKind.NETWORK, failure.kind());
            String expected = "proxy 127.0.0.1:" + URI.create(proxy.url("/")).getPort()
                    + " refused a tunnel to game.example:4433: 407 Proxy Authentication Required";
            assertTrue(failure.getMessage().contains(expected), failure.getMessage());
            assertTrue(failure.getMessage().contains("credentials"), failure.getMessage());
            assertEquals(List.of("CONNECT game.example:4433 HTTP/1.1"), received);
        }
    }

    @Test
    void aProxyDrippingItsAnswerToConnectFailsAtTheReadTimeout() throws Exception {
        // Each byte comes well inside the read timeout, so only a limit on the whole answer ends it.
        try (RawServer proxy = new RawServer((socket, index) -> RawServer.dripAfterHead(socket, "HTTP/1.1 200 Connection established\r\nX-Slow: "))) {
            route(4433, httpProxy(proxy));
            FetchHandle<HttpResponse> handle = fetch.get("https://game.example:4433/scores").readTimeout(400).send();
            Frames.untilDone(fetch, handle);
            FetchException failure = handle.failure();

            assertEquals(FailureKind.READ_TIMEOUT, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("no complete answer from proxy 127.0.0.1:"
                    + URI.create(proxy.url("/")).getPort() + " to CONNECT within 400 ms"), failure.getMessage());
        }
    }

    /**
     * A proxy that answers CONNECT with {@code answer}, then, if that ends in a 2xx, is the https
     * server itself at the tunnel's end, answering one request "ok".
     */
    private RawServer scriptedProxy(String answer) throws IOException {
        return ScriptedProxies.tunnelling(localhost.server(), answer, head -> received.add(head.substring(0, head.indexOf("\r\n"))));
    }

    @Test
    void proxyAuthorizationGoesOnTheConnectAndNeverInsideTheTunnelToTheServer() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer proxy = ScriptedProxies.tunnelling(localhost.server(),
                "HTTP/1.1 200 Connection established\r\n\r\n", heads::add)) {
            route(4433, httpProxy(proxy));
            FetchHandle<HttpResponse> handle = fetch.get("https://localhost:4433/scores")
                    .header("Proxy-Authorization", "Basic b2ZmaWNlOnNlY3JldA==").send();
            Frames.untilDone(fetch, handle);

            assertEquals("ok", handle.result().text(), () -> String.valueOf(handle.failure()));
            assertEquals(2, heads.size(), heads::toString);
            assertTrue(heads.get(0).contains("\r\nProxy-Authorization: Basic b2ZmaWNlOnNlY3JldA==\r\n"), heads.get(0));
            assertFalse(heads.get(1).toLowerCase(Locale.ROOT).contains("proxy-authorization"), heads.get(1));
        }
    }

    @Test
    void aWebSocketsProxyAuthorizationGoesOnTheConnectAndNotInItsHandshake() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer proxy = new RawServer((socket, index) -> {
            heads.add(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
            heads.add(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        })) {
            route(4080, httpProxy(proxy));
            AtomicReference<FetchException> failed = new AtomicReference<>();
            fetch.webSocket("ws://game.example:4080/live").header("Proxy-Authorization", "Basic b2ZmaWNlOnNlY3JldA==")
                    .open((webSocket, failure) -> failed.set(failure));
            Frames.until(fetch, () -> failed.get() != null);

            assertEquals(2, heads.size(), () -> heads + " " + failed.get());
            assertTrue(heads.get(0).contains("\r\nProxy-Authorization: Basic b2ZmaWNlOnNlY3JldA==\r\n"), heads.get(0));
            assertFalse(heads.get(1).toLowerCase(Locale.ROOT).contains("proxy-authorization"), heads.get(1));
        }
    }

    @Test
    void aProxyAskingForCredentialsForAPlainRequestFailsNamingTheProxy() throws Exception {
        try (RawServer proxy = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 6\r\n\r\ndenied");
        })) {
            route(4080, httpProxy(proxy));
            FetchHandle<HttpResponse> handle = get("http://game.example:4080/scores");

            assertEquals(FetchState.FAILED, handle.state(), () -> "status " + handle.status());
            FetchException failure = handle.failure();
            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("proxy 127.0.0.1:" + URI.create(proxy.url("/")).getPort()
                    + " answered 407 Proxy Authentication Required"), failure.getMessage());
        }
    }

    /**
     * A SOCKS5 proxy that records the address each CONNECT names and is the HTTP server itself at
     * the connection's end, answering "ok".
     */
    private RawServer socksProxy() throws IOException {
        return ScriptedProxies.socks5(received::add, (socket, index) -> answer(socket));
    }

    private static Proxy socks(RawServer proxy) {
        return new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", URI.create(proxy.url("/")).getPort()));
    }

    @Test
    void aSocks5ProxyIsGivenTheHostNameToResolveItself() throws Exception {
        try (RawServer proxy = socksProxy()) {
            route(4080, socks(proxy));
            FetchHandle<HttpResponse> handle = get("http://localhost:4080/scores");

            assertEquals("ok", handle.result().text(), () -> String.valueOf(handle.failure()));
            assertEquals("name localhost:4080", received.get(0));
        }
    }

    @Test
    void interimResponsesAProxySendsBeforeOpeningTheTunnelAreSkipped() throws Exception {
        // RFC 9110 section 15.2: a client parses and skips 1xx responses it did not expect.
        try (RawServer proxy = scriptedProxy("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 Connection established\r\n\r\n")) {
            route(4433, httpProxy(proxy));
            FetchHandle<HttpResponse> handle = get("https://localhost:4433/scores");

            assertEquals("ok", handle.result().text(), () -> String.valueOf(handle.failure()));
            assertEquals(List.of("CONNECT localhost:4433 HTTP/1.1", "GET /scores HTTP/1.1"), received);
        }
    }

    @Test
    void aProxyAnsweringConnectWith101FailsAsProtocolNamingTheProxy() throws Exception {
        try (RawServer proxy = scriptedProxy("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n"
                + "Connection: Upgrade\r\n\r\n")) {
            route(4433, httpProxy(proxy));
            FetchException failure = get("https://localhost:4433/scores").failure();

            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("proxy 127.0.0.1:" + URI.create(proxy.url("/")).getPort()
                    + " answered CONNECT localhost:4433 with 101"), failure.getMessage());
            assertEquals(List.of("CONNECT localhost:4433 HTTP/1.1"), received);
        }
    }

    @Test
    void aProxyThatIsNotListeningFailsAsRefusedNamingTheProxy() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        route(4433, new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", closedPort)));
        FetchException failure = get("https://game.example:4433/scores").failure();

        assertEquals(FailureKind.CONNECT_REFUSED, failure.kind());
        assertTrue(failure.getMessage().contains("through http proxy 127.0.0.1:" + closedPort), failure.getMessage());
    }

    @Test
    void anEventStreamOverPlainHttpNamesItsAbsoluteUrlToAnHttpProxy() throws Exception {
        try (RawServer proxy = new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            received.add(head.substring(0, head.indexOf("\r\n")));
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 204 No Content\r\n\r\n");
        })) {
            route(4080, httpProxy(proxy));
            AtomicReference<Boolean> closed = new AtomicReference<>(false);
            fetch.events("http://game.example:4080/events?room=7").open(new EventStreamListener() {
                @Override
                public void onEvent(EventStream stream, String type, String data, String id) {
                }

                @Override
                public void onClosed(EventStream stream) {
                    closed.set(true);
                }

                @Override
                public void onFailure(EventStream stream, FetchException failure) {
                    received.add("failed: " + failure);
                }
            });
            Frames.until(fetch, () -> closed.get() || received.size() > 1);

            assertEquals(List.of("GET http://game.example:4080/events?room=7 HTTP/1.1"), received);
        }
    }

    @Test
    void anEventStreamWhoseProxyAsksForCredentialsFailsNamingTheProxy() throws Exception {
        try (RawServer proxy = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 0\r\n\r\n");
        })) {
            route(4080, httpProxy(proxy));
            AtomicReference<FetchException> failed = new AtomicReference<>();
            fetch.events("http://game.example:4080/events").open(new EventStreamListener() {
                @Override
                public void onEvent(EventStream stream, String type, String data, String id) {
                }

                @Override
                public void onClosed(EventStream stream) {
                }

                @Override
                public void onFailure(EventStream stream, FetchException failure) {
                    failed.set(failure);
                }
            });
            Frames.until(fetch, () -> failed.get() != null);

            assertEquals(FailureKind.NETWORK, failed.get().kind(), failed.get().getMessage());
            assertTrue(failed.get().getMessage().contains("proxy 127.0.0.1:" + URI.create(proxy.url("/")).getPort()
                    + " answered 407 Proxy Authentication Required"), failed.get().getMessage());
        }
    }

    @Test
    void aPlainWebSocketStillAsksAnHttpProxyForATunnel() throws Exception {
        try (RawServer proxy = refusingProxy()) {
            route(4080, httpProxy(proxy));
            AtomicReference<FetchException> failed = new AtomicReference<>();
            fetch.webSocket("ws://game.example:4080/live").open((webSocket, failure) -> failed.set(failure));
            Frames.until(fetch, () -> failed.get() != null);

            assertTrue(failed.get().getMessage().contains("refused a tunnel to game.example:4080"), failed.get().getMessage());
            assertEquals(List.of("CONNECT game.example:4080 HTTP/1.1"), received);
        }
    }
}
