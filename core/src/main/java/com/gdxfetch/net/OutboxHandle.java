package com.gdxfetch.net;

/**
 * A request given to the {@link Outbox}, returned by {@link Outbox#send} at once. Its outcome
 * arrives through the {@link OutboxListener}, in this run or a later one, under {@link #id()}.
 *
 * <p>Every method may be called from any thread.
 */
public interface OutboxHandle {
    /** The request's id in the outbox, the same in every run; also on its {@link OutboxResult}. */
    String id();

    /** The tag given to {@link Outbox#send(HttpRequest, String)}, or null. */
    String tag();

    /**
     * True once the request is durably in the journal (written, synced and renamed into place):
     * from then on a crash or a kill does not lose it.
     */
    boolean isStored();

    /**
     * Why the request could not be written to the journal (the disk is full, the folder cannot
     * be created), or null while it is being written or once it is stored. A request that failed
     * here is not in the outbox and is never sent; the listener also hears of it through
     * {@link OutboxListener#onDropped}.
     */
    String storeFailure();
}
