package com.gdxfetch.testing;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Folders made read-only or full with real mounts, so writes fail with the operating system's own
 * EROFS and ENOSPC. Permission bits are no use here: the tests run as root, which ignores them.
 * Needs {@code mount} rights (root, or CAP_SYS_ADMIN); without them the test fails saying so.
 */
public final class DiskFaults {
    private DiskFaults() {
    }

    /** A mount that {@link #close()} takes away again. */
    public static final class Mount implements AutoCloseable {
        private final File dir;

        Mount(File dir) {
            this.dir = dir;
        }

        @Override
        public void close() throws IOException {
            run("umount", dir.getAbsolutePath());
        }
    }

    /** Mounts {@code dir} (which exists) over itself read-only: its files stay readable, nothing can change. */
    public static Mount readOnly(File dir) throws IOException {
        String path = dir.getAbsolutePath();
        run("mount", "--bind", path, path);
        Mount mount = new Mount(dir);
        try {
            run("mount", "-o", "remount,bind,ro", path);
        } catch (IOException e) {
            mount.close();
            throw e;
        }
        return mount;
    }

    /** Mounts an empty file system of {@code bytes} (whole 4 KiB pages) on {@code dir}, created if missing. */
    public static Mount small(File dir, long bytes) throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.getAbsolutePath());
        return new Mount(dir);
    }

    /** Fills the file system holding {@code dir} with one file until a write fails for lack of space. */
    public static File fill(File dir) throws IOException {
        File filler = new File(dir, "filler");
        byte[] block = new byte[512];
        try (FileOutputStream out = new FileOutputStream(filler)) {
            for (;;) {
                out.write(block);
                out.getFD().sync();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (needs mount rights): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
