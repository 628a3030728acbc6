package com.gdxfetch.internal;

/**
 * Creates the library's background threads: daemons, so they never keep a game's JVM alive, and
 * below the render thread's priority by default, so a burst of sockets, decoding or image work
 * waits for the frame rather than the frame for it.
 *
 * <p>Windows applies Java thread priorities as they are. On Linux, HotSpot ignores them unless the
 * JVM runs with {@code -XX:ThreadPriorityPolicy=1}; {@code -XX:JavaPriority1_To_OSPriority=19}
 * then maps {@link Thread#MIN_PRIORITY} to nice 19. Any thread may call these methods.
 */
public final class WorkerThreads {
    /** The priority of the library's threads unless a caller asks for another. */
    public static final int DEFAULT_PRIORITY = Thread.MIN_PRIORITY;

    private WorkerThreads() {
    }

    /** A daemon thread named {@code name} at {@code priority}, not yet started. */
    public static Thread create(Runnable task, String name, int priority) {
        return configure(new Thread(task, name), priority);
    }

    /** Makes {@code thread}, not yet started, a daemon at {@code priority}; for Thread's subclasses. */
    public static <T extends Thread> T configure(T thread, int priority) {
        thread.setDaemon(true);
        thread.setPriority(priority);
        return thread;
    }

    /**
     * Checks a thread priority given by a caller.
     *
     * @throws IllegalArgumentException naming the value if it is outside Thread's range
     */
    public static int checkPriority(int priority) {
        return Checks.between("thread priority", priority, Thread.MIN_PRIORITY, Thread.MAX_PRIORITY);
    }
}
