package com.gdxfetch.net;

/**
 * Receives the outcomes of the {@link Outbox}'s requests. Register it at start-up with
 * {@link Outbox#setListener}: outcomes of requests sent in an earlier run arrive as soon as the
 * journal is loaded.
 *
 * <p>Every method runs on the thread that calls {@link FetchManager#update()} (the render
 * thread), inside that call. Outcomes are delivered at least once: an outcome is removed from
 * the journal only after the method returns, so a game killed in between hears it again in its
 * next run (the server saw the request once; compare {@link OutboxResult#id()} to ignore the
 * repeat). An exception thrown here is logged and counts as delivered. As in any callback,
 * {@link FetchManager#update()} and {@link FetchManager#dispose()} throw
 * {@link IllegalStateException} when called from here.
 */
public interface OutboxListener {
    /** A request got its final answer: a 2xx, or a 4xx that retrying cannot fix. */
    void onAnswered(OutboxResult result);

    /**
     * A request was dropped without an answer: its journal entry was damaged (set aside beside
     * the journal with the suffix {@code .corrupt}) or could not be written. {@code id} is the
     * request's id; {@code reason} names the file and what was wrong.
     */
    void onDropped(String id, String reason);
}
