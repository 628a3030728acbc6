package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class DisposeTest {
    @Test
    void disposeWithAThousandRequestsInFlightCancelsEachOnceOnTheCallingThread() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequests(1000)
                    .maxRequestsPerHost(1000).build());
            List<Recorder<HttpResponse>> callbacks = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Recorder<HttpResponse> callback = new Recorder<>();
                callbacks.add(callback);
                fetch.get(silent.url("/held/" + i)).send(callback);
            }
            silent.awaitConnections(1000);
            assertEquals(1000, fetch.inFlightCount());

            fetch.dispose();

            for (Recorder<HttpResponse> callback : callbacks) {
                assertEquals(1, callback.terminalCalls);
                assertTrue(callback.cancelled);
                assertSame(Thread.currentThread(), callback.thread);
            }
            assertEquals(List.of(), Threads.aliveFetchThreads());
            assertTrue(fetch.update(), "nothing is left to do after dispose");
            for (Recorder<HttpResponse> callback : callbacks) {
                assertEquals(1, callback.terminalCalls, "nothing is called back after dispose");
            }
        }
    }

    @Test
    void tenThousandRequestsWithInjectedFaultsEachEndExactlyOnceOnTheRenderThread() throws Exception {
        MockWebServer server = new MockWebServer();
        AtomicInteger served = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int n = served.incrementAndGet();
                if (n % 10 != 0) {
                    return new MockResponse().setBody(request.getPath());
                }
                switch ((n / 10) % 5) {
                    case 0:
                        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START);
                    case 1:
                        return new MockResponse().setBody(new Buffer().write(new byte[5000]))
                                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                    case 2:
                        return new MockResponse().setStatus("NONSENSE");
                    case 3:
                        return new MockResponse().setResponseCode(500).setBody("oops");
                    default:
                        return new MockResponse().setBody("{broken").setHeader("X-Decode", "fail");
                }
            }
        });
        server.start();
        FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequests(32).maxRequestsPerHost(32).build());
        int total = 10_000;
        List<Recorder<String>> callbacks = new ArrayList<>(total);
        ResponseDecoder<String> decoder = response -> {
            if (response.header("X-Decode") != null) {
                throw new IllegalArgumentException("unparseable");
            }
            return response.text();
        };
        try {
            for (int i = 0; i < total; i++) {
                Recorder<String> callback = new Recorder<>();
                callbacks.add(callback);
                fetch.get(server.url("/r" + i).toString()).failOnHttpError(true).send(decoder, callback);
            }
            Frames.until(fetch, () -> fetch.openCount() == 0, 120_000);
            int succeeded = 0;
            int failed = 0;
            for (Recorder<String> callback : callbacks) {
                assertEquals(1, callback.terminalCalls);
                assertSame(Thread.currentThread(), callback.thread);
                if (callback.failure != null) {
                    failed++;
                } else {
                    succeeded++;
                }
            }
            assertEquals(total, succeeded + failed);
            assertTrue(failed >= total / 20 && failed <= total / 5, failed + " failures for 10% injected faults");
        } finally {
            fetch.dispose();
            server.shutdown();
        }
        assertEquals(List.of(), Threads.aliveFetchThreads());
    }
}
