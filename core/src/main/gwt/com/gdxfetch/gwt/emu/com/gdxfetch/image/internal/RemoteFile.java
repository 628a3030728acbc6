package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.HttpResponse;
import com.google.gwt.dom.client.ImageElement;

/**
 * The web build's file of a remote image or atlas (the atlas text, or one of its pages): its
 * request, then the browser's decoded {@code <img>}, then its texture.
 *
 * <p>One thread: the request's callbacks run inside the manager's {@code update()}; the image's
 * load and error events run outside any frame and only hand the file to the loader's queue.
 */
final class RemoteFile implements FetchCallback<HttpResponse> {
    final RemoteSet set;
    final String url;
    final boolean isAtlas;
    /** The atlas page this file holds, or null for the atlas text or a plain image. */
    final TextureAtlasData.Page page;

    FetchHandle<HttpResponse> fetch;
    /** The file's size once it arrived; -1 before. */
    long bytes = -1;
    /** The decoded image, from its load event until update() makes the texture. */
    ImageElement image;
    /** Why the browser could not decode the bytes, or null. */
    String undecodable;
    Texture texture;

    private boolean abandoned;

    RemoteFile(RemoteSet set, String url, boolean isAtlas, TextureAtlasData.Page page) {
        this.set = set;
        this.url = url;
        this.isAtlas = isAtlas;
        this.page = page;
    }

    /** Stops the transfer and frees everything it holds. */
    void abandon() {
        abandoned = true;
        image = null;
        FetchHandle<HttpResponse> transfer = fetch;
        if (transfer != null) {
            transfer.cancel();
        }
        if (texture != null) {
            texture.dispose();
            texture = null;
        }
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** Bytes received so far, or the whole size once arrived. */
    long bytesReceived() {
        if (bytes >= 0) {
            return bytes;
        }
        return fetch == null ? 0 : fetch.bytesReceived();
    }

    /** The file's size, or -1 while unknown. */
    long totalBytes() {
        if (bytes >= 0) {
            return bytes;
        }
        return fetch == null ? -1 : fetch.contentLength();
    }

    /**
     * Has the browser decode {@code body} (PNG, JPEG, or whatever its {@code <img>} reads) from a
     * Blob URL; the load or error event queues this file for the loader's next update().
     */
    void decode(byte[] body, String mimeType) {
        startDecode(this, body, mimeType);
    }

    private void decoded(ImageElement result) {
        if (!abandoned) {
            image = result;
            set.loader.imageReady(this);
        }
    }

    private void notDecoded() {
        if (!abandoned) {
            undecodable = "the browser could not decode the " + bytes + " bytes as an image";
            set.loader.imageReady(this);
        }
    }

    private static native void startDecode(RemoteFile file, byte[] body, String mimeType) /*-{
        var view = new Uint8Array(body.length);
        for (var i = 0; i < body.length; i++) {
            view[i] = body[i] & 0xff;
        }
        var url = $wnd.URL.createObjectURL(new $wnd.Blob([view], mimeType ? {type: mimeType} : {}));
        var img = new $wnd.Image();
        img.onload = $entry(function() {
            $wnd.URL.revokeObjectURL(url);
            file.@com.gdxfetch.image.internal.RemoteFile::decoded(Lcom/google/gwt/dom/client/ImageElement;)(img);
        });
        img.onerror = $entry(function() {
            $wnd.URL.revokeObjectURL(url);
            file.@com.gdxfetch.image.internal.RemoteFile::notDecoded()();
        });
        img.src = url;
    }-*/;

    @Override
    public void onSuccess(HttpResponse result, HttpResponse response) {
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
