package com.gdxfetch.net.internal;

import com.gdxfetch.net.HttpRequest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream targets by the request object a call hands its transport, so that a {@link
 * com.gdxfetch.net.Transport} wrapping another (counting, logging, faking latency) keeps
 * downloads streaming to disk as long as it passes the request on, whatever listener it passes
 * with it. Worker threads; empty, and free to ask, while nothing streams.
 */
final class StreamTargets {
    private static final ConcurrentHashMap<Key, StreamTarget> BY_REQUEST = new ConcurrentHashMap<Key, StreamTarget>();

    private StreamTargets() {
    }

    static void register(HttpRequest request, StreamTarget target) {
        BY_REQUEST.put(new Key(request), target);
    }

    /** Forgets {@code request} if it still streams to {@code target}. */
    static void unregister(HttpRequest request, StreamTarget target) {
        BY_REQUEST.remove(new Key(request), target);
    }

    /** Where {@code request}'s body streams to, or null. */
    static StreamTarget of(HttpRequest request) {
        return BY_REQUEST.isEmpty() ? null : BY_REQUEST.get(new Key(request));
    }

    /** Requests naming a target, for tests. */
    static int size() {
        return BY_REQUEST.size();
    }

    /** The request by identity: two equal requests are two exchanges. */
    private static final class Key {
        private final HttpRequest request;

        Key(HttpRequest request) {
            this.request = request;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).request == request;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(request);
        }
    }
}
