package com.gdxfetch.internal;

/** The browser's side of {@code Platform}: one thread, no reflection. */
public final class Platform {
    private static final Object THE_THREAD = new Object();

    private Platform() {
    }

    public static boolean isWeb() {
        return true;
    }

    public static Object currentThread() {
        return THE_THREAD;
    }

    public static String threadName(Object thread) {
        return "browser";
    }

    public static int processors() {
        return 1;
    }

    public static void spinWait() {
        // One thread: nobody else is between two steps.
    }

    public static double random() {
        return Math.random();
    }

    public static boolean hasOwnToString(Object value) {
        return true;
    }
}
