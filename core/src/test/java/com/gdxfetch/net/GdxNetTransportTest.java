package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import okhttp3.mockwebserver.MockResponse;
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
}
