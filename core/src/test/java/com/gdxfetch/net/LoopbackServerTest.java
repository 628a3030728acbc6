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
    /** The manager of the running test; null when {@link #manager()} makes none. */
    FetchManager fetch;

    /** The manager each test uses (default configuration); null for tests that make their own. */
    FetchManager manager() {
        return new FetchManager();
    }

    @BeforeEach
    final void startServerAndManager() throws Exception {
        server.start();
        fetch = manager();
    }

    @AfterEach
    final void disposeManagerAndServer() throws Exception {
        if (fetch != null) {
            fetch.dispose();
        }
        server.shutdown();
    }

    /** The server's URL for {@code path}. */
    String url(String path) {
        return server.url(path).toString();
    }
}
