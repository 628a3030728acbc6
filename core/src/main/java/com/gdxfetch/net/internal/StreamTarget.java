package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;

import java.io.IOException;

/**
 * Where one call's response bodies go when they are to be streamed rather than gathered: asked
 * by the transport, on its worker thread, once per exchange (every attempt and redirect hop).
 * A transport that streams calls {@link #prepare} before writing the request (the socket
 * transport does; {@code Gdx.net}, which builds its request on the caller's thread, does not),
 * {@link #open} once the response head has arrived, and {@link #exchangeEnded} before it reports
 * the exchange's outcome, however it ended.
 */
public interface StreamTarget {
    /**
     * The request to send in place of {@code request}, for instance with a {@code Range} header
     * worked out from a file on disk.
     *
     * @throws IOException to fail the exchange before anything is sent
     */
    HttpRequest prepare(HttpRequest request) throws IOException;

    /**
     * A sink for the body of a response with {@code status} and {@code headers} (as received,
     * before any decoding), or null to gather that body into the response as usual (an error
     * page, a redirect).
     *
     * @param contentLength the Content-Length on the wire, or -1 when unknown
     * @throws IOException to fail the exchange without reading the body
     */
    BodySink open(HttpRequest sent, int status, Headers headers, long contentLength) throws IOException;

    /** The exchange is over (complete, failed or cancelled): release what {@link #prepare} or {@link #open} took. */
    void exchangeEnded();

    /**
     * The call is over without its outcome (cancelled, timed out): a wait in {@link #prepare} or
     * {@link #open} for something another call holds should give up now, as a blocked read gives
     * up when the cancel closes its socket. Any thread.
     */
    void callEnded();
}
