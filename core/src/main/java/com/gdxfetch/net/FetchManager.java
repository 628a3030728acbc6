package com.gdxfetch.net;

import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.net.internal.DefaultTransport;
import com.gdxfetch.net.internal.Engine;
import com.gdxfetch.internal.FetchLog;

/**
 * Sends HTTP requests without ever stalling a frame, and delivers their results on the render
 * thread, once per frame.
 *
 * <pre>{@code
 * // create()
 * fetch = new FetchManager();
 * // anywhere in the game
 * fetch.get("https://example.com/scores").query("top", 10)
 *      .send(Decoders.json(Leaderboard.class), new FetchCallback<Leaderboard>() { ... });
 * // render()
 * fetch.update();
 * // dispose()
 * fetch.dispose();
 * }</pre>
 *
 * <p>Threading: {@code send}, {@code cancelAll} and the counters may be called from any thread.
 * {@link #update()} and {@link #dispose()} belong to the render thread (the thread that runs the
 * game loop). Sockets and decoders run on worker threads; every callback runs on the thread that
 * calls {@code update()}, inside that call, and each request gets exactly one: success, failure
 * or cancelled. Nothing the render thread calls waits for the network.
 *
 * <p>Construct the manager on the render thread (in {@code create()}): until the first
 * {@code update()} the constructing thread is taken to be the one that will deliver results, so
 * {@link FetchHandle#await} there throws rather than waiting for an {@code update()} that cannot
 * come. A manager constructed on another thread (a loading thread) refuses {@code await} on that
 * thread until the first {@code update()}; from then on the thread that calls {@code update()}
 * is the one refused.
 */
public final class FetchManager implements Disposable {
    private final FetchConfig config;
    private final FetchLog log = new FetchLog();
    private final Engine engine;
    /** The default User-Agent as a request's only header: what most requests are sent with. */
    private final Headers agentOnly;

    /** A manager with the default configuration and the default socket transport. */
    public FetchManager() {
        this(FetchConfig.builder().build());
    }

    /**
     * A manager with {@code config}; it owns, and will dispose, the configured transport. Call
     * on the render thread (see the class comment).
     */
    public FetchManager(FetchConfig config) {
        this.config = config;
        Transport transport = config.transport() != null ? config.transport() : DefaultTransport.create();
        this.engine = new Engine(config, transport, log);
        this.agentOnly = Headers.of("User-Agent", config.userAgent());
    }

    /** This manager's configuration. */
    public FetchConfig config() {
        return config;
    }

    /** A GET builder bound to this manager: finish it with {@code send(...)}. */
    public HttpRequest.Builder get(String url) {
        return HttpRequest.get(url).boundTo(this);
    }

    /** A POST builder bound to this manager: finish it with {@code send(...)}. */
    public HttpRequest.Builder post(String url, RequestBody body) {
        return HttpRequest.post(url, body).boundTo(this);
    }

    /** A builder for any method, bound to this manager: finish it with {@code send(...)}. */
    public HttpRequest.Builder request(String method, String url) {
        return HttpRequest.builder(method, url).boundTo(this);
    }

    /** Sends {@code request}; poll the handle from the game loop. Any thread. */
    public FetchHandle<HttpResponse> send(HttpRequest request) {
        return send(request, Decoders.response(), null);
    }

    /** Sends {@code request}; {@code callback} gets the response. Any thread. */
    public FetchHandle<HttpResponse> send(HttpRequest request, FetchCallback<HttpResponse> callback) {
        return send(request, Decoders.response(), callback);
    }

    /**
     * Sends {@code request}; {@code decoder} turns the response into a value on a worker thread
     * and {@code callback} (may be null) receives it on the render thread. Any thread; returns
     * at once.
     *
     * @throws IllegalStateException once disposed
     */
    public <T> FetchHandle<T> send(HttpRequest request, ResponseDecoder<T> decoder, FetchCallback<T> callback) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        return engine.send(request.withDefaults(config, agentOnly), decoder, callback);
    }

    /**
     * Delivers results for up to {@link FetchConfig#updateBudgetMillis()} ms; call once per frame
     * from {@code render()}, on the thread that is to run the callbacks.
     *
     * @return true when the manager has nothing left to do: no request is queued, in flight or
     *     waiting for delivery (as {@code AssetManager.update()}, true means finished)
     * @throws IllegalStateException if called from inside a callback
     */
    public boolean update() {
        return !engine.update(config.updateBudgetMillis());
    }

    /**
     * Fires due timeouts and retries, then runs callbacks until {@code budgetMillis} is spent
     * (timers and deliveries share the budget), always at least one so the game progresses; the
     * rest wait for the next frame. An idle
     * call allocates nothing.
     *
     * @return true when the manager has nothing left to do: no request is queued, in flight or
     *     waiting for delivery (as {@code AssetManager.update()}, true means finished)
     * @throws IllegalStateException if called from inside a callback
     */
    public boolean update(int budgetMillis) {
        return !engine.update(Checks.notNegative("budgetMillis", budgetMillis));
    }

    /** Cancels every open request whose tag equals {@code tag}; returns how many. Any thread. */
    public int cancelAll(Object tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag is null; use cancelAll() to cancel everything");
        }
        return engine.cancelAll(tag);
    }

    /** Cancels every open request; returns how many. Any thread. */
    public int cancelAll() {
        return engine.cancelAll(null);
    }

    /** Requests being transferred or decoded now. Any thread. */
    public int inFlightCount() {
        return engine.inFlightCount();
    }

    /** Requests waiting for a free slot. Any thread. */
    public int queuedCount() {
        return engine.queuedCount();
    }

    /** Requests sent and not yet delivered. Any thread. */
    public int openCount() {
        return engine.openCount();
    }

    /**
     * Sets the log level, one of libGDX's {@code Application.LOG_*}: at LOG_DEBUG every request's
     * lifecycle is logged with thread and timings; the default LOG_INFO logs only warnings and
     * errors. Lines carry the tag {@code gdx-fetch}.
     */
    public void setLogLevel(int level) {
        log.setLevel(level);
    }

    /**
     * Refuses new requests, cancels every open one (closing their connections), stops the
     * transport's threads, and runs each open request's {@code onCancelled} on this thread before
     * returning. Nothing is called back after it. Call from the render thread, not from a callback.
     *
     * <p>Races with other threads are safe: a {@code send} that returned a handle before or while
     * this runs gets its one callback here; a {@code send} this refuses throws
     * {@link IllegalStateException} and gets none; {@code cancel} and {@code cancelAll} on other
     * threads return normally (false and 0 once everything is cancelled). Idempotent.
     */
    @Override
    public void dispose() {
        engine.dispose();
    }
}
