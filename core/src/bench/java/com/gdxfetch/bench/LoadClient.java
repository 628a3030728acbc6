package com.gdxfetch.bench;

/**
 * One HTTP client under a closed-loop load: {@code concurrency} GETs outstanding at all times,
 * each completion sending the next, until {@code total} have completed with the expected body.
 */
interface LoadClient extends AutoCloseable {
    /**
     * Runs the load to completion; returns how many requests failed in the client (they count as
     * done). Throws on a wrong answer or when more than 1% fail.
     */
    int run(String url, int total, int concurrency, int bodyBytes) throws Exception;

    /** Releases the client's threads and connections. */
    @Override
    void close();
}
