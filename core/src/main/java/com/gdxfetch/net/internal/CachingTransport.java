package com.gdxfetch.net.internal;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.WorkerThreads;
import com.gdxfetch.net.CacheMode;
import com.gdxfetch.net.Clock;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseSource;
import com.gdxfetch.net.Transport;

import java.io.File;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP cache as a layer over another transport, so it works the same over sockets and
 * {@code Gdx.net}, and sits below redirects and retries: each hop and each attempt consults it.
 *
 * <p>{@link #start} returns at once on any thread. A fresh response whose body the cache holds
 * in memory answers from {@code start} itself when completing it costs nothing (no decoder, no
 * stream target), so such a hit takes no thread hop before delivery; it touches no file and waits
 * on no lock a worker holds across file work. Any other GET's lookup (metadata and body read and
 * checked, then the decoder) runs on a worker, never on the caller's thread, so the render thread
 * touches no file: over the socket transport on its own I/O threads, whose hand-off wakes the
 * thread that ran the last request rather than a second pool's; over any other transport on this
 * layer's own threads. The network's
 * answer is stored (or the entry refreshed, or invalidated) on the network transport's thread
 * before the listener hears it, so a request sent from the callback already finds it. Without a
 * configured cache the layer only fails {@link CacheMode#ONLY_IF_CACHED} requests and passes
 * everything else straight through.
 */
public final class CachingTransport implements Transport {
    private static final Exchange NOTHING_TO_CANCEL = new Exchange() {
        @Override
        public void cancel() {
        }
    };

    /** Largest body answered from start() itself: copying it is all the caller pays. */
    static final int MAX_INLINE_BODY = 64 * 1024;
    /** Set while this thread completes a hit from start(), so a request sent from there is not nested too. */
    private static final ThreadLocal<boolean[]> COMPLETING = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    /** How long dispose() waits for the lookup threads of its own. */
    private static final long DISPOSE_WAIT_MILLIS = 5_000;

    private final Transport network;
    private final HttpCache cache;
    /** Where lookups run: the socket transport's I/O threads, or {@link #ownThreads}. */
    private final Executor lookups;
    /** This layer's threads, for a transport without its own; null when it borrows the transport's. */
    private final ThreadPoolExecutor ownThreads;
    /** The threads of {@link #ownThreads} that are running, for dispose() to wait for. */
    private final Set<Thread> threadsAlive = Collections.newSetFromMap(new ConcurrentHashMap<Thread, Boolean>());

    /**
     * The layer a manager puts over {@code network}, with the HTTP cache {@code config} names (or
     * none). The web build replaces this class (GWT super-source) with one that has no cache.
     */
    public static Transport over(Transport network, FetchConfig config, FetchLog log) {
        FileHandle dir = config.httpCacheDirectory();
        return new CachingTransport(network, dir != null ? dir.file() : null, config.httpCacheMaxBytes(),
                config.httpCacheMemoryBytes(), config.clock(), log);
    }

    /**
     * A layer over {@code network} keeping its cache in {@code dir} up to {@code maxBytes}, the
     * small bodies also in memory up to {@code memoryBytes}, its time read from {@code clock};
     * with a null {@code dir}, no cache.
     */
    public CachingTransport(Transport network, File dir, long maxBytes, long memoryBytes, Clock clock, FetchLog log) {
        this.network = network;
        if (dir == null) {
            this.cache = null;
            this.lookups = null;
            this.ownThreads = null;
            return;
        }
        this.cache = new HttpCache(dir, maxBytes, memoryBytes, clock, log);
        if (network instanceof SocketTransport) {
            // One set of workers, with the hand-off tuned for them; they end when dispose() disposes the network.
            this.lookups = ((SocketTransport) network).threads();
            this.ownThreads = null;
            return;
        }
        final AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                new ThreadFactory() {
                    @Override
                    public Thread newThread(final Runnable task) {
                        Thread thread = WorkerThreads.create(new Runnable() {
                            @Override
                            public void run() {
                                try {
                                    task.run();
                                } finally {
                                    threadsAlive.remove(Thread.currentThread());
                                }
                            }
                        }, "gdx-fetch-cache-" + count.incrementAndGet(), WorkerThreads.DEFAULT_PRIORITY);
                        // Before it starts: dispose() must see a thread the pool is starting now.
                        threadsAlive.add(thread);
                        return thread;
                    }
                });
        pool.allowCoreThreadTimeOut(true);
        this.ownThreads = pool;
        this.lookups = pool;
    }

    @Override
    public Exchange start(HttpRequest request, Listener listener) {
        boolean onlyIfCached = CacheDirectives.asksOnlyIfCached(request);
        if (cache == null || !request.method().equals("GET") || bypassesCache(request)) {
            if (onlyIfCached) {
                listener.failed(notCached(request, cache == null ? "no HTTP cache is configured"
                        : "only a plain GET can be answered from the HTTP cache"));
                return NOTHING_TO_CANCEL;
            }
            if (cache != null && isUnsafe(request.method())) {
                return network.start(request, new Invalidating(request.url(), listener));
            }
            return network.start(request, listener);
        }
        if (answeredFromMemory(request, listener)) {
            return NOTHING_TO_CANCEL;
        }
        CachedExchange exchange = new CachedExchange(request, listener);
        try {
            lookups.execute(exchange);
        } catch (RejectedExecutionException disposed) {
            listener.failed(Failures.of(request, FailureKind.CANCELLED, "transport disposed", null, false));
        }
        return exchange;
    }

    /**
     * Completes {@code request} from a fresh copy in memory, on this thread, when completing it is
     * cheap and this thread is not already completing one (a request sent from that completion
     * goes the usual way, so the stack stays flat); false to look it up the usual way.
     */
    private boolean answeredFromMemory(HttpRequest request, Listener listener) {
        if (request.cacheMode() == CacheMode.FORCE_NETWORK || !(listener instanceof Call.CheapCompletion)
                || !((Call.CheapCompletion) listener).completesCheaply()) {
            return false;
        }
        HttpCache.Stored hit = cache.inMemory(request);
        if (hit == null || hit.body.length > MAX_INLINE_BODY) {
            return false;
        }
        long now = cache.now();
        if (!isUsable(request, hit, CacheDirectives.ofRequest(request.headers()), now)) {
            return false;
        }
        boolean[] completing = COMPLETING.get();
        if (completing[0]) {
            return false;
        }
        cache.used(hit);
        completing[0] = true;
        try {
            deliver(listener, hit.toResponse(request.url(), ResponseSource.CACHE, now));
        } finally {
            completing[0] = false;
        }
        return true;
    }

    /** Whether {@code s} may answer without the server (RFC 9111 section 4.2, with the request's limits). */
    private static boolean isUsable(HttpRequest request, HttpCache.Stored s, CacheDirectives asked, long now) {
        if (asked.noCache || s.directives.noCache) {
            return false;
        }
        long age = s.ageMillis(now);
        // max-age=0 is the reload idiom (RFC 2616 section 14.9.4's end-to-end revalidation): it
        // asks the server even for a copy whose age, to the millisecond, is zero.
        if (asked.maxAge == 0 || asked.maxAge != CacheDirectives.ABSENT && age > asked.maxAge * 1000) {
            return false;
        }
        long fresh = s.freshnessMillis();
        long minFresh = asked.minFresh == CacheDirectives.ABSENT ? 0 : asked.minFresh * 1000;
        if (fresh - age > minFresh) {
            return true;
        }
        long maxStale = Math.max(request.maxStaleSeconds(), asked.maxStale) * 1000L;
        return maxStale > 0 && !s.directives.mustRevalidate && age - fresh <= maxStale;
    }

    private static void deliver(Listener listener, HttpResponse response) {
        listener.downloadProgress(0, response.body().length);
        listener.downloadProgress(response.body().length, response.body().length);
        listener.completed(response);
    }

    @Override
    public void dispose() {
        if (ownThreads != null) {
            ownThreads.shutdownNow();
        }
        try {
            network.dispose();
        } finally {
            if (ownThreads != null) {
                joinOwnThreads();
            }
        }
    }

    /**
     * Waits (a bounded time: a lookup is a short disk read) for the lookup threads to end, so none
     * outlives the manager's dispose(). Their pool's termination is not enough: it is signalled
     * by the last thread before that thread ends.
     */
    private void joinOwnThreads() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISPOSE_WAIT_MILLIS);
        boolean interrupted = false;
        Thread[] running = threadsAlive.toArray(new Thread[0]);
        for (int i = 0; i < running.length; i++) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || running[i] == Thread.currentThread()) {
                continue;
            }
            try {
                running[i].join(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Transport delegate() {
        return network;
    }

    /**
     * Ranges and the caller's own conditions are the caller's business, and a body streamed to a
     * file is its own copy on disk: the cache stays out of all three.
     */
    private static boolean bypassesCache(HttpRequest request) {
        return StreamTargets.of(request) != null || request.headers().get("Range") != null || request.headers().get("If-None-Match") != null
                || request.headers().get("If-Modified-Since") != null || request.headers().get("If-Match") != null
                || request.headers().get("If-Unmodified-Since") != null;
    }

    /** Methods that may change what a URL names; their success invalidates its entry. */
    private static boolean isUnsafe(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE"));
    }

    private static FetchException notCached(HttpRequest request, String why) {
        return Failures.of(request, FailureKind.NOT_CACHED, "not in the HTTP cache: " + why, null, false);
    }

    /**
     * Passes an unsafe method's exchange through and, on a 2xx or 3xx, drops the entries of its
     * URL and of the same-origin URLs its Location and Content-Location name.
     */
    private final class Invalidating implements Listener {
        private final String url;
        private final Listener listener;

        Invalidating(String url, Listener listener) {
            this.url = url;
            this.listener = listener;
        }

        @Override
        public void uploadProgress(long sent, long total) {
            listener.uploadProgress(sent, total);
        }

        @Override
        public void downloadProgress(long received, long total) {
            listener.downloadProgress(received, total);
        }

        @Override
        public void completed(HttpResponse response) {
            if (response.status() >= 200 && response.status() < 400) {
                cache.invalidate(url);
                invalidateSameOrigin(response.header("Location"));
                invalidateSameOrigin(response.header("Content-Location"));
            }
            listener.completed(response);
        }

        /**
         * Drops the entries of {@code reference}, resolved against the request's URL, when it has
         * the request's origin: RFC 9111 section 4.4 lets the Location and Content-Location of an
         * unsafe method's success be invalidated, and forbids it for another origin, which a
         * server could otherwise use to empty a third party's entries.
         */
        private void invalidateSameOrigin(String reference) {
            if (reference == null) {
                return;
            }
            try {
                ParsedUrl target = ParsedUrl.of(url);
                ParsedUrl named = ParsedUrl.of(target.resolve(reference.trim()));
                if (named.scheme.equals(target.scheme) && named.hostKey.equals(target.hostKey)) {
                    cache.invalidate(named.normalized);
                }
            } catch (IllegalArgumentException unusable) {
                // A reference that is no http(s) URL names no entry.
            }
        }

        @Override
        public void failed(FetchException failure) {
            listener.failed(failure);
        }
    }

    /** One GET: the lookup on a worker, then perhaps the network, then the store. */
    private final class CachedExchange implements Exchange, Runnable, Listener {
        private final HttpRequest request;
        private final Listener listener;
        private volatile boolean cancelled;
        private volatile Exchange sent;
        /** The stored response, read by the lookup; null on a miss. */
        private HttpCache.Stored stored;
        /** Whether the network request carries the stored response's validators. */
        private boolean conditional;
        private long requestTime;
        /** The Cookie the request went out with, before its response could set any. */
        private String cookieSent;

        CachedExchange(HttpRequest request, Listener listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public void cancel() {
            cancelled = true;
            Exchange running = sent;
            if (running != null) {
                running.cancel();
            }
        }

        /** The lookup, on a worker. */
        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            CacheDirectives asked = CacheDirectives.ofRequest(request.headers());
            CacheMode mode = request.cacheMode();
            stored = mode == CacheMode.FORCE_NETWORK ? null : cache.lookup(request);
            long now = cache.now();
            if (stored != null && mode != CacheMode.FORCE_NETWORK && isUsable(request, stored, asked, now)) {
                cache.used(stored);
                deliver(listener, stored.toResponse(request.url(), ResponseSource.CACHE, now));
                return;
            }
            if (mode == CacheMode.ONLY_IF_CACHED || asked.onlyIfCached) {
                listener.failed(notCached(request, stored == null ? "no stored response"
                        : "the stored response is too stale for this request"));
                return;
            }
            HttpRequest toSend = request;
            if (stored != null && stored.hasValidator()) {
                HttpRequest.Builder withValidators = request.newBuilder();
                String etag = stored.headers.get("ETag");
                if (etag != null) {
                    withValidators.header("If-None-Match", etag);
                }
                String lastModified = stored.headers.get("Last-Modified");
                if (lastModified != null) {
                    withValidators.header("If-Modified-Since", lastModified);
                }
                toSend = withValidators.build();
                conditional = true;
            }
            // All this lookup has left is the hand-over: on an I/O thread, the exchange started
            // next can wait for this thread rather than wake another.
            IoThreads.currentTaskEnding();
            send(toSend);
        }

        private void send(HttpRequest toSend) {
            cookieSent = HttpCache.cookieSent(request);
            requestTime = cache.now();
            Exchange running;
            try {
                running = network.start(toSend, this);
            } catch (RuntimeException e) {
                failed(Failures.of(request, FailureKind.NETWORK, "transport refused to start: " + e, e, false));
                return;
            }
            sent = running;
            if (cancelled) {
                running.cancel();
            }
        }

        /** Answers from the stale entry if the request and the entry allow it. */
        private boolean deliveredStale() {
            if (!request.staleIfError() || stored == null || stored.forbidsStale()) {
                return false;
            }
            deliver(listener, stored.toResponse(request.url(), ResponseSource.STALE_AFTER_ERROR, cache.now()));
            return true;
        }

        // ---- the network's answer, on its thread

        @Override
        public void uploadProgress(long sentBytes, long total) {
            listener.uploadProgress(sentBytes, total);
        }

        @Override
        public void downloadProgress(long received, long total) {
            listener.downloadProgress(received, total);
        }

        @Override
        public void completed(HttpResponse response) {
            long responseTime = cache.now();
            boolean notModified = conditional && response.status() == 304;
            if (notModified && Validators.namesAnotherVersion(stored.headers.get("ETag"),
                    stored.headers.get("Last-Modified"), response.headers())) {
                // The server has another version than the one stored: drop it and ask for the
                // current one whole, once (the second answer is not conditional).
                cache.invalidate(request.url());
                conditional = false;
                stored = null;
                send(request);
                return;
            }
            if (notModified) {
                HttpCache.Stored refreshed = cache.refresh(request, stored, response, requestTime, responseTime);
                listener.completed(refreshed.toResponse(request.url(), ResponseSource.REVALIDATED, responseTime));
                return;
            }
            if (HttpStatus.isServerError(response.status()) && deliveredStale()) {
                return;
            }
            cache.store(request, cookieSent, response, requestTime, responseTime);
            listener.completed(response);
        }

        @Override
        public void failed(FetchException failure) {
            if (Failures.mayAnswerFromAStaleCopy(failure.kind()) && !cancelled && deliveredStale()) {
                return;
            }
            listener.failed(failure);
        }
    }
}
