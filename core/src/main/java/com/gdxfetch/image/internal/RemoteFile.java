package com.gdxfetch.image.internal;

import com.gdxfetch.internal.DiskCache;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.HttpResponse;

/**
 * One file of a remote image or atlas (the atlas text, or one of its pages) on its way from the
 * network or disk to a texture.
 *
 * <p>Workers leave the decoded result here under this object's lock; the render thread takes
 * it. Once abandoned (failure, release, dispose) whatever a worker still delivers is freed at
 * once, so no decoded pixels leak.
 */
final class RemoteFile implements FetchCallback<Decoded> {
    final RemoteSet set;
    final String url;
    final boolean isAtlas;
    /** The atlas page this file holds, or null for the atlas text or a plain image. */
    final TextureAtlasData.Page page;

    /** The disk cache's entry found before sending, or null. */
    volatile DiskCache.Entry cached;
    volatile FetchHandle<Decoded> fetch;
    /** The file's size once it arrived, from the network or the disk; -1 before. */
    volatile long bytes = -1;
    /** A failure met off the request manager (offline read, refused send). */
    volatile FetchException ioFailure;

    // Render thread.
    TextureUpload upload;
    Texture texture;
    /**
     * Being fetched and decoded again to refill its texture after the GL context was lost. Set
     * before the file is started again, so the worker decoding it sees it.
     */
    boolean restoring;

    private Decoded decoded;
    private boolean abandoned;

    RemoteFile(RemoteSet set, String url, boolean isAtlas, TextureAtlasData.Page page) {
        this.set = set;
        this.url = url;
        this.isAtlas = isAtlas;
        this.page = page;
    }

    /** Hands a worker's result over; frees it at once if the file was abandoned. Any thread. */
    synchronized Decoded offer(Decoded result) {
        if (abandoned) {
            result.dispose();
        } else {
            decoded = result;
        }
        return result;
    }

    /** Takes the result a worker left, or null if abandoned. Render thread. */
    synchronized Decoded take() {
        Decoded result = decoded;
        decoded = null;
        return abandoned ? null : result;
    }

    /** Stops the transfer and frees everything it holds. Render thread. */
    void abandon() {
        synchronized (this) {
            abandoned = true;
            if (decoded != null) {
                decoded.dispose();
                decoded = null;
            }
        }
        FetchHandle<Decoded> transfer = fetch;
        if (transfer != null) {
            transfer.cancel();
        }
        if (upload != null) {
            upload.dispose();
            upload = null;
        }
        if (texture != null) {
            texture.dispose();
            texture = null;
        }
    }

    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** Bytes received so far, or the whole size once arrived. */
    long bytesReceived() {
        long size = bytes;
        if (size >= 0) {
            return size;
        }
        FetchHandle<Decoded> transfer = fetch;
        return transfer == null ? 0 : transfer.bytesReceived();
    }

    /** The file's size, or -1 while unknown. */
    long totalBytes() {
        long size = bytes;
        if (size >= 0) {
            return size;
        }
        FetchHandle<Decoded> transfer = fetch;
        return transfer == null ? -1 : transfer.contentLength();
    }

    @Override
    public void onSuccess(Decoded result, HttpResponse response) {
        set.loader.arrived(this, response);
    }

    @Override
    public void onFailure(FetchException failure) {
        set.loader.failed(this, failure);
    }

    /** The game cancelled the request (or disposed its manager): the load fails rather than hangs. */
    @Override
    public void onCancelled() {
        set.loader.failed(this, new FetchException(FailureKind.CANCELLED, "GET", url,
                "the request manager cancelled the download", null, null, true));
    }
}
