package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
