package com.gdxfetch.net;

/**
 * Receives the items of a body consumed as it arrives ({@link FetchManager#stream}), then the
 * request's single terminal outcome.
 *
 * <p>Every method runs on the thread that calls {@link FetchManager#update()} (the render thread),
 * inside that call, counted against its budget. Items arrive in body order, each exactly once,
 * all before the terminal callback; after it nothing else is called. {@link #onSuccess} gets the
 * number of items the body gave and the response without a body (its status and headers). On a
 * failure the items that arrived before it are delivered first; on a cancel (or the manager's
 * disposal) items not yet delivered are dropped. A request retried after its body broke off
 * starts the body over: the items of the broken attempt stay delivered.
 */
public interface ItemCallback<T> extends FetchCallback<Long> {
    /** The next item of the body. */
    void onItem(T item);
}
