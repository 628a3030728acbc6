package com.gdxfetch.example.server;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The leaderboard's live feed: a WebSocket endpoint ({@code ws://127.0.0.1:PORT/api/scores/live},
 * RFC 6455, server side) that sends the text {@value #CHANGED} when a game connects and again after
 * every new score; the game then fetches the board over HTTP, where a decoder reads it on a worker
 * thread. (Sent on connecting too, so a score posted between a game's first fetch and its feed
 * opening is not missed.) The JDK's HTTP server cannot hand a connection over to another protocol,
 * so the feed listens on a port of its own; {@code GET /api/scores} names it in its {@code "live"}
 * field.
 *
 * <p>A game sends nothing but control frames: pings are answered, a close is echoed, and a data
 * frame or anything malformed ends the connection with the matching close code. One daemon thread
 * accepts, one reads per connection, one sends to all of them, so a slow reader never holds up a
 * score submission. Any thread may call {@link #publish()} and {@link #close()}.
 */
final class LiveScores implements Closeable {
    static final String PATH = "/api/scores/live";
    /** The whole message: the board changed. */
    static final String CHANGED = "changed";
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD_BYTES = 8192;
    private static final int MAX_CONNECTIONS = 64;
    /** A game's handshake and control frames arrive at once; a connection silent this long is gone. */
    private static final int READ_TIMEOUT_MILLIS = 120_000;
    /** How long a game gets to end the connection after the feed's close frame. */
    private static final int CLOSE_WAIT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ExecutorService sender;
    private volatile boolean closed;

    private LiveScores(ServerSocket listener) {
        this.listener = listener;
        this.sender = Executors.newSingleThreadExecutor(task -> daemon(task, "demo-server-live-send"));
    }

    /** Listens on a free loopback port. */
    static LiveScores start() throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LiveScores live = new LiveScores(listener);
        daemon(live::acceptLoop, "demo-server-live-accept").start();
        return live;
    }

    /** The URL games connect to. */
    String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + PATH;
    }

    /** Tells every connected game that the board changed; returns at once. */
    void publish() {
        if (closed || connections.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> {
                byte[] frame = textFrame(CHANGED);
                for (Connection c : connections) {
                    c.send(frame);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // Closed meanwhile: nobody is listening any more.
        }
    }

    /** Stops listening and drops every connection. */
    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Connection c : connections) {
            c.drop();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                closeQuietly(socket);
                continue;
            }
            Connection c = new Connection(socket);
            daemon(c::run, "demo-server-live-read").start();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** An unmasked text frame, as a server sends it. */
    static byte[] textFrame(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift));
            }
        }
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    private static byte[] closeFrame(int code) {
        return frame(0x8, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** One game's connection: the handshake, then control frames until it ends. */
    private final class Connection {
        private final Socket socket;
        private OutputStream out;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                out = socket.getOutputStream();
                if (!handshake(in)) {
                    return;
                }
                connections.add(this);
                // Through the sending thread, so a game's frames are never written by two threads at once.
                sender.execute(() -> send(textFrame(CHANGED)));
                readFrames(in);
            } catch (IOException | RuntimeException gone) {
                // The game went away or sent something malformed; the connection just ends.
            } finally {
                drop();
            }
        }

        private boolean handshake(InputStream in) throws IOException {
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String key = null;
            boolean upgrade = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("sec-websocket-key")) {
                    key = value;
                } else if (name.equals("upgrade")) {
                    upgrade = value.equalsIgnoreCase("websocket");
                }
            }
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("GET") || !requestLine[1].equals(PATH)
                    || !upgrade || key == null) {
                write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return false;
            }
            write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return true;
        }

        private void readFrames(InputStream in) throws IOException {
            while (true) {
                int b0 = readByte(in);
                int b1 = readByte(in);
                int opcode = b0 & 0x0F;
                int length = b1 & 0x7F;
                if ((b1 & 0x80) == 0) {
                    closeWith(1002, in); // a client must mask its frames
                    return;
                }
                if (opcode < 0x8 || length > 125 || (b0 & 0x80) == 0) {
                    // The feed takes no messages; anything else than a whole control frame ends it.
                    closeWith(opcode < 0x8 ? 1003 : 1002, in);
                    return;
                }
                byte[] mask = readFully(in, 4);
                byte[] payload = readFully(in, length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if (opcode == 0x8) {
                    send(frame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]));
                    return;
                } else if (opcode == 0x9) {
                    send(frame(0xA, payload));
                }
            }
        }

        /**
         * Sends a close frame with {@code code} and lets the game end the connection. Closing the
         * socket with the game's frame still unread would make the kernel reset it, and a reset can
         * discard the close frame before the game reads it (a browser then sees 1006, not the code).
         */
        private void closeWith(int code, InputStream in) {
            send(closeFrame(code));
            try {
                socket.shutdownOutput();
                socket.setSoTimeout(CLOSE_WAIT_MILLIS);
                byte[] rest = new byte[512];
                long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000L;
                // Bounded in all, so a game that keeps sending cannot hold the connection open.
                while (in.read(rest) >= 0 && System.nanoTime() - deadline < 0) {
                    // The rest of the frame and the game's close answer are not needed.
                }
            } catch (IOException gone) {
                // Ended or silent: the connection is dropped all the same.
            }
        }

        void send(byte[] frame) {
            try {
                write(frame);
            } catch (IOException e) {
                drop();
            }
        }

        private void write(byte[] bytes) throws IOException {
            synchronized (this) {
                out.write(bytes);
                out.flush();
            }
        }

        void drop() {
            connections.remove(this);
            closeQuietly(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = readByte(in);
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("handshake head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return bytes;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-1", impossible);
        }
    }
}
