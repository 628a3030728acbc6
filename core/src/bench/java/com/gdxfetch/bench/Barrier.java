package com.gdxfetch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A loopback backend, proxied by nginx under {@code /hold/N}, that holds each request until N
 * requests are waiting and then answers them all (1 KiB each), or answers what it holds after
 * {@link #HOLD_MILLIS}. A client that sends N such requests at once therefore has N of them in
 * flight together, on N connections to nginx: the warm-up a cell at concurrency N needs, so that
 * the timed requests find as many connections open as they can use, for every client alike.
 */
final class Barrier implements AutoCloseable {
    /** How long a partial group waits, for a client that cannot have N requests in flight. */
    private static final int HOLD_MILLIS = 3_000;
    static final int BODY_BYTES = 1024;

    private final ServerSocket server;
    private final Thread thread;
    private final byte[] response;
    private final List<Socket> held = new ArrayList<>();
    private int target;
    private long firstHeldAt;

    Barrier() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        byte[] body = new byte[BODY_BYTES];
        new Random(7).nextBytes(body);
        byte[] head = ("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + BODY_BYTES
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        thread = new Thread(this::serve, "bench-barrier");
        thread.setDaemon(true);
        thread.start();
    }

    /** The nginx directives that send {@code /hold/} to this backend, for the {@code server} block. */
    String location() {
        return "    location /hold/ { proxy_pass http://127.0.0.1:" + server.getLocalPort() + "; }\n";
    }

    /** The path, under nginx, of a request held until {@code n} are waiting. */
    static String path(int n) {
        return "hold/" + n;
    }

    private void serve() {
        try {
            server.setSoTimeout(100);
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int n = readTarget(socket);
                    if (held.isEmpty()) {
                        firstHeldAt = System.nanoTime();
                    }
                    target = n;
                    held.add(socket);
                } catch (SocketTimeoutException idle) {
                    // Check the time of a partial group below.
                }
                if (!held.isEmpty() && (held.size() >= target
                        || System.nanoTime() - firstHeldAt > HOLD_MILLIS * 1_000_000L)) {
                    if (held.size() < target) {
                        System.out.println("[bench] barrier: answered " + held.size() + " of " + target
                                + " requests after " + HOLD_MILLIS + " ms");
                    }
                    for (Socket s : held) {
                        answer(s);
                    }
                    held.clear();
                }
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                System.out.println("[bench] barrier stopped: " + e);
            }
        }
    }

    /** Reads one request's head and returns the N of its {@code /hold/N} path. */
    private static int readTarget(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early: " + head);
            }
            head.append((char) b);
        }
        String path = head.substring(head.indexOf(" ") + 1, head.indexOf(" ", head.indexOf(" ") + 1));
        return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    }

    private void answer(Socket socket) {
        try (Socket s = socket; OutputStream out = s.getOutputStream()) {
            out.write(response);
        } catch (IOException e) {
            System.out.println("[bench] barrier could not answer: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : held) {
            s.close();
        }
    }
}
