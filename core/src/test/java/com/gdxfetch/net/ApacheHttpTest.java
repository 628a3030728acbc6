package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache httpd as it is commonly set up: mod_deflate compressing text (and so tagging its ETags
 * {@code -gzip}), ETag and Last-Modified on, keep-alive connections closed after three requests
 * or one idle second, mod_alias redirects, a 404 page with a body.
 */
class ApacheHttpTest {
    @TempDir
    static File dir;
    private static Apache apache;
    private static String numbers;
    private static byte[] oneMib;
    private static byte[] twentyMib;
    private static byte[] packTarGz;
    private FetchManager fetch;

    @BeforeAll
    static void startApache() throws Exception {
        File root = new File(dir, "www");
        File prefix = new File(dir, "apache");
        assertTrue(root.mkdirs() && prefix.mkdirs());
        // Started as root, httpd reads files as nobody.
        for (File f : new File[] {dir, root}) {
            assertTrue(f.setExecutable(true, false) && f.setReadable(true, false));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            lines.append(i).append('\n');
        }
        numbers = lines.toString();
        oneMib = DownloadTest.content(1 << 20, 7);
        twentyMib = DownloadTest.content(20 << 20, 8);
        write(new File(root, "numbers.txt"), numbers.getBytes(StandardCharsets.US_ASCII));
        write(new File(root, "one.bin"), oneMib);
        write(new File(root, "twenty.bin"), twentyMib);
        write(new File(root, "missing.html"), "<p>no such page</p>\n".getBytes(StandardCharsets.US_ASCII));
        packTarGz = DownloadHostileServerTest.gzip(DownloadTest.content(512 << 10, 9));
        write(new File(root, "pack.tar.gz"), packTarGz);
        apache = new Apache(root, prefix, "KeepAlive On\nMaxKeepAliveRequests 3\nKeepAliveTimeout 1\n"
                + "FileETag MTime Size\nAddOutputFilterByType DEFLATE text/plain text/html\n"
                + "Redirect 301 /moved /numbers.txt\nRedirect 302 /found /numbers.txt\n"
                + "Redirect 307 /temp /numbers.txt\nRedirect 308 /perm /numbers.txt\n"
                + "ErrorDocument 404 /missing.html\nHeader set X-Served-By apache\n"
                + "Header set Cache-Control no-cache\n"
                // The stock configuration's line, which labels every .gz file as coded.
                + "AddEncoding x-gzip .gz .tgz\n");
    }

    private static void write(File f, byte[] b) throws Exception {
        Files.write(f.toPath(), b);
        f.setReadable(true, false);
        // A day old: httpd makes the ETag of a file changed within the last second weak.
        f.setLastModified(System.currentTimeMillis() - 86_400_000L);
    }

    @AfterAll
    static void stopApache() throws Exception {
        if (apache != null) {
            apache.close();
        }
    }

