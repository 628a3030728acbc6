package com.gdxfetch.net;

/**
 * How one request uses the manager's HTTP cache ({@link FetchConfig.Builder#httpCache}); set it
 * with {@link HttpRequest.Builder#cacheMode}. Without a configured cache every mode but
 * {@link #ONLY_IF_CACHED} behaves like a plain network request.
 */
public enum CacheMode {
    /**
     * The default: a fresh stored response answers at once, a stale one is revalidated with the
     * server, and a cacheable network response is stored (RFC 9111).
     */
    NORMAL,
    /** Always asks the server without conditions; a cacheable response still replaces the stored one. */
    FORCE_NETWORK,
    /**
     * Never uses the network: a stored response usable under the request's limits answers,
     * otherwise the request fails with {@link FailureKind#NOT_CACHED}.
     */
    ONLY_IF_CACHED
}
