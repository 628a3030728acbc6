package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulingTest {
    private final HoldingDispatcher holding = new HoldingDispatcher();
    private final List<MockWebServer> servers = new ArrayList<>();
    private FetchManager fetch;

    private MockWebServer server() throws Exception {
        return server(holding);
    }

    private MockWebServer server(okhttp3.mockwebserver.Dispatcher dispatcher) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(dispatcher);
        server.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        holding.release(10_000);
        if (fetch != null) {
            fetch.dispose();
        }
        for (MockWebServer server : servers) {
            server.shutdown();
        }
    }

    @Test
    void perHostLimitCapsRequestsInFlightToOneHost() throws Exception {
        MockWebServer server = server();
        fetch = new FetchManager(FetchConfig.builder().maxRequests(10).maxRequestsPerHost(2).build());
        List<FetchHandle<HttpResponse>> handles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handles.add(fetch.get(server.url("/r" + i).toString()).send());
        }
        holding.awaitArrived(2);
        Frames.run(fetch, 20);
        assertEquals(2, holding.holding(), "only two requests reach the host at once");
        assertEquals(2, fetch.inFlightCount());
        assertEquals(4, fetch.queuedCount());
        holding.release(6);
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        assertEquals(2, holding.maxHolding());
    }

    @Test
    void globalLimitCapsRequestsInFlightOverAllHosts() throws Exception {
        MockWebServer a = server();
        MockWebServer b = server();
        fetch = new FetchManager(FetchConfig.builder().maxRequests(3).maxRequestsPerHost(3).build());
        List<FetchHandle<HttpResponse>> handles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handles.add(fetch.get(a.url("/a" + i).toString()).send());
            handles.add(fetch.get(b.url("/b" + i).toString()).send());
        }
        holding.awaitArrived(3);
        Frames.run(fetch, 20);
        assertEquals(3, holding.holding());
        holding.release(8);
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        assertEquals(3, holding.maxHolding());
    }

    @Test
    void queuedRequestsStartByPriorityThenInSendOrder() throws Exception {
        MockWebServer server = server();
        fetch = new FetchManager(FetchConfig.builder().maxRequests(1).build());
        List<FetchHandle<HttpResponse>> handles = new ArrayList<>();
        handles.add(fetch.get(server.url("/first").toString()).send());
        holding.awaitArrived(1);
        handles.add(fetch.get(server.url("/low-1").toString()).priority(-1).send());
        handles.add(fetch.get(server.url("/normal-1").toString()).send());
        handles.add(fetch.get(server.url("/high").toString()).priority(5).send());
        handles.add(fetch.get(server.url("/normal-2").toString()).send());
        handles.add(fetch.get(server.url("/low-2").toString()).priority(-1).send());
        holding.release(6);
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        assertEquals(List.of("/first", "/high", "/normal-1", "/normal-2", "/low-1", "/low-2"), holding.arrived());
    }

    @Test
    void cancellingAnInFlightRequestFreesItsSlotForTheNext() throws Exception {
        MockWebServer server = server();
        fetch = new FetchManager(FetchConfig.builder().maxRequests(1).build());
        Recorder<HttpResponse> cancelled = new Recorder<>();
        FetchHandle<HttpResponse> stuck = fetch.get(server.url("/stuck").toString()).send(cancelled);
        FetchHandle<HttpResponse> next = fetch.get(server.url("/next").toString()).send();
        holding.awaitArrived(1);
        assertTrue(stuck.cancel());
        holding.awaitArrived(2);
        assertEquals(List.of("/stuck", "/next"), holding.arrived());
        holding.release(2);
        Frames.untilDone(fetch, next);
        Frames.run(fetch, 2);
        assertTrue(next.isSuccess());
        assertEquals(1, cancelled.terminalCalls);
        assertTrue(cancelled.cancelled);
    }

    @Test
    void aHostsWaitingRequestStillStartsWhenTheCancelledOneAheadOfItIsDroppedFromTheQueue() throws Exception {
        HoldingDispatcher atA = new HoldingDispatcher();
        HoldingDispatcher atB = new HoldingDispatcher();
        HoldingDispatcher atC = new HoldingDispatcher();
        MockWebServer a = server(atA);
        MockWebServer b = server(atB);
        MockWebServer c = server(atC);
        fetch = new FetchManager(FetchConfig.builder().maxRequests(2).maxRequestsPerHost(1).build());
        FetchHandle<HttpResponse> first = fetch.get(a.url("/a1").toString()).send();
        atA.awaitArrived(1);
        // Host A is full: these two wait with their host.
        FetchHandle<HttpResponse> second = fetch.get(a.url("/a2").toString()).send();
        FetchHandle<HttpResponse> third = fetch.get(a.url("/a3").toString()).send();
        FetchHandle<HttpResponse> held = fetch.get(b.url("/b1").toString()).send();
        atB.awaitArrived(1);
        FetchHandle<HttpResponse> urgent = fetch.get(c.url("/c-urgent").toString()).priority(10).send();
        List<FetchHandle<HttpResponse>> fillers = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            fillers.add(fetch.get(c.url("/c" + i).toString()).priority(-1).send());
        }
        // A's slot goes to the urgent request; A's next in line goes back to the queue behind it.
        atA.release(1);
        atC.awaitArrived(1);
        Frames.untilDone(fetch, first);
        // Enough cancelled waiting requests that the queue drops them all at once, A's included.
        assertTrue(second.cancel());
        for (int i = 0; i < 63; i++) {
            assertTrue(fillers.get(i).cancel());
        }
        atA.release(10);
        atB.release(10);
        atC.release(100);
        Frames.untilDone(fetch, held, urgent, fillers.get(69));
        Frames.until(fetch, third::isDone, 5_000);
        assertTrue(third.isSuccess(), "the request waiting behind the cancelled one ran");
        assertEquals(List.of("/a1", "/a3"), atA.arrived());
    }

    @Test
    void decodersRunNoMoreThanTheirLimitAtOnce() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                return new okhttp3.mockwebserver.MockResponse().setBody("x");
            }
        });
        server.start();
        servers.add(server);
        fetch = new FetchManager(FetchConfig.builder().maxRequestsPerHost(8).maxConcurrentDecodes(2).build());
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(8);
        ResponseDecoder<String> slow = response -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            allArrived.countDown();
            // Hold the slot until every response has arrived, or a moment has passed.
            allArrived.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            running.decrementAndGet();
            return response.text();
        };
        List<FetchHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            handles.add(fetch.get(server.url("/d" + i).toString()).send(slow, null));
        }
        Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
        assertEquals(2, most.get());
    }

    @Test
    void aRequestCancelledWhileItsResponseWaitsForADecodeSlotIsNeverDecoded() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                return new okhttp3.mockwebserver.MockResponse().setBody("x");
            }
        });
        server.start();
        servers.add(server);
        fetch = new FetchManager(FetchConfig.builder().maxRequestsPerHost(8).maxConcurrentDecodes(1).build());
        java.util.concurrent.CountDownLatch firstDecoding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
        List<String> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
        ResponseDecoder<String> held = response -> {
            String path = new java.net.URL(response.url()).getPath();
            decoded.add(path);
            if (path.equals("/first")) {
                firstDecoding.countDown();
                releaseFirst.await();
            }
            return path;
        };
        FetchHandle<String> first = fetch.get(server.url("/first").toString()).send(held, null);
        assertTrue(firstDecoding.await(10, java.util.concurrent.TimeUnit.SECONDS));
        FetchHandle<String> second = fetch.get(server.url("/second").toString()).send(held, null);
        Frames.until(fetch, () -> aWorkerHandlesAResponse(true));

        assertTrue(second.cancel());
        releaseFirst.countDown();
        Frames.untilDone(fetch, first, second);
        // Once no worker is still handling a response, any decode of the cancelled one has run.
        Frames.until(fetch, () -> !aWorkerHandlesAResponse(false));
        assertEquals("/first", first.result());
        assertTrue(second.isCancelled());
        assertEquals(List.of("/first"), decoded, "decoders run");
    }

    /** Whether a worker is in a call's handling of its response, {@code waiting} for a decode slot if asked. */
    private static boolean aWorkerHandlesAResponse(boolean waiting) {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            boolean semaphore = false;
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().equals("java.util.concurrent.Semaphore")) {
                    semaphore = true;
                } else if ((semaphore || !waiting) && frame.getClassName().endsWith(".Call")
                        && frame.getMethodName().equals("completed")) {
                    return true;
                }
            }
        }
        return false;
    }
}
