package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap against a plain model: same calls due, in the same order, after any mix of operations. */
class TimersTest {
    @Test
    void scheduleMoveRemoveAndPollAgreeWithAModel() throws Exception {
        FetchManager fetch = new FetchManager();
        try {
            Engine engine = EngineTimersTest.engineOf(fetch);
            HttpRequest request = HttpRequest.get("http://127.0.0.1:9/t").build();
            List<Call<?>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(new Call<>(engine, request, Decoders.text(), null, i, 0));
            }
            Timers timers = new Timers();
            Map<Call<?>, Long> model = new HashMap<>();
            Random random = new Random(27);
            // Near Long.MAX_VALUE, so due times wrap past it: ordering must use differences.
            long now = Long.MAX_VALUE - 500_000;
            for (int step = 0; step < 100_000; step++) {
                Call<?> call = calls.get(random.nextInt(calls.size()));
                int op = random.nextInt(10);
                if (op < 5) {
                    long due = now + random.nextInt(1_000_000);
                    timers.schedule(call, due);
                    model.put(call, due);
                } else if (op < 7) {
                    timers.remove(call);
                    model.remove(call);
                } else {
                    now += random.nextInt(100_000);
                    Call<?> polled = timers.pollDue(now);
                    Call<?> expected = earliestDue(model, now);
                    if (expected == null) {
                        assertNull(polled, "step " + step);
                    } else {
                        // Ties may come out in either order; the due time must be the earliest.
                        assertEquals(model.get(expected), model.get(polled), "step " + step);
                        model.remove(polled);
                    }
                }
                assertEquals(model.size(), timers.size(), "step " + step);
                assertEquals(!model.isEmpty(), timers.anyPending());
            }
            timers.close();
            assertEquals(0, timers.size());
            timers.schedule(calls.get(0), now);
            assertEquals(0, timers.size(), "a closed Timers takes no new timer");
            assertSame(null, timers.pollDue(now + 1));
        } finally {
            fetch.dispose();
        }
    }

    private static Call<?> earliestDue(Map<Call<?>, Long> model, long now) {
        Call<?> best = null;
        for (Map.Entry<Call<?>, Long> entry : model.entrySet()) {
            if (now - entry.getValue() >= 0 && (best == null || entry.getValue() - model.get(best) < 0)) {
                best = entry.getKey();
            }
        }
        return best;
    }
}
