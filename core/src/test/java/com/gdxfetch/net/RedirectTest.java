package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedirectTest extends LoopbackServerTest {
    private final MockWebServer other = new MockWebServer();

    @Override
    FetchManager manager() {
        return new FetchManager(FetchConfig.builder().maxRedirects(3).build());
    }

    @BeforeEach
    void startOther() throws Exception {
        other.start();
    }

    @AfterEach
    void stopOther() throws Exception {
        other.shutdown();
    }

    private static MockResponse redirect(int status, String location) {
        return new MockResponse().setResponseCode(status).setHeader("Location", location);
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlReported() throws Exception {
        server.enqueue(redirect(302, "/moved"));
        server.enqueue(redirect(301, server.url("/final").toString()));
        server.enqueue(new MockResponse().setBody("here"));
        FetchHandle<String> handle = fetch.get(server.url("/start").toString()).send(Decoders.text(), null);
        Frames.untilDone(fetch, handle);
        assertEquals("here", handle.result());
        assertEquals(server.url("/final").toString(), handle.response().url());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aCookieSetByARedirectGoesWithTheRequestItLeadsTo() throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(redirect(302, "/home").addHeader("Set-Cookie", "session=abc; Path=/"));
            server.enqueue(new MockResponse().setBody("welcome"));
            FetchHandle<String> handle = fetch.post(server.url("/login").toString(), RequestBody.form("name", "ada"))
                    .send(Decoders.text(), null);
            Frames.untilDone(fetch, handle);
            assertEquals("welcome", handle.result());
            assertNull(server.takeRequest().getHeader("Cookie"));
            assertEquals("session=abc", server.takeRequest().getHeader("Cookie"));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() throws Exception {
        server.enqueue(redirect(303, "/result"));
        server.enqueue(new MockResponse().setBody("done"));
        FetchHandle<HttpResponse> handle = fetch.post(server.url("/submit").toString(), RequestBody.text("data")).send();
        Frames.untilDone(fetch, handle);
        assertEquals("POST", server.takeRequest().getMethod());
        RecordedRequest followed = server.takeRequest();
        assertEquals("GET", followed.getMethod());
        assertEquals(0, followed.getBodySize());
    }

    @Test
    void aPostThatExpectedToContinueIsFollowedByAGetThatExpectsNothing() throws Exception {
        // RFC 9110 section 10.1.1: a request without content carries no 100-continue expectation.
        server.enqueue(redirect(303, "/result"));
        server.enqueue(new MockResponse().setBody("done"));
        FetchHandle<HttpResponse> handle = fetch.post(server.url("/submit").toString(), RequestBody.text("data"))
                .header("Expect", "100-continue").send();
        Frames.untilDone(fetch, handle);
        assertEquals("100-continue", server.takeRequest().getHeader("Expect"));
        RecordedRequest followed = server.takeRequest();
        assertEquals("GET", followed.getMethod());
        assertNull(followed.getHeader("Expect"));
    }

    @Test
    void temporaryRedirectKeepsMethodAndBody() throws Exception {
        server.enqueue(redirect(307, "/again"));
        server.enqueue(new MockResponse());
        Frames.untilDone(fetch, fetch.request("PUT", server.url("/put").toString()).body(RequestBody.text("v")).send());
        server.takeRequest();
        RecordedRequest followed = server.takeRequest();
        assertEquals("PUT", followed.getMethod());
        assertEquals("v", followed.getBody().readUtf8());
    }

    @Test
    void tooManyRedirectsFailWithAProtocolError() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(redirect(302, "/hop" + i));
        }
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(server.url("/hop").toString()).send(callback));
        FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
        assertTrue(failure.getMessage().contains("too many redirects"), failure.getMessage());
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void tooManyRedirectsNameEveryHopOfTheChain() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(redirect(302, "/hop" + i));
        }
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(server.url("/hop").toString()).send(callback));
        String message = callback.assertFailed(FailureKind.PROTOCOL).getMessage();
        assertTrue(message.contains("GET " + server.url("/hop") + " -> GET " + server.url("/hop0") + " -> GET "
                + server.url("/hop1") + " -> GET " + server.url("/hop2") + " -> GET " + server.url("/hop3")), message);
    }

    @Test
    void aRedirectNamingTwoDifferentLocationsFailsWithAProtocolError() {
        // Which of the two the server meant is unknowable; browsers refuse such a response too.
        server.enqueue(redirect(302, "/left").addHeader("Location", "/right"));
        server.enqueue(new MockResponse().setBody("one of them"));
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(server.url("/fork").toString()).send(callback));
        FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
        assertTrue(failure.getMessage().contains("Location") && failure.getMessage().contains("/left")
                && failure.getMessage().contains("/right"), failure.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aRedirectToALocationWithUserInfoFailsWithoutThePasswordInTheMessage() {
        // The failure is logged and shown; the password a server put in a Location stays out of it.
        String[] locations = {"http://agent:secret@127.0.0.1:" + server.getPort() + "/next",
            "http://agent:secret@127.0.0.1:" + server.getPort() + "/%zz", "//agent:secret@127.0.0.1/%zz"};
        for (String location : locations) {
            server.enqueue(redirect(302, location));
            Recorder<HttpResponse> callback = new Recorder<>();
            Frames.untilDone(fetch, fetch.get(server.url("/login").toString()).send(callback));
            FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
            assertTrue(failure.getMessage().contains("127.0.0.1"), failure.getMessage());
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), location + " -> " + t);
            }
        }
        assertEquals(locations.length, server.getRequestCount());
    }

    @Test
    void aRedirectRepeatingOneLocationIsFollowed() {
        server.enqueue(redirect(302, "/same").addHeader("Location", "/same"));
        server.enqueue(new MockResponse().setBody("arrived"));
        FetchHandle<String> handle = fetch.get(server.url("/twice").toString()).send(Decoders.text(), null);
        Frames.untilDone(fetch, handle);
        assertEquals("arrived", handle.result());
        assertEquals(server.url("/same").toString(), handle.response().url());
    }

    @Test
    void aRedirectWhosePageIsLargerThanTheBodyLimitIsStillFollowed() {
        // The limit is for the body the game gets; a redirect's page is never shown, and servers
        // pad it (an HTML "moved" page), so browsers follow whatever its size.
        StringBuilder page = new StringBuilder();
        while (page.length() < 5000) {
            page.append("<p>This page has moved.</p>");
        }
        server.enqueue(redirect(302, "/small").setBody(page.toString()));
        server.enqueue(new MockResponse().setBody("small"));
        FetchHandle<String> handle = fetch.get(server.url("/padded").toString()).maxResponseBytes(1000)
                .send(Decoders.text(), null);
        Frames.untilDone(fetch, handle);
        assertEquals("small", handle.result(), String.valueOf(handle.failure()));
    }

    @Test
    void aRedirectLoopIsDetected() {
        server.enqueue(redirect(302, "/b"));
        server.enqueue(redirect(302, "/a"));
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(server.url("/a").toString()).send(callback));
        FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
        assertTrue(failure.getMessage().contains("redirect loop"), failure.getMessage());
    }

    @Test
    void aLoginThatSetsACookieAndSendsThePlayerBackIsNoLoop() throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            // The page sends a player without a session to log in; the login sets one and sends them back.
            server.enqueue(redirect(302, "/auth?next=/app"));
            server.enqueue(redirect(302, "/app").addHeader("Set-Cookie", "sid=42; Path=/"));
            server.enqueue(new MockResponse().setBody("dashboard"));
            FetchHandle<String> handle = fetch.get(server.url("/app").toString()).send(Decoders.text(), null);
            Frames.untilDone(fetch, handle);
            assertEquals("dashboard", handle.result(), String.valueOf(handle.failure()));
            server.takeRequest();
            server.takeRequest();
            assertEquals("sid=42", server.takeRequest().getHeader("Cookie"));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aPageThatSetsACookieAndRedirectsToItselfIsFollowedOnce() throws Exception {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(redirect(302, "/page").addHeader("Set-Cookie", "checked=1; Path=/"));
            server.enqueue(new MockResponse().setBody("cookies work"));
            FetchHandle<String> handle = fetch.get(server.url("/page").toString()).send(Decoders.text(), null);
            Frames.untilDone(fetch, handle);
            assertEquals("cookies work", handle.result(), String.valueOf(handle.failure()));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void credentialsAreDroppedOnARedirectToAnotherHost() throws Exception {
        // 127.0.0.1 and localhost are different hosts to the client, even on one machine.
        String otherHost = "http://localhost:" + other.getPort() + "/elsewhere";
        server.enqueue(redirect(302, otherHost));
        server.enqueue(redirect(302, "/same-host"));
        server.enqueue(new MockResponse());
        other.enqueue(new MockResponse());
        String start = "http://127.0.0.1:" + server.getPort();
        FetchHandle<HttpResponse> crossHost = fetch.get(start + "/first").header("Authorization", "Bearer secret")
                .header("Cookie", "session=1").send();
        Frames.untilDone(fetch, crossHost);
        FetchHandle<HttpResponse> sameHost = fetch.get(start + "/second").header("Authorization", "Bearer secret")
                .send();
        Frames.untilDone(fetch, sameHost);

        assertEquals("Bearer secret", server.takeRequest().getHeader("Authorization"));
        RecordedRequest elsewhere = other.takeRequest();
        assertNull(elsewhere.getHeader("Authorization"));
        assertNull(elsewhere.getHeader("Cookie"));
        server.takeRequest();
        assertEquals("Bearer secret", server.takeRequest().getHeader("Authorization"),
                "a redirect on the same host keeps credentials");
    }

    @Test
    void aHostHeaderSetForTheFirstOriginIsNotSentToTheOneARedirectLeadsTo() throws Exception {
        server.enqueue(redirect(302, "http://localhost:" + other.getPort() + "/moved"));
        other.enqueue(new MockResponse());
        FetchHandle<HttpResponse> h = fetch.get("http://127.0.0.1:" + server.getPort() + "/vhost")
                .header("Host", "game.example").send();
        Frames.untilDone(fetch, h);
        assertEquals(200, h.status());
        assertEquals("game.example", server.takeRequest().getHeader("Host"));
        assertEquals("localhost:" + other.getPort(), other.takeRequest().getHeader("Host"));
    }

    @Test
    void httpsIsNeverDowngradedToHttp() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        HandshakeCertificates clientTls = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate()).build();
        MockWebServer secure = new MockWebServer();
        secure.useHttps(serverTls.sslSocketFactory(), false);
        secure.start();
        FetchManager tls = new FetchManager(FetchConfig.builder()
                .transport(Transports.sockets(clientTls.sslContext())).build());
        try {
            secure.enqueue(redirect(302, server.url("/plain").toString()));
            Recorder<HttpResponse> callback = new Recorder<>();
            Frames.untilDone(tls, tls.get("https://localhost:" + secure.getPort() + "/secure").send(callback));
            FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
            assertTrue(failure.getMessage().contains("from https"), failure.getMessage());
            assertEquals(0, server.getRequestCount(), "the plain-http server was never contacted");
        } finally {
            tls.dispose();
            secure.shutdown();
        }
    }
}
