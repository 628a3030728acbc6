package com.gdxfetch.net;

/** Where a request is in its life; the last three are terminal. */
public enum FetchState {
    /** Waiting for a free slot, or for its next retry. */
    QUEUED,
    /** Being sent, received or decoded, or waiting for {@code update()} to deliver it. */
    RUNNING,
    /** Delivered with a result. */
    SUCCEEDED,
    /** Delivered with a {@link FetchException}. */
    FAILED,
    /** Cancelled before it was delivered. */
    CANCELLED;

    /** True for SUCCEEDED, FAILED and CANCELLED. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
