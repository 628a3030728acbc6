package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a streamed body while its items wait for the render thread: once {@code cancel()}
 * has returned, no further item is delivered, only the one {@code onCancelled}.
 */
class StreamCancelTest {
    private static final int LINES = 40;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** Serves {@code LINES} lines at once, then holds the connection open. */
    private static RawServer manyLines() throws Exception {
        return new RawServer((socket, index) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            RawServer.readHead(in);
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                lines.append("line ").append(i).append('\n');
            }
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(lines.length()) + "\r\n" + lines + "\r\n");
            while (in.read() >= 0) {
                // Held until the client goes.
            }
        });
    }

    @Test
    void anItemCallbackThatCancelsGetsNoFurtherItemOnlyOnCancelled() throws Exception {
        try (RawServer server = manyLines()) {
            @SuppressWarnings("unchecked")
            FetchHandle<Long>[] handle = new FetchHandle[1];
            StreamedBodyTest.Recorder<String> recorder = new StreamedBodyTest.Recorder<String>() {
                @Override
                public void onItem(String item) {
                    super.onItem(item);
                    if (events.size() == 2) {
                        assertTrue(handle[0].cancel());
                    }
                }
            };
            List<String> events = recorder.events;
            handle[0] = fetch.get(server.url("/lines")).stream(Decoders.lines(), recorder);
            Frames.until(fetch, () -> events.contains("cancelled"));
            Frames.run(fetch, 3);
            assertEquals(List.of("line 0", "line 1", "cancelled"), events);
        }
    }

    @Test
    void itemsWaitingWhenAnotherThreadCancelsAreNeverDelivered() throws Exception {
        try (RawServer server = manyLines()) {
            CountDownLatch itemsWaiting = new CountDownLatch(1);
            StreamedBodyTest.Recorder<String> recorder = new StreamedBodyTest.Recorder<>();
            List<String> events = recorder.events;
            FetchHandle<Long> handle = fetch.get(server.url("/lines")).stream(new LineDecoder<String>() {
                @Override
                public String decode(String line) {
                    if (line.equals("line " + (LINES - 1))) {
                        itemsWaiting.countDown();
                    }
                    return line;
                }
            }, recorder);
            // No update() yet: every item waits for the render thread when the cancel comes.
            assertTrue(itemsWaiting.await(10, TimeUnit.SECONDS));
            Thread canceller = new Thread(() -> handle.cancel(), "canceller");
            canceller.start();
            canceller.join();
            Frames.until(fetch, () -> events.contains("cancelled"));
            Frames.run(fetch, 3);
            assertEquals(List.of("cancelled"), events);
        }
    }
}
