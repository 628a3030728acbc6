package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

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
        CountDownLatch release = new CountDownLatch(1);
        // A read timeout far longer than the test waits: the write watchdog must not be what frees cancel().
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(Transports.sockets(localhost.client()))
                .build());
        try (ServerSocket server = localhost.server().getServerSocketFactory().createServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    release.await();
                } catch (Exception closed) {
                    // The test is over.
                }
            }, "tls-server-that-never-reads");
            acceptor.setDaemon(true);
            acceptor.start();
            FetchHandle<HttpResponse> upload = fetch.post("https://localhost:" + server.getLocalPort() + "/upload",
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
                release.countDown();
                fail("cancel() still had not returned after 10 s, waiting for the worker's stalled write:" + stack);
            }
            Frames.untilDone(fetch, upload);
            assertTrue(upload.isCancelled(), String.valueOf(upload.state()));
            assertEquals(FailureKind.CANCELLED, upload.failure().kind(), String.valueOf(upload.failure()));
        } finally {
            release.countDown();
            fetch.dispose();
        }
    }
}
