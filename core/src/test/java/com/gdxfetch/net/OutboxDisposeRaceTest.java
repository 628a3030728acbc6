package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Outbox.send} from other threads racing {@code FetchManager.dispose()}: a send either
 * throws {@link IllegalStateException} or returns a handle whose request is in the journal when
 * {@code dispose()} returns, so the next run sends it; the outbox's thread is gone by then.
 */
class OutboxDisposeRaceTest {
    private static final int SENDERS = 2;
    private static final int MAX_SENDS = 15;

    @TempDir
    File tmp;

    private int accepted;

    @Test
    void aSendRacingDisposeIsEitherRefusedOrKeptInTheJournalForTheNextRun() throws Exception {
        Random random = new Random(9111);
        int refusedRounds = 0;
        try (SilentServer silent = new SilentServer()) {
            for (int round = 0; round < 12; round++) {
                if (race(new File(tmp, "outbox" + round), silent.url("/score"), round, random.nextInt(4))) {
                    refusedRounds++;
                }
            }
        }
        assertTrue(refusedRounds > 0 && accepted > 0, refusedRounds + " of 12 rounds had a send refused, " + accepted
                + " sends were accepted: the sends should overlap dispose()");
    }

    /** One round; returns whether dispose() refused a send. */
    private boolean race(File dir, String url, int round, int frames) throws Exception {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(dir)).build()).build());
        List<OutboxHandle> returned = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean refusedOne = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        Racers racers = new Racers(SENDERS, true);
        for (int t = 0; t < SENDERS; t++) {
            racers.add("outbox-sender-" + t, index -> {
                for (int i = 0; i < MAX_SENDS; i++) {
                    HttpRequest request = HttpRequest.post(url, RequestBody.jsonText("{\"points\":" + i + "}"))
                            .build();
                    try {
                        returned.add(fetch.outbox().send(request, "score"));
                    } catch (IllegalStateException refused) {
                        refusedOne.set(true);
                        if (!refused.getMessage().contains("disposed")) {
                            problems.add("refused for another reason: " + refused.getMessage());
                        }
                        return;
                    }
                }
            });
        }
        racers.start();
        racers.go();
        for (int i = 0; i < frames; i++) {
            fetch.update();
        }
        fetch.dispose();
        racers.join();
        assertEquals(List.of(), racers.thrown(), "round " + round);
        assertEquals(List.of(), problems, "round " + round);
        Set<String> inJournal = new HashSet<>();
        String[] names = dir.list();
        for (String name : names == null ? new String[0] : names) {
            if (name.endsWith(".req")) {
                inJournal.add(name.substring(0, name.length() - 4));
            }
        }
        for (OutboxHandle handle : returned) {
            assertTrue(handle.isStored(), "round " + round + ": " + handle.id() + " not stored when dispose() returned"
                    + " (" + handle.storeFailure() + ")");
            assertTrue(inJournal.contains(handle.id()), "round " + round + ": " + handle.id() + " not in the journal");
        }
        assertEquals(returned.size(), inJournal.size(), "round " + round + ": journal entries");
        accepted += returned.size();
        assertEquals(List.of(), Threads.aliveFetchThreads(), "round " + round);

        // The next run finds every one of them.
        FetchManager next = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(dir)).build()).build());
        try {
            Frames.until(next, () -> next.outbox().isLoaded());
            assertEquals(returned.size(), next.outbox().pendingCount(), "round " + round);
        } finally {
            next.dispose();
        }
        return refusedOne.get();
    }
}
