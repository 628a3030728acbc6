package com.gdxfetch.net.internal;

import com.gdxfetch.net.Transport;

/**
 * The transport a manager uses when its configuration names none: the socket transport here; the
 * web build replaces this class (GWT super-source) with the browser's XMLHttpRequest. Any thread.
 */
public final class DefaultTransport {
    private DefaultTransport() {
    }

    /** A new default transport, owned by the caller. */
    public static Transport create() {
        return new SocketTransport(null);
    }
}
