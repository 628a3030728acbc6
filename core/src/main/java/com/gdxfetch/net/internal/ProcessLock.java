package com.gdxfetch.net.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
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
 * <p>A holder deletes the file before letting go; one that wins the lock on a file deleted
 * meanwhile finds the name gone and opens the new file instead, so two holders never each lock a
 * different file under one name.
 */
final class ProcessLock {
    /** Canonical paths of the files this JVM holds or is taking a lock on. */
    private static final Set<String> HELD = new HashSet<>();
    private static final int ATTEMPTS = 3;

    private final File file;
    private final String key;
    private RandomAccessFile handle;
    private FileLock lock;

    private ProcessLock(File file, String key, RandomAccessFile handle, FileLock lock) {
        this.file = file;
        this.key = key;
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
    static ProcessLock tryAcquire(File file) throws IOException {
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
                    closeQuietly(handle);
                    throw e;
                }
                if (lock != null && file.exists()) {
                    acquired = true;
                    return new ProcessLock(file, key, handle, lock);
                }
                closeQuietly(handle);
                if (lock == null) {
                    return null;
                }
            }
            // Won three times on a file deleted under us: a holder letting go at every try.
            return null;
        } finally {
            if (!acquired) {
                synchronized (HELD) {
                    HELD.remove(key);
                }
            }
        }
    }

    /** The locked file. */
    File file() {
        return file;
    }

    /** Deletes the file and lets go of the lock; idempotent. Any thread. */
    void release() {
        if (lock == null) {
            return;
        }
        // Deleted while still held: a process that wins the lock on the deleted file then finds
        // it gone and opens a new one. Windows deletes no open file, so there it goes after.
        boolean deleted = file.delete();
        lock = null;
        // Closing the channel lets go of the lock.
        closeQuietly(handle);
        handle = null;
        if (!deleted) {
            file.delete();
        }
        synchronized (HELD) {
            HELD.remove(key);
        }
    }

    private static String canonicalPath(File f) {
        try {
            return f.getCanonicalPath();
        } catch (IOException e) {
            return f.getAbsolutePath();
        }
    }

    private static void closeQuietly(RandomAccessFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // Closed or not, the process no longer uses it; the OS frees the lock with the handle.
        }
    }
}
