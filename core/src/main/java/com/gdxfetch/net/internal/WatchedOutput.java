package com.gdxfetch.net.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that shows when the write in progress began, so {@link IoWatchdog} can
 * end a write the server has stopped reading: a blocking socket write has no timeout of its own.
 */
final class WatchedOutput extends OutputStream {
    private final OutputStream out;
    /** {@link System#nanoTime()} when the write in progress began; 0 when none is. */
    private volatile long writingSince;

    WatchedOutput(OutputStream out) {
        this.out = out;
    }

    /** When the write in progress began ({@link System#nanoTime()}), or 0 when none is. Any thread. */
    long writingSinceNanos() {
        return writingSince;
    }

    @Override
    public void write(int b) throws IOException {
        begin();
        try {
            out.write(b);
        } finally {
            writingSince = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        begin();
        try {
            out.write(b, off, len);
        } finally {
            writingSince = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        begin();
        try {
            out.flush();
        } finally {
            writingSince = 0;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void begin() {
        long now = System.nanoTime();
        writingSince = now == 0 ? 1 : now;
    }
}
