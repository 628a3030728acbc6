package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A count, size, duration or priority out of range is refused with its setting and value named. */
class NumberSettingsTest {
    @Test
    void requestNumbersOutOfRangeAreRefusedByName() {
        HttpRequest.Builder request = HttpRequest.get("http://example.com/");
        refused(() -> request.connectTimeout(-1), "connect timeout", "-1");
        refused(() -> request.readTimeout(-2), "read timeout", "-2");
        refused(() -> request.totalTimeout(-3), "total timeout", "-3");
        refused(() -> request.maxResponseBytes(0), "maxResponseBytes", "0");
    }

    @Test
    void managerNumbersOutOfRangeAreRefusedByName() {
        FetchConfig.Builder config = FetchConfig.builder();
        refused(() -> config.maxRequests(0), "maxRequests", "0");
        refused(() -> config.maxRequestsPerHost(-1), "maxRequestsPerHost", "-1");
        refused(() -> config.readTimeoutMillis(-5), "readTimeoutMillis", "-5");
        refused(() -> config.maxResponseBytes(-7L), "maxResponseBytes", "-7");
        refused(() -> config.maxConcurrentDecodes(0), "maxConcurrentDecodes", "0");
        refused(() -> RetryPolicy.builder().maxAttempts(0), "maxAttempts", "0");
        refused(() -> RetryPolicy.builder().baseDelayMillis(-1), "baseDelayMillis", "-1");
        refused(() -> RetryPolicy.builder().maxRetryAfterMillis(-1), "maxRetryAfterMillis", "-1");
        refused(() -> Transports.sockets(null, 0), "thread priority", "0");
        FetchManager fetch = new FetchManager();
        try {
            refused(() -> fetch.update(-1), "budgetMillis", "-1");
        } finally {
            fetch.dispose();
        }
    }

    private static void refused(Executable setting, String name, String value) {
        String message = assertThrows(IllegalArgumentException.class, setting).getMessage();
        assertTrue(message.contains(name) && message.contains("was " + value), message);
    }
}
