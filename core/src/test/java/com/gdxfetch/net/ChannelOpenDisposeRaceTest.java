package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Event streams and WebSockets opened from other threads while the render thread disposes the
 * manager: an open either throws {@link IllegalStateException} or returns a channel whose one
 * terminal event has run when {@code dispose()} returns, with nothing after it and no thread of
 * the manager left.
 */
class ChannelOpenDisposeRaceTest {
    @Test
    void channelsOpenedWhileDisposeRunsAreRefusedOrEndedOnceInsideIt() throws Exception {
        Random random = new Random(4455);
        int refused = 0;
        int opened = 0;
        try (RawServer server = new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            if (head.contains("Upgrade: websocket")) {
                // Never answers the handshake: the channel stays connecting until it ends.
                while (in.read() >= 0) {
                    // Held.
                }
                return;
            }
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
                    + "data: hello\n\n");
            while (in.read() >= 0) {
                // Held open until the client goes.
            }
        })) {
            for (int round = 0; round < 30; round++) {
                int[] counts = round(server, round, random.nextInt(5));
                refused += counts[0];
                opened += counts[1];
            }
        }
        assertTrue(refused > 0 && opened > 0, refused + " refused, " + opened + " opened");
    }

    /** Returns {refused, opened}. */
    private static int[] round(RawServer server, int round, int frames) throws Exception {
        FetchManager fetch = new FetchManager();
        List<Listener> listeners = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        int[] refused = new int[2];
        boolean[] disposeReturned = {false};
        Racers racers = new Racers(2, true);
        for (int t = 0; t < 2; t++) {
            racers.add("opener-" + t, kind -> {
                for (int i = 0; i < 200; i++) {
                    Listener listener = new Listener(disposeReturned);
                    // Listed before the call: an open that registers in time may return after dispose().
                    listeners.add(listener);
                    try {
                        if (kind == 0) {
                            fetch.events(server.url("/feed")).open(listener);
                        } else {
                            fetch.webSocket(WsServerSide.wsUrl(server, "/ws")).open(listener);
                        }
                    } catch (IllegalStateException e) {
                        listeners.remove(listener);
                        if (!e.getMessage().contains("disposed")) {
                            problems.add("refused for another reason: " + e.getMessage());
                        }
                        synchronized (refused) {
                            refused[kind]++;
                        }
                        return;
                    }
                }
            });
        }
        racers.start();
        racers.go();
        for (int i = 0; i < frames; i++) {
            fetch.update();
        }
        fetch.dispose();
        disposeReturned[0] = true;
        racers.join();
        fetch.update();
        assertEquals(List.of(), racers.thrown(), "round " + round);
        assertEquals(List.of(), problems, "round " + round);
        for (Listener listener : listeners) {
            assertEquals(1, listener.terminals, "round " + round + ": " + listener.events);
            assertTrue(listener.events.get(listener.events.size() - 1).startsWith("end"),
                    "round " + round + ": " + listener.events);
        }
        assertEquals(List.of(), Threads.aliveFetchThreads(), "round " + round);
        return new int[] {refused[0] + refused[1], listeners.size()};
    }

    /** Listens to either kind of channel, recording events; all on the render thread (this test's). */
    private static final class Listener implements EventStreamListener, WebSocketListener {
        final List<String> events = new ArrayList<>();
        private final boolean[] disposeReturned;
        int terminals;

        Listener(boolean[] disposeReturned) {
            this.disposeReturned = disposeReturned;
        }

        private void end(String what) {
            terminals++;
            events.add((disposeReturned[0] ? "AFTER DISPOSE " : "") + "end " + what);
        }

        @Override
        public void onEvent(EventStream stream, String type, String data, String id) {
            events.add("event " + data);
        }

        @Override
        public void onClosed(EventStream stream) {
            end("closed");
        }

        @Override
        public void onFailure(EventStream stream, FetchException failure) {
            end("failure " + failure.kind());
        }

        @Override
        public void onOpen(WebSocket webSocket, String protocol) {
            events.add("open");
        }

        @Override
        public void onText(WebSocket webSocket, String text) {
            events.add("text");
        }

        @Override
        public void onBinary(WebSocket webSocket, byte[] data) {
            events.add("binary");
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end("closed " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, FetchException failure) {
            end("failure " + failure.kind());
        }
    }
}
