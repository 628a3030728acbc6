package com.gdxfetch.net.internal;

/**
 * What a response's status code means to a client, in one place, so that retries, the HTTP cache,
 * the image cache and reconnecting channels cannot disagree about it. Any thread.
 */
public final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * Whether {@code status} is a server error: a 5xx, or a code from 600 to 999, which RFC 9110
     * section 15 calls invalid and has a client process as a 5xx.
     */
    public static boolean isServerError(int status) {
        return status >= 500 && status <= 999;
    }

    /**
     * The status a client acts on for {@code status}: the code itself, except a code from 600 to
     * 999, which is handled as a 500, the 5xx that says no more than "the server failed".
     */
    public static int understood(int status) {
        return status >= 600 && status <= 999 ? 500 : status;
    }
}
