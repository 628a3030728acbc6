package com.gdxfetch.net.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One open socket to a server, with its buffered input and request writer. */
final class Connection {
    /** The {@code host:port} it is connected to. */
    final String hostKey;
    final boolean tls;
    final Socket socket;
    final HttpInput in;
    final OutputStream out;
    final RequestWriter writer = new RequestWriter();
    /** When this connection went back to the pool, for idle eviction. */
    long idleSinceNanos;

    Connection(String hostKey, boolean tls, Socket socket) throws IOException {
        this.hostKey = hostKey;
        this.tls = tls;
        this.socket = socket;
        this.in = new HttpInput(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Whether it still looks usable: open, and no unread bytes a previous response left. */
    boolean isReusable() {
        return !socket.isClosed() && !socket.isInputShutdown() && in.buffered() == 0;
    }

    /** Closes the socket, ignoring failures; safe from any thread and more than once. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that fails to close.
        }
    }
}
