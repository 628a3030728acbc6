package com.gdxfetch.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A keep-alive HTTP/1.1 server on one loopback port that can be stopped and started again on that
 * port, as a game's server restarts: stopping closes its listening socket and every connection it
 * accepted (or resets them, as a load balancer dropping idle connections does). Each answer is
 * {@code <run>:<method> <path>}, the run counting starts from 0, so a test sees which server
 * answered and on which connection.
 */
final class RestartableServer implements AutoCloseable {
    private final SSLContext tls;
    private final int port;
    /** Each accepted connection: its TCP socket, then the socket it is served through (the TLS one over https). */
    private final List<Socket[]> sockets = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();
    /** The threads of the current run, which stop() waits for. */
    private final List<Thread> threads = new ArrayList<>();
    private ServerSocket server;
    private int run;
    /** Answers wait until this many requests are in, so that as many connections are open at once. */
    private volatile CountDownLatch gathering = new CountDownLatch(0);

    /** @param tls the server's certificate for {@code localhost}, or null for plain http */
    RestartableServer(SSLContext tls) throws IOException {
        this.tls = tls;
        ServerSocket first = bind(0);
        port = first.getLocalPort();
        listen(first);
    }

    String url(String path) {
        return (tls != null ? "https://localhost:" : "http://127.0.0.1:") + port + path;
    }

    int connections() {
        return accepted.get();
    }

    int posts() {
        return posts.get();
    }

    /** The next {@code count} requests are answered only once all of them have arrived. */
    void gather(int count) {
        gathering = new CountDownLatch(count);
    }

    /** How a stopping server's connections end. */
    enum Stop {
        /** Closed as a server shutting down closes them: over TLS a close_notify, then a FIN. */
        CLOSE,
        /** As a killed process's end: a FIN, and over TLS no close_notify. */
        KILL,
        /** Reset, as a load balancer dropping idle connections may: a RST and nothing before it. */
        RESET
    }

    /** Closes the listening socket and every accepted connection, each ending as {@code how} says. */
    void stop(Stop how) throws IOException {
        List<Thread> running;
        synchronized (this) {
            server.close();
            for (Socket[] socket : sockets) {
                if (how == Stop.CLOSE) {
                    socket[1].close();
                } else {
                    // The TCP socket alone, so that over TLS no close_notify goes ahead.
                    if (how == Stop.RESET) {
                        socket[0].setSoLinger(true, 0);
                    }
                    socket[0].close();
                }
            }
            sockets.clear();
            running = new ArrayList<>(threads);
            threads.clear();
        }
        // The JDK closes a socket a thread is blocked on once that thread wakes: until they are
        // gone the port may still be listening, or taken.
        for (Thread thread : running) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping", e);
            }
            if (thread.isAlive()) {
                throw new IOException(thread.getName() + " did not end");
            }
        }
    }

    /** Listens on the same port again, as the restarted server. */
    synchronized void start() throws IOException {
        run++;
        listen(bind(port));
    }

    private ServerSocket bind(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        return s;
    }

    private synchronized void listen(ServerSocket s) {
        server = s;
        int thisRun = run;
        Thread acceptor = new Thread(() -> {
            while (true) {
                Socket raw;
                Socket socket;
                try {
                    raw = s.accept();
                    socket = tls == null ? raw : wrap(raw);
                } catch (IOException closed) {
                    return;
                }
                synchronized (this) {
                    if (s.isClosed()) {
                        closeQuietly(socket);
                        return;
                    }
                    sockets.add(new Socket[] {raw, socket});
                }
                accepted.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket, thisRun), "restartable-server-connection");
                handler.setDaemon(true);
                synchronized (this) {
                    if (s.isClosed()) {
                        closeQuietly(socket);
                        return;
                    }
                    threads.add(handler);
                }
                handler.start();
            }
        }, "restartable-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    private Socket wrap(Socket raw) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        socket.setUseClientMode(false);
        return socket;
    }

    private void serve(Socket socket, int thisRun) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String method = requestLine.substring(0, requestLine.indexOf(' '));
                String path = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
                in.readNBytes(contentLength(head));
                if (method.equals("POST")) {
                    posts.incrementAndGet();
                }
                CountDownLatch gate = gathering;
                gate.countDown();
                gate.await(30, TimeUnit.SECONDS);
                byte[] body = (thisRun + ":" + method + " " + path).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException | RuntimeException gone) {
            closeQuietly(socket);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    /** One request head, or null when the client closed the connection between requests. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.length() == 0) {
                    return null;
                }
                throw new IOException("client closed inside a request head");
            }
            head.append((char) b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        stop(Stop.CLOSE);
    }
}
