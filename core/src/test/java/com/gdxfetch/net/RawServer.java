package com.gdxfetch.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback server that runs a script on each accepted connection, for the faults a scripted
 * HTTP server cannot produce: garbage status lines, closed chunks, peers that never read.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with one connection; {@code index} counts connections from 0. */
    interface Script {
        void run(Socket socket, int index) throws Exception;
    }

    private final ServerSocket server;
    private final boolean tls;
    private final Thread acceptor;
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Counted down when a script fails on I/O: the client closed or reset the connection. */
    final CountDownLatch clientGone = new CountDownLatch(1);

    RawServer(Script script) throws IOException {
        this(script, 0);
    }

    /** @param receiveBuffer the server's receive buffer size, or 0 for the default */
    RawServer(Script script, int receiveBuffer) throws IOException {
        this(script, receiveBuffer, null);
    }

    /** A server speaking TLS with {@code tls}'s certificate for {@code localhost}; its URLs are https. */
    RawServer(Script script, javax.net.ssl.SSLContext tls) throws IOException {
        this(script, 0, tls);
    }

    private RawServer(Script script, int receiveBuffer, javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls != null;
        server = tls != null ? tls.getServerSocketFactory().createServerSocket() : new ServerSocket();
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(() -> {
            while (true) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closed) {
                    return;
                }
                synchronized (sockets) {
                    sockets.add(socket);
                }
                int index = accepted.getAndIncrement();
                Thread handler = new Thread(() -> {
                    try {
                        script.run(socket, index);
                    } catch (IOException clientClosed) {
                        clientGone.countDown();
                    } catch (Exception ignored) {
                        // A script's own failure shows up as the client's failure in the test.
                    }
                }, "raw-server-connection-" + index);
                handler.setDaemon(true);
                handler.start();
            }
        }, "raw-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return (tls ? "https://localhost:" : "http://127.0.0.1:") + server.getLocalPort() + path;
    }

    int connections() {
        return accepted.get();
    }

    /** Reads one request head (up to the empty line) and returns it. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of the request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the request head, writes {@code start}, then one more byte every 50 ms until the
     * client goes: a peer each of whose bytes comes in time for any read timeout, so only a limit
     * on the whole answer ends the client's wait.
     */
    static void dripAfterHead(Socket socket, String start) throws IOException {
        readHead(socket.getInputStream());
        write(socket.getOutputStream(), start);
        drip(socket.getOutputStream(), 'a');
    }

    /**
     * Reads (the start of) a TLS ClientHello, announces a handshake record of the largest size,
     * then sends it a byte every 50 ms until the client goes.
     */
    static void dripTlsHandshake(Socket socket) throws IOException {
        socket.getInputStream().read(new byte[512]);
        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
        drip(socket.getOutputStream(), 0x02);
    }

    private static void drip(OutputStream out, int b) throws IOException {
        while (true) {
            out.write(b);
            out.flush();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void writeUtf8(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
