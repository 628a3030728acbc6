package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket transport's threads, which also run decoders, yield to the render thread unless told otherwise. */
class WorkerPriorityTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void decodersRunBelowTheRenderThreadsPriorityByDefault() {
        assertEquals(Thread.MIN_PRIORITY, priorityOfTheDecodingThread(new FetchManager()));
    }

    @Test
    void aGameCanRunTheSocketThreadsAtAnotherPriority() {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .transport(Transports.sockets(null, Thread.NORM_PRIORITY)).build());
        assertEquals(Thread.NORM_PRIORITY, priorityOfTheDecodingThread(fetch));
    }

    @Test
    void aPriorityOutsideThreadsRangeIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Transports.sockets(null, Thread.MAX_PRIORITY + 1));
        assertTrue(error.getMessage().contains("priority") && error.getMessage().contains("11"), error.getMessage());
    }

    private int priorityOfTheDecodingThread(FetchManager fetch) {
        server.enqueue(new MockResponse().setBody("x"));
        try {
            Recorder<Integer> priority = new Recorder<>();
            FetchHandle<Integer> handle = fetch.get(server.url("/").toString())
                    .send(response -> Thread.currentThread().getPriority(), priority);
            Frames.untilDone(fetch, handle);
            return priority.assertSucceeded();
        } finally {
            fetch.dispose();
        }
    }
}
