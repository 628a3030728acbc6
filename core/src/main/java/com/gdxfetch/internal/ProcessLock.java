package com.gdxfetch.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.util.HashSet;
import java.util.Set;

/**
 * An operating-system lock on a file, so that one holder among all processes (a second copy of
 * the game, a launcher) works on what the file guards. The operating system lets go when the
 * holder's process dies, however it dies, so a crash never leaves the file locked.
 *
 * <p>Within this JVM the file is opened by one holder at a time: on Linux and macOS the locks
 * are POSIX record locks, which closing any handle on the file releases for the whole process,
 * so a second holder that opened the file only to find it locked would, on closing it, free the
 * first holder's lock for every other process. {@code java.nio.channels} only, no
 * {@code java.nio.file}: Android API 21 has {@code FileChannel.tryLock}.
 *
 * <p>A holder that {@linkplain #tryAcquire took the lock without waiting} deletes the file before
 * letting go, so no lock file outlives its use; one that wins the lock on a file deleted meanwhile
 * finds the name gone and opens the new file instead, so two holders never each lock a different
 * file under one name. A holder that {@linkplain #acquire waited} leaves the file for the next.
 */
public final class ProcessLock {
    /** Canonical paths of the files this JVM holds or is taking a lock on. */
    private static final Set<String> HELD = new HashSet<>();
    private static final int ATTEMPTS = 3;

    private final File file;
    private final String key;
    private final boolean deleteOnRelease;
    private RandomAccessFile handle;
    private FileLock lock;
    private boolean held = true;

    private ProcessLock(File file, String key, boolean deleteOnRelease, RandomAccessFile handle, FileLock lock) {
        this.file = file;
        this.key = key;
        this.deleteOnRelease = deleteOnRelease;
        this.handle = handle;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file}, creating it, without waiting; null when another process,
     * or another holder in this one, has it. Any thread; touches the disk.
     *
     * @throws IOException when the file cannot be created or locked at all (a missing folder,
     *     no permission, a full disk)
     */
    public static ProcessLock tryAcquire(File file) throws IOException {
        String key = canonicalPath(file);
        synchronized (HELD) {
            if (!HELD.add(key)) {
                return null;
            }
        }
        boolean acquired = false;
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                RandomAccessFile handle = new RandomAccessFile(file, "rw");
                FileLock lock;
                try {
                    lock = handle.getChannel().tryLock();
                } catch (OverlappingFileLockException e) {
                    // Held in this JVM through a path that canonicalises differently (a hard link).
                    lock = null;
                } catch (IOException | RuntimeException e) {
                    Closeables.closeQuietly(handle);
                    throw e;
                }
                if (lock != null && file.exists()) {
                    acquired = true;
                    return new ProcessLock(file, key, true, handle, lock);
                }
                Closeables.closeQuietly(handle);
                if (lock == null) {
                    return null;
                }
            }
            // Won three times on a file deleted under us: a holder letting go at every try.
            return null;
        } finally {
            if (!acquired) {
                unclaim(key);
            }
        }
    }

    /**
     * Takes the lock on {@code file}, creating it, waiting for holders in this process and in
     * others; for short work only, on a worker thread. Where the file cannot be created or
     * locked (a read-only folder) only this process's other holders are kept out: nothing can be
     * written beside it there either. An interrupt, pending or arriving while it waits, does not
     * stop it: the lock is still taken, and the interrupt is kept for the caller.
     */
    public static ProcessLock acquire(File file) {
        String key = canonicalPath(file);
        boolean interrupted = false;
        synchronized (HELD) {
            while (!HELD.add(key)) {
                try {
                    HELD.wait();
                } catch (InterruptedException e) {
                    // A lock held only for a few renames; the interrupt is kept for the caller.
                    interrupted = true;
                }
            }
        }
        // Cleared while locking: a FileChannel closes itself on a pending interrupt, and the
        // caller would go on without the lock it asked for.
        interrupted |= Thread.interrupted();
        try {
            for (;;) {
                RandomAccessFile handle = null;
                try {
                    handle = new RandomAccessFile(file, "rw");
                    return new ProcessLock(file, key, false, handle, handle.getChannel().lock());
                } catch (ClosedByInterruptException | FileLockInterruptionException e) {
                    // Interrupted while another process held it: wait again on a fresh handle.
                    Closeables.closeQuietly(handle);
                    Thread.interrupted();
                    interrupted = true;
                } catch (IOException | RuntimeException e) {
                    if (handle != null) {
                        Closeables.closeQuietly(handle);
                    }
                    return new ProcessLock(file, key, false, null, null);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The locked file. */
    public File file() {
        return file;
    }

    /** Lets go of the lock, deleting the file when it was taken without waiting; idempotent. Any thread. */
    public void release() {
        if (!held) {
            return;
        }
        held = false;
        // Deleted while still held: a process that wins the lock on the deleted file then finds
        // it gone and opens a new one. Windows deletes no open file, so there it goes after.
        boolean deleted = deleteOnRelease && file.delete();
        lock = null;
        if (handle != null) {
            // Closing the channel lets go of the lock.
            Closeables.closeQuietly(handle);
            handle = null;
        }
        if (deleteOnRelease && !deleted) {
            file.delete();
        }
        unclaim(key);
    }

    private static void unclaim(String key) {
        synchronized (HELD) {
            HELD.remove(key);
            HELD.notifyAll();
        }
    }

    private static String canonicalPath(File f) {
        try {
            return f.getCanonicalPath();
        } catch (IOException e) {
            return f.getAbsolutePath();
        }
    }
}
