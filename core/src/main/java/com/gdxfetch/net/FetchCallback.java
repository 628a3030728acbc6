package com.gdxfetch.net;

/**
 * Receives a request's single terminal outcome.
 *
 * <p>Exactly one of the three methods is called, once, on the thread that calls
 * {@link FetchManager#update()} (the render thread), inside that call; or, for requests still
 * open when the manager is disposed, {@link #onCancelled} inside {@link FetchManager#dispose()}.
 * An exception thrown here is caught and reported; other requests are unaffected.
 */
public interface FetchCallback<T> {
    /** The request succeeded; {@code result} is what its decoder returned. */
    void onSuccess(T result, HttpResponse response);

    /** The request failed; {@link FetchException#kind()} says how. */
    void onFailure(FetchException failure);

    /** The request was cancelled, or its manager disposed. Does nothing unless overridden. */
    default void onCancelled() {
    }
}
