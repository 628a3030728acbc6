package com.gdxfetch.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A short lock on a folder shared by caches in this process and in others: a monitor per folder
 * here, and an advisory lock on a file in the folder for other processes (which a process's own
 * threads cannot share, hence both). Where the lock file cannot be opened (a read-only folder)
 * only the in-process part is held: nothing can be written there anyway. Worker threads only.
 */
final class FolderLock {
    static final String FILE_NAME = ".lock";

    private static final ConcurrentHashMap<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final RandomAccessFile file;
    private final FileLock shared;

    private FolderLock(ReentrantLock local, RandomAccessFile file, FileLock shared) {
        this.local = local;
        this.file = file;
        this.shared = shared;
    }

    /** Waits for and takes the lock on {@code dir}; release it in a finally block. */
    static FolderLock take(File dir) {
        String key = dir.getAbsolutePath();
        ReentrantLock local = LOCAL.get(key);
        if (local == null) {
            ReentrantLock created = new ReentrantLock();
            local = LOCAL.putIfAbsent(key, created);
            if (local == null) {
                local = created;
            }
        }
        local.lock();
        RandomAccessFile file = null;
        try {
            file = new RandomAccessFile(new File(dir, FILE_NAME), "rw");
            return new FolderLock(local, file, file.getChannel().lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(file);
            return new FolderLock(local, null, null);
        }
    }

    void release() {
        try {
            if (shared != null) {
                shared.release();
            }
        } catch (IOException ignored) {
            // Closing the file below releases it too.
        } finally {
            closeQuietly(file);
            local.unlock();
        }
    }

    private static void closeQuietly(RandomAccessFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // Nothing was written through it.
            }
        }
    }
}
