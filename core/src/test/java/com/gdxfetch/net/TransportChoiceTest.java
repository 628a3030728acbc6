package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import com.gdxfetch.testing.CapturingLogger;

import java.util.ArrayList;
import java.util.List;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manager's behaviour does not depend on the transport underneath. */
class TransportChoiceTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().startsWith("/redirect")) {
                    return new MockResponse().setResponseCode(302).setHeader("Location", "/target");
                }
                return new MockResponse().setBody("from " + request.getPath());
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void gdxNetTransportGivesTheSameContractThroughTheManager() throws Exception {
        HeadlessApplication app = HeadlessApp.loggingTo(CapturingLogger.ofLibrary());
        FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequests(2)
                .transport(Transports.gdxNet(new HeadlessNet(HeadlessApp.config()))).build());
        try {
            List<FetchHandle<String>> handles = new ArrayList<>();
            List<Recorder<String>> callbacks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Recorder<String> callback = new Recorder<>();
                callbacks.add(callback);
                handles.add(fetch.get(server.url("/item/" + i).toString()).send(Decoders.text(), callback));
            }
            FetchHandle<String> redirected = fetch.get(server.url("/redirect").toString()).send(Decoders.text(), null);
            Frames.untilDone(fetch, handles.toArray(new FetchHandle<?>[0]));
            Frames.untilDone(fetch, redirected);
            for (int i = 0; i < 6; i++) {
                assertEquals("from /item/" + i, callbacks.get(i).assertSucceeded());
                assertEquals(Thread.currentThread(), callbacks.get(i).thread);
            }
            assertEquals("from /target", redirected.result(), "the manager follows redirects itself");
            assertEquals(server.url("/target").toString(), redirected.response().url());
        } finally {
            fetch.dispose();
            app.exit();
        }
    }

    @Test
    void debugLoggingTracesEachRequestsLifecycle() {
        CapturingLogger logger = CapturingLogger.ofLibrary();
        HeadlessApplication app = HeadlessApp.loggingTo(logger);
        FetchManager fetch = new FetchManager();
        try {
            fetch.setLogLevel(Application.LOG_DEBUG);
            FetchHandle<String> handle = fetch.get(server.url("/redirect").toString()).send(Decoders.text(), null);
            Frames.untilDone(fetch, handle);
        } finally {
            fetch.dispose();
            app.exit();
        }
        String all = String.join("\n", logger.lines());
        assertTrue(all.contains("queued"), all);
        assertTrue(all.contains("attempt 1 started"), all);
        assertTrue(all.contains("redirected 302"), all);
        assertTrue(all.contains("succeeded after"), all);
        assertTrue(all.contains("[gdx-fetch-io-"), "lines name the worker thread: " + all);
    }

    @Test
    void theDefaultLevelLogsNoLifecycleLines() {
        CapturingLogger logger = CapturingLogger.ofLibrary();
        HeadlessApplication app = HeadlessApp.loggingTo(logger);
        FetchManager fetch = new FetchManager();
        try {
            Frames.untilDone(fetch, fetch.get(server.url("/quiet").toString()).send());
        } finally {
            fetch.dispose();
            app.exit();
        }
        assertEquals(List.of(), logger.lines());
    }
}
