package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.testing.HttpbinForClass;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request manager against another project's server: httpbin under gunicorn, which echoes
 * what it received, compresses, streams chunked bodies, redirects and stalls on request.
 */
class HttpbinTest {
    @RegisterExtension
    static final HttpbinForClass httpbin = new HttpbinForClass();
    private FetchManager fetch;

    @BeforeEach
    void startManager() {
        fetch = new FetchManager(FetchConfig.builder().maxRedirects(5).build());
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private <T> T succeed(HttpRequest.Builder request, ResponseDecoder<T> decoder) {
        Recorder<T> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(decoder, callback));
        return callback.assertSucceeded();
    }

    private JsonValue echo(HttpRequest.Builder request) {
        return succeed(request, Decoders.jsonTree());
    }

    @Test
    void everyMethodArrivesWithItsBodyAndContentType() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            String path = "/" + method.toLowerCase();
            JsonValue echoed = echo(fetch.request(method, httpbin.url(path))
                    .body(RequestBody.jsonText("{\"score\":42,\"name\":\"Zoë\"}")));
            assertEquals(42, echoed.get("json").getInt("score"), method);
            assertEquals("Zoë", echoed.get("json").getString("name"), method);
            assertTrue(echoed.get("headers").getString("Content-Type").startsWith("application/json"), method);
        }
    }

    @Test
    void queryParametersAndHeadersReachTheServer() {
        JsonValue echoed = echo(fetch.get(httpbin.url("/get?level=3"))
                .addQuery("player", "Zoë & co")
                .header("X-Game", "gdx-fetch test")
                .userAgent("test-agent/1"));
        assertEquals("3", echoed.get("args").getString("level"));
        assertEquals("Zoë & co", echoed.get("args").getString("player"));
        assertEquals("gdx-fetch test", echoed.get("headers").getString("X-Game"));
        assertEquals("test-agent/1", echoed.get("headers").getString("User-Agent"));
    }

    @Test
    void cookiesTheServerSetsOnARedirectComeBackWithAnInstalledCookieHandler() {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager());
        try {
            JsonValue echoed = echo(fetch.get(httpbin.url("/cookies/set?level=7&player=ada")));
            assertEquals("7", echoed.get("cookies").getString("level"));
            assertEquals("ada", echoed.get("cookies").getString("player"));
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void formBodiesAreReadAsFormsByTheServer() {
        JsonValue echoed = echo(fetch.post(httpbin.url("/post"), RequestBody.form("name", "a b", "score", "7")));
        assertEquals("a b", echoed.get("form").getString("name"));
        assertEquals("7", echoed.get("form").getString("score"));
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() {
        assertTrue(echo(fetch.get(httpbin.url("/gzip"))).getBoolean("gzipped"));
        assertTrue(echo(fetch.get(httpbin.url("/deflate"))).getBoolean("deflated"));
    }

    @Test
    void aBrotliBodyTheServerSendsUnaskedArrivesAsSentAndIsNotReadAsJson() {
        // httpbin's /brotli codes its answer whatever Accept-Encoding says.
        Recorder<byte[]> bytes = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/brotli")).send(Decoders.bytes(), bytes));
        assertTrue(bytes.assertSucceeded().length > 0);
        assertEquals("br", bytes.response.header("Content-Encoding"));

        Recorder<JsonValue> json = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/brotli")).send(Decoders.jsonTree(), json));
        String message = json.assertFailed(FailureKind.DECODE).getMessage();
        assertTrue(message.contains("Content-Encoding 'br'"), message);
    }

    @Test
    void chunkedStreamsArriveWholeAndInOrder() {
        String lines = succeed(fetch.get(httpbin.url("/stream/25")), Decoders.text());
        String[] split = lines.trim().split("\n");
        assertEquals(25, split.length);
        for (int i = 0; i < split.length; i++) {
            assertTrue(split[i].contains("\"id\": " + i), split[i]);
        }
        byte[] bytes = succeed(fetch.get(httpbin.url("/stream-bytes/100000?chunk_size=777&seed=3")), Decoders.bytes());
        assertEquals(100_000, bytes.length);
    }

    @Test
    void relativeAndAbsoluteRedirectChainsAreFollowed() {
        for (String path : new String[] {"/redirect/4", "/relative-redirect/4", "/absolute-redirect/4"}) {
            Recorder<HttpResponse> callback = new Recorder<>();
            Frames.untilDone(fetch, fetch.get(httpbin.url(path)).send(callback));
            callback.assertSucceeded();
            assertEquals(httpbin.url("/get"), callback.response.url(), path);
        }
    }

    @Test
    void aRedirectChainLongerThanTheLimitFailsAsProtocol() {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/redirect/8")).send(callback));
        FetchException failure = callback.assertFailed(FailureKind.PROTOCOL);
        assertTrue(failure.getMessage().contains(httpbin.url("/redirect/8")), failure.getMessage());
    }

    @Test
    void aTemporaryRedirectOfAPostKeepsItsMethodAndBody() {
        String target = httpbin.url("/post");
        JsonValue echoed = echo(fetch.post(httpbin.url("/redirect-to?status_code=307&url=" + target),
                RequestBody.text("kept")));
        assertEquals("kept", echoed.getString("data"));
    }

    @Test
    void errorStatusesAreResponsesOrFailuresAsTheRequestAsks() {
        Recorder<HttpResponse> plain = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/status/418")).send(plain));
        assertEquals(418, plain.assertSucceeded() == null ? -1 : plain.response.status());
        Recorder<HttpResponse> strict = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/status/503")).failOnHttpError(true).send(strict));
        strict.assertFailed(FailureKind.HTTP_STATUS);
    }

    @Test
    void aServerSlowerThanTheReadTimeoutFailsWithReadTimeout() {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/delay/5")).readTimeout(300).send(callback));
        FetchException failure = callback.assertFailed(FailureKind.READ_TIMEOUT);
        assertTrue(failure.getMessage().contains("/delay/5"), failure.getMessage());
    }

    @Test
    void aBodyDrippingInSlowlyArrivesWithProgress() {
        List<Long> progress = new ArrayList<>();
        FetchHandle<byte[]> handle = fetch.get(httpbin.url("/drip?duration=1&numbytes=8&code=200&delay=0"))
                .send(Decoders.bytes(), null);
        Frames.until(fetch, () -> {
            long received = handle.bytesReceived();
            if (progress.isEmpty() || progress.get(progress.size() - 1) != received) {
                progress.add(received);
            }
            return handle.isDone();
        });
        assertArrayEquals("********".getBytes(StandardCharsets.US_ASCII), handle.result());
        assertTrue(progress.size() >= 3, "progress seen: " + progress);
    }

    @Test
    void basicAuthenticationIsSentAsWritten() {
        JsonValue echoed = echo(fetch.get(httpbin.url("/basic-auth/ann/s3cret"))
                .header("Authorization", "Basic YW5uOnMzY3JldA=="));
        assertTrue(echoed.getBoolean("authenticated"));
    }

    @Test
    void repeatedResponseHeadersAreAllKept() {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/response-headers?X-Seen=one&X-Seen=two")).send(callback));
        callback.assertSucceeded();
        assertEquals(List.of("one", "two"), callback.response.headers().values("X-Seen"));
    }

    @Test
    void aRangeRequestGetsPartialContent() {
        Recorder<byte[]> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/range/1000")).header("Range", "bytes=10-19")
                .send(Decoders.bytes(), callback));
        assertEquals("klmnopqrst", new String(callback.assertSucceeded(), StandardCharsets.US_ASCII));
        assertEquals(206, callback.response.status());
    }

    @Test
    void notModifiedAndNoContentCarryNoBody() {
        Recorder<HttpResponse> etag = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/etag/v1")).header("If-None-Match", "\"v1\"").send(etag));
        etag.assertSucceeded();
        assertEquals(304, etag.response.status());
        assertEquals(0, etag.response.body().length);
        Recorder<HttpResponse> empty = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/status/204")).send(empty));
        empty.assertSucceeded();
        assertEquals(204, empty.response.status());
        assertEquals(0, empty.response.body().length);
        Recorder<HttpResponse> head = new Recorder<>();
        Frames.untilDone(fetch, fetch.request("HEAD", httpbin.url("/bytes/5000")).send(head));
        head.assertSucceeded();
        assertEquals(0, head.response.body().length);
    }

    @Test
    void manyRequestsAtOnceOverKeptAliveConnectionsEachEndOnce() {
        List<FetchHandle<JsonValue>> handles = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            handles.add(fetch.get(httpbin.url("/anything/" + i)).send(Decoders.jsonTree(), null));
        }
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        for (int i = 0; i < handles.size(); i++) {
            assertEquals(httpbin.url("/anything/" + i), handles.get(i).result().getString("url"));
        }
    }

    @Test
    void utf8TextIsDecodedWithItsCharset() {
        String text = "Zoë ∮ 漢字";
        String encoded = Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, succeed(fetch.get(httpbin.url("/base64/" + encoded)), Decoders.text()));
    }

    @Test
    void aDigestChallengeArrivesAsA401WithItsChallengeRatherThanHanging() {
        // The library answers no authentication challenge: the game sees the 401 and its challenge.
        Recorder<HttpResponse> digest = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/digest-auth/auth/ann/s3cret")).send(digest));
        digest.assertSucceeded();
        assertEquals(401, digest.response.status());
        assertTrue(digest.response.header("WWW-Authenticate").startsWith("Digest "),
                digest.response.header("WWW-Authenticate"));
        Recorder<HttpResponse> strict = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/digest-auth/auth/ann/s3cret")).failOnHttpError(true).send(strict));
        assertEquals(401, strict.assertFailed(FailureKind.HTTP_STATUS).response().status());
    }

    @Test
    void aGapInTheMiddleOfABodyLongerThanTheReadTimeoutFailsWithReadTimeout() {
        // Two bytes over four seconds: the first at once, the second two seconds later.
        Recorder<byte[]> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/drip?duration=4&numbytes=2&delay=0")).readTimeout(500)
                .send(Decoders.bytes(), callback));
        String message = callback.assertFailed(FailureKind.READ_TIMEOUT).getMessage();
        assertTrue(message.contains("/drip"), message);
    }

    @Test
    void aServerSlowerThanTheTotalTimeoutFailsWithTotalTimeoutOnTime() {
        long start = System.nanoTime();
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, fetch.get(httpbin.url("/delay/5")).totalTimeout(300).send(callback));
        callback.assertFailed(FailureKind.TOTAL_TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 4_000, "ended after " + millis + " ms, not at the 300 ms total timeout");
    }

    @Test
    void aNonAsciiPathAndQueryReachTheServerPercentEncodedAsUtf8() {
        JsonValue echoed = echo(fetch.get(httpbin.url("/anything/zoë ü/漢字?q=ü+x&r=a%20b")).addQuery("p", "漢 字&="));
        assertEquals("ü x", echoed.get("args").getString("q"));
        assertEquals("a b", echoed.get("args").getString("r"));
        assertEquals("漢 字&=", echoed.get("args").getString("p"));
        // httpbin shows the path decoded again, with the space still escaped.
        assertTrue(echoed.getString("url").contains("/anything/zoë%20ü/漢字?"), echoed.getString("url"));
    }

    @Test
    void theSameSeededBytesArriveAlikeWithAContentLengthAndInSmallChunks() {
        // httpbin draws both from Python's random generator seeded alike.
        byte[] sized = succeed(fetch.get(httpbin.url("/bytes/50000?seed=7")), Decoders.bytes());
        byte[] chunked = succeed(fetch.get(httpbin.url("/stream-bytes/50000?seed=7&chunk_size=333")), Decoders.bytes());
        assertEquals(50_000, sized.length);
        assertArrayEquals(sized, chunked);
    }

    @Test
    void aCookieTheServerDeletesIsNoLongerSent() {
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager());
        try {
            echo(fetch.get(httpbin.url("/cookies/set?level=7&player=ada")));
            // httpbin deletes with an empty value, Max-Age=0 and an Expires in 1970, redirecting to /cookies.
            JsonValue left = echo(fetch.get(httpbin.url("/cookies/delete?level"))).get("cookies");
            assertEquals(1, left.size, left.toString());
            assertEquals("ada", left.getString("player"));
        } finally {
            CookieHandler.setDefault(before);
        }
    }
}
