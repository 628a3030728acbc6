package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager with an HTTP cache over a transport other than the socket one runs its cache lookups
 * on threads of its own: {@code dispose()} returns only once they have ended.
 */
class CacheThreadsDisposeTest {
    @TempDir
    File dir;

    @Test
    void disposeReturnsOnlyOnceTheCacheLookupThreadsHaveEnded() {
        for (int round = 0; round < 40; round++) {
            FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new ScriptedTransport())
                    .httpCache(new FileHandle(new File(dir, "cache" + round)), 1 << 20).build());
            for (int i = 0; i < 1 + round % 4; i++) {
                // Held by the transport: each is looked up in the cache on a lookup thread first.
                fetch.get("http://127.0.0.1:9/held/" + i).send();
            }
            if (round % 2 == 1) {
                Frames.until(fetch, () -> fetch.inFlightCount() > 0 && !Threads.aliveFetchThreads().isEmpty());
            }
            fetch.dispose();
            List<String> alive = Threads.aliveFetchThreads();
            assertEquals(List.of(), alive, "round " + round);
        }
    }
}
