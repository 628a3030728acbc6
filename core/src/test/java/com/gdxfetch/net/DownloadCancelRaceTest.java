package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DownloadHandle.cancel()} from another thread racing the download's completion: one
 * callback, agreeing with the cancel's answer; the destination never holds a partial file; and
 * the next download of the same URL to the same file ends with the exact bytes.
 */
class DownloadCancelRaceTest {
    @TempDir
    File tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    @Test
    void aCancelRacingCompletionEndsTheDownloadOnceAndTheNextOneFinishesTheFileExactly() throws Exception {
        byte[] body = DownloadTest.content(96 * 1024, 77);
        Random random = new Random(21);
        int cancelled = 0;
        int succeeded = 0;
        try (RangeServer server = new RangeServer(body)) {
            for (int round = 0; round < 60; round++) {
                FileHandle dest = new FileHandle(new File(tmp, "file" + round + ".bin"));
                if (race(server.url("/x"), dest, body, round, random.nextInt(400_000))) {
                    cancelled++;
                } else {
                    succeeded++;
                }
            }
        }
        assertTrue(cancelled > 0 && succeeded > 0, cancelled + " cancelled, " + succeeded + " succeeded");
    }

    /** One download raced by a cancel; returns whether the cancel won. */
    private boolean race(String url, FileHandle dest, byte[] body, int round, int spins) throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        List<String> which = new CopyOnWriteArrayList<>();
        DownloadHandle handle = fetch.download(url, dest).send(new FetchCallback<FileHandle>() {
            @Override
            public void onSuccess(FileHandle result, HttpResponse response) {
                callbacks.incrementAndGet();
                which.add("success");
            }

            @Override
            public void onFailure(FetchException failure) {
                callbacks.incrementAndGet();
                which.add("failure " + failure.getMessage());
            }

            @Override
            public void onCancelled() {
                callbacks.incrementAndGet();
                which.add("cancelled");
            }
        });
        AtomicBoolean won = new AtomicBoolean();
        CountDownLatch cancelReturned = new CountDownLatch(1);
        Thread canceller = new Thread(() -> {
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
            won.set(handle.cancel());
            cancelReturned.countDown();
        }, "download-canceller");
        canceller.start();
        while (cancelReturned.getCount() > 0 || !handle.isDone()) {
            fetch.update();
        }
        canceller.join();
        Frames.until(fetch, () -> callbacks.get() > 0);
        Frames.run(fetch, 2);
        assertEquals(1, callbacks.get(), "round " + round + ": " + which);
        if (won.get()) {
            assertEquals(List.of("cancelled"), which, "round " + round);
            assertTrue(handle.isCancelled(), "round " + round);
            if (dest.exists()) {
                assertArrayEquals(body, dest.readBytes(), "round " + round + ": a file under the final name is whole");
            }
            DownloadHandle again = fetch.download(url, dest).send();
            Frames.untilDone(fetch, again);
            assertTrue(again.isSuccess(), "round " + round + ": " + again.failure());
        } else {
            assertEquals(List.of("success"), which, "round " + round);
        }
        assertArrayEquals(body, dest.readBytes(), "round " + round);
        assertTrue(!new File(dest.file().getPath() + ".part").exists(), "round " + round + ": partial left");
        return won.get();
    }
}
