package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.RestartableServer.Stop;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that restarts, or a load balancer that drops idle connections, while the pool holds
 * several of them: a request that may be repeated goes again once on a fresh connection without
 * the game seeing a failure (RFC 9110 section 9.2.2), and a POST is never sent twice.
 */
class ServerRestartTest {
    private static final int STALE = 4;
    private final LocalhostTls certificate = new LocalhostTls();
    private FetchManager fetch;

    @AfterEach
    void dispose() {
        if (fetch != null) {
            fetch.dispose();
        }
    }

    /** Makes {@code manager} the test's, disposing the one a previous step of the test used. */
    private void useManager(FetchManager manager) {
        dispose();
        fetch = manager;
    }

    @Test
    void getsAfterARestartClosedEveryPooledConnectionSucceedOverHttp() throws Exception {
        getsAfterARestartSucceed(null, Stop.CLOSE);
    }

    @Test
    void getsAfterARestartClosedEveryPooledConnectionSucceedOverHttps() throws Exception {
        getsAfterARestartSucceed(certificate, Stop.CLOSE);
    }

    @Test
    void getsAndAPostAfterAKilledServerRestartedSucceedOverHttps() throws Exception {
        // Its connections end with a FIN and no close_notify, which nothing reads before the next request.
        getsAfterARestartSucceed(certificate, Stop.KILL);
        aPostAfterARestartGoesOutOnce(certificate, Stop.KILL);
    }

    @Test
    void getsAfterEveryPooledConnectionWasResetSucceedOverHttp() throws Exception {
        getsAfterARestartSucceed(null, Stop.RESET);
    }

    @Test
    void getsAfterEveryPooledConnectionWasResetSucceedOverHttps() throws Exception {
        getsAfterARestartSucceed(certificate, Stop.RESET);
    }

    @Test
    void aPostAfterARestartGoesOutOnceOnAFreshConnectionOverHttp() throws Exception {
        aPostAfterARestartGoesOutOnce(null, Stop.CLOSE);
        aPostAfterARestartGoesOutOnce(null, Stop.RESET);
    }

    @Test
    void aPostAfterARestartGoesOutOnceOnAFreshConnectionOverHttps() throws Exception {
        aPostAfterARestartGoesOutOnce(certificate, Stop.CLOSE);
        aPostAfterARestartGoesOutOnce(certificate, Stop.RESET);
    }

    @Test
    void aGetWhileTheServerIsStillDownFailsAsRefusedWithNothingSent() throws Exception {
        try (RestartableServer server = new RestartableServer(null)) {
            useManager(new FetchManager(FetchConfig.builder().build()));
            fillThePool(server);
            server.stop(Stop.CLOSE);

            FetchHandle<HttpResponse> down = fetch.get(server.url("/down")).send();
            Frames.untilDone(fetch, down);
            assertTrue(down.isFailed());
            assertEquals(FailureKind.CONNECT_REFUSED, down.failure().kind(), down.failure().getMessage());
            assertFalse(down.failure().isRequestSent(), down.failure().getMessage());

            server.start();
            FetchHandle<HttpResponse> back = fetch.get(server.url("/back")).send();
            Frames.untilDone(fetch, back);
            assertEquals("1:GET /back", back.result().text());
        }
    }

    private void getsAfterARestartSucceed(LocalhostTls tls, Stop how) throws Exception {
        try (RestartableServer server = new RestartableServer(tls == null ? null : tls.server())) {
            useManager(manager(tls));
            fillThePool(server);

            server.stop(how);
            server.start();

            // As many at once as connections are pooled: each takes a dead one.
            FetchHandle<?>[] burst = new FetchHandle<?>[STALE];
            for (int i = 0; i < STALE; i++) {
                burst[i] = fetch.get(server.url("/after/" + i)).send();
            }
            Frames.untilDone(fetch, burst);
            for (int i = 0; i < STALE; i++) {
                assertTrue(burst[i].isSuccess(), () -> "request after the restart failed: " + failureOf(burst));
                assertEquals("1:GET /after/" + i, ((HttpResponse) burst[i].result()).text());
            }
            // And one at a time: none waits on a dead connection left in the pool.
            for (int i = 0; i < STALE; i++) {
                FetchHandle<HttpResponse> one = fetch.get(server.url("/then/" + i)).send();
                Frames.untilDone(fetch, one);
                assertTrue(one.isSuccess(), () -> "request after the restart failed: " + one.failure());
                assertEquals("1:GET /then/" + i, one.result().text());
            }
        }
    }

    private void aPostAfterARestartGoesOutOnce(LocalhostTls tls, Stop how) throws Exception {
        try (RestartableServer server = new RestartableServer(tls == null ? null : tls.server())) {
            useManager(manager(tls));
            fillThePool(server);

            server.stop(how);
            server.start();

            FetchHandle<HttpResponse> post = fetch.post(server.url("/score"), RequestBody.text("points=10")).send();
            Frames.untilDone(fetch, post);
            assertTrue(post.isSuccess(), () -> "POST after the restart failed: " + post.failure());
            assertEquals("1:POST /score", post.result().text());
            assertEquals(1, server.posts());
            assertEquals(STALE + 1, server.connections());
        }
    }

    /** Leaves {@link #STALE} idle connections to {@code server} in the pool. */
    private void fillThePool(RestartableServer server) {
        server.gather(STALE);
        FetchHandle<?>[] first = new FetchHandle<?>[STALE];
        for (int i = 0; i < STALE; i++) {
            first[i] = fetch.get(server.url("/before/" + i)).send();
        }
        Frames.untilDone(fetch, first);
        for (FetchHandle<?> handle : first) {
            assertTrue(handle.isSuccess(), () -> "before the restart: " + handle.failure());
        }
        assertEquals(STALE, server.connections());
    }

    private static FetchManager manager(LocalhostTls tls) {
        SSLContext trust = tls == null ? null : tls.client();
        FetchConfig.Builder config = FetchConfig.builder();
        if (trust != null) {
            config.transport(Transports.sockets(trust));
        }
        return new FetchManager(config.build());
    }

    private static String failureOf(FetchHandle<?>[] handles) {
        StringBuilder failures = new StringBuilder();
        for (FetchHandle<?> handle : handles) {
            if (handle.isFailed()) {
                failures.append('\n').append(handle.failure());
            }
        }
        return failures.toString();
    }
}
