package com.gdxfetch.net;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Waiting for another project's server, started as the test's child process, to listen. */
final class ChildServer {
    private ChildServer() {
    }

    /** A log file a child server writes under {@code prefix}, as far as it got; empty before it exists. */
    static String log(File prefix, String name) throws IOException {
        File f = new File(prefix, name);
        return f.exists() ? new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8) : "";
    }

    /**
     * Returns once {@code port} on loopback accepts a connection.
     *
     * @throws IOException with {@code log}'s text if the process ends or 20 s pass first
     */
    static void awaitListening(Process process, int port, String name, Callable<String> log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String text;
                    try {
                        text = log.call();
                    } catch (Exception e) {
                        text = "(log unreadable: " + e + ")";
                    }
                    throw new IOException(name + " did not start: " + text);
                }
                Thread.onSpinWait();
            }
        }
    }
}
