package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.testing.HttpbinForClass;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What httpbin sees and answers, held against RFC 9110 and against what curl does with the same
 * endpoints.
 */
class HttpbinConformanceTest {
    @RegisterExtension
    static final HttpbinForClass httpbin = new HttpbinForClass();
    private FetchManager fetch;

    @BeforeEach
    void startManager() {
        fetch = new FetchManager();
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private JsonValue echo(HttpRequest.Builder request) {
        Recorder<JsonValue> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(Decoders.jsonTree(), callback));
        return callback.assertSucceeded();
    }

    @Test
    void a303AfterPostFetchesTheTargetWithGetAndWithoutTheBodysHeaders() {
        JsonValue echoed = echo(fetch.post(httpbin.url("/redirect-to?status_code=303&url=/anything"),
                RequestBody.text("gone")).header("Content-Language", "en").header("X-Kept", "yes"));
        assertEquals("GET", echoed.getString("method"));
        assertEquals("", echoed.getString("data"));
        JsonValue headers = echoed.get("headers");
        assertFalse(headers.has("Content-Type"), headers.toString());
        assertFalse(headers.has("Content-Language"), headers.toString());
        assertFalse(headers.has("Content-Length"), headers.toString());
        assertEquals("yes", headers.getString("X-Kept"));
    }

    @Test
    void a308AfterPutKeepsTheMethodBodyAndItsHeaders() {
        JsonValue echoed = echo(fetch.request("PUT", httpbin.url("/redirect-to?status_code=308&url=/anything"))
                .body(RequestBody.text("kept")).header("Content-Language", "en"));
        assertEquals("PUT", echoed.getString("method"));
        assertEquals("kept", echoed.getString("data"));
        assertEquals("en", echoed.get("headers").getString("Content-Language"));
    }

    @Test
    void aRangeRequestAsksForNoCompression() {
        JsonValue headers = echo(fetch.get(httpbin.url("/headers")).header("Range", "bytes=0-")).get("headers");
        assertFalse(headers.has("Accept-Encoding"), headers.toString());
        JsonValue plain = echo(fetch.get(httpbin.url("/headers"))).get("headers");
        assertTrue(plain.getString("Accept-Encoding").contains("gzip"), plain.toString());
        assertFalse(plain.getString("Accept-Encoding").contains("br"), plain.toString());
    }

    @Test
    void aBodySentWithoutAContentTypeIsNotReadAsAFormThroughEitherTransport() {
        byte[] body = "level=3&x=1".getBytes(StandardCharsets.US_ASCII);
        JsonValue sockets = echo(fetch.post(httpbin.url("/post"), RequestBody.bytes(body, null)));
        assertEquals("level=3&x=1", sockets.getString("data"));
        assertEquals(0, sockets.get("form").size);
        assertFalse(sockets.get("headers").has("Content-Type"), sockets.toString());

        // The JDK's HttpURLConnection under Gdx.net labels a POST body without a type as a form.
        HeadlessApplication app = HeadlessApp.start();
        FetchManager gdxNet = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try {
            Recorder<JsonValue> callback = new Recorder<>();
            Frames.untilDone(gdxNet, gdxNet.post(httpbin.url("/post"), RequestBody.bytes(body, null))
                    .send(Decoders.jsonTree(), callback));
            JsonValue echoed = callback.assertSucceeded();
            assertEquals("level=3&x=1", echoed.getString("data"), echoed.toString());
            assertEquals(0, echoed.get("form").size, echoed.toString());
        } finally {
            gdxNet.dispose();
            app.exit();
        }
    }
}
