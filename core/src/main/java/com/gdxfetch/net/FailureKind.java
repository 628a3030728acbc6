package com.gdxfetch.net;

/** Why a request failed, so a game can react to each case differently. */
public enum FailureKind {
    /**
     * The connection could not be made: nothing listened on the server's port (connection
     * refused), or the player's network has no route to the server (host or network unreachable,
     * as an IPv6 address is on a network without IPv6). Nothing was sent.
     */
    CONNECT_REFUSED,
    /** The host name could not be resolved. Nothing was sent. */
    UNKNOWN_HOST,
    /**
     * The TCP connection was not established within the connect timeout, or (socket transport)
     * the server's name was not looked up within it. Nothing was sent.
     */
    CONNECT_TIMEOUT,
    /**
     * The server went silent for longer than the read timeout, or stopped reading the request's
     * upload (no progress writing it) for as long.
     */
    READ_TIMEOUT,
    /** The whole request, queueing and retries included, took longer than its total timeout. */
    TOTAL_TIMEOUT,
    /** The TLS handshake failed: untrusted certificate, wrong host name, protocol mismatch. */
    TLS,
    /**
     * The server broke HTTP: a garbage status line or header, a body cut short, a bad chunk or
     * compressed stream, or a redirect that could not be followed.
     */
    PROTOCOL,
    /** Any other I/O failure, such as a connection reset by the peer. */
    NETWORK,
    /** The response body, after decompression, was larger than the request's limit. */
    TOO_LARGE,
    /** The response arrived but its decoder threw. */
    DECODE,
    /** The server answered with a status outside 200-299 and the request asked to fail on that. */
    HTTP_STATUS,
    /**
     * The request was {@link CacheMode#ONLY_IF_CACHED} and the HTTP cache held no usable response
     * (none stored, too stale, or damaged on disk). Nothing was sent.
     */
    NOT_CACHED,
    /**
     * A download did not match what was expected of it: its size, its SHA-256 or the caller's
     * check. The partial file was deleted, so the next attempt starts from zero.
     */
    VERIFICATION,
    /**
     * A local file could not be read or written: disk full, permission denied, a directory in
     * the way, a missing folder. The message names the path.
     */
    FILE,
    /** The request was cancelled, or its manager disposed, before it finished. */
    CANCELLED,
    /**
     * Web builds only: the browser refused the request itself, or would not show its outcome to
     * the page: a header or method a page may not set (such as {@code Cookie}, or a
     * {@code User-Agent} other than the default), refused at send; or a cross-origin request
     * that failed, which is what a server whose CORS headers do not allow the page's origin looks
     * like (an unreachable server looks the same to a page; the browser's console tells them
     * apart). Not retried by default.
     */
    BROWSER_REFUSED
}
