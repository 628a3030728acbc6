package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.testing.Httpbin;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's own {@code http.server} ({@code src/test/python/http10_server.py}): HTTP/1.0 answers
 * that never keep a connection alive, bodies with no length that end with the connection, and
 * file serving that ignores {@code Range}. Requests run with retries off, so a connection the
 * client wrongly kept would fail the next request.
 */
class PythonHttpServerTest {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static File dir;
    private static Process server;
    private static int port;
    private static byte[] level;
    private FetchManager fetch;

    @BeforeAll
    static void startPython() throws IOException {
        if (!new File(PYTHON).canExecute()) {
            throw new IOException(PYTHON + " is missing: run .ci/run, which installs it with python3-httpbin");
        }
        File root = new File(dir, "www");
        assertTrue(root.mkdirs());
        level = DownloadTest.content(300_000, 5);
        Files.write(new File(root, "level.bin").toPath(), level);
        Files.write(new File(root, "zoë ü.txt").toPath(), "grüße".getBytes(StandardCharsets.UTF_8));
        server = new ProcessBuilder(PYTHON, "src/test/python/http10_server.py", root.getAbsolutePath())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            server.destroyForcibly();
            throw new IOException("http10_server.py did not report its port; it printed '" + line + "'");
        }
        port = Integer.parseInt(line.substring(5).trim());
        Httpbin.drain(out, "python-http-log");
    }

    @AfterAll
    static void stopPython() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startManager() {
        fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none()).build());
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private <T> Recorder<T> send(HttpRequest.Builder request, ResponseDecoder<T> decoder) {
        Recorder<T> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(decoder, callback));
        callback.assertSucceeded();
        return callback;
    }

    private static void assertCounting(int length, byte[] body) {
        assertEquals(length, body.length);
        for (int i = 0; i < length; i++) {
            if ((body[i] & 0xff) != i % 251) {
                throw new AssertionError("byte " + i + " of " + length + " is " + (body[i] & 0xff));
            }
        }
    }

    @Test
    void bodiesEndedByTheConnectionArriveByteExactEachOverAConnectionOfItsOwn() {
        Set<String> clientPorts = new HashSet<>();
        int requests = 0;
        for (int length : new int[] {0, 1, 8192, 1_000_000}) {
            for (int round = 0; round < 2; round++) {
                Recorder<byte[]> r = send(fetch.get(url("/close-delimited?n=" + length)), Decoders.bytes());
                assertCounting(length, r.result);
                assertNull(r.response.header("Content-Length"));
                clientPorts.add(r.response.header("X-Client-Port"));
                requests++;
            }
        }
        assertEquals(requests, clientPorts.size(), "an HTTP/1.0 answer without keep-alive closes its connection");
    }

    @Test
    void filesAskedForManyAtOnceAllArriveWholeAndAHeadCarriesOnlyTheLength() {
        List<FetchHandle<byte[]>> handles = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            handles.add(fetch.get(url("/level.bin")).send(Decoders.bytes(), null));
        }
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        for (FetchHandle<byte[]> handle : handles) {
            assertArrayEquals(level, handle.result());
        }
        Recorder<HttpResponse> head = send(fetch.request("HEAD", url("/level.bin")), Decoders.response());
        assertEquals("300000", head.response.header("Content-Length"));
        assertEquals(0, head.response.body().length);
    }

    @Test
    void aFileWhoseNameIsNotAsciiIsFoundUnderItsUtf8PercentEncodedPath() {
        assertEquals("grüße", send(fetch.get(url("/zoë ü.txt")), Decoders.text()).result);
    }

    @Test
    void anUploadIsEchoedBackWithoutALength() {
        byte[] upload = DownloadTest.content(200_000, 8);
        Recorder<byte[]> r = send(fetch.post(url("/echo"), RequestBody.bytes(upload, "application/x-level")),
                Decoders.bytes());
        assertArrayEquals(upload, r.result);
        assertEquals("application/x-level", r.response.header("Content-Type"));
    }

    @Test
    void aDownloadCutShortIsResumedFromZeroWhenTheServerIgnoresRange() throws Exception {
        Recorder<FileHandle> callback = new Recorder<>();
        FileHandle destination = new FileHandle(new File(dir, "level-copy.bin"));
        DownloadHandle download = fetch.download(url("/flaky/level.bin"), destination).autoResume(2)
                .sha256(DownloadTest.sha256(level)).send(callback);
        Frames.untilDone(fetch, download);
        callback.assertSucceeded();
        assertArrayEquals(level, destination.readBytes());
        assertEquals("1", callback.response.header("X-Ranges-Seen"), "the second attempt asked for the rest");
    }

    /** Lets the stream the server holds under {@code key} go on. */
    private void release(String key) {
        send(fetch.get(url("/release?key=" + key)), Decoders.response());
    }

    @Test
    void eventsOfAStreamEndedByTheConnectionArriveAsSentAndItResumesAfterTheEnd() {
        EventStreamTest.Recorder recorder = new EventStreamTest.Recorder();
        EventStream stream = fetch.events(url("/events?key=sse")).reconnectDelayMillis(10).open(recorder);
        // The server holds the connection open after the first event until released.
        Frames.until(fetch, () -> recorder.count("message") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message first #1"), recorder.events);
        release("sse");
        Frames.until(fetch, () -> recorder.count("message resumed") == 1 || recorder.ended());
        assertEquals(Arrays.asList("open", "message first #1", "message second #2", "reconnecting 1 after 10", "open",
                "message resumed after 2 #2"), recorder.events);
        stream.close();
        Frames.until(fetch, recorder::ended);
        assertEquals(1, recorder.terminals);
    }

    /** One line of /lines. */
    public static final class Line {
        public int n;
    }

    @Test
    void linesOfABodyEndedByTheConnectionArriveBeforeItEnds() {
        List<Integer> lines = new ArrayList<>();
        Recorder<Long> done = new Recorder<>();
        FetchHandle<Long> handle = fetch.stream(fetch.get(url("/lines?key=ndjson")).build(), Decoders.ndjson(Line.class),
                new ItemCallback<Line>() {
                    @Override
                    public void onItem(Line item) {
                        lines.add(item.n);
                    }

                    @Override
                    public void onSuccess(Long count, HttpResponse response) {
                        done.onSuccess(count, response);
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        done.onFailure(failure);
                    }

                    @Override
                    public void onCancelled() {
                        done.onCancelled();
                    }
                });
        Frames.until(fetch, () -> lines.size() == 1 || handle.isDone());
        assertEquals(Arrays.asList(1), lines);
        release("ndjson");
        Frames.untilDone(fetch, handle);
        assertEquals(2L, done.assertSucceeded());
        assertEquals(Arrays.asList(1, 2), lines);
    }
}
