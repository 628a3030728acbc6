package com.gdxfetch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback server that accepts connections and never reads or answers, so every request sent
 * to it stays in flight. Runs as its own process (its sockets would otherwise share the bench's
 * file-descriptor limit): prints {@code port N}, then {@code accepted N} every 500 connections,
 * and exits when its standard input closes.
 */
public final class HoldingServer {
    private HoldingServer() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(0, 16_384, InetAddress.getLoopbackAddress());
        System.out.println("port " + server.getLocalPort());
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Only the end of input matters.
                }
            } catch (IOException ignored) {
                // Same as end of input: the bench is gone.
            }
            System.exit(0);
        }, "stdin-watch");
        watchdog.setDaemon(true);
        watchdog.start();
        List<Socket> held = new ArrayList<>();
        while (true) {
            held.add(server.accept());
            if (held.size() % 500 == 0) {
                System.out.println("accepted " + held.size());
                System.out.flush();
            }
        }
    }
}
