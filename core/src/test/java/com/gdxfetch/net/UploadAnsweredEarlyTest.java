package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
}
