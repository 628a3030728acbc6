package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.net.internal.CachingTransport;
import com.gdxfetch.net.internal.DefaultTransport;
import com.gdxfetch.net.internal.DownloadTarget;
import com.gdxfetch.net.internal.Engine;
import com.gdxfetch.net.internal.ItemStream;
import com.gdxfetch.net.internal.OutboxWorker;
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
 * game loop): a {@code dispose()} from another thread once {@code update()} has run, or while
 * {@code update()} runs on another thread, throws {@link IllegalStateException} naming both. Sockets and decoders run on worker threads; every callback runs on the thread that
 * calls {@code update()}, inside that call, and each request gets exactly one: success, failure
 * or cancelled. Nothing the render thread calls waits for the network. WebSockets
 * ({@link #webSocket}) and event streams ({@link #events}) deliver their events the same way,
 * inside {@code update()}.
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
    /** Null unless the configuration enables it. */
    private final Outbox outbox;

    /** A manager with the default configuration and the default socket transport. */
    public FetchManager() {
        this(FetchConfig.builder().build());
    }

    /**
     * A manager with {@code config}; it owns, and will dispose, the configured transport. Call
     * on the render thread (see the class comment). With an {@link FetchConfig#outbox() outbox}
     * it touches the disk once, without waiting: it creates the outbox's folder and takes an
     * operating-system lock on its {@code outbox.lock}, held until {@link #dispose()} (or until
     * the process dies, however it dies).
     *
     * @throws IllegalStateException naming the folder when another outbox holds the outbox's
     *     folder, in this process (a manager not yet disposed) or in another (a second copy of
     *     the game); two would send the same requests twice
     */
    public FetchManager(FetchConfig config) {
        this.config = config;
        Transport transport = config.transport() != null ? config.transport() : DefaultTransport.create();
        transport = CachingTransport.over(transport, config, log);
        this.engine = new Engine(config, transport, log);
        this.agentOnly = Headers.of("User-Agent", config.userAgent());
        try {
            this.outbox = config.outbox() != null ? new Outbox(this, config.outbox(), log) : null;
        } catch (RuntimeException e) {
            // Refused (another outbox holds the folder): the transport's threads must not outlive it.
            engine.dispose();
            throw e;
        }
        if (outbox != null) {
            // The outbox's outcomes arrive in the same call, on the same thread, as every callback.
            engine.deliverAlso(outbox.deliveries());
        }
    }

    /** This manager's configuration. Any thread. */
    public FetchConfig config() {
        return config;
    }

    /**
     * The outbox: requests kept on disk until they get a final answer, across restarts. Any
     * thread.
     *
     * @throws IllegalStateException if the configuration has no {@link FetchConfig#outbox()}
     */
    public Outbox outbox() {
        if (outbox == null) {
            throw OutboxWorker.notEnabled();
        }
        return outbox;
    }

    /**
     * A GET builder bound to this manager: finish it with {@code send(...)}. Any thread.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public HttpRequest.Builder get(String url) {
        return HttpRequest.get(url).boundTo(this);
    }

    /**
     * A POST builder bound to this manager: finish it with {@code send(...)}. Any thread.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public HttpRequest.Builder post(String url, RequestBody body) {
        return HttpRequest.post(url, body).boundTo(this);
    }

    /**
     * A builder for any method, bound to this manager: finish it with {@code send(...)}. Any
     * thread.
     *
     * @throws IllegalArgumentException naming the method or the URL and what is wrong with it
     */
    public HttpRequest.Builder request(String method, String url) {
        return HttpRequest.builder(method, url).boundTo(this);
    }

    /**
     * A download of {@code url} into {@code destination}, streamed to disk, resumable and
     * verifiable ({@link Download}): finish it with {@code send(...)}. Any thread; touches no file.
     *
     * @throws IllegalArgumentException for a bad URL, or a destination that cannot be written
     *     (null, Classpath or Internal)
     * @throws IllegalStateException in a web build, which has no downloads to files yet
     */
    public Download.Builder download(String url, FileHandle destination) {
        return new Download.Builder(this, url, destination);
    }

    /**
     * Throws unless called on the thread that calls {@link #update()} (any thread before the
     * first), naming {@code what} and both threads.
     */
    void checkUpdateThread(String what, String runs) {
        engine.checkUpdateThread(what, runs);
    }

    /** Sends a download's request with its body streamed to {@code target}. */
    FetchHandle<FileHandle> sendStreaming(HttpRequest request, DownloadTarget target, FetchCallback<FileHandle> callback) {
        return engine.send(request.withDefaults(config, agentOnly), target, callback, target);
    }

    /**
     * A WebSocket builder bound to this manager: finish it with {@code open(listener)}. Any
     * thread. Needs the socket transport; see {@link #open(WebSocketRequest, WebSocketListener)}.
     *
     * @throws IllegalArgumentException if the URL is malformed or not ws:// or wss://
     */
    public WebSocketRequest.Builder webSocket(String url) {
        return WebSocketRequest.builder(url).boundTo(this);
    }

    /**
     * Opens a WebSocket channel; {@code listener} gets its events on the render thread inside
     * {@link #update()}, ending with exactly one of {@code onClosed} and {@code onFailure}. Any
     * thread; returns at once.
     *
     * @throws IllegalStateException once disposed, or when the manager's transport is not the
     *     socket one ({@link Transports#gdxNet()} cannot carry WebSockets)
     */
    public WebSocket open(WebSocketRequest request, WebSocketListener listener) {
        return engine.openWebSocket(request, listener);
    }

    /**
     * A Server-Sent Events builder bound to this manager ({@code text/event-stream}): finish it
     * with {@code open(listener)}. Any thread. Needs the socket transport, as WebSockets do.
     *
     * @throws IllegalArgumentException if the URL is malformed or not http:// or https://
     */
    public EventStreamRequest.Builder events(String url) {
        return EventStreamRequest.builder(url).boundTo(this);
    }

    /**
     * Opens a Server-Sent Events stream; {@code listener} gets its events on the render thread
     * inside {@link #update()}, ending with exactly one of {@code onClosed} and {@code onFailure}.
     * Any thread; returns at once.
     *
     * @throws IllegalStateException once disposed, or when the manager's transport is not the
     *     socket one
     */
    public EventStream open(EventStreamRequest request, EventStreamListener listener) {
        return engine.openEvents(request, listener);
    }

    /**
     * Sends {@code request}; poll the handle from the game loop. Any thread; returns at once.
     *
     * @throws IllegalStateException once disposed
     */
    public FetchHandle<HttpResponse> send(HttpRequest request) {
        return send(request, Decoders.response(), null);
    }

    /**
     * Sends {@code request}; {@code callback} gets the response on the render thread inside
     * {@link #update()}. Any thread; returns at once.
     *
     * @throws IllegalStateException once disposed
     */
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
     * Sends {@code request} with its body consumed as it arrives rather than gathered: a
     * successful (2xx) body is split into lines, {@code decoder} turns each into an item on a
     * worker thread, and {@code callback} gets the items in order on the render thread inside
     * {@link #update()}, under its budget, then exactly one terminal callback
     * ({@link ItemCallback#onSuccess} with the number of items). Memory stays bounded: a line
     * longer than {@link LineDecoder#maxLineBytes()} fails with {@link FailureKind#TOO_LARGE},
     * and while a few dozen items wait for the game the worker stops reading the socket, so a
     * fast server waits for a slow frame loop instead of filling the heap. A body of an error
     * status is gathered as usual and its items are none. Any thread; returns at once.
     *
     * @throws IllegalArgumentException for a null request, decoder or callback
     * @throws IllegalStateException once disposed
     */
    public <T> FetchHandle<Long> stream(HttpRequest request, LineDecoder<T> decoder, ItemCallback<T> callback) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        return ItemStream.send(engine, request.withDefaults(config, agentOnly), decoder, callback);
    }

    /**
     * Delivers results for up to {@link FetchConfig#updateBudgetMillis()} ms; call once per frame
     * from {@code render()}, on the thread that is to run the callbacks.
     *
     * @return true when the manager has nothing left to do: no request is queued, in flight or
     *     waiting for delivery, and no WebSocket or event stream is open or has events waiting (as
     *     {@code AssetManager.update()}, true means finished)
     * @throws IllegalStateException if called from inside a callback
     */
    public boolean update() {
        return update(config.updateBudgetMillis());
    }

    /**
     * Fires due timeouts and retries, then runs callbacks until {@code budgetMillis} is spent
     * (timers and deliveries share the budget), always at least one so the game progresses; the
     * rest wait for the next frame. An idle
     * call allocates nothing.
     *
     * @return true when the manager has nothing left to do: no request is queued, in flight or
     *     waiting for delivery, and no WebSocket or event stream is open or has events waiting (as
     *     {@code AssetManager.update()}, true means finished)
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

    /** WebSockets and event streams whose terminal event has not yet run. Any thread. */
    public int openChannelCount() {
        return engine.openChannelCount();
    }

    /**
     * Sets the log level, one of libGDX's {@code Application.LOG_*}: at LOG_DEBUG every request's
     * lifecycle is logged with thread and timings; the default LOG_INFO logs only warnings and
     * errors. Lines carry the tag {@code gdx-fetch}. Any thread; takes effect for the next line.
     */
    public void setLogLevel(int level) {
        log.setLevel(level);
    }

    /**
     * Refuses new requests, cancels every open one (closing their connections), stops the
     * transport's threads, and runs each open request's {@code onCancelled} on this thread before
     * returning; each open WebSocket and event stream gets its terminal event here too (its
     * {@code onFailure} with {@link FailureKind#CANCELLED}, unless it had already ended). The
     * {@link #outbox()} still takes requests from those callbacks and writes them before this
     * returns. Nothing is called back after it. It does not wait for a host name's lookup the
     * platform's resolver has not answered (that cannot be interrupted): such a lookup's daemon
     * thread holds nothing open and ends when the resolver answers.
     *
     * <p>Call it on the render thread, the one that calls {@link #update()}, where those
     * callbacks belong; before the first {@code update()}, any thread may. From inside a callback,
     * from another thread, or while another thread is inside {@code update()}, it throws
     * {@link IllegalStateException} naming both threads and changes nothing, so no request ends
     * twice or on a thread the game does not expect.
     *
     * <p>Races with other threads are safe: a {@code send} that returned a handle before or while
     * this runs gets its one callback here; a {@code send} this refuses throws
     * {@link IllegalStateException} and gets none; {@code cancel} and {@code cancelAll} on other
     * threads return normally (false and 0 once everything is cancelled). Idempotent: once
     * disposed, a further call, from any thread, returns at once.
     *
     * @throws IllegalStateException from a callback or a thread other than the render thread
     */
    @Override
    public void dispose() {
        // Before anything closes: refused inside a callback or on another thread, the manager stays whole.
        if (!engine.beginDispose()) {
            // Disposed already, perhaps by the call whose onCancelled this is: that call finishes the work.
            return;
        }
        try {
            if (outbox != null) {
                // Before the cancellations below, so they leave the outbox's requests in its journal.
                outbox.stopSending();
            }
            try {
                engine.disposeClaimed();
            } finally {
                if (outbox != null) {
                    // After them: a request an onCancelled puts in the outbox is still written to disk.
                    outbox.dispose();
                }
            }
        } finally {
            engine.endDispose();
        }
    }
}
