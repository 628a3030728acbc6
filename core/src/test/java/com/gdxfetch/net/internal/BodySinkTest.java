package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import com.gdxfetch.net.Transports;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming seam on its own, as an event-stream decoder would use it: a chunked gzip body
 * three times the size limit reaches a sink decoded, in bounded pieces, while the same
 * response gathered whole stops at the limit.
 */
class BodySinkTest {
    private static final int LIMIT = 1 << 20;
    private final byte[] body = new byte[3 * LIMIT + 17];
    private ServerSocket server;
    private Transport transport;

    @BeforeEach
    void start() throws Exception {
        new Random(5).nextBytes(body);
        for (int i = 0; i < body.length; i += 3) {
            body[i] = 'a';
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(body);
        }
        byte[] wire = packed.toByteArray();
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    for (int at = 0; at < wire.length; at += 10_000) {
                        int n = Math.min(10_000, wire.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(wire, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (Exception closed) {
                    return;
                }
            }
        }, "sink-test-server");
        t.setDaemon(true);
        t.start();
        transport = Transports.sockets();
    }

    @AfterEach
    void stop() throws Exception {
        transport.dispose();
        server.close();
    }

    private HttpRequest request() {
        return HttpRequest.get("http://127.0.0.1:" + server.getLocalPort() + "/events").connectTimeout(5000)
                .readTimeout(5000).totalTimeout(0).maxResponseBytes(LIMIT).build();
    }

    @Test
    void aSinkReceivesTheDecodedBodyInBoundedPiecesPastTheSizeLimit() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int[] largest = {0};
        boolean[] ended = {false, false};
        StreamTarget target = new StreamTarget() {
            @Override
            public HttpRequest prepare(HttpRequest request) {
                return request.newBuilder().header("Accept", "text/event-stream").build();
            }

            @Override
            public BodySink open(HttpRequest sent, int status, Headers headers, long contentLength) {
                assertEquals("text/event-stream", sent.headers().get("Accept"));
                assertEquals("gzip", headers.get("Content-Encoding"));
                return new BodySink() {
                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        largest[0] = Math.max(largest[0], length);
                        received.write(bytes, offset, length);
                    }

                    @Override
                    public void end() {
                        ended[0] = true;
                    }
                };
            }

            @Override
            public void exchangeEnded() {
                ended[1] = true;
            }

            @Override
            public void callEnded() {
            }
        };
        Outcome outcome = new Outcome(target);
        transport.start(request(), outcome);
        HttpResponse response = outcome.response.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.status());
        assertEquals(0, response.body().length);
        assertArrayEquals(body, received.toByteArray());
        assertTrue(largest[0] <= BodyReader.STREAM_CHUNK, "largest piece " + largest[0]);
        assertTrue(ended[0] && ended[1]);
    }

    @Test
    void theSameBodyGatheredWholeStopsAtTheLimit() throws Exception {
        Outcome outcome = new Outcome(null);
        transport.start(request(), outcome);
        FetchException failure = outcome.failure.get(30, TimeUnit.SECONDS);
        assertEquals(FailureKind.TOO_LARGE, failure.kind());
        assertTrue(outcome.response.isCompletedExceptionally(), "no response is delivered");
    }

    /** A listener that streams to {@code target} (null: gathers) and records the outcome. */
    private static final class Outcome implements StreamingListener {
        final CompletableFuture<HttpResponse> response = new CompletableFuture<>();
        final CompletableFuture<FetchException> failure = new CompletableFuture<>();
        private final StreamTarget target;

        Outcome(StreamTarget target) {
            this.target = target;
        }

        @Override
        public StreamTarget streamTarget() {
            return target;
        }

        @Override
        public void uploadProgress(long sent, long total) {
        }

        @Override
        public void downloadProgress(long received, long total) {
        }

        @Override
        public void completed(HttpResponse r) {
            response.complete(r);
        }

        @Override
        public void failed(FetchException f) {
            // The response first: the test thread wakes on the failure and then reads the response.
            response.completeExceptionally(f);
            failure.complete(f);
        }
    }
}
