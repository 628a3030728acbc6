package com.gdxfetch.net;

import com.badlogic.gdx.utils.Disposable;

/**
 * Carries one HTTP exchange over the wire; the manager's scheduling, limits, retries, redirects
 * and delivery sit above it and do not depend on which transport is used.
 *
 * <p>{@link #start} is called by the manager from any thread and must return at once; the
 * exchange runs on the transport's own threads. A transport sends exactly the request it is
 * given (no redirects, no retries), enforces the request's connect and read timeouts and its
 * response size limit, decompresses gzip and deflate bodies, and reports exactly one outcome
 * to the listener. Implementations come from {@code Transports}: sockets (the default) and
 * libGDX's {@code Gdx.net}.
 */
public interface Transport extends Disposable {
    /**
     * Starts sending {@code request}, whose timeouts and size limit are already resolved (never
     * {@link HttpRequest#DEFAULT}).
     *
     * @return a handle that cancels this exchange
     */
    Exchange start(HttpRequest request, Listener listener);

    /**
     * Releases threads and connections. Exchanges still running are cancelled; their listeners
     * may or may not be called.
     */
    @Override
    void dispose();

    /**
     * The transport this one hands its exchanges to, for a transport that wraps another (to
     * count or log them, say); this one when it sends them itself, which is the default. WebSocket
     * channels look through wrappers this way for the socket transport they need. Any thread.
     */
    default Transport delegate() {
        return this;
    }

    /** One running exchange. */
    interface Exchange {
        /**
         * Stops the exchange at once, closing its connection so a blocked read or write ends.
         * Safe to call from any thread, more than once, and after it finished. The listener may
         * still be called once (typically with a failure) and the manager ignores it.
         */
        void cancel();
    }

    /** Receives one exchange's progress and outcome, on a transport thread. */
    interface Listener {
        /** Request body bytes written so far, of {@code total}. */
        void uploadProgress(long sent, long total);

        /**
         * Response body bytes received so far (before decompression), of {@code total} (the
         * Content-Length, or -1 when unknown). The first call, with 0, marks the first byte.
         */
        void downloadProgress(long received, long total);

        /** The exchange ended with a complete response. Called at most once. */
        void completed(HttpResponse response);

        /** The exchange failed. Called at most once, and never after {@link #completed}. */
        void failed(FetchException failure);
    }
}
