package com.gdxfetch.net;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Another project's proxy on a loopback port, started in the foreground as the test's child:
 * tinyproxy (an HTTP proxy) or microsocks (SOCKS5). Both open their connections to servers from
 * {@link #OUTGOING}, so a server can tell a proxied connection from a direct one.
 */
public final class ProxyDaemon implements AutoCloseable {
    /** The address the proxies connect to servers from; loopback, but not the client's 127.0.0.1. */
    static final String OUTGOING = "127.0.0.2";

    private final Process process;
    private final File log;
    public final Proxy proxy;

    private ProxyDaemon(Proxy.Type type, int port, File log, String... command) throws IOException {
        this.log = log;
        this.proxy = new Proxy(type, new InetSocketAddress("127.0.0.1", port));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        ChildServer.awaitListening(process, port, command[0], this::log);
    }

    /** tinyproxy, allowing loopback clients, tunnels to any port and no Via header. */
    public static ProxyDaemon tinyproxy(File dir) throws IOException {
        int port = freePort();
        File conf = new File(dir, "tinyproxy.conf");
        String text = "Port " + port + "\nListen 127.0.0.1\nBind " + OUTGOING + "\nTimeout 30\nMaxClients 32\n"
                + "Allow 127.0.0.1\nLogLevel Connect\nDisableViaHeader Yes\n";
        Files.write(conf.toPath(), text.getBytes(StandardCharsets.US_ASCII));
        return new ProxyDaemon(Proxy.Type.HTTP, port, new File(dir, "tinyproxy.log"),
                "tinyproxy", "-d", "-c", conf.getAbsolutePath());
    }

    /** microsocks, without authentication. */
    public static ProxyDaemon microsocks(File dir) throws IOException {
        int port = freePort();
        return new ProxyDaemon(Proxy.Type.SOCKS, port, new File(dir, "microsocks.log"),
                "microsocks", "-i", "127.0.0.1", "-p", Integer.toString(port), "-b", OUTGOING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** What the proxy printed so far. */
    String log() throws IOException {
        return log.exists() ? new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
