package com.gdxfetch.net;

/**
 * Turns one line of a body that is consumed as it arrives (newline-delimited JSON, a log, a
 * line-per-record feed) into an item, on a worker thread, so parsing never costs a frame. Built-ins
 * are {@link Decoders#lines()} and {@link Decoders#ndjson(Class)}; send with
 * {@link FetchManager#stream}. Anything it throws fails the request with
 * {@link FailureKind#DECODE}, the message naming the line's number.
 */
@FunctionalInterface
public interface LineDecoder<T> {
    /** The longest line accepted, in UTF-8 bytes without its line end, unless overridden. */
    int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    /**
     * Decodes {@code line} (UTF-8, without its {@code \n} or {@code \r\n}); null delivers nothing
     * for it. Called on a worker thread, one line at a time, in body order.
     */
    T decode(String line) throws Exception;

    /**
     * The longest line accepted, in UTF-8 bytes without its line end: a longer one fails the
     * request with {@link FailureKind#TOO_LARGE} before more than this is held. Any thread.
     */
    default int maxLineBytes() {
        return DEFAULT_MAX_LINE_BYTES;
    }
}
