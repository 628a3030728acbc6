package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node.js's own HTTP server ({@code src/test/node/http-server.js}): its llhttp parser refuses a
 * request framed even slightly wrong, and one instance ends every connection after three requests
 * ({@code maxRequestsPerSocket}, announced with {@code Connection: close} on the third answer).
 * Requests run with retries off, so a stale connection the client did not handle fails.
 */
class NodeHttpTest {
    @TempDir
    static File dir;
    private static NodeServer node;
    private static NodeServer threePerConnection;
    private FetchManager fetch;

    /** The JSON /echo answers with. */
    public static final class Echo {
        public String method;
        public long length;
        public String sha256;
        public String contentLength;
        public String transferEncoding;
        public String contentType;
        public String query;
        public int connection;
    }

    @BeforeAll
    static void startNode() throws Exception {
        node = new NodeServer("http-server.js");
        threePerConnection = new NodeServer("http-server.js", "3");
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
        threePerConnection.close();
    }

    @BeforeEach
    void startManager() {
        fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none()).build());
    }

    @AfterEach
    void disposeManager() {
        fetch.dispose();
    }

    private static String url(NodeServer server, String path) {
        return "http://127.0.0.1:" + server.port + path;
    }

    private Echo echo(HttpRequest.Builder request) {
        Recorder<Echo> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(Decoders.json(Echo.class), callback));
        callback.assertSucceeded();
        return callback.result;
    }

    private Recorder<HttpResponse> send(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(callback));
        return callback;
    }

    @Test
    void everyMethodAndBodyShapeIsAcceptedByNodesStrictParserAndArrivesIntact() throws Exception {
        byte[] big = DownloadTest.content(300_000, 3);
        File upload = new File(dir, "upload.bin");
        byte[] fileBytes = DownloadTest.content(3 << 20, 4);
        Files.write(upload.toPath(), fileBytes);
        String[] methods = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        Set<Integer> connections = new HashSet<>();
        for (String method : methods) {
            for (byte[] body : new byte[][] {new byte[0], {42}, big}) {
                Echo e = echo(fetch.request(method, url(node, "/echo"))
                        .body(RequestBody.bytes(body, "application/octet-stream")));
                assertEquals(method, e.method);
                assertEquals(body.length, e.length, method);
                assertEquals(DownloadTest.sha256(body), e.sha256, method);
                assertEquals(Integer.toString(body.length), e.contentLength, method);
                connections.add(e.connection);
            }
        }
        Echo get = echo(fetch.get(url(node, "/echo?q=a%20b&n=%C3%A9")));
        assertEquals("GET", get.method);
        assertEquals("?q=a%20b&n=%C3%A9", get.query);
        assertEquals(0, get.length);

        Echo file = echo(fetch.post(url(node, "/echo"), RequestBody.file(new FileHandle(upload), "image/png")));
        assertEquals(fileBytes.length, file.length);
        assertEquals(DownloadTest.sha256(fileBytes), file.sha256);
        assertEquals("image/png", file.contentType);

        Echo form = echo(fetch.post(url(node, "/echo"), RequestBody.form("name", "a b&c", "score", "12")));
        String formText = "name=a+b%26c&score=12";
        assertEquals(DownloadTest.sha256(formText.getBytes(StandardCharsets.US_ASCII)), form.sha256);
        assertEquals("application/x-www-form-urlencoded", form.contentType.split(";")[0]);

        Recorder<HttpResponse> head = send(fetch.request("HEAD", url(node, "/echo")));
        head.assertSucceeded();
        assertEquals(200, head.response.status());
        assertEquals(0, head.response.body().length);
        assertEquals(1, connections.size(), "every request went over the one kept connection: " + connections);
    }

    @Test
    void connectionsNodeEndsAfterThreeRequestsNeverFailTheFourth() throws Exception {
        Set<Integer> connections = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpRequest.Builder request = i % 2 == 0 ? fetch.get(url(threePerConnection, "/echo"))
                    : fetch.post(url(threePerConnection, "/echo"), RequestBody.text("request " + i));
            connections.add(echo(request).connection);
        }
        assertEquals(4, connections.size(), "three requests per connection: " + connections);
    }

    @Test
    void aChunkedBodyWrittenInPiecesWithATrailerArrivesWholeAndItsConnectionCarriesOn() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            lines.append(i).append('\n');
        }
        for (int round = 0; round < 3; round++) {
            Recorder<HttpResponse> r = send(fetch.get(url(node, "/trailers")));
            r.assertSucceeded();
            assertEquals(lines.toString(), r.response.text());
        }
        Echo after = echo(fetch.post(url(node, "/echo"), RequestBody.text("after the trailers")));
        assertEquals("after the trailers".length(), after.length);
    }

    @Test
    void aBodyCutShortByNodeFailsAndTheNextRequestSucceeds() {
        Recorder<HttpResponse> cut = send(fetch.get(url(node, "/cut")));
        cut.assertFailed(FailureKind.PROTOCOL);
        assertEquals("GET", echo(fetch.get(url(node, "/echo"))).method);
    }

    @Test
    void aRefusalNodeSendsWithTheUploadUnreadIsDelivered() {
        byte[] upload = DownloadTest.content(4 << 20, 6);
        Recorder<HttpResponse> refused = send(fetch.post(url(node, "/refuse"),
                RequestBody.bytes(upload, "application/octet-stream")));
        refused.assertSucceeded();
        assertEquals(413, refused.response.status());
        assertArrayEquals("too large".getBytes(StandardCharsets.US_ASCII), refused.response.body());
        assertEquals("POST", echo(fetch.post(url(node, "/echo"), RequestBody.text("next"))).method);
    }

    @Test
    void aHeadTooLargeForNodeFailsAsProtocolNamingIts431WhetherOrNotItWasWrittenWhole() {
        // Node answers 431 without a length and destroys the connection with the rest of the
        // head unread, which resets it: 64 KiB is written whole before the reset comes, 16 MiB is not.
        for (int size : new int[] {64 << 10, 16 << 20}) {
            char[] value = new char[size];
            Arrays.fill(value, 'a');
            Recorder<HttpResponse> refused = send(fetch.get(url(node, "/echo")).header("X-Big", new String(value)));
            String message = refused.assertFailed(FailureKind.PROTOCOL).getMessage();
            assertTrue(message.contains("answered 431"), size + ": " + message);
            assertFalse(message.contains("request body"), "a GET has no body: " + message);
        }
        assertEquals("GET", echo(fetch.get(url(node, "/echo"))).method);
    }
}
