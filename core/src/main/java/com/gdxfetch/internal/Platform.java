package com.gdxfetch.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The few things that differ between a JVM, which has threads, and a browser, which has one: the
 * JVM's side. The web build compiles a replacement of this class with the same methods (GWT
 * super-source under {@code com/gdxfetch/gwt/emu}), so shared code calls these instead of
 * {@link Thread} or reflection. Any thread.
 */
public final class Platform {
    private Platform() {
    }

    /**
     * Whether this is a web build, where the only files are a page's preloaded internal ones, so
     * features that need a writable folder refuse at the call instead of asking for one.
     */
    public static boolean isWeb() {
        return false;
    }

    /** The calling thread, compared by identity only. */
    public static Object currentThread() {
        return Thread.currentThread();
    }

    /** The name of {@code thread}, one {@link #currentThread()} returned. */
    public static String threadName(Object thread) {
        return ((Thread) thread).getName();
    }

    /** The processors the JVM may use. */
    public static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Lets another thread run while this one waits for it to finish a few steps. */
    public static void spinWait() {
        Thread.yield();
    }

    /** A uniformly distributed value in [0, 1), without contention between threads. */
    public static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /** Whether {@code value}'s class declares a {@code toString} of its own. */
    public static boolean hasOwnToString(Object value) {
        try {
            return value.getClass().getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException impossible) {
            // Every class has toString.
            return false;
        }
    }
}
