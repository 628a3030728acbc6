package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Gdx.net transport keeps HttpURLConnection's keep-alive connection for the next request,
 * whatever the body's size: requests one after another to a loopback server that keeps every
 * connection open reach it over one connection.
 */
class GdxNetConnectionReuseTest {
    private static HeadlessApplication app;

    @BeforeAll
    static void startApplication() {
        app = new HeadlessApplication(new ApplicationAdapter() { }, HeadlessApp.config());
    }

    @AfterAll
    static void stopApplication() {
        app.exit();
    }

    @Test
    void smallBodiesOneAfterAnotherShareOneConnection() throws Exception {
        assertRequestsShareOneConnection(1024, false);
    }

    @Test
    void bodiesOf64KiBOneAfterAnotherShareOneConnection() throws Exception {
        assertRequestsShareOneConnection(64 * 1024, false);
    }

    @Test
    void chunkedBodiesOf64KiBOneAfterAnotherShareOneConnection() throws Exception {
        assertRequestsShareOneConnection(64 * 1024, true);
    }

    @Test
    void burstsOfFourBodiesOf64KiBReuseTheFirstBurstsConnections() throws Exception {
        byte[] body = new byte[64 * 1024];
        new Random(4).nextBytes(body);
        try (RawServer raw = new RawServer((socket, index) -> serve(socket, body, false))) {
            FetchManager fetch = new FetchManager(FetchConfig.builder()
                    .transport(Transports.gdxNet(new HeadlessNet(HeadlessApp.config()))).build());
            try {
                for (int burst = 0; burst < 5; burst++) {
                    @SuppressWarnings("unchecked")
                    FetchHandle<byte[]>[] handles = new FetchHandle[4];
                    for (int i = 0; i < handles.length; i++) {
                        handles[i] = fetch.get(raw.url("/b" + burst + "-" + i)).send(Decoders.bytes(), null);
                    }
                    Frames.untilDone(fetch, handles);
                    for (FetchHandle<byte[]> handle : handles) {
                        assertArrayEquals(body, handle.result());
                    }
                }
                assertTrue(raw.connections() <= 4, "connections opened for five bursts of four: " + raw.connections());
            } finally {
                fetch.dispose();
            }
        }
    }

    private static void serve(java.net.Socket socket, byte[] body, boolean chunked) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        int size = body.length;
        while (true) {
            RawServer.readHead(in);
            if (chunked) {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int at = 0; at < size; at += 4096) {
                    int n = Math.min(4096, size - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                RawServer.write(out, "0\r\n\r\n");
            } else {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
                out.write(body);
                out.flush();
            }
        }
    }

    private static void assertRequestsShareOneConnection(int size, boolean chunked) throws Exception {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                RawServer.readHead(in);
                if (chunked) {
                    RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                    for (int at = 0; at < size; at += 4096) {
                        int n = Math.min(4096, size - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    RawServer.write(out, "0\r\n\r\n");
                } else {
                    RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
                    out.write(body);
                    out.flush();
                }
            }
        })) {
            FetchManager fetch = new FetchManager(FetchConfig.builder()
                    .transport(Transports.gdxNet(new HeadlessNet(HeadlessApp.config()))).build());
            try {
                for (int i = 0; i < 5; i++) {
                    FetchHandle<byte[]> handle = fetch.get(raw.url("/r" + i)).send(Decoders.bytes(), null);
                    Frames.untilDone(fetch, handle);
                    assertArrayEquals(body, handle.result(), "body " + i);
                }
                assertEquals(1, raw.connections(), "connections opened for five requests one after another");
            } finally {
                fetch.dispose();
            }
        }
    }
}
