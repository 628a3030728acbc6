package com.gdxfetch.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Proxies scripted on real loopback sockets that report what they are asked. */
final class ScriptedProxies {
    private ScriptedProxies() {
    }

    /**
     * An HTTP proxy that answers each CONNECT with {@code answer} and is then the https server
     * ({@code tls}) at the tunnel's end, answering one request "ok". Reports each head in full: the
     * CONNECT's, then the request's from inside the tunnel.
     */
    static RawServer tunnelling(SSLContext tls, String answer, Consumer<String> heads) throws IOException {
        return new RawServer((socket, index) -> {
            heads.accept(RawServer.readHead(socket.getInputStream()));
            RawServer.write(socket.getOutputStream(), answer);
            SSLSocket tunnel = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            tunnel.setUseClientMode(false);
            heads.accept(RawServer.readHead(tunnel.getInputStream()));
            RawServer.write(tunnel.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            tunnel.close();
        });
    }

    /**
     * A SOCKS5 proxy (RFC 1928) without authentication that reports the address each CONNECT names
     * ("name host:port" or "ip address:port"), grants it, and hands the connection to
     * {@code server}, which plays the server at its end.
     */
    static RawServer socks5(Consumer<String> asked, RawServer.Script server) throws IOException {
        return new RawServer((socket, index) -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            in.readFully(new byte[in.readUnsignedByte() == 5 ? in.readUnsignedByte() : 0]);
            out.write(new byte[] {5, 0});
            byte[] request = new byte[4];
            in.readFully(request);
            String address;
            if (request[3] == 3) {
                byte[] name = new byte[in.readUnsignedByte()];
                in.readFully(name);
                address = "name " + new String(name, StandardCharsets.US_ASCII);
            } else {
                byte[] ip = new byte[request[3] == 4 ? 16 : 4];
                in.readFully(ip);
                address = "ip " + InetAddress.getByAddress(ip).getHostAddress();
            }
            asked.accept(address + ":" + in.readUnsignedShort());
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            server.run(socket, index);
        });
    }
}
