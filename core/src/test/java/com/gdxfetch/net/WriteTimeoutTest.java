package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read timeout is the longest silence in either direction, so a stalled upload ends too. */
class WriteTimeoutTest {
    private final Transport transport = Transports.sockets();

    @AfterEach
    void dispose() {
        transport.dispose();
    }

    @Test
    void uploadToAServerThatStopsReadingFailsAfterTheReadTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] body = new byte[32 * 1024 * 1024];
        try (RawServer raw = new RawServer((socket, index) -> release.await(), 4096)) {
            String url = raw.url("/upload");
            RecordingListener listener = new RecordingListener();
            long start = System.nanoTime();
            transport.start(HttpRequest.post(url, RequestBody.bytes(body, "application/octet-stream"))
                    .connectTimeout(10_000).readTimeout(300).maxResponseBytes(1000).build(), listener);

            FetchException failure = listener.awaitFailure();

            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FailureKind.READ_TIMEOUT, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains(url), failure.getMessage());
            assertTrue(failure.getMessage().contains("300 ms"), failure.getMessage());
            assertTrue(failure.isRequestSent());
            assertTrue(tookMillis >= 300, "failed after " + tookMillis + " ms, before the timeout");
            assertTrue(listener.uploaded < body.length, "upload stopped part way: " + listener.uploaded);
        } finally {
            release.countDown();
        }
    }

    @Test
    void slowButSteadyUploadIsNotCutOff() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        try (RawServer raw = new RawServer((socket, index) -> {
            java.io.InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            byte[] buf = new byte[8192];
            long left = body.length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
                // A reader slower than the client writes, but never silent as long as the timeout.
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }, 4096)) {
            RecordingListener listener = new RecordingListener();
            // The reader's pauses are far shorter than the timeout; the margin absorbs a loaded machine
            // descheduling the server thread, which is not what this test is about.
            transport.start(HttpRequest.post(raw.url("/slow"), RequestBody.bytes(body, "application/octet-stream"))
                    .connectTimeout(10_000).readTimeout(1000).maxResponseBytes(1000).build(), listener);

            assertEquals("ok", listener.awaitResponse().text());
        }
    }

    @Test
    void uploadOverTlsToAServerThatStopsReadingFailsAfterTheReadTimeout() throws Exception {
        LocalhostTls localhost = new LocalhostTls();
        Transport tls = Transports.sockets(localhost.client());
        try (TlsServerThatNeverReads server = new TlsServerThatNeverReads(localhost.server())) {
            String url = server.url("localhost", "/upload");
            RecordingListener listener = new RecordingListener();
            tls.start(HttpRequest.post(url, RequestBody.bytes(new byte[32 * 1024 * 1024], "application/octet-stream"))
                    .connectTimeout(10_000).readTimeout(300).maxResponseBytes(1000).build(), listener);

            FetchException failure = listener.awaitFailure();

            assertEquals(FailureKind.READ_TIMEOUT, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains(url), failure.getMessage());
        } finally {
            tls.dispose();
        }
    }
}
