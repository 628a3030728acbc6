package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * A server that announces how long it keeps an idle connection ({@code Keep-Alive: timeout=N},
 * as Apache httpd and Node.js do) closes it then, so a request sent on it at that moment may be
 * lost with the connection. The pool keeps such a connection idle a second less than announced
 * (half as long for a second or less), and not at all for 0.
 */
class KeepAliveTimeoutTest {
    @Test
    void aConnectionIsNotReusedOnceIdleForAlmostTheTimeItsServerAnnounced() throws Exception {
        try (RawServer raw = server("timeout=1, max=100")) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().build());
            try {
                get(fetch, raw);
                get(fetch, raw);
                assertEquals(1, raw.connections(), "reused at once");

                long idleUntil = System.nanoTime() + 700_000_000L;
                Frames.until(fetch, () -> System.nanoTime() - idleUntil > 0);
                get(fetch, raw);
                assertEquals(2, raw.connections(), "after 0.7 s idle of the announced 1 s, a new connection");
            } finally {
                fetch.dispose();
            }
        }
    }

    @Test
    void aServerAnnouncingNoIdleTimeGetsEachRequestOnANewConnection() throws Exception {
        try (RawServer raw = server("timeout=0")) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().build());
            try {
                for (int i = 0; i < 3; i++) {
                    get(fetch, raw);
                }
                assertEquals(3, raw.connections());
            } finally {
                fetch.dispose();
            }
        }
    }

    @Test
    void anAnnouncementWithoutATimeoutOrWithALongOneKeepsTheConnection() throws Exception {
        for (String keepAlive : new String[] {"max=5", "timeout=abc", "timeout = \"30\"", "timeout=99999999999999"}) {
            try (RawServer raw = server(keepAlive)) {
                FetchManager fetch = new FetchManager(FetchConfig.builder().build());
                try {
                    for (int i = 0; i < 3; i++) {
                        get(fetch, raw);
                    }
                    assertEquals(1, raw.connections(), keepAlive);
                } finally {
                    fetch.dispose();
                }
            }
        }
    }

    @Test
    void ofSeveralTimeoutsAnnouncedTheShortestCountsWhicheverComesLast() throws Exception {
        // Two fields, or one list naming timeout twice: the server may close at the shorter.
        String[] heads = {"Keep-Alive: timeout=1\r\nKeep-Alive: timeout=60", "Keep-Alive: timeout=60, timeout=1",
                "Keep-Alive: timeout=1, max=100\r\nKeep-Alive: max=99"};
        for (String head : heads) {
            try (RawServer raw = serverWithFields(head)) {
                FetchManager fetch = new FetchManager(FetchConfig.builder().build());
                try {
                    get(fetch, raw);
                    long idleUntil = System.nanoTime() + 700_000_000L;
                    Frames.until(fetch, () -> System.nanoTime() - idleUntil > 0);
                    get(fetch, raw);
                    assertEquals(2, raw.connections(), "after 0.7 s idle of the shortest announced 1 s: " + head);
                } finally {
                    fetch.dispose();
                }
            }
        }
    }

    private static RawServer server(String keepAlive) throws Exception {
        return serverWithFields("Keep-Alive: " + keepAlive);
    }

    private static RawServer serverWithFields(String fields) throws Exception {
        return new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                RawServer.readHead(in);
                RawServer.write(out, "HTTP/1.1 200 OK\r\n" + fields + "\r\nContent-Length: 2\r\n\r\nok");
            }
        });
    }

    private static void get(FetchManager fetch, RawServer raw) {
        FetchHandle<String> handle = fetch.get(raw.url("/")).send(Decoders.text(), null);
        Frames.untilDone(fetch, handle);
        assertEquals("ok", handle.result());
    }
}
