package com.gdxfetch.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on loopback that completes the handshake of the first connection and then reads
 * nothing, with a small receive buffer, so a client's upload soon stalls in its write. Closing it
 * lets the connection go.
 */
final class TlsServerThatNeverReads implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch release = new CountDownLatch(1);

    TlsServerThatNeverReads(SSLContext tls) throws IOException {
        server = tls.getServerSocketFactory().createServerSocket();
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
    }

    /** An https URL on this server, for a host name the test's certificate names. */
    String url(String host, String path) {
        return "https://" + host + ":" + server.getLocalPort() + path;
    }

    /** Lets the held connection go, so a client still writing to it is freed. */
    void release() {
        release.countDown();
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
    }
}
