package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers an upload and closes before reading its body, as Python's http.server
 * does with a handler that never reads it: its close resets the connection, which may drop the
 * end of its answer on the way.
 */
class UploadAnsweredEarlyTest {
    private final Transport transport = Transports.sockets();

    @AfterEach
    void dispose() {
        transport.dispose();
    }

    private static RecordingListener upload(Transport transport, String url) {
        RecordingListener listener = new RecordingListener();
        transport.start(HttpRequest.post(url, RequestBody.bytes(new byte[8 << 20], "application/octet-stream"))
                .readTimeout(10_000).build(), listener);
        return listener;
    }

    @Test
    void anAnswerFramedByTheConnectionsEndIsNotTakenWholeWhenTheServerClosedBeforeReadingTheBody()
            throws Exception {
        char[] body = new char[100_000];
        Arrays.fill(body, 'x');
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                    + new String(body));
            socket.close();
        })) {
            FetchException failure = upload(transport, raw.url("/nolength")).awaitFailure();
            assertEquals(FailureKind.PROTOCOL, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("cut short"), failure.getMessage());
        }
    }

    @Test
    void anAnswerWithItsLengthIsStillDeliveredWhenTheServerClosedBeforeReadingTheBody() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.0 413 Content Too Large\r\nContent-Length: 9\r\n\r\ntoo large");
            socket.close();
        })) {
            HttpResponse response = upload(transport, raw.url("/sized")).awaitResponse();
            assertEquals(413, response.status());
            assertEquals("too large", response.text());
        }
    }

    @Test
    void anAnswerFromAServerThatStopsReadingWithoutClosingIsDeliveredOnceTheUploadStalls() throws Exception {
        // RFC 9112 section 9.5: the client watches for an answer while it sends. This server
        // answers and neither reads on nor closes, so the write stalls; the answer waiting
        // unread is the outcome, not the stall.
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer raw = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 413 Content Too Large\r\nConnection: close\r\n"
                    + "Content-Length: 9\r\n\r\ntoo large");
            release.await(30, TimeUnit.SECONDS);
        })) {
            RecordingListener listener = new RecordingListener();
            transport.start(HttpRequest.post(raw.url("/stalled"), RequestBody.bytes(new byte[32 << 20],
                    "application/octet-stream")).readTimeout(1_000).build(), listener);
            try {
                HttpResponse response = listener.awaitResponse();

                assertEquals(413, response.status());
                assertEquals("too large", response.text());
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void anUploadCutOffOnAPooledConnectionIsNotSentAgain() throws Exception {
        AtomicInteger uploads = new AtomicInteger();
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            while (true) {
                String head = RawServer.readHead(in);
                if (head.startsWith("POST")) {
                    // Acts on the request and closes without reading its body, which resets the connection.
                    uploads.incrementAndGet();
                    socket.close();
                    return;
                }
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        })) {
            RecordingListener warm = new RecordingListener();
            transport.start(HttpRequest.get(raw.url("/warm")).build(), warm);
            assertEquals("ok", warm.awaitResponse().text());
            // Larger than the socket buffers hold, so the reset arrives while the body is being written.
            RecordingListener upload = new RecordingListener();
            transport.start(HttpRequest.post(raw.url("/pay"), RequestBody.bytes(new byte[32 << 20], "application/octet-stream"))
                    .readTimeout(10_000).build(), upload);
            FetchException failure = upload.awaitFailure();
            assertEquals(1, uploads.get(), "times the server got the upload, which may have been applied");
            assertEquals(FailureKind.NETWORK, failure.kind(), failure.getMessage());
            assertTrue(failure.isRequestSent(), failure.getMessage());
        }
    }
}
