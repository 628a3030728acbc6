package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.Clock;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTP cache used by two worker threads at once, as when two requests for one URL are in
 * flight: one looks the URL up while the other stores a newer response to it.
 */
class HttpCacheThreadsTest {
    private static final int BODY = 64 * 1024;
    private static final String URL = "https://example.com/scores.json";
    private static final HttpRequest REQUEST = HttpRequest.get(URL).build();

    @TempDir
    Path tmp;

    @Test
    void aStoreFinishingWhileALookupHoldsTheOlderBodyLeavesTheNewerBodyInMemory() throws Exception {
        // Room in memory for four bodies, each at most BODY bytes.
        HttpCache cache = new HttpCache(tmp.toFile(), 16 << 20, 4 * BODY, Clock.SYSTEM, new FetchLog());
        long now = System.currentTimeMillis();
        cache.store(REQUEST, response(URL, 'o'), now, now);
        for (int i = 0; i < 4; i++) {
            String other = "https://example.com/other" + i;
            cache.store(HttpRequest.get(other).build(), response(other, 'x'), now, now);
        }
        assertNull(cache.inMemory(REQUEST), "the older body was pushed out of memory, so a lookup reads the disk");

        HttpCache.Stored[] looked = new HttpCache.Stored[1];
        Thread lookup = new Thread(() -> looked[0] = cache.lookup(REQUEST), "lookup");
        synchronized (cache) {
            lookup.start();
            awaitBlockedOnAMonitorOfThisThread(lookup);
            // The lookup has read the older body from disk and waits to keep it in memory.
            cache.store(REQUEST, response(URL, 'n'), now, now);
        }
        lookup.join(10_000);

        assertEquals('o', (char) looked[0].body[0], "the lookup answers with the body it read");
        HttpCache.Stored kept = cache.inMemory(REQUEST);
        assertNotNull(kept, "the newer body stays in memory");
        assertEquals('n', (char) kept.body[0], "the body kept in memory is the newer one");
        assertEquals('n', (char) cache.lookup(REQUEST).body[0], "the next lookup finds the newer body");
    }

    /** Waits until {@code thread} is blocked entering a monitor the calling thread holds. */
    private static void awaitBlockedOnAMonitorOfThisThread(Thread thread) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            ThreadInfo info = threads.getThreadInfo(thread.getId());
            if (info != null && info.getThreadState() == Thread.State.BLOCKED
                    && info.getLockOwnerId() == Thread.currentThread().getId()) {
                return;
            }
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError(thread.getName() + " never waited for the cache; it is " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static HttpResponse response(String url, char filler) {
        byte[] body = new byte[BODY];
        Arrays.fill(body, (byte) filler);
        return new HttpResponse.Builder().status(200, "OK").url(url)
                .headers(Headers.of("Cache-Control", "max-age=600", "Content-Type", "application/json"))
                .body(body).build();
    }
}
