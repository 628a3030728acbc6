package com.gdxfetch.net;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.internal.Engine;
import com.gdxfetch.net.internal.OutboxWorker;

/**
 * A persistent queue of requests that must arrive, such as a finished score: each is kept in a
 * journal in local storage, sent through its {@link FetchManager} when possible, retried with
 * backoff while the network or the server is down, across restarts of the game, until it gets a
 * final answer (a 2xx, or a 4xx that retrying cannot fix). Enable it with
 * {@link FetchConfig.Builder#outbox(OutboxConfig)}; get it from {@link FetchManager#outbox()}.
 *
 * <pre>{@code
 * // create()
 * fetch = new FetchManager(FetchConfig.builder()
 *         .outbox(OutboxConfig.builder(Gdx.files.local("outbox")).build()).build());
 * fetch.outbox().setListener(new OutboxListener() { ... });
 * // game over
 * fetch.outbox().send(HttpRequest.post(url, RequestBody.json(score)).build(), "score");
 * }</pre>
 *
 * <p>Each request gets an {@code Idempotency-Key} header (a random UUID) unless it has one; the
 * journal keeps it, so every attempt, in every run, carries the same key and a server that
 * deduplicates by it applies the request once. The journal is written by the outbox's own worker
 * thread: {@link #send} returns at once, with a handle that says when the request is durably
 * stored ({@link OutboxHandle#isStored()}). See {@code core/docs/outbox.md} for the guarantees at
 * each crash point.
 *
 * <p>One outbox per folder: while it runs it holds an operating-system lock on
 * {@code outbox.lock} in its folder, and a {@link FetchManager} whose outbox would share the
 * folder with another, in this process or another, fails at construction with an
 * {@link IllegalStateException} naming the folder. The lock goes with {@link FetchManager#dispose()}
 * (once the journal writes it waits for are done) or with the process.
 *
 * <p>Threading: {@code send}, {@code pendingCount} and {@code isLoaded} may be called from any
 * thread; {@code setListener} on the render thread (from another, once the game updates, it
 * throws). The listener runs on the thread that calls {@link FetchManager#update()}, inside that
 * call.
 */
public final class Outbox {
    private final FetchManager manager;
    private final OutboxWorker worker;

    Outbox(FetchManager manager, OutboxConfig config, FetchLog log) {
        this.manager = manager;
        this.worker = new OutboxWorker(manager, config, log);
    }

    /** As {@link #send(HttpRequest, String)} with no tag. */
    public OutboxHandle send(HttpRequest request) {
        return send(request, null);
    }

    /**
     * Puts {@code request} in the outbox and returns at once; its method, URL, headers and body
     * are kept (other settings come from the manager's defaults). The request is written to the
     * journal on the outbox's worker thread within milliseconds; {@link OutboxHandle#isStored()}
     * says when. Any thread.
     *
     * @param tag a short label kept with the request and given back with its outcome (such as
     *     {@code "score"}), or null
     * @throws IllegalStateException when the outbox is full, naming the limit reached
     *     ({@link OutboxConfig#maxEntries()} or {@link OutboxConfig#maxBytes()}), or once the
     *     manager is disposed
     * @throws IllegalArgumentException if {@code request} is null, or its body is a
     *     {@link RequestBody#file} (read the file into {@link RequestBody#bytes} first)
     */
    public OutboxHandle send(HttpRequest request, String tag) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        RequestBody body = request.body();
        if (body != null && body.file() != null) {
            // The journal keeps the body's bytes: a file could change or vanish before a later run
            // resends it, and reading it here would touch the disk on the caller's (render) thread.
            throw new IllegalArgumentException("the outbox cannot keep a file body (" + body.file().path()
                    + ") of " + request + "; read the file into RequestBody.bytes(...) off the render thread"
                    + " and send that");
        }
        return worker.send(request, tag);
    }

    /**
     * Sets who receives outcomes; call at start-up, on the render thread, the one that calls
     * {@link FetchManager#update()}, where the listener runs (before the first {@code update()},
     * any thread may). Outcomes wait, in memory and in the journal, until a listener is set.
     *
     * @throws IllegalStateException on another thread once {@code update()} has run, naming both
     *     threads; the listener is left as it was
     */
    public void setListener(OutboxListener listener) {
        manager.checkUpdateThread("Outbox.setListener", "the listener");
        worker.setListener(listener);
    }

    /**
     * Requests in the outbox without a final answer yet: being stored, waiting, or being sent,
     * with those loaded from earlier runs once {@link #isLoaded()}. Any thread.
     */
    public int pendingCount() {
        return worker.pendingCount();
    }

    /** True once the journal left by earlier runs has been read. Any thread. */
    public boolean isLoaded() {
        return worker.isLoaded();
    }

    /** What {@code update()} delivers of the outbox's: its waiting outcomes. */
    Engine.Deliveries deliveries() {
        return worker;
    }

    /** Starts no more attempts; requests are still admitted and written until {@link #dispose()}. */
    void stopSending() {
        worker.stopSending();
    }

    void dispose() {
        worker.dispose();
    }
}
