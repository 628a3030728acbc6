package com.gdxfetch.net.internal;

import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.ItemCallback;
import com.gdxfetch.net.LineDecoder;

/**
 * The web build's streamed bodies: none yet. A body consumed as it arrives needs a worker thread
 * that waits while the game catches up, which a browser build has not, so
 * {@link com.gdxfetch.net.FetchManager#stream} fails at send with a message that says so.
 */
public final class ItemStream {
    private ItemStream() {
    }

    public static <T> FetchHandle<Long> send(Engine engine, HttpRequest request, LineDecoder<T> decoder,
            ItemCallback<T> callback) {
        throw new IllegalStateException("bodies consumed as they arrive (FetchManager.stream) are not available "
                + "in web builds yet; fetch the whole body with FetchManager.get(...) and Decoders.text() instead, so "
                + request.url() + " was not sent");
    }
}
