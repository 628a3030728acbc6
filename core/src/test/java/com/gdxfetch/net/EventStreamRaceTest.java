package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} and {@code cancel()} from other threads racing an event stream that reconnects
 * without pause: one of them wins, the stream ends with that one's terminal event alone, nothing
 * follows it, and at most the connection already under way when the winner returned is made.
 */
class EventStreamRaceTest {
    @Test
    void closeAndCancelRacingAReconnectingStreamEndItOnceWithTheWinnersEventAndStopReconnecting()
            throws Exception {
        Random random = new Random(6202);
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            // Ends at once: the stream reconnects straight away, so a close always races a reconnect.
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
                    + "retry: 0\ndata: n" + index + "\n\n");
            socket.close();
        })) {
            for (int round = 0; round < 100; round++) {
                race(server, round, random.nextInt(3000), random.nextBoolean());
            }
        }
    }

    private static void race(RawServer server, int round, int spins, boolean withCancel) throws Exception {
        FetchManager fetch = new FetchManager();
        try {
            Recorder recorder = new Recorder();
            EventStream stream = fetch.events(server.url("/feed")).reconnectDelayMillis(0)
                    .maxReconnects(1_000_000).open(recorder);
            int threads = withCancel ? 3 : 2;
            AtomicInteger closes = new AtomicInteger();
            List<Integer> connectionsWhenWon = new CopyOnWriteArrayList<>();
            Racers racers = new Racers(threads, false);
            for (int t = 0; t < threads; t++) {
                racers.add("stream-racer-" + t, role -> {
                    Racers.spin(spins + role * 7);
                    if (role < 2) {
                        if (stream.close()) {
                            closes.incrementAndGet();
                            connectionsWhenWon.add(server.connections());
                        }
                    } else {
                        stream.cancel();
                        connectionsWhenWon.add(server.connections());
                    }
                });
            }
            // Let it cycle through a few connections first.
            int before = server.connections();
            Frames.until(fetch, () -> server.connections() >= before + 3 || recorder.terminals > 0);
            racers.start();
            while (racers.anyAlive()) {
                fetch.update();
                Thread.yield();
            }
            Frames.until(fetch, () -> recorder.terminals > 0);
            assertEquals(List.of(), racers.thrown(), "round " + round);
            assertTrue(closes.get() <= 1, "round " + round + ": close() returned true " + closes.get() + " times");
            assertEquals(EventStream.State.CLOSED, stream.state(), "round " + round);
            if (closes.get() == 1) {
                assertEquals("closed", recorder.last(), "round " + round + ": " + recorder.events);
            }
            if (withCancel && closes.get() == 0) {
                assertEquals("failure CANCELLED", recorder.last(), "round " + round + ": " + tail(recorder));
            }
            int min = Integer.MAX_VALUE;
            for (int c : connectionsWhenWon) {
                min = Math.min(min, c);
            }
            // Dispose joins the I/O threads: no connection can come after it.
            fetch.dispose();
            fetch = null;
            int after = server.connections();
            assertTrue(after - min <= 1, "round " + round + ": " + (after - min)
                    + " connections after the stream was ended");
            assertEquals(1, recorder.terminals, "round " + round + ": " + tail(recorder));
        } finally {
            if (fetch != null) {
                fetch.dispose();
            }
        }
    }

    private static List<String> tail(Recorder recorder) {
        return recorder.events.subList(Math.max(0, recorder.events.size() - 5), recorder.events.size());
    }

    /** Records events, failing the round on any after the terminal one or off the render thread. */
    private static final class Recorder implements EventStreamListener {
        final Thread renderThread = Thread.currentThread();
        final List<String> events = new ArrayList<>();
        int terminals;

        private void record(String event) {
            if (Thread.currentThread() != renderThread) {
                events.add("OFF THREAD " + event);
            }
            if (terminals > 0) {
                events.add("AFTER TERMINAL " + event);
                terminals++;
            }
            events.add(event);
        }

        String last() {
            return events.get(events.size() - 1);
        }

        @Override
        public void onEvent(EventStream stream, String type, String data, String id) {
            record("message");
        }

        @Override
        public void onReconnecting(EventStream stream, int attempt, long delayMillis) {
            record("reconnecting");
        }

        @Override
        public void onClosed(EventStream stream) {
            record("closed");
            terminals++;
        }

        @Override
        public void onFailure(EventStream stream, FetchException failure) {
            record("failure " + failure.kind());
            terminals++;
        }
    }
}
