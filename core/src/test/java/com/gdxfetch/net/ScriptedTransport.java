package com.gdxfetch.net;

import java.nio.charset.StandardCharsets;

/**
 * A transport with no network, for the manager's own races: {@code /ok} answers 200 "ok" and
 * {@code /fail} 500 at once on the sending thread; anything else is held until cancelled.
 */
final class ScriptedTransport implements Transport {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        String url = request.url();
        if (url.endsWith("/ok") || url.endsWith("/fail")) {
            boolean ok = url.endsWith("/ok");
            listener.completed(new HttpResponse.Builder().status(ok ? 200 : 500, ok ? "OK" : "Server Error")
                    .headers(Headers.EMPTY).body(OK).url(url).build());
        }
        return () -> { };
    }

    @Override
    public void dispose() {
    }
}
