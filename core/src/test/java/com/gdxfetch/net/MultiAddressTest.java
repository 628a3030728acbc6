package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host name with several addresses (an IPv6 and an IPv4 one, or several servers), given to a
 * child JVM by a hosts file: the connection goes to the first address that takes it, in the
 * resolver's order. The server listens on 127.0.0.1 only; the same port on another loopback
 * address refuses, or, with a listener whose backlog is full, drops the connection attempt.
 */
class MultiAddressTest {
    private static final String NAME = "game.example";
    @TempDir
    Path dir;
    private HttpServer server;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        server.createContext("/", exchange -> {
            byte[] body = "scores".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aNameWhoseFirstAddressRefusesIsReachedOnItsNextAddress() throws Exception {
        assertEquals("OK scores", child(10_000, "127.0.0.2", "127.0.0.1"));
    }

    @Test
    void aNameWhoseFirstAddressNeverAnswersIsReachedOnItsNextWithoutWaitingOutTheConnectTimeout() throws Exception {
        try (ServerSocket silent = silentListener("127.0.0.3")) {
            // Waiting out a minute's connect timeout would end the request at its total timeout.
            assertEquals("OK scores", child(60_000, 10_000, "127.0.0.3", "127.0.0.1"));
        }
    }

    @Test
    void aNameWhoseAddressesAllNeverAnswerFailsAsAConnectTimeout() throws Exception {
        try (ServerSocket silent = silentListener("127.0.0.3"); ServerSocket other = silentListener("127.0.0.5")) {
            String out = child(500, "127.0.0.3", "127.0.0.5");
            assertTrue(out.startsWith("FAIL CONNECT_TIMEOUT "), out);
            assertTrue(out.contains(NAME + " has 2 addresses"), out);
        }
    }

    @Test
    void cancelWhileEveryAddressIsUnansweredEndsEveryAttempt() throws Exception {
        try (ServerSocket silent = silentListener("127.0.0.3"); ServerSocket other = silentListener("127.0.0.5")) {
            // Attempts left connecting would hold I/O threads for the minute's connect timeout.
            assertEquals("ENDED", run(60_000, 0, "cancel", "127.0.0.3", "127.0.0.5").trim());
        }
    }

    @Test
    void aNameWhoseFirstAddressTheNetworkCannotRouteIsReachedOnItsNextAndOneWithNoOtherFailsAsCouldNotConnect()
            throws Exception {
        // Linux refuses a TCP connect to the broadcast or a multicast address with ENETUNREACH, as
        // it refuses an IPv6 one on a network without IPv6: the next address is tried at once.
        assertEquals("OK scores", child(10_000, "255.255.255.255", "127.0.0.1"));
        String out = child(10_000, "255.255.255.255", "224.0.0.1");
        assertTrue(out.startsWith("FAIL CONNECT_REFUSED "), out);
        assertTrue(out.contains(NAME + " has 2 addresses") && out.contains("network unreachable"), out);
    }

    @Test
    void aNameWhoseEveryAddressRefusesFailsAsRefusedSayingHowManyWereTried() throws Exception {
        String out = child(10_000, "127.0.0.2", "127.0.0.4");
        assertTrue(out.startsWith("FAIL CONNECT_REFUSED "), out);
        assertTrue(out.contains(NAME + " has 2 addresses"), out);
    }

    /**
     * A listener on {@code address} at the server's port that never accepts, its queue filled, so
     * the kernel drops further connection attempts as a dead host's network would.
     */
    private ServerSocket silentListener(String address) throws IOException {
        ServerSocket silent = new ServerSocket(port(), 1, InetAddress.getByName(address));
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            held.add(s);
            try {
                s.connect(new InetSocketAddress(address, port()), 300);
            } catch (SocketTimeoutException full) {
                return silent;
            }
        }
        silent.close();
        throw new IllegalStateException("the listener's queue never filled");
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** Runs {@link MultiAddressChild} with {@link #NAME} resolving to {@code addresses}, in order. */
    private String child(int connectTimeoutMillis, String... addresses) throws Exception {
        return child(connectTimeoutMillis, 0, addresses);
    }

    /** As above, with a total timeout of {@code totalTimeoutMillis} (none when 0). */
    private String child(int connectTimeoutMillis, int totalTimeoutMillis, String... addresses) throws Exception {
        String out = run(connectTimeoutMillis, totalTimeoutMillis, "send", addresses);
        for (String line : out.split("\n")) {
            if (line.startsWith("OK ") || line.startsWith("FAIL ")) {
                return line.trim();
            }
        }
        throw new AssertionError("the child printed no outcome: " + out);
    }

    /** Runs the child in {@code mode} ({@code send} or {@code cancel}) and returns all it printed. */
    private String run(int connectTimeoutMillis, int totalTimeoutMillis, String mode, String... addresses)
            throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (String address : addresses) {
            hosts.append(address).append(' ').append(NAME).append('\n');
        }
        Path hostsFile = dir.resolve("hosts");
        Files.writeString(hostsFile, hosts);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-XX:-UsePerfData", "-Djdk.net.hosts.file=" + hostsFile,
                "-cp", System.getProperty("java.class.path"), MultiAddressChild.class.getName(),
                "http://" + NAME + ":" + port() + "/scores", Integer.toString(connectTimeoutMillis),
                Integer.toString(totalTimeoutMillis), mode)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child ended");
        return out;
    }
}
