package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A game's own transport (a logging or counting wrapper, a platform's client) that throws where
 * it should not: every request still ends exactly once and frees its slot.
 */
class MisbehavingTransportTest {
    /** {@code /ok} answers at once; anything else is held. Its exchanges' cancel, or its dispose, throws. */
    private static final class ThrowingTransport implements Transport {
        private final ScriptedTransport inner = new ScriptedTransport();
        private final boolean cancelThrows;
        private final boolean disposeThrows;

        ThrowingTransport(boolean cancelThrows, boolean disposeThrows) {
            this.cancelThrows = cancelThrows;
            this.disposeThrows = disposeThrows;
        }

        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            inner.start(request, listener);
            return () -> {
                if (cancelThrows) {
                    throw new IllegalStateException("the game's transport could not cancel");
                }
            };
        }

        @Override
        public void dispose() {
            if (disposeThrows) {
                throw new IllegalStateException("the game's transport could not dispose");
            }
        }
    }

    /** Every terminal callback a request got, in order. */
    private static final class Ends implements FetchCallback<String> {
        final List<String> ends = new ArrayList<>();

        @Override
        public void onSuccess(String result, HttpResponse response) {
            ends.add("success");
        }

        @Override
        public void onFailure(FetchException failure) {
            ends.add("failure " + failure.kind());
        }

        @Override
        public void onCancelled() {
            ends.add("cancelled");
        }
    }

    @Test
    void aCancelTheTransportFailsToCarryOutStillEndsTheRequestAndFreesItsSlot() {
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new ThrowingTransport(true, false))
                .maxRequests(1).build());
        try {
            Ends held = new Ends();
            Ends next = new Ends();
            FetchHandle<String> first = fetch.get("http://127.0.0.1:9/held").send(Decoders.text(), held);
            FetchHandle<String> second = fetch.get("http://127.0.0.1:9/ok").send(Decoders.text(), next);
            Frames.until(fetch, () -> fetch.inFlightCount() == 1);

            assertEquals(true, first.cancel());
            Frames.untilDone(fetch, first, second);
            Frames.until(fetch, () -> !held.ends.isEmpty() && !next.ends.isEmpty());

            assertEquals(List.of("cancelled"), held.ends);
            assertEquals(List.of("success"), next.ends, "the request queued behind got the freed slot");
            assertEquals(0, fetch.openCount());
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void aTotalTimeoutWhoseCancelTheTransportFailsToCarryOutStillEndsTheRequest() {
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new ThrowingTransport(true, false))
                .build());
        try {
            Ends held = new Ends();
            fetch.get("http://127.0.0.1:9/held").totalTimeout(20).send(Decoders.text(), held);
            Frames.until(fetch, () -> !held.ends.isEmpty());
            assertEquals(List.of("failure TOTAL_TIMEOUT"), held.ends);
            assertEquals(0, fetch.openCount());
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void aTransportWhoseDisposeThrowsStillLetsDisposeCancelEveryOpenRequest() {
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new ThrowingTransport(false, true))
                .build());
        Ends held = new Ends();
        fetch.get("http://127.0.0.1:9/held").send(Decoders.text(), held);
        Frames.until(fetch, () -> fetch.inFlightCount() == 1);

        fetch.dispose();

        assertEquals(List.of("cancelled"), held.ends);
    }
}
