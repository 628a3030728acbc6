package com.gdxfetch.net;

import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests against a MockWebServer on loopback, started before each test and shut down after it,
 * with the manager {@link #manager()} makes, disposed after the test.
 */
abstract class LoopbackServerTest {
    final MockWebServer server = new MockWebServer();
    /** The manager of the running test. */
    FetchManager fetch;

    /** The manager each test starts with (default configuration). */
    FetchManager manager() {
        return new FetchManager();
    }

    /** Replaces the test's manager with one made from {@code config}, disposed after the test like the first. */
    FetchManager use(FetchConfig config) {
        fetch.dispose();
        fetch = new FetchManager(config);
        return fetch;
    }

    @BeforeEach
    final void startServerAndManager() throws Exception {
        server.start();
        fetch = manager();
    }

    @AfterEach
    final void disposeManagerAndServer() throws Exception {
        fetch.dispose();
        server.shutdown();
    }

    /** The server's URL for {@code path}. */
    String url(String path) {
        return server.url(path).toString();
    }
}
