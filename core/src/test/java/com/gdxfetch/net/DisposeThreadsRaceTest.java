package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dispose()} racing the worker threads a burst of sends is still starting: when it
 * returns, none of the manager's threads is alive, however far their start-up had got.
 */
class DisposeThreadsRaceTest {
    @Test
    void disposeRightAfterABurstOfSendsLeavesNoThreadOfTheManagerAlive() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String url = silent.url("/held");
            for (int round = 0; round < 150; round++) {
                FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequests(16)
                        .maxRequestsPerHost(16).build());
                int burst = 1 + round % 12;
                for (int i = 0; i < burst; i++) {
                    fetch.get(url).send();
                }
                fetch.dispose();
                List<String> alive = Threads.aliveFetchThreads();
                assertEquals(List.of(), alive, "round " + round + ", " + burst + " sends");
            }
        }
    }
}
