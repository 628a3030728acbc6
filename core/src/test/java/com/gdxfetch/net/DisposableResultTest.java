package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.utils.GdxNativesLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decoder's {@code Disposable} result that no {@code onSuccess} will receive, because a cancel
 * or a dispose won while it was being decoded, is disposed once by the manager instead of being
 * dropped with its native memory.
 */
class DisposableResultTest {
    @BeforeAll
    static void natives() {
        GdxNativesLoader.load();
    }

    @Test
    void aPixmapDecodedForARequestCancelledMeanwhileIsDisposedOnceOnTheThreadThatUpdates() throws Exception {
        try (OkServer server = new OkServer(16, 2)) {
            FetchManager fetch = new FetchManager();
            try {
                CountDownLatch decoding = new CountDownLatch(1);
                CountDownLatch cancelled = new CountDownLatch(1);
                AtomicReference<TrackedPixmap> made = new AtomicReference<>();
                FetchHandle<Pixmap> handle = fetch.get(server.url("/image")).send(response -> {
                    TrackedPixmap pixmap = new TrackedPixmap();
                    made.set(pixmap);
                    decoding.countDown();
                    assertTrue(cancelled.await(10, TimeUnit.SECONDS), "never cancelled");
                    return pixmap;
                }, new EndsOnce<>("GET /image"));
                assertTrue(decoding.await(10, TimeUnit.SECONDS), "the decoder never ran");

                assertTrue(handle.cancel());
                cancelled.countDown();
                Frames.until(fetch, () -> made.get().isDisposed(), 10_000);

                assertTrue(handle.isCancelled());
                assertEquals(List.of(Thread.currentThread().getName()), made.get().disposals());
            } finally {
                fetch.dispose();
            }
        }
    }

    @Test
    void aPixmapDecodedWhileTheManagerIsDisposedIsDisposedOnceBeforeDisposeReturns() throws Exception {
        try (OkServer server = new OkServer(16, 2)) {
            FetchManager fetch = new FetchManager();
            CountDownLatch decoding = new CountDownLatch(1);
            AtomicReference<TrackedPixmap> made = new AtomicReference<>();
            FetchHandle<Pixmap> handle = fetch.get(server.url("/image")).send(response -> {
                TrackedPixmap pixmap = new TrackedPixmap();
                made.set(pixmap);
                decoding.countDown();
                try {
                    // Until dispose() stops the transport, which interrupts its threads.
                    new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return pixmap;
            }, new EndsOnce<>("GET /image"));
            assertTrue(decoding.await(10, TimeUnit.SECONDS), "the decoder never ran");

            fetch.dispose();

            assertTrue(handle.isCancelled());
            assertEquals(1, made.get().disposals().size(), "disposals on " + made.get().disposals());
        }
    }

    /** A 1x1 pixmap that remembers the threads that disposed it. */
    private static final class TrackedPixmap extends Pixmap {
        private final List<String> disposals = new CopyOnWriteArrayList<>();

        TrackedPixmap() {
            super(1, 1, Format.RGBA8888);
        }

        @Override
        public void dispose() {
            disposals.add(Thread.currentThread().getName());
            if (disposals.size() == 1) {
                super.dispose();
            }
        }

        List<String> disposals() {
            return new ArrayList<>(disposals);
        }
    }
}
