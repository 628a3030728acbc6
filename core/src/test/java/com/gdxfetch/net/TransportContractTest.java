package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every transport must do, against a real server on loopback. */
abstract class TransportContractTest {
    protected MockWebServer server;
    protected Transport transport;

    /** A new transport of the kind under test, with the JVM's default TLS trust. */
    protected abstract Transport newTransport();

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        transport = newTransport();
    }

    @AfterEach
    void stopServer() throws Exception {
        transport.dispose();
        server.shutdown();
    }

    protected String url(String path) {
        return server.url(path).toString();
    }

    protected RecordingListener send(HttpRequest request) {
        RecordingListener listener = new RecordingListener();
        transport.start(request, listener);
        return listener;
    }

    protected static HttpRequest resolved(HttpRequest.Builder builder) {
        return builder.connectTimeout(10_000).readTimeout(10_000).maxResponseBytes(64L * 1024 * 1024).build();
    }

    protected RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the server received no request");
        }
        return request;
    }

    @Test
    void getReturnsStatusHeadersAndContentLengthBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setHeader("X-Answer", "42").setBody("hello"));

        HttpResponse response = send(resolved(HttpRequest.get(url("/greeting?lang=en")))).awaitResponse();

        assertEquals(201, response.status());
        assertEquals("42", response.header("X-Answer"));
        assertEquals("hello", response.text());
        assertEquals(url("/greeting?lang=en"), response.url());
        RecordedRequest recorded = takeRequest();
        assertEquals("GET", recorded.getMethod());
        assertEquals("/greeting?lang=en", recorded.getPath());
    }

    @Test
    void chunkedBodyArrivesWhole() throws Exception {
        byte[] data = pattern(100_000);
        server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(data), 777));

        HttpResponse response = send(resolved(HttpRequest.get(url("/chunked")))).awaitResponse();

        assertArrayEquals(data, response.body());
    }

    @Test
    void largeContentLengthBodyArrivesWholeWithProgressFromZeroToItsLength() throws Exception {
        byte[] data = pattern(3_000_000);
        server.enqueue(new MockResponse().setBody(new Buffer().write(data)));

        RecordingListener listener = send(resolved(HttpRequest.get(url("/big"))));
        HttpResponse response = listener.awaitResponse();

        assertArrayEquals(data, response.body());
        assertTrue(listener.downloadStartedAtZero, "the first download progress call reports 0");
        assertEquals(data.length, listener.downloaded);
        assertEquals(data.length, listener.downloadTotal);
    }

    @Test
    void bytesTextJsonAndFormBodiesArriveIntactWithTheirContentType() throws Exception {
        byte[] bytes = pattern(70_000);
        RequestBody[] bodies = {
                RequestBody.bytes(bytes, "application/octet-stream"),
                RequestBody.text("grüße, 世界"),
                RequestBody.jsonText("{\"score\":12}"),
                RequestBody.form("name", "Ann Lee", "level", "3&4"),
        };
        String[] types = {
                "application/octet-stream", "text/plain; charset=utf-8", "application/json; charset=utf-8",
                "application/x-www-form-urlencoded",
        };
        for (int i = 0; i < bodies.length; i++) {
            server.enqueue(new MockResponse().setBody("ok"));
            RecordingListener listener = send(resolved(HttpRequest.post(url("/upload"), bodies[i])));
            assertEquals("ok", listener.awaitResponse().text());
            assertEquals(bodies[i].length(), listener.uploaded, "upload progress reaches the body length");

            RecordedRequest recorded = takeRequest();
            assertEquals("POST", recorded.getMethod());
            assertEquals(types[i], recorded.getHeader("Content-Type"));
            assertEquals(String.valueOf(bodies[i].length()), recorded.getHeader("Content-Length"));
            assertArrayEquals(bodies[i].bytes(), recorded.getBody().readByteArray());
        }
        assertEquals("name=Ann+Lee&level=3%264", new String(bodies[3].bytes(), StandardCharsets.UTF_8));
    }

    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 8));
        }
        return data;
    }
}
