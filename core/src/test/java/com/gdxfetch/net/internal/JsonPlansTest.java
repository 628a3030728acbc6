package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The binder's per-class plans are built once and shared; giving up costs no stack trace. */
class JsonPlansTest {
    /** A class nothing else in the suite reads. */
    public static class OnlyHere {
        public int value;
    }

    @Test
    void aClassPlanIsBuiltOnceAndSharedByEveryThread() throws Exception {
        JsonClass first = JsonClass.of(OnlyHere.class);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertSame(first, other.submit(() -> JsonClass.of(OnlyHere.class)).get(10, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
        assertSame(first, JsonClass.of(OnlyHere.class));
    }

    @Test
    void givingUpThrowsOneSharedExceptionWithoutAStackTrace() {
        JsonBinder.GiveUp thrown = null;
        try {
            JsonClass.of(Runnable.class).newInstance();
        } catch (JsonBinder.GiveUp e) {
            thrown = e;
        }
        assertSame(JsonBinder.GiveUp.INSTANCE, thrown);
        assertEquals(0, thrown.getStackTrace().length);
        assertSame(thrown, thrown.fillInStackTrace());
        assertEquals(0, thrown.getStackTrace().length);
    }
}
