package com.gdxfetch.net.internal;

import com.gdxfetch.net.Transport;

/** In a browser the default transport is its XMLHttpRequest. */
public final class DefaultTransport {
    private DefaultTransport() {
    }

    public static Transport create() {
        return new XhrTransport();
    }
}
