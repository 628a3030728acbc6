package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.Test;

/**
 * {@code cancel()} is called from the game's thread: it ends the exchange without waiting for
 * anything a worker holds, even a TLS write stuck on a server that stopped reading.
 */
class CancelCallingThreadTest {
    /**
     * Whether some thread waits, under the TLS record layer's write (which holds its lock), for
     * room in a socket buffer the server no longer empties.
     */
    private static boolean aTlsWriteIsBlocked() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            if (stack.length == 0 || !stack[0].isNativeMethod()) {
                continue;
            }
            boolean waitsForRoom = stack[0].getMethodName().equals("socketWrite0");
            boolean underTls = false;
            for (StackTraceElement frame : stack) {
                waitsForRoom |= frame.getClassName().equals("sun.nio.ch.NioSocketImpl")
                        && frame.getMethodName().equals("park");
                underTls |= frame.getClassName().equals("sun.security.ssl.SSLSocketOutputRecord")
                        && frame.getMethodName().equals("deliver");
            }
            if (waitsForRoom && underTls) {
                return true;
            }
        }
        return false;
    }

    private static String stackOf(Thread thread) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            out.append("\n    at ").append(frame);
        }
        return out.toString();
    }

    @Test
    void cancellingATlsUploadStuckOnAServerThatStopsReadingReturnsAtOnce() throws Exception {
        LocalhostTls localhost = new LocalhostTls();
        // A read timeout far longer than the test waits: the write watchdog must not be what frees cancel().
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(Transports.sockets(localhost.client()))
                .build());
        try (TlsServerThatNeverReads server = new TlsServerThatNeverReads(localhost.server())) {
            FetchHandle<HttpResponse> upload = fetch.post(server.url("localhost", "/upload"),
                    RequestBody.bytes(new byte[64 * 1024 * 1024], "application/octet-stream"))
                    .connectTimeout(10_000).readTimeout(120_000).send();
            Frames.until(fetch, CancelCallingThreadTest::aTlsWriteIsBlocked);

            CountDownLatch returned = new CountDownLatch(1);
            Thread game = new Thread(() -> {
                upload.cancel();
                returned.countDown();
            }, "game-thread-cancelling");
            game.setDaemon(true);
            game.start();

            if (!returned.await(10, TimeUnit.SECONDS)) {
                String stack = stackOf(game);
                server.release();
                fail("cancel() still had not returned after 10 s, waiting for the worker's stalled write:" + stack);
            }
            Frames.untilDone(fetch, upload);
            assertTrue(upload.isCancelled(), String.valueOf(upload.state()));
            assertEquals(FailureKind.CANCELLED, upload.failure().kind(), String.valueOf(upload.failure()));
        } finally {
            fetch.dispose();
        }
    }
}
