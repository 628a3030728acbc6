package com.gdxfetch.net.internal;

import java.io.IOException;

/**
 * Consumes a response body as it arrives, in bounded chunks, on the transport's worker thread,
 * instead of the body being gathered into one array. Opened by a {@link StreamTarget} once the
 * response head is known; a body to a file, or a decoder of an event stream, is one.
 */
public interface BodySink {
    /**
     * The next bytes of the body, already stripped of its framing and of a gzip or deflate
     * coding the transport removed. The array is reused after the call returns.
     *
     * @throws IOException to end the exchange with that failure ({@link HttpFailure} for a kind)
     */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * The body ended where its framing says (Content-Length reached, last chunk read, or the
     * connection closed for a body delimited by the close). Not called when the exchange fails.
     *
     * @throws IOException to end the exchange with that failure instead of a response
     */
    void end() throws IOException;
}
