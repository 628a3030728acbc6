package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.internal.DownloadTarget;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running {@link Download}: its progress counted in bytes of the file (the part resumed from
 * disk included), its rate, and the usual handle methods. Every method may be called from any
 * thread and allocates nothing; the result is the destination, delivered on the render thread
 * inside {@code update()}. Cancelling leaves the partial file, so the next download of the same
 * URL to the same destination resumes from it.
 */
public final class DownloadHandle implements FetchHandle<FileHandle> {
    private final FetchHandle<FileHandle> call;
    private final DownloadTarget target;

    DownloadHandle(FetchHandle<FileHandle> call, DownloadTarget target) {
        this.call = call;
        this.target = target;
    }

    /** The file this download ends in. */
    public FileHandle destination() {
        return target.destination();
    }

    /** Bytes of the file on disk so far, those resumed from an earlier run included. */
    public long bytesWritten() {
        return target.bytesWritten();
    }

    /** The file's whole size, or -1 while unknown (before the response, or none was given). */
    public long totalBytes() {
        return target.totalBytes();
    }

    /** The offset the current attempt resumed from; 0 when it started from the beginning. */
    public long resumedFrom() {
        return target.resumedFrom();
    }

    /**
     * {@link #bytesWritten()} over {@link #totalBytes()}, 0 to 1; 0 while the total is unknown, 1
     * once succeeded (an empty file, or one whose size was never stated, included).
     */
    public float progress() {
        long total = target.totalBytes();
        return total <= 0 ? (isSuccess() ? 1f : 0f) : Math.min(1f, (float) ((double) target.bytesWritten() / total));
    }

    /** Bytes per second the current attempt has received since its body began; 0 before then. */
    public double bytesPerSecond() {
        return target.bytesPerSecond();
    }

    @Override
    public HttpRequest request() {
        return call.request();
    }

    @Override
    public FetchState state() {
        return call.state();
    }

    @Override
    public boolean isDone() {
        return call.isDone();
    }

    @Override
    public boolean isSuccess() {
        return call.isSuccess();
    }

    @Override
    public boolean isFailed() {
        return call.isFailed();
    }

    @Override
    public boolean isCancelled() {
        return call.isCancelled();
    }

    @Override
    public int status() {
        return call.status();
    }

    /** Bytes of the body received by the current attempt (see {@link #bytesWritten()} for the file's). */
    @Override
    public long bytesReceived() {
        return call.bytesReceived();
    }

    @Override
    public long contentLength() {
        return call.contentLength();
    }

    @Override
    public long bytesSent() {
        return call.bytesSent();
    }

    @Override
    public long uploadLength() {
        return call.uploadLength();
    }

    @Override
    public FileHandle result() {
        return call.result();
    }

    @Override
    public HttpResponse response() {
        return call.response();
    }

    @Override
    public FetchException failure() {
        return call.failure();
    }

    @Override
    public boolean cancel() {
        return call.cancel();
    }

    @Override
    public FileHandle await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        return call.await(timeout, unit);
    }
}