    @BeforeEach
    void startManager() {
        fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none()).maxResponseBytes(64 << 20).build());
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private static Recorder<HttpResponse> send(FetchManager manager, HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(manager, request.send(callback));
        callback.assertSucceeded();
        return callback;
    }

    /** Runs frames until httpd has logged a line containing {@code text} (it logs once a response is sent). */
    private void awaitLogged(String text) {
        Frames.until(fetch, () -> {
            try {
                return apache.log("access.log").contains(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void bodiesArriveByteExactOverConnectionsApacheClosesAfterEveryFewRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(numbers, send(fetch, fetch.get(apache.url("/numbers.txt?" + i))).response.text());
            assertArrayEquals(oneMib, send(fetch, fetch.get(apache.url("/one.bin?" + i))).response.body());
            assertArrayEquals(twentyMib, send(fetch, fetch.get(apache.url("/twenty.bin?" + i))).response.body());
        }
        // %k is how many requests the connection had carried before: these were reused.
        awaitLogged(" 2 GET /twenty.bin?0 ");
        awaitLogged(" 3 GET /numbers.txt?1 ");
    }

    @Test
    void aTarGzApacheLabelsAsCodedIsStoredAsPublishedAndResumedFromItsOwnBytes() throws Exception {
        FileHandle dest = new FileHandle(new File(dir, "pack.tar.gz"));
        String url = apache.url("/pack.tar.gz");
        // At 200 KB/s, cancelled part of the way: the partial is kept for a resume.
        DownloadHandle slow = fetch.download(url, dest).header("X-Slow", "1").send();
        Frames.until(fetch, () -> slow.bytesWritten() >= 64 << 10);
        slow.cancel();
        Frames.untilDone(fetch, slow);
        // The cancelled exchange may still be writing its last chunk: the resume's range says where it ended.
        long kept = new File(dir, "pack.tar.gz.part").length();
        assertTrue(kept >= 64 << 10, "partial of " + kept + " bytes");

        DownloadHandle resumed = fetch.download(url, dest).sha256(DownloadTest.sha256(packTarGz)).send();
        Frames.untilDone(fetch, resumed);
        assertTrue(resumed.isSuccess(), String.valueOf(resumed.failure()));
        assertEquals("x-gzip", resumed.response().header("Content-Encoding"));
        assertArrayEquals(packTarGz, dest.readBytes());
        awaitLogged("GET /pack.tar.gz HTTP/1.1 206 bytes=");
        String log = apache.log("access.log");
        int at = log.indexOf("GET /pack.tar.gz HTTP/1.1 206 bytes=") + "GET /pack.tar.gz HTTP/1.1 206 bytes=".length();
        long from = Long.parseLong(log.substring(at, log.indexOf('-', at)));
        assertTrue(from >= kept && from < packTarGz.length, "resumed from byte " + from + " of a partial of " + kept);
        assertEquals(from, resumed.resumedFrom());
    }

    @Test
    void requestsAfterApacheClosedTheIdleConnectionGoOutOnAFreshOne() throws Exception {
        send(fetch, fetch.get(apache.url("/numbers.txt?idle")));
        long idle = System.nanoTime() + 2_000_000_000L;
        // Past KeepAliveTimeout: httpd has closed the pooled connection by now.
        Frames.until(fetch, () -> System.nanoTime() - idle > 0);
        assertEquals(numbers, send(fetch, fetch.get(apache.url("/numbers.txt?after-idle"))).response.text());

        long idleAgain = System.nanoTime() + 2_000_000_000L;
        Frames.until(fetch, () -> System.nanoTime() - idleAgain > 0);
        Recorder<HttpResponse> post = send(fetch, fetch.post(apache.url("/numbers.txt?post"), RequestBody.text("a=b")));
        assertEquals(200, post.response.status());
        assertEquals(numbers, post.response.text());
        awaitLogged(" 0 POST /numbers.txt?post ");
    }

    @Test
    void cachedBodiesAreRevalidatedAndAGzipTaggedEtagApacheCannotMatchGetsTheWholeBodyAgain() throws Exception {
        FetchManager cached = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none())
                .httpCache(new FileHandle(new File(dir, "cache")), 64 << 20).build());
        try {
            assertEquals(ResponseSource.NETWORK, send(cached, cached.get(apache.url("/one.bin"))).response.source());
            Recorder<HttpResponse> again = send(cached, cached.get(apache.url("/one.bin")));
            assertEquals(ResponseSource.REVALIDATED, again.response.source());
            assertArrayEquals(oneMib, again.response.body());

            Recorder<HttpResponse> first = send(cached, cached.get(apache.url("/numbers.txt")));
            String etag = first.response.header("ETag");
            assertTrue(etag.endsWith("-gzip\""), etag);
            // httpd compares If-None-Match with the file's own ETag, without mod_deflate's suffix,
            // so it never answers 304 here; the client must take the 200 whole, decoded.
            Recorder<HttpResponse> second = send(cached, cached.get(apache.url("/numbers.txt")));
            assertEquals(200, second.response.status());
            assertEquals(ResponseSource.NETWORK, second.response.source());
            assertEquals(numbers, second.response.text());
            awaitLogged(" 200 - " + etag.replace("\"", "\\\"") + " ");
        } finally {
            cached.dispose();
        }
    }

    @Test
    void aDownloadCutShortIsResumedFromApacheByteExact() throws Exception {
        File dest = new File(dir, "one.bin");
        FileHandle d = new FileHandle(dest);
        // Served slowly, so that the cancel lands mid-body.
        DownloadHandle first = fetch.download(apache.url("/one.bin"), d).header("X-Slow", "1").send();
        Frames.until(fetch, () -> first.bytesWritten() > 0);
        assertTrue(first.cancel());
        Frames.untilDone(fetch, first);

        DownloadHandle second = fetch.download(apache.url("/one.bin"), d).sha256(DownloadTest.sha256(oneMib)).send();
        Frames.untilDone(fetch, second);
        assertTrue(second.isSuccess(), String.valueOf(second.failure()));
        assertArrayEquals(oneMib, Files.readAllBytes(dest.toPath()));
        long resumedFrom = second.resumedFrom();
        assertTrue(resumedFrom > 0 && resumedFrom < oneMib.length, "resumed from " + resumedFrom);
        awaitLogged(" GET /one.bin HTTP/1.1 206 bytes=" + resumedFrom + "- ");
    }

    @Test
    void rangesAndHeadOfACompressedFileAreOfTheFileItself() {
        Recorder<HttpResponse> range = send(fetch, fetch.get(apache.url("/numbers.txt")).header("Range", "bytes=0-3"));
        assertEquals(206, range.response.status());
        assertEquals("1\n2\n", range.response.text());
        assertEquals("bytes 0-3/" + numbers.length(), range.response.header("Content-Range"));

        Recorder<HttpResponse> tail = send(fetch, fetch.get(apache.url("/twenty.bin")).header("Range", "bytes=1000-"));
        assertArrayEquals(Arrays.copyOfRange(twentyMib, 1000, twentyMib.length), tail.response.body());

        Recorder<HttpResponse> head = send(fetch, fetch.request("HEAD", apache.url("/numbers.txt")));
        assertEquals(Integer.toString(numbers.length()), head.response.header("Content-Length"));
        assertEquals(0, head.response.body().length);
        assertEquals("apache", head.response.header("X-Served-By"));
    }

    @Test
    void redirectsTurnAPostIntoAGetOnlyFor301And302() {
        String[][] cases = {{"/moved", "GET"}, {"/found", "GET"}, {"/temp", "POST"}, {"/perm", "POST"}};
        for (String[] c : cases) {
            Recorder<HttpResponse> r = send(fetch, fetch.post(apache.url(c[0]), RequestBody.text("x=1")));
            assertEquals(numbers, r.response.text());
            assertEquals(apache.url("/numbers.txt"), r.response.url());
            awaitLogged(" " + c[1] + " /numbers.txt HTTP/1.1 200 ");
        }
    }

    @Test
    void a404PageArrivesWithItsBody() {
        Recorder<HttpResponse> r = send(fetch, fetch.get(apache.url("/nowhere")));
        assertEquals(404, r.response.status());
        assertEquals("<p>no such page</p>\n", r.response.text());
    }
}
