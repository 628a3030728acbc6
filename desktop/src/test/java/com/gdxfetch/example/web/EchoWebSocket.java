package com.gdxfetch.example.web;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The browser test's scripted WebSocket server (RFC 6455, server side, unfragmented messages):
 * picks the first subprotocol offered, echoes each text and binary message, answers the text
 * {@code big:N} with N binary bytes, {@code drop} by resetting the connection (no close frame) and
 * {@code close} by closing with 1000 "server bye", answers pings, and echoes a close frame before
 * it closes.
 * One daemon thread accepts, one serves each connection.
 */
final class EchoWebSocket implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    EchoWebSocket() throws IOException {
        listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        daemon(this::accept, "echo-ws-accept").start();
    }

    String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + "/echo";
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                daemon(() -> serve(socket), "echo-ws").start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            String key = null;
            String protocols = null;
            boolean closeSent = false;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
                String value = colon > 0 ? line.substring(colon + 1).trim() : "";
                if (name.equals("sec-websocket-key")) {
                    key = value;
                } else if (name.equals("sec-websocket-protocol")) {
                    protocols = value;
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n"
                    + (protocols != null ? "Sec-WebSocket-Protocol: " + protocols.split(",")[0].trim() + "\r\n" : "")
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                in.readFully(mask);
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                int opcode = b0 & 0x0F;
                String text = opcode == 0x1 ? new String(payload, StandardCharsets.UTF_8) : "";
                if (opcode == 0x8) {
                    if (!closeSent) {
                        out.write(frame(0x8, payload));
                        out.flush();
                    }
                    return;
                } else if (text.equals("drop")) {
                    // A lost connection: reset, no close frame.
                    s.setSoLinger(true, 0);
                    return;
                } else if (text.equals("close")) {
                    byte[] reason = "server bye".getBytes(StandardCharsets.UTF_8);
                    byte[] close = new byte[2 + reason.length];
                    close[0] = (byte) (1000 >> 8);
                    close[1] = (byte) 1000;
                    System.arraycopy(reason, 0, close, 2, reason.length);
                    out.write(frame(0x8, close));
                    closeSent = true;
                } else if (opcode == 0x9) {
                    out.write(frame(0xA, payload));
                } else if (opcode == 0x1 && new String(payload, StandardCharsets.UTF_8).startsWith("big:")) {
                    int n = Integer.parseInt(new String(payload, StandardCharsets.UTF_8).substring(4));
                    out.write(frame(0x2, new byte[n]));
                } else if (opcode == 0x1 || opcode == 0x2) {
                    out.write(frame(opcode, payload));
                }
                out.flush();
            }
        } catch (Exception endedOrBroken) {
            // The connection is over; the page's report says what it saw.
        } finally {
            open.remove(socket);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c < 0) {
            throw new IOException("connection ended in the handshake");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        }
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
