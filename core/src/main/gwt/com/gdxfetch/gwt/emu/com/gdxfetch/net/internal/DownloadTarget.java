package com.gdxfetch.net.internal;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.Download;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;

/**
 * The web build's download target: none yet. A download streams into a file on worker threads and
 * checks it with a digest, which a browser build has neither of, so
 * {@link com.gdxfetch.net.FetchManager#download} fails at send with a message that says so.
 */
public final class DownloadTarget implements StreamTarget, ResponseDecoder<FileHandle> {
    public DownloadTarget(String url, FileHandle destination, long expectedSize, String sha256,
            Download.Verifier verifier) {
        throw new IllegalStateException("downloads to files (FetchManager.download) are not available in web "
                + "builds yet; fetch the bytes with FetchManager.get(...) and Decoders.bytes() instead, so "
                + url + " was not sent");
    }

    public FileHandle destination() {
        return null;
    }

    public long bytesWritten() {
        return 0;
    }

    public long totalBytes() {
        return 0;
    }

    public long resumedFrom() {
        return 0;
    }

    public double bytesPerSecond() {
        return 0;
    }

    @Override
    public HttpRequest prepare(HttpRequest request) {
        return request;
    }

    @Override
    public BodySink open(HttpRequest sent, int status, Headers headers, long contentLength) {
        return null;
    }

    @Override
    public void exchangeEnded() {
    }

    @Override
    public void callEnded() {
    }

    @Override
    public FileHandle decode(HttpResponse response) {
        return null;
    }
}
