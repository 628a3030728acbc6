package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.internal.FramePump;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A transport without threads (the browser's) runs its events inside update(), also when the
 * manager's cache layer wraps it, as it wraps every transport.
 */
class FramePumpTest {
    /** Answers every request, but only when the manager pumps it. */
    private static final class PumpedTransport implements Transport, FramePump {
        final List<Runnable> events = new ArrayList<>();
        int pumps;

        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            events.add(() -> listener.completed(new HttpResponse.Builder().status(200, "OK").url(request.url())
                    .body("pumped".getBytes()).build()));
            return () -> {
            };
        }

        @Override
        public boolean hasEvents() {
            return !events.isEmpty();
        }

        @Override
        public void runEvents(Clock clock, long deadlineNanos) {
            pumps++;
            List<Runnable> due = new ArrayList<>(events);
            events.clear();
            for (Runnable event : due) {
                event.run();
            }
        }

        @Override
        public void dispose() {
        }
    }

    @Test
    void aThreadlessTransportUnderTheCacheLayerIsPumpedByUpdate() {
        PumpedTransport transport = new PumpedTransport();
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(transport).build());
        try {
            Recorder<String> callback = new Recorder<>();
            FetchHandle<String> handle = fetch.get("http://127.0.0.1:9/board").send(Decoders.text(), callback);
            assertFalse(callback.called());
            Frames.untilDone(fetch, handle);
            assertEquals("pumped", callback.assertSucceeded());
            assertTrue(transport.pumps > 0, "update() never ran the transport's events");
        } finally {
            fetch.dispose();
        }
    }
}
