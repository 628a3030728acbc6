package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** One test per fault a game meets on real networks; each ends in exactly one clear failure. */
class FaultTest extends LoopbackServerTest {
    private FetchException failureOf(HttpRequest.Builder request, FailureKind kind) {
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = fetch.send(request.build(), callback);
        Frames.untilDone(fetch, handle);
        Frames.run(fetch, 2);
        assertTrue(handle.isFailed());
        return callback.assertFailed(kind);
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/nobody";
        FetchException failure = failureOf(HttpRequest.get(url), FailureKind.CONNECT_REFUSED);
        assertFalse(failure.isRequestSent());
        assertTrue(failure.getMessage().contains(url), failure.getMessage());
    }

    @Test
    void unknownHost() {
        FetchException failure = failureOf(HttpRequest.get("http://nosuchhost.invalid/x"), FailureKind.UNKNOWN_HOST);
        assertTrue(failure.getMessage().contains("nosuchhost.invalid"), failure.getMessage());
    }

    @Test
    void serverAcceptsAndNeverAnswersSoTheReadTimesOut() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        failureOf(HttpRequest.get(server.url("/silent").toString()).readTimeout(300), FailureKind.READ_TIMEOUT);
    }

    @Test
    void bodyDrippedSlowerThanTheTotalTimeoutFails() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[4000]))
                .throttleBody(100, 50, TimeUnit.MILLISECONDS));
        FetchException failure = failureOf(HttpRequest.get(server.url("/drip").toString())
                .readTimeout(5_000).totalTimeout(400), FailureKind.TOTAL_TIMEOUT);
        assertTrue(failure.getMessage().contains("400 ms"), failure.getMessage());
    }

    @Test
    void connectionClosedMidBodyIsAFailureNeverAShortSuccess() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[100_000]))
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        failureOf(HttpRequest.get(server.url("/cut").toString()), FailureKind.PROTOCOL);
    }

    @Test
    void garbageStatusLine() {
        server.enqueue(new MockResponse().setStatus("SPROCKETS 9 lives"));
        FetchException failure = failureOf(HttpRequest.get(server.url("/garbage").toString()), FailureKind.PROTOCOL);
        assertTrue(failure.getMessage().contains("SPROCKETS"), failure.getMessage());
    }

    @Test
    void responseOverTheSizeLimit() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[2_000])));
        failureOf(HttpRequest.get(server.url("/big").toString()).maxResponseBytes(1_000), FailureKind.TOO_LARGE);
    }

    @Test
    void gzipBombIsStoppedAtTheLimitAfterDecompression() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                gzip.write(zeros);
            }
        }
        assertTrue(compressed.size() < 1 << 20, "256 MiB of zeros compress below 1 MiB");
        server.enqueue(new MockResponse().setHeader("Content-Encoding", "gzip")
                .setBody(new Buffer().write(compressed.toByteArray())));
        failureOf(HttpRequest.get(server.url("/bomb").toString()).maxResponseBytes(4 << 20), FailureKind.TOO_LARGE);
    }

    @Test
    void cancelDuringDownloadClosesTheConnectionAndFreesTheSlot() throws Exception {
        FetchManager single = new FetchManager(FetchConfig.builder().maxRequests(1).build());
        try {
            server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[1 << 20]))
                    .throttleBody(16 * 1024, 100, TimeUnit.MILLISECONDS));
            server.enqueue(new MockResponse().setBody("next"));
            Recorder<HttpResponse> callback = new Recorder<>();
            FetchHandle<HttpResponse> download = single.get(server.url("/slow").toString()).send(callback);
            Frames.until(single, () -> download.bytesReceived() > 0);
            assertEquals(1 << 20, download.contentLength());
            assertTrue(download.cancel());
            FetchHandle<String> next = single.get(server.url("/next").toString()).send(Decoders.text(), null);
            Frames.untilDone(single, next);
            assertEquals("next", next.result(), "the freed slot serves the next request");
            assertEquals(1, callback.terminalCalls);
            assertTrue(callback.cancelled);
            assertTrue(download.bytesReceived() < 1 << 20);
            assertEquals(0, server.takeRequest().getSequenceNumber());
            assertEquals(0, server.takeRequest().getSequenceNumber(), "the cancelled connection was not reused");
        } finally {
            single.dispose();
        }
    }

    @Test
    void cancelDuringUploadStopsSending() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            byte[] big = new byte[32 << 20];
            Recorder<HttpResponse> callback = new Recorder<>();
            FetchHandle<HttpResponse> upload = fetch.post(silent.url("/upload"),
                    RequestBody.bytes(big, "application/octet-stream")).send(callback);
            Frames.until(fetch, () -> upload.bytesSent() > 0);
            long sentAtCancel = upload.bytesSent();
            assertTrue(sentAtCancel < big.length, "a server that never reads stalls the upload");
            assertEquals(big.length, upload.uploadLength());
            assertTrue(upload.cancel());
            Frames.until(fetch, callback::called);
            assertTrue(callback.cancelled);
            Frames.until(fetch, () -> {
                try {
                    return silent.closedByClient() == 1;
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void aResponseHeadDrippedOneByteAtATimeFailsAtTheReadTimeout() throws Exception {
        // Each byte comes well inside the read timeout, so only a limit on the whole head ends it.
        try (RawServer raw = new RawServer((socket, index) -> RawServer.dripAfterHead(socket, "HTTP/1.1 200 OK\r\nX-Slow: "))) {
            FetchException failure = failureOf(HttpRequest.get(raw.url("/drip")).readTimeout(400),
                    FailureKind.READ_TIMEOUT);
            assertTrue(failure.getMessage().contains("no complete response head within 400 ms"), failure.getMessage());
        }
    }

    @Test
    void eachInterimResponseStartsTheReadTimeoutAgain() throws Exception {
        // 102 Processing keeps a client waiting for a slow answer: the three heads together take
        // longer than the read timeout, each one far less.
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 102 Processing\r\n\r\n");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(600));
            RawServer.write(out, "HTTP/1.1 102 Processing\r\n\r\n");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(600));
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
            socket.getInputStream().read();
        })) {
            Recorder<String> callback = new Recorder<>();
            Frames.untilDone(fetch, fetch.send(HttpRequest.get(raw.url("/slow")).readTimeout(1_000).build(),
                    Decoders.text(), callback));
            assertEquals("done", callback.assertSucceeded());
        }
    }

    @Test
    void theBodyHasTheWholeReadTimeoutAfterAHeadThatCameInParts() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\n");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(600));
            RawServer.write(out, "Content-Length: 4\r\n\r\n");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));
            RawServer.write(out, "body");
            socket.getInputStream().read();
        })) {
            Recorder<String> callback = new Recorder<>();
            Frames.untilDone(fetch, fetch.send(HttpRequest.get(raw.url("/parts")).readTimeout(1_000).build(),
                    Decoders.text(), callback));
            assertEquals("body", callback.assertSucceeded());
        }
    }
}
