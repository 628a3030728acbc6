package com.gdxfetch.net.internal;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.CacheMode;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.Transport;

/**
 * The web build's cache layer: none. The HTTP cache keeps its entries in files on worker threads,
 * which a browser build has neither of, so a configuration that asks for one is refused at
 * construction; without one, requests pass straight through and
 * {@link CacheMode#ONLY_IF_CACHED}, or {@code only-if-cached} in the request's Cache-Control,
 * fails as it does on desktop with no cache configured.
 */
public final class CachingTransport implements Transport {
    private static final Exchange NOTHING_TO_CANCEL = new Exchange() {
        @Override
        public void cancel() {
        }
    };

    private final Transport network;

    private CachingTransport(Transport network) {
        this.network = network;
    }

    /** @throws IllegalStateException when {@code config} names an HTTP cache */
    public static Transport over(Transport network, FetchConfig config, FetchLog log) {
        if (config.httpCacheDirectory() != null) {
            throw new IllegalStateException("the HTTP cache (FetchConfig.httpCache) is not available in web "
                    + "builds yet; build the web game's FetchConfig without it");
        }
        return new CachingTransport(network);
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        if (CacheDirectives.asksOnlyIfCached(request)) {
            listener.failed(new FetchException(FailureKind.NOT_CACHED, request.method(), request.url(),
                    "not in the HTTP cache: no HTTP cache is configured (web build)", null, null, false));
            return NOTHING_TO_CANCEL;
        }
        return network.start(request, listener);
    }

    @Override
    public void dispose() {
        network.dispose();
    }

    @Override
    public Transport delegate() {
        return network;
    }
}
