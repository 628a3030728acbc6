package com.gdxfetch.bench;

import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;

/**
 * A transport that answers every request with 200 and a fixed body on the sending thread, so
 * the manager's own costs (scheduling and delivery) can be measured without a network.
 */
final class InstantTransport implements Transport {
    private static final byte[] BODY = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Exchange NOTHING_TO_CANCEL = () -> { };

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        listener.downloadProgress(0, BODY.length);
        listener.downloadProgress(BODY.length, BODY.length);
        listener.completed(new HttpResponse.Builder().status(200, "OK").headers(Headers.EMPTY).body(BODY)
                .url(request.url()).build());
        return NOTHING_TO_CANCEL;
    }

    @Override
    public void dispose() {
    }
}
