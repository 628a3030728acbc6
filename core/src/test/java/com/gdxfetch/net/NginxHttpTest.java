package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain requests against nginx configured as sites commonly are: gzip on for text, a form that
 * answers its POST with a 303 back to itself, a folder that takes files by PUT (its DAV module).
 */
class NginxHttpTest {
    @TempDir
    static File dir;
    private static Nginx nginx;
    private static String numbers;
    private FetchManager fetch;

    @BeforeAll
    static void startNginx() throws Exception {
        File root = new File(dir, "root");
        File prefix = new File(dir, "nginx");
        assertTrue(root.mkdirs() && prefix.mkdirs());
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            lines.append(i).append('\n');
        }
        numbers = lines.toString();
        Files.write(new File(root, "numbers.txt").toPath(), numbers.getBytes(StandardCharsets.US_ASCII));
        nginx = new Nginx(prefix, "  gzip on;\n  gzip_types text/plain;\n  types { text/plain txt; }\n",
                "    listen 127.0.0.1:%PORT%;\n    root " + root.getAbsolutePath() + ";\n"
                        + "    location = /form {\n      if ($request_method = POST) { return 303 /form; }\n"
                        + "      return 200 \"form for $request_method\";\n    }\n"
                        + "    location /saves/ {\n      dav_methods PUT;\n      create_full_put_path on;\n    }\n");
    }

    @AfterAll
    static void stopNginx() throws Exception {
        nginx.close();
    }

    @BeforeEach
    void startManager() {
        fetch = new FetchManager();
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private Recorder<HttpResponse> send(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(callback));
        callback.assertSucceeded();
        return callback;
    }

    @Test
    void aPostAnsweredWithA303BackToItsOwnUrlFetchesThatUrlWithGet() {
        Recorder<HttpResponse> callback = send(fetch.post(nginx.url("/form"), RequestBody.text("name=ann")));
        assertEquals(200, callback.response.status());
        assertEquals("form for GET", callback.response.text());
        assertEquals(nginx.url("/form"), callback.response.url());
    }

    @Test
    void aRangeRequestToAServerThatCompressesGetsItsPartialContent() {
        Recorder<HttpResponse> callback = send(fetch.get(nginx.url("/numbers.txt")).header("Range", "bytes=0-3"));
        assertEquals(206, callback.response.status());
        assertEquals("1\n2\n", callback.response.text());
        assertEquals("bytes 0-3/" + numbers.length(), callback.response.header("Content-Range"));
    }

    @Test
    void aRangePastTheEndIsAnswered416() {
        Recorder<HttpResponse> callback = send(fetch.get(nginx.url("/numbers.txt")).header("Range", "bytes=99999-"));
        assertEquals(416, callback.response.status());
        assertEquals("bytes */" + numbers.length(), callback.response.header("Content-Range"));
    }

    @Test
    void severalRangesArriveAsOneMultipartBody() {
        Recorder<HttpResponse> callback = send(fetch.get(nginx.url("/numbers.txt")).header("Range", "bytes=0-1,4-5"));
        assertEquals(206, callback.response.status());
        String type = callback.response.header("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String body = callback.response.text();
        assertTrue(body.contains("Content-Range: bytes 0-1/" + numbers.length() + "\r\n\r\n1\n"), body);
        assertTrue(body.contains("Content-Range: bytes 4-5/" + numbers.length() + "\r\n\r\n3\n"), body);
    }

    @Test
    void aHeadRequestToAServerThatCompressesReportsTheFilesLength() {
        Recorder<HttpResponse> callback = send(fetch.request("HEAD", nginx.url("/numbers.txt")));
        assertEquals(200, callback.response.status());
        assertEquals(Integer.toString(numbers.length()), callback.response.header("Content-Length"));
        assertEquals(0, callback.response.body().length);
    }

    @Test
    void aBodyCachedStillCompressedForACallerWhoAskedForGzipIsNotGivenToAPlainRequest() {
        FetchManager cached = new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(new File(dir, "cache-" + System.nanoTime())), 1 << 20).build());
        try {
            Recorder<HttpResponse> coded = new Recorder<>();
            Frames.untilDone(cached, cached.get(nginx.url("/numbers.txt")).header("Accept-Encoding", "gzip").send(coded));
            coded.assertSucceeded();
            assertEquals("gzip", coded.response.header("Content-Encoding"));

            Recorder<String> plain = new Recorder<>();
            Frames.untilDone(cached, cached.get(nginx.url("/numbers.txt")).send(Decoders.text(), plain));
            assertEquals(numbers, plain.assertSucceeded());
            assertEquals(null, plain.response.header("Content-Encoding"));
        } finally {
            cached.dispose();
        }
    }

    @Test
    void aWholeTextFileIsStillCompressedAndDecoded() {
        Recorder<HttpResponse> callback = send(fetch.get(nginx.url("/numbers.txt")));
        assertEquals(numbers, callback.response.text());
        assertEquals(null, callback.response.header("Content-Encoding"));
    }

    @Test
    void anEmptyPutIsStoredByNginxThroughEitherTransport() throws Exception {
        // RFC 9110 section 8.6: a PUT says its empty content with Content-Length: 0. Without one,
        // nginx's DAV module answers 500 ("PUT request body must be in a file").
        assertEquals(201, send(fetch.request("PUT", nginx.url("/saves/sockets.txt"))).response.status());

        HeadlessApplication app = HeadlessApp.start();
        FetchManager gdxNet = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none())
                .transport(Transports.gdxNet()).build());
        try {
            Recorder<HttpResponse> callback = new Recorder<>();
            Frames.untilDone(gdxNet, gdxNet.request("PUT", nginx.url("/saves/gdx-net.txt")).send(callback));
            callback.assertSucceeded();
            assertEquals(201, callback.response.status(), nginx.log("error.log"));
        } finally {
            gdxNet.dispose();
            app.exit();
        }
        assertEquals(0, new File(dir, "root/saves/gdx-net.txt").length());
        assertTrue(new File(dir, "root/saves/gdx-net.txt").isFile());
    }
}
