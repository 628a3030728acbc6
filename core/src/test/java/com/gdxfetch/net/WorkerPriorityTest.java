package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** The socket transport's threads, which also run decoders, yield to the render thread unless told otherwise. */
class WorkerPriorityTest extends LoopbackServerTest {
    @Test
    void decodersRunBelowTheRenderThreadsPriorityByDefault() {
        assertEquals(Thread.MIN_PRIORITY, priorityOfTheDecodingThread());
    }

    @Test
    void aGameCanRunTheSocketThreadsAtAnotherPriority() {
        use(FetchConfig.builder().transport(Transports.sockets(null, Thread.NORM_PRIORITY)).build());
        assertEquals(Thread.NORM_PRIORITY, priorityOfTheDecodingThread());
    }

    private int priorityOfTheDecodingThread() {
        server.enqueue(new MockResponse().setBody("x"));
        Recorder<Integer> priority = new Recorder<>();
        FetchHandle<Integer> handle = fetch.get(url("/"))
                .send(response -> Thread.currentThread().getPriority(), priority);
        Frames.untilDone(fetch, handle);
        return priority.assertSucceeded();
    }
}
