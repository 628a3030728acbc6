package com.gdxfetch.bench;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.NodeWsServer;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * WebSocket messages from a local server (the npm ws package under Node, the tests' server)
 * delivered through {@code update(2)}: messages per second for 64-byte and 4 KiB text messages
 * with frames 1 ms apart (the render thread parks between updates, as a game's frame leaves time
 * to other threads), and the render thread's time inside {@code update()} per message. Then the
 * frame suite's loop, rounds and figures ({@link FrameBench}) while 10,000 messages of 64 bytes
 * arrive in one burst, beside the loop doing the fixed work alone.
 */
public final class WebSocketBench implements BenchSuite {
    private static final int ROUNDS = 3;
    private static final int BURST = 10_000;
    private static final int UPDATE_BUDGET_MILLIS = 2;
    private static final long FRAME_GAP_NANOS = 1_000_000;
    private static final int SMALL = 64;
    private static final int SMALL_MESSAGES = 200_000;
    private static final int LARGE = 4096;
    private static final int LARGE_MESSAGES = 20_000;
    private static final String JUDGED = "gdx-fetch-websocket";

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        try (NodeWsServer node = NodeWsServer.start()) {
            String url = node.url("/bench");
            JsonOut json = new JsonOut()
                    .put("server", "npm ws " + wsVersion() + " on Node " + nodeVersion() + ", loopback")
                    .put("update_budget_ms", UPDATE_BUDGET_MILLIS)
                    .put("frame_gap_ms", FRAME_GAP_NANOS / 1e6)
                    .put("rounds", ROUNDS);
            FetchManager fetch = new FetchManager();
            try {
                Counter counter = new Counter();
                WebSocket ws = fetch.webSocket(url).maxMessageBytes(1 << 20).open(counter);
                while (!counter.open) {
                    fetch.update(UPDATE_BUDGET_MILLIS);
                    LockSupport.parkNanos(FRAME_GAP_NANOS);
                }
                // Warm-up: the JIT compiles both paths before anything is timed.
                drain(fetch, ws, counter, SMALL_MESSAGES / 4, SMALL);
                drain(fetch, ws, counter, LARGE_MESSAGES / 4, LARGE);
                json.put("text64", rounds(fetch, ws, counter, SMALL_MESSAGES, SMALL));
                json.put("text4096", rounds(fetch, ws, counter, LARGE_MESSAGES, LARGE));
            } finally {
                fetch.dispose();
            }
            Map<String, Supplier<FrameClient>> clients = new LinkedHashMap<>();
            clients.put(FrameBench.NO_NETWORK, IdleFrameClient::new);
            clients.put(JUDGED, () -> new WebSocketFrameClient(url));
            FrameBench.Server running = new FrameBench.Server() {
                @Override
                public String url() {
                    return url;
                }

                @Override
                public void close() {
                    // Stopped with the rest of this suite.
                }
            };
            JsonOut burst = new FrameBench(name(), clients, JUDGED, dir -> running, BURST, BURST,
                    WebSocketFrameClient.MESSAGE_BYTES).measure(outputDir);
            json.put("burst", burst);
            json.put("stats", "text64 and text4096: medians over rounds of messages per second from the command to "
                    + "the last message handed over, and of the render thread's wall time inside update() divided "
                    + "by the messages; burst: the frame suite's figures (see frame.json's stats), each loop asking "
                    + "for 10,000 messages in its first frame");
            json.write(outputDir.resolve("websocket.json"));
        }
    }

    /** Medians over rounds: messages per second, and nanoseconds inside update() per message. */
    private static JsonOut rounds(FetchManager fetch, WebSocket ws, Counter counter, int messages, int size) {
        double[] rates = new double[ROUNDS];
        double[] costs = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            double[] one = drain(fetch, ws, counter, messages, size);
            rates[r] = one[0];
            costs[r] = one[1];
        }
        return new JsonOut().put("messages", messages).put("message_bytes", size)
                .put("messages_per_second", Stats.median(rates))
                .put("update_ns_per_message", Stats.median(costs))
                .putNumbers("messages_per_second_rounds", rates)
                .putNumbers("update_ns_per_message_rounds", costs);
    }

    private static double[] drain(FetchManager fetch, WebSocket ws, Counter counter, int messages, int size) {
        counter.count = 0;
        ws.send("cmd:flood:" + messages + ":" + size);
        long start = System.nanoTime();
        long inUpdate = 0;
        while (counter.count < messages) {
            long t = System.nanoTime();
            fetch.update(UPDATE_BUDGET_MILLIS);
            inUpdate += System.nanoTime() - t;
            if (counter.failed) {
                throw new IllegalStateException("channel failed during the bench");
            }
            // A game's frame leaves the rest of its time to other threads; an update() loop
            // without a pause would starve the channel's reader (at MIN_PRIORITY) instead.
            LockSupport.parkNanos(FRAME_GAP_NANOS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {messages / seconds, (double) inUpdate / messages};
    }

    private static String nodeVersion() throws Exception {
        Process p = new ProcessBuilder("node", "--version").start();
        String v = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        p.waitFor();
        return v;
    }

    private static String wsVersion() throws Exception {
        Process p = new ProcessBuilder("node", "-p", "require('ws/package.json').version")
                .directory(new java.io.File("src/test/node")).start();
        String v = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        p.waitFor();
        return v;
    }

    /** Counts messages; the work a game does per message is left out on purpose. */
    private static final class Counter implements WebSocketListener {
        int count;
        boolean open;
        boolean failed;

        @Override
        public void onOpen(WebSocket webSocket, String protocol) {
            open = true;
        }

        @Override
        public void onText(WebSocket webSocket, String text) {
            count++;
        }

        @Override
        public void onFailure(WebSocket webSocket, FetchException failure) {
            if (failure.kind() != FailureKind.CANCELLED) {
                failed = true;
                failure.printStackTrace();
            }
        }
    }
}
