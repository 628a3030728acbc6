package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded Jetty: an application that streams chunked bodies in pieces, with trailers, echoes
 * uploads (reading them only after its 100 Continue), ends a connection with
 * {@code Connection: close} when asked and tags a body with an ETag; static files from its
 * ResourceHandler; everything behind its GzipHandler, and connections closed after half an idle
 * second. Requests run with retries off, so a stale connection the client did not handle fails.
 */
class JettyHttpTest {
    @TempDir
    static File dir;
    private static Server server;
    private static ServerConnector connector;
    /** "METHOD path connection-id", one per request the application saw. */
    private static final List<String> seen = new ArrayList<>();
    private static String numbers;
    private static byte[] twentyMib;
    private FetchManager fetch;

    @BeforeAll
    static void startJetty() throws Exception {
        File root = new File(dir, "www");
        assertTrue(root.mkdirs());
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            lines.append(i).append('\n');
        }
        numbers = lines.toString();
        twentyMib = DownloadTest.content(20 << 20, 9);
        Files.write(new File(root, "numbers.txt").toPath(), numbers.getBytes(StandardCharsets.US_ASCII));
        Files.write(new File(root, "twenty.bin").toPath(), twentyMib);

        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setIdleTimeout(500);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(files).newResource(root.toPath()));
        files.setEtags(true);
        server.setHandler(new GzipHandler(new Handler.Sequence(new Application(), files)));
        server.start();
    }

    private static final class Application extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            synchronized (seen) {
                seen.add(request.getMethod() + " " + path + " " + request.getConnectionMetaData().getId());
            }
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, "text/plain");
            if (request.getHeaders().contains("X-Close")) {
                headers.put(HttpHeader.CONNECTION, "close");
            }
            switch (path) {
                case "/stream":
                    response.setTrailersSupplier(() -> HttpFields.build().put("X-Lines", "2000"));
                    try (OutputStream out = Content.Sink.asOutputStream(response)) {
                        byte[] b = numbers.getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < b.length; i += 1000) {
                            out.write(b, i, Math.min(1000, b.length - i));
                            out.flush();
                        }
                    }
                    callback.succeeded();
                    return true;
                case "/echo":
                    // Reading is what makes Jetty send 100 Continue to a request that expects it.
                    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                    Content.Sink.write(response, true, request.getMethod() + " " + body, callback);
                    return true;
                case "/tagged":
                    headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
                    headers.put(HttpHeader.ETAG, "\"v1\"");
                    // GzipHandler tags a compressed body "v1--gzip" and takes the suffix off again here.
                    if ("\"v1\"".equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
                        response.setStatus(304);
                        callback.succeeded();
                    } else {
                        Content.Sink.write(response, true, numbers, callback);
                    }
                    return true;
                default:
                    return false;
            }
        }
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    @BeforeEach
    void startManager() {
        fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none()).maxResponseBytes(64 << 20).build());
        synchronized (seen) {
            seen.clear();
        }
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    private static Recorder<HttpResponse> send(FetchManager manager, HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(manager, request.send(callback));
        callback.assertSucceeded();
        return callback;
    }

    /** The connection id of the application's {@code index}th request. */
    private static String connectionOf(int index) {
        synchronized (seen) {
            String[] parts = seen.get(index).split(" ");
            return parts[2];
        }
    }

    @Test
    void aGzippedChunkedBodyWithTrailersArrivesWholeAndItsConnectionCarriesTheNextRequest() {
        for (int i = 0; i < 3; i++) {
            Recorder<HttpResponse> r = send(fetch, fetch.get(url("/stream")));
            assertEquals(numbers, r.response.text());
            assertEquals(null, r.response.header("Content-Encoding"));
        }
        assertEquals(connectionOf(0), connectionOf(1));
        assertEquals(connectionOf(1), connectionOf(2));
    }

    @Test
    void connectionCloseMidSequenceAndAnIdleTimeoutNeverFailARequest() {
        byte[] upload = DownloadTest.content(300_000, 5);
        String text = new String(upload, StandardCharsets.ISO_8859_1).replaceAll("[^a-z]", "x");
        assertEquals(numbers, send(fetch, fetch.get(url("/stream"))).response.text());
        assertEquals(numbers, send(fetch, fetch.get(url("/stream")).header("X-Close", "1")).response.text());
        assertEquals("POST " + text, send(fetch, fetch.post(url("/echo"), RequestBody.text(text))).response.text());
        assertEquals(numbers, send(fetch, fetch.get(url("/stream")).header("X-Close", "1")).response.text());
        assertEquals("PUT " + text, send(fetch, fetch.request("PUT", url("/echo")).body(RequestBody.text(text)))
                .response.text());
        assertEquals(connectionOf(0), connectionOf(1));
        assertNotEquals(connectionOf(1), connectionOf(2));
        assertNotEquals(connectionOf(3), connectionOf(4));

        for (String method : new String[] {"GET", "POST"}) {
            long idle = System.nanoTime() + 1_000_000_000L;
            // Past the connector's idle timeout: Jetty has closed the pooled connection by now.
            Frames.until(fetch, () -> System.nanoTime() - idle > 0);
            HttpRequest.Builder request = method.equals("GET") ? fetch.get(url("/stream"))
                    : fetch.post(url("/echo"), RequestBody.text("after idle"));
            String expected = method.equals("GET") ? numbers : "POST after idle";
            assertEquals(expected, send(fetch, request).response.text());
        }
    }

    @Test
    void aPostExpecting100ContinueIsAnsweredWithItsBodyRead() {
        String text = numbers.replace('\n', ',');
        Recorder<HttpResponse> r = send(fetch, fetch.post(url("/echo"), RequestBody.text(text))
                .header("Expect", "100-continue"));
        assertEquals(200, r.response.status());
        assertEquals("POST " + text, r.response.text());
    }

    @Test
    void anEtagGzipHandlerSuffixedIsRevalidatedWith304() {
        FetchManager cached = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none())
                .httpCache(new FileHandle(new File(dir, "cache")), 1 << 20).build());
        try {
            Recorder<HttpResponse> first = send(cached, cached.get(url("/tagged")));
            assertEquals("\"v1--gzip\"", first.response.header("ETag"));
            Recorder<HttpResponse> second = send(cached, cached.get(url("/tagged")));
            assertEquals(ResponseSource.REVALIDATED, second.response.source());
            assertEquals(numbers, second.response.text());
        } finally {
            cached.dispose();
        }
    }

    @Test
    void rangesHeadAndA404PageFromJettysOwnHandlers() {
        Recorder<HttpResponse> range = send(fetch, fetch.get(url("/numbers.txt")).header("Range", "bytes=0-3"));
        assertEquals(206, range.response.status());
        assertEquals("1\n2\n", range.response.text());
        assertEquals("bytes 0-3/" + numbers.length(), range.response.header("Content-Range"));
        Recorder<HttpResponse> tail = send(fetch, fetch.get(url("/twenty.bin")).header("Range", "bytes=1000-"));
        assertArrayEquals(Arrays.copyOfRange(twentyMib, 1000, twentyMib.length), tail.response.body());

        Recorder<HttpResponse> head = send(fetch, fetch.request("HEAD", url("/numbers.txt")));
        assertEquals(Integer.toString(numbers.length()), head.response.header("Content-Length"));
        assertEquals(0, head.response.body().length);

        Recorder<HttpResponse> missing = send(fetch, fetch.get(url("/nowhere")));
        assertEquals(404, missing.response.status());
        assertTrue(missing.response.text().contains("HTTP ERROR 404"), missing.response.text());
    }

    @Test
    void aDownloadOfAFileWithOnlyAWeakEtagStartsAgainFromZeroByteExact() throws Exception {
        File dest = new File(dir, "twenty.bin");
        DownloadHandle first = fetch.download(url("/twenty.bin"), new FileHandle(dest)).send();
        Frames.until(fetch, () -> first.bytesWritten() > 0);
        first.cancel();
        Frames.untilDone(fetch, first);
        assertTrue(first.isCancelled(), String.valueOf(first.state()));

        DownloadHandle second = fetch.download(url("/twenty.bin"), new FileHandle(dest))
                .sha256(DownloadTest.sha256(twentyMib)).send();
        Frames.untilDone(fetch, second);
        assertTrue(second.isSuccess(), String.valueOf(second.failure()));
        // ResourceHandler's ETags are weak, which If-Range may not carry (RFC 9110 section 13.1.5).
        assertTrue(second.response().header("ETag").startsWith("W/"), second.response().header("ETag"));
        assertEquals(0, second.resumedFrom());
        assertArrayEquals(twentyMib, Files.readAllBytes(dest.toPath()));
    }

    @Test
    void aHeadTooLargeForJettyIsAnswered431AndTheNextRequestGoesThrough() {
        // Jetty reads at most 8 KiB of head; it answers 431 with a length, whether or not the
        // rest of the head (64 KiB, or 16 MiB that cannot all be written first) was read.
        for (int size : new int[] {64 << 10, 16 << 20}) {
            char[] value = new char[size];
            Arrays.fill(value, 'a');
            Recorder<HttpResponse> refused = send(fetch, fetch.get(url("/numbers.txt")).header("X-Big", new String(value)));
            assertEquals(431, refused.response.status(), "a head of " + size + " bytes");
        }
        assertEquals(numbers, send(fetch, fetch.get(url("/numbers.txt"))).response.text());
    }
}
