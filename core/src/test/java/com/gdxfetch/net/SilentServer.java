package com.gdxfetch.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback server that accepts connections and never reads or answers: requests stay in
 * flight until the client gives up.
 */
final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    SilentServer() throws IOException {
        socket = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = socket.accept();
                synchronized (this) {
                    accepted.add(client);
                    notifyAll();
                }
            }
        } catch (IOException closed) {
            // close() ends the loop.
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Blocks until {@code count} connections have been accepted. */
    synchronized void awaitConnections(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (accepted.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("only " + accepted.size() + " of " + count + " connections arrived");
            }
            wait(left);
        }
    }

    /** Connections whose client end has closed, judged by a read returning end-of-stream. */
    synchronized int closedByClient() throws IOException {
        int closed = 0;
        for (Socket client : accepted) {
            client.setSoTimeout(1);
            try {
                byte[] drain = new byte[65536];
                while (true) {
                    if (client.getInputStream().read(drain) < 0) {
                        closed++;
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                // Nothing more to read and not closed.
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (this) {
            for (Socket client : accepted) {
                client.close();
            }
        }
    }
}
