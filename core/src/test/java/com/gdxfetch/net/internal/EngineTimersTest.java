package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Timers of requests that are over are gone, not merely ignored when they fall due; so are the
 * dispatcher's records of hosts that no longer have requests.
 */
class EngineTimersTest {
    /** Answers every request at once on the sending thread: timers are what is counted here. */
    private static final class AnsweringTransport implements Transport {
        private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            listener.completed(new HttpResponse.Builder().status(200, "OK").headers(Headers.EMPTY).body(BODY)
                    .url(request.url()).build());
            return () -> { };
        }

        @Override
        public void dispose() {
        }
    }

    /** Never answers: the one slot stays taken until its call is cancelled. */
    private static final class SilentTransport implements Transport {
        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            return () -> { };
        }

        @Override
        public void dispose() {
        }
    }

    @Test
    void requestsToManyHostsCancelledWhileTheyWaitedLeaveNoHostBehind() throws Exception {
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new SilentTransport())
                .maxRequests(1).build());
        try {
            Dispatcher dispatcher = engineOf(fetch).dispatcher;
            FetchHandle<HttpResponse> running = fetch.get("http://127.0.0.1:9/first").send();
            List<FetchHandle<HttpResponse>> waiting = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiting.add(fetch.get("http://host" + i + ".example/avatar").send());
            }
            for (FetchHandle<HttpResponse> handle : waiting) {
                handle.cancel();
            }
            running.cancel();
            while (!fetch.update()) {
                // Delivers the cancellations.
            }
            assertEquals(0, dispatcher.runningCount());
            assertEquals(0, hosts(dispatcher).size(), "hosts the dispatcher still keeps: " + hosts(dispatcher).keySet());
        } finally {
            fetch.dispose();
        }
    }

    private static Map<?, ?> hosts(Dispatcher dispatcher) throws ReflectiveOperationException {
        Field field = Dispatcher.class.getDeclaredField("hosts");
        field.setAccessible(true);
        return (Map<?, ?>) field.get(dispatcher);
    }

    @Test
    void tenThousandDeliveredRequestsLeaveNoTimers() throws Exception {
        AnsweringTransport transport = new AnsweringTransport();
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(transport).build());
        try {
            Engine engine = engineOf(fetch);
            for (int i = 0; i < 10_000; i++) {
                FetchHandle<String> handle = fetch.get("http://127.0.0.1:9/r" + i).totalTimeout(600_000)
                        .send(Decoders.text(), null);
                while (!handle.isDone()) {
                    fetch.update();
                }
            }
            assertEquals(0, engine.pendingTimers(), "timers left by 10,000 delivered requests");
            assertEquals(0, fetch.openCount());
        } finally {
            fetch.dispose();
        }
    }

    static Engine engineOf(FetchManager fetch) throws ReflectiveOperationException {
        Field field = FetchManager.class.getDeclaredField("engine");
        field.setAccessible(true);
        return (Engine) field.get(fetch);
    }
}
