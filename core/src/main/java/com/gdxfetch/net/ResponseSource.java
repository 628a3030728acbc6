package com.gdxfetch.net;

/**
 * Where a response came from, so a game can label data it shows ("offline, 3 min old"); read it
 * with {@link HttpResponse#source()}, beside {@link HttpResponse#ageSeconds()}.
 */
public enum ResponseSource {
    /** From the server; the HTTP cache, if any, was not used or held nothing usable. */
    NETWORK,
    /** From the HTTP cache, fresh enough for the request; no network was used. */
    CACHE,
    /** From the HTTP cache after the server answered a conditional request with 304 Not Modified. */
    REVALIDATED,
    /**
     * From the HTTP cache although stale, because the network failed or the server answered 5xx
     * and the request allowed it ({@link HttpRequest.Builder#staleIfError}).
     */
    STALE_AFTER_ERROR
}
