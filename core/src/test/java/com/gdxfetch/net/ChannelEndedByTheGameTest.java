package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A game that ends a channel from its listener (leaving the lobby on a message) hears nothing
 * more from it but its end, even when more messages had already arrived.
 */
class ChannelEndedByTheGameTest {
    private static final int MESSAGES = 50;
    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** Waits, without a frame, until every message the server sent has reached the channel. */
    private static void untilReadWhole(BooleanSupplier ended) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ended.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the channel never read the server's end");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** A WebSocket server that sends its messages and its close frame at once, after the handshake. */
    private static RawServer burstingWebSocket() throws IOException {
        return new RawServer((socket, index) -> {
            String head = RawServer.readHead(socket.getInputStream());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(WsServerSide.switching(head, "").getBytes(StandardCharsets.US_ASCII));
            for (int i = 1; i <= MESSAGES; i++) {
                WsServerSide.frame(out, 0x81, ("message " + i).getBytes(StandardCharsets.US_ASCII));
            }
            WsServerSide.frame(out, 0x88, new byte[] {0x03, (byte) 0xE8});
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
            // The client's close frame answers; then the server ends the connection, as RFC 6455 has it.
            socket.getInputStream().read();
            socket.close();
        });
    }

    @Test
    void aWebSocketCancelledFromItsListenerDeliversNoMessageQueuedBehind() throws Exception {
        try (RawServer server = burstingWebSocket()) {
            WsRecorder recorder = new WsRecorder() {
                @Override
                public void onText(WebSocket webSocket, String text) {
                    super.onText(webSocket, text);
                    webSocket.cancel();
                }
            };
            WebSocket ws = fetch.webSocket(WsServerSide.wsUrl(server, "/lobby")).open(recorder);
            untilReadWhole(() -> ws.state() == WebSocket.State.CLOSED);
            Frames.until(fetch, recorder::ended);
            assertEquals(List.of("open ", "text message 1", "closed 1000 "), recorder.events);
        }
    }

    /** An event stream that sends its events at once and ends the connection. */
    private static RawServer burstingEventStream() throws IOException {
        return new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            StringBuilder events = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Connection: close\r\n\r\n");
            for (int i = 1; i <= MESSAGES; i++) {
                events.append("data: event ").append(i).append("\n\n");
            }
            RawServer.write(socket.getOutputStream(), events.toString());
            socket.close();
        });
    }

    private static final class StreamEnds implements EventStreamListener {
        final List<String> events = new ArrayList<>();
        private final boolean cancel;

        StreamEnds(boolean cancel) {
            this.cancel = cancel;
        }

        @Override
        public void onEvent(EventStream stream, String type, String data, String id) {
            events.add(data);
            if (cancel) {
                stream.cancel();
            } else {
                stream.close();
            }
        }

        @Override
        public void onClosed(EventStream stream) {
            events.add("closed");
        }

        @Override
        public void onFailure(EventStream stream, FetchException failure) {
            events.add("failure " + failure.kind());
        }
    }

    /** Ends a stream from its listener on the first event, by cancel() or close(); only its end follows. */
    private void endFromTheListener(boolean cancel) throws Exception {
        try (RawServer server = burstingEventStream()) {
            StreamEnds listener = new StreamEnds(cancel);
            EventStream stream = fetch.events(server.url("/lobby")).maxReconnects(0).open(listener);
            untilReadWhole(() -> stream.state() == EventStream.State.CLOSED);
            Frames.until(fetch, () -> listener.events.size() >= 2);
            Frames.run(fetch, 2);
            assertEquals(List.of("event 1", "failure NETWORK"), listener.events);
        }
    }

    @Test
    void anEventStreamCancelledFromItsListenerDeliversNoEventQueuedBehind() throws Exception {
        endFromTheListener(true);
    }

    @Test
    void anEventStreamClosedFromItsListenerDeliversNoEventQueuedBehind() throws Exception {
        endFromTheListener(false);
    }
}
