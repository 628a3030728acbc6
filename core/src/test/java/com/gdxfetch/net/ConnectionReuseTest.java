package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive pool holds as many connections per host as the manager lets run at once: a
 * second burst at the per-host limit reuses every connection of the first and opens none. The
 * limit is above the pool's former fixed cap of 16, which closed the excess after each burst.
 */
class ConnectionReuseTest {
    private static final int PER_HOST = 24;

    @Test
    void aSecondBurstAtThePerHostLimitReusesEveryConnectionOfTheFirst() throws Exception {
        // Each burst's responses wait until all of its requests have arrived, so every request
        // of a burst is on a connection of its own at the same time.
        AtomicReference<CountDownLatch> arrived = new AtomicReference<>(new CountDownLatch(PER_HOST));
        try (RawServer raw = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                RawServer.readHead(in);
                CountDownLatch burst = arrived.get();
                burst.countDown();
                if (!burst.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the burst never had all its requests in flight");
                }
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        })) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequestsPerHost(PER_HOST).build());
            try {
                burst(fetch, raw);
                assertEquals(PER_HOST, raw.connections(), "the first burst opens one connection per request");

                arrived.set(new CountDownLatch(PER_HOST));
                burst(fetch, raw);
                assertEquals(PER_HOST, raw.connections(), "the second burst opens no connection");
            } finally {
                fetch.dispose();
            }
        }
    }

    /** Sends PER_HOST requests at once and runs frames until every one has succeeded. */
    private static void burst(FetchManager fetch, RawServer raw) {
        @SuppressWarnings("unchecked")
        FetchHandle<String>[] handles = new FetchHandle[PER_HOST];
        for (int i = 0; i < PER_HOST; i++) {
            handles[i] = fetch.get(raw.url("/r" + i)).send(Decoders.text(), null);
        }
        Frames.untilDone(fetch, handles);
        for (FetchHandle<String> handle : handles) {
            assertEquals("ok", handle.result());
        }
    }
}
