package com.gdxfetch.net.internal;

/**
 * A {@link BodySink} that takes the body with a gzip or deflate {@code Content-Encoding} undone
 * even when the request asked for no compression. A download asks for identity, so that ranges
 * count the file's own bytes; a server that compresses anyway (a precompressed file served as it
 * is) must still leave the file's bytes on disk. The body is decoded as it streams, through the
 * same bounded decoder transparent decompression uses.
 */
interface DecodingSink extends BodySink {
}
