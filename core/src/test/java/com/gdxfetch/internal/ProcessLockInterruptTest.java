package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread with an interrupt pending still takes the cross-process lock it waits for, and keeps
 * its interrupt for the code that asked: a {@code FileChannel} closes itself on a pending
 * interrupt, which left the holder working unlocked. Another process (Python's {@code fcntl.lockf}, the same POSIX
 * record locks the JDK takes on Linux) checks that the lock is really held.
 */
class ProcessLockInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void acquireWithAnInterruptPendingStillKeepsOtherProcessesOutAndKeepsTheInterrupt() throws Exception {
        File file = tmp.resolve("cache.lock").toFile();
        Thread.currentThread().interrupt();
        ProcessLock lock = ProcessLock.acquire(file);
        boolean interruptKept = Thread.interrupted();
        try {
            assertEquals("locked elsewhere", otherProcessTriesTheLock(file));
            assertTrue(interruptKept, "the pending interrupt was swallowed");
        } finally {
            lock.release();
        }
        assertEquals("took it", otherProcessTriesTheLock(file));
    }

    @Test
    void anInterruptWhileWaitingForAnotherProcessStillEndsHoldingTheLock() throws Exception {
        File file = tmp.resolve("cache.lock").toFile();
        // Another process holds the lock until its standard input closes.
        String script = "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "print('holding', flush=True)\n"
                + "sys.stdin.read()\n";
        Process holder = new ProcessBuilder("python3", "-c", script, file.getAbsolutePath())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("holding", out.readLine());
        AtomicReference<ProcessLock> taken = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            taken.set(ProcessLock.acquire(file));
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "waiter");
        waiter.start();
        try {
            awaitBlockedInLock(waiter);
            waiter.interrupt();
            // Interrupted, it waits again: still blocked until the other process lets go.
            awaitBlockedInLock(waiter);
            assertTrue(waiter.isAlive(), "acquire() returned while another process held the lock");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holding process did not exit");
        }
        waiter.join();
        try {
            assertTrue(interruptKept.get(), "the interrupt was swallowed");
            assertEquals("locked elsewhere", otherProcessTriesTheLock(file));
        } finally {
            taken.get().release();
        }
    }

    /** Returns once {@code thread} is inside the operating system's wait for a file lock. */
    private static void awaitBlockedInLock(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getMethodName().equals("lock0")) {
                    return;
                }
            }
            assertTrue(thread.isAlive(), "the waiter ended without waiting for the lock");
            assertTrue(System.nanoTime() - deadline < 0, "the waiter never waited for the lock");
            Thread.onSpinWait();
        }
    }

    /** What another process finds when it tries to lock {@code file} without waiting. */
    private static String otherProcessTriesTheLock(File file) throws IOException, InterruptedException {
        String script = "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "try:\n"
                + "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                + "    print('took it')\n"
                + "except OSError:\n"
                + "    print('locked elsewhere')\n";
        Process python = new ProcessBuilder("python3", "-c", script, file.getAbsolutePath())
                .redirectErrorStream(true).start();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        return new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
