package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Digests;
import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.WarnOnce;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseSource;

import com.gdxfetch.net.Clock;

import java.io.File;
import java.io.IOException;
import java.net.CookieHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private HTTP cache (RFC 9111) of GET responses, kept in a {@link DiskCache} with an index in
 * memory. A response is stored under its URL, or, when it has a {@code Vary}, under its URL and
 * the request's values of the headers Vary names, with a marker under the URL listing the
 * variants (at most {@link #MAX_VARIANTS}, the most recently stored first). Each entry's metadata
 * holds the status, the response headers, those request values, and the request and response
 * times the age calculation needs. Freshness comes from {@code max-age}, else {@code Expires}
 * minus {@code Date}, else, for a status cacheable by default with a {@code Last-Modified}, a
 * tenth of the time since that date capped at a day (RFC 9111 section 4.2.2).
 *
 * <p>The index: each URL's variants once a worker has read them from disk or stored them, with
 * their metadata parsed, and the bodies of the small ones (a body kept in memory came from a
 * checked disk read or from the response being stored), bounded in bytes with the least recently
 * used bodies dropped first. {@link #inMemory} answers from it on any thread, without a file or a
 * lock; the rest runs on workers. It tracks the disk: what is stored, refreshed, invalidated,
 * found damaged or evicted by the disk's byte bound is changed in both. Safe for concurrent use.
 */
final class HttpCache implements DiskCache.Evictions {
    /** Cap on heuristic freshness, so a file unchanged for years is still checked daily. */
    static final long MAX_HEURISTIC_MILLIS = 24L * 3600 * 1000;
    /** Most variants of one URL kept; storing another drops the least recently stored. */
    static final int MAX_VARIANTS = 8;
    /** Largest body kept in memory, so a few large responses do not push out many small ones. */
    static final long MAX_MEMORY_BODY = 256 * 1024;
    /** Marker entry metadata: the variant keys, most recently stored first. */
    private static final String VARIANTS = "variants";
    private static final byte[] EMPTY = new byte[0];

    private final DiskCache disk;
    private final FetchLog log;
    /** Failed writes, logged once per cause: a full or read-only disk fails every store alike. */
    private final WarnOnce writeFailures;
    private final Clock clock;
    private final long wallMillisAtStart;
    private final long nanosAtStart;
    private final long memoryMaxBytes;
    private final long memoryMaxBody;
    /** URL to what is known of it; values are immutable and replaced whole, under this. */
    private final ConcurrentHashMap<String, Variants> index = new ConcurrentHashMap<>();
    private final AtomicLong uses = new AtomicLong();
    /** Bytes of bodies held by the index; under this. */
    private long memoryBytes;

    /**
     * A cache in {@code dir} bounded by {@code maxBytes} on disk and {@code memoryMaxBytes} of
     * bodies in memory (0: none), reading the time from {@code clock}.
     */
    HttpCache(File dir, long maxBytes, long memoryMaxBytes, Clock clock, FetchLog log) {
        this.disk = new DiskCache(dir, maxBytes, this);
        this.log = log;
        this.writeFailures = new WarnOnce(log);
        this.clock = clock;
        this.nanosAtStart = clock.nanoTime();
        this.wallMillisAtStart = System.currentTimeMillis();
        this.memoryMaxBytes = Math.min(memoryMaxBytes, maxBytes);
        this.memoryMaxBody = Math.min(MAX_MEMORY_BODY, this.memoryMaxBytes / 4);
    }

    /**
     * The wall-clock time in milliseconds, as the manager's clock moves from when this cache was
     * made: what ages and freshness are judged by, so a test's clock drives them too.
     */
    long now() {
        return wallMillisAtStart + (clock.nanoTime() - nanosAtStart) / 1_000_000L;
    }

    /** What the index knows of one URL: its marker (null without Vary) and its variants. Immutable. */
    private static final class Variants {
        final DiskCache.Entry marker;
        final Stored[] stored;

        Variants(DiskCache.Entry marker, Stored[] stored) {
            this.marker = marker;
            this.stored = stored;
        }
    }

    /** A stored response; its body when read from disk and checked, or kept in memory, else null. */
    static final class Stored {
        final DiskCache.Entry entry;
        /** The key it is stored under: the URL, or the URL and its Vary values. */
        final String key;
        final int status;
        final String reason;
        final Headers headers;
        final byte[] body;
        final CacheDirectives directives;
        final long requestTime;
        final long responseTime;
        private final Headers varyValues;
        /** Order of the latest use, for dropping the least recently used bodies from memory. */
        volatile long lastUse;

        Stored(DiskCache.Entry entry, String key, int status, String reason, Headers headers, Headers varyValues,
                byte[] body, long requestTime, long responseTime) {
            this.entry = entry;
            this.key = key;
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.varyValues = varyValues;
            this.body = body;
            this.directives = CacheDirectives.of(headers);
            this.requestTime = requestTime;
            this.responseTime = responseTime;
        }

        Stored withBody(byte[] newBody) {
            Stored copy = new Stored(entry, key, status, reason, headers, varyValues, newBody, requestTime,
                    responseTime);
            copy.lastUse = lastUse;
            return copy;
        }

        /** Whether {@code request} carries the values of the headers this response varies on. */
        boolean varyMatches(HttpRequest request) {
            for (int i = 0; i < varyValues.size(); i++) {
                String name = varyValues.name(i);
                String want = varyValues.value(i);
                String have = sentValue(request, name);
                if (have == UNKNOWN_VALUE || (want.equals(NO_VALUE) ? have != null : !want.equals(have))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the header {@code name} is one this response varies on. */
        boolean variesOn(String name) {
            for (int i = 0; i < varyValues.size(); i++) {
                if (varyValues.name(i).equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        /** Freshness lifetime in milliseconds (RFC 9111 section 4.2.1). */
        long freshnessMillis() {
            return HttpCache.freshnessMillis(status, headers, directives, responseTime);
        }

        /** Current age in milliseconds at wall-clock time {@code now} (RFC 9111 section 4.2.3). */
        long ageMillis(long now) {
            return HttpCache.ageMillis(headers, requestTime, responseTime, now);
        }

        /** Whether the server has this response checked before every use once it is stale. */
        boolean forbidsStale() {
            return directives.noCache || directives.mustRevalidate;
        }

        boolean hasValidator() {
            return headers.get("ETag") != null || headers.get("Last-Modified") != null;
        }

        /**
         * This response as delivered to a request from the cache, with an Age header (RFC 9111
         * 5.1) and a body of its own, so a caller changing it changes no later answer.
         */
        HttpResponse toResponse(String url, ResponseSource source, long now) {
            long ageSeconds = ageMillis(now) / 1000;
            return new HttpResponse.Builder()
                    .status(status, reason)
                    .headers(headers.newBuilder().set("Age", Long.toString(ageSeconds)).build())
                    .body(body.clone())
                    .url(url)
                    .source(source, ageSeconds)
                    .build();
        }
    }

    // ---- any thread

    /**
     * The variant for {@code request} when the index holds it with its body, else null. No file,
     * no lock, no CookieHandler, so the render thread may ask; a null says nothing about the disk.
     */
    Stored inMemory(HttpRequest request) {
        Variants known = index.get(ParsedUrl.key(request.url()));
        if (known == null) {
            return null;
        }
        Stored match = matching(known, request, false);
        return match != null && match.body != null ? match : null;
    }

    /** Records that {@code stored} answered a request, for both layers' recency. Any thread. */
    void used(Stored stored) {
        stored.lastUse = uses.incrementAndGet();
        disk.markUsed(stored.entry);
        Variants known = index.get(urlOf(stored));
        if (known != null && known.marker != null) {
            disk.markUsed(known.marker);
        }
    }

    /**
     * The most recently stored variant {@code request} matches, or null. Unless
     * {@code mayAskCookieHandler}, null too on reaching one that varies on Cookie while a
     * CookieHandler is installed: the handler is asked on workers only, as for a request sent, for
     * it may keep its cookies in a file under a lock its writers hold.
     */
    private static Stored matching(Variants known, HttpRequest request, boolean mayAskCookieHandler) {
        // A body stored still coded (its request chose its own Accept-Encoding) would reach a
        // request that decodes transparently as gzip bytes where it expects the text; a server
        // without "Vary: Accept-Encoding" (nginx's default) does not keep the two apart.
        boolean wantsDecoded = RequestHeaders.decodesTransparently(request);
        for (Stored s : known.stored) {
            if (wantsDecoded && isCoded(s.headers)) {
                continue;
            }
            if (!mayAskCookieHandler && s.variesOn("Cookie") && CookieHandler.getDefault() != null) {
                return null;
            }
            if (s.varyMatches(request)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a stored body is still in a content coding other than identity. */
    private static boolean isCoded(Headers headers) {
        List<String> codings = headers.values("Content-Encoding");
        for (int i = 0; i < codings.size(); i++) {
            for (String coding : codings.get(i).split(",")) {
                String name = coding.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String urlOf(Stored stored) {
        int end = stored.key.indexOf('\n');
        return end < 0 ? stored.key : stored.key.substring(0, end);
    }

    // ---- worker threads

    /**
     * The stored variant for {@code request} with its body, or null when none is stored or it is
     * damaged on disk (metadata unreadable, body truncated or failing its checksum), in which case
     * it is removed.
     */
    Stored lookup(HttpRequest request) {
        Variants known = load(ParsedUrl.key(request.url()));
        Stored match = known == null ? null : matching(known, request, true);
        if (match == null || match.body != null) {
            return match;
        }
        byte[] body;
        try {
            body = disk.read(match.entry);
        } catch (DiskCache.DamagedEntryException e) {
            log.warn("HTTP cache entry for " + request.url() + " is truncated or corrupt; discarded");
            body = null;
        }
        if (body == null) {
            // Damaged, or replaced or evicted meanwhile by another cache on the same folder.
            forget(match);
            return null;
        }
        Stored read = match.withBody(body);
        keep(read);
        return read;
    }

    /** What is known of {@code url}: from the index, else read from disk into it. */
    private Variants load(String url) {
        Variants known = index.get(url);
        if (known != null) {
            return known;
        }
        DiskCache.Entry entry = disk.lookup(url);
        if (entry == null) {
            return null;
        }
        Variants read;
        try {
            String variants = entry.property(VARIANTS);
            if (variants == null) {
                read = new Variants(null, new Stored[] {decode(entry, url)});
            } else {
                List<Stored> found = new ArrayList<>();
                for (String key : variants.split("\u0000")) {
                    DiskCache.Entry variant = key.isEmpty() ? null : disk.lookup(key);
                    if (variant == null) {
                        continue;
                    }
                    try {
                        found.add(decode(variant, key));
                    } catch (RuntimeException unreadable) {
                        log.warn("HTTP cache entry for " + url + " has unreadable metadata; discarded");
                        disk.remove(key);
                    }
                }
                read = new Variants(entry, found.toArray(new Stored[0]));
            }
        } catch (RuntimeException unreadable) {
            log.warn("HTTP cache entry for " + url + " has unreadable metadata; discarded");
            disk.remove(url);
            return null;
        }
        synchronized (this) {
            Variants raced = index.get(url);
            if (raced != null) {
                return raced;
            }
            index.put(url, read);
            return read;
        }
    }

    private static Stored decode(DiskCache.Entry entry, String key) {
        int status = Integer.parseInt(entry.property("status"));
        if (status < 100 || status > 999) {
            // Checked here, where unreadable metadata is discarded: the response built from it
            // later would throw on the worker answering the request, which then never ends.
            throw new IllegalStateException("stored status " + status + " is not a 3-digit code");
        }
        String reason = entry.property("reason");
        long requestTime = Long.parseLong(entry.property("requestTime"));
        long responseTime = Long.parseLong(entry.property("responseTime"));
        return new Stored(entry, key, status, reason == null ? "" : reason, headers(entry, "h"), headers(entry, "v"),
                null, requestTime, responseTime);
    }

    /**
     * Stores {@code response} to {@code request} if RFC 9111 section 3 allows it, and removes the
     * URL's entries when the server said {@code no-store}. A write that fails (disk full, folder
     * not writable) is logged and leaves no entry for the variant, never a stale one taken as new.
     */
    void store(HttpRequest request, HttpResponse response, long requestTime, long responseTime) {
        store(request, cookieSent(request), response, requestTime, responseTime);
    }

    /**
     * As {@link #store(HttpRequest, HttpResponse, long, long)}, for a request that went out with
     * the Cookie {@code cookieSent} ({@link #cookieSent}, asked before it went): the response
     * may have set cookies since, and it is kept for requests like the one that elicited it
     * (RFC 9111 section 4.1), not for the session its cookie started.
     */
    void store(HttpRequest request, String cookieSent, HttpResponse response, long requestTime, long responseTime) {
        CacheDirectives responseDirectives = CacheDirectives.of(response.headers());
        String url = ParsedUrl.key(request.url());
        if (!isStorable(request, response, responseDirectives)) {
            if (responseDirectives.noStore) {
                invalidate(url);
            }
            return;
        }
        Headers vary = varyValues(request, cookieSent, response.headers());
        String key = vary.size() == 0 ? url : variantKey(url, vary);
        Headers headers = withoutHopByHop(response.headers());
        if (headers.get("Date") == null) {
            // RFC 9110 section 6.6.1: a response cached without a Date is given the time it arrived.
            headers = headers.newBuilder().set("Date", HttpDates.format(responseTime)).build();
        }
        Map<String, String> meta = new HashMap<>();
        meta.put("status", Integer.toString(response.status()));
        meta.put("reason", response.reason());
        meta.put("requestTime", Long.toString(requestTime));
        meta.put("responseTime", Long.toString(responseTime));
        put(meta, "h", headers);
        put(meta, "v", vary);
        // A copy: the caller may change the array it is handed, and the index keeps this one.
        byte[] body = response.body().clone();
        Variants before = load(url);
        try {
            DiskCache.Entry entry = disk.write(key, body, response.header("ETag"), response.header("Last-Modified"),
                    meta);
            if (entry == null) {
                // Larger than the whole bound: not stored, and the disk dropped the key's old copy.
                forgetKey(url, key);
                return;
            }
            Stored stored = new Stored(entry, key, response.status(), response.reason(), headers, vary,
                    body, requestTime, responseTime);
            stored.lastUse = uses.incrementAndGet();
            if (key.equals(url)) {
                dropVariants(before, null);
                replace(url, new Variants(null, new Stored[] {stored}));
            } else {
                storeVariant(url, before, stored);
            }
            if (!entry.exists()) {
                // The trim after the write evicted it at once; the index must not outlive the disk.
                forget(stored);
            }
        } catch (IOException | RuntimeException e) {
            disk.remove(key);
            forgetKey(url, key);
            warnWriteFailed(e, "could not store " + url);
        }
    }

    /** Adds {@code stored} to the URL's variants and rewrites its marker; drops the oldest beyond the bound. */
    private void storeVariant(String url, Variants before, Stored stored) throws IOException {
        List<Stored> list = new ArrayList<>();
        list.add(stored);
        if (before != null && before.marker != null) {
            for (Stored s : before.stored) {
                if (!s.key.equals(stored.key)) {
                    list.add(s);
                }
            }
        } else {
            dropVariants(before, stored.key);
        }
        while (list.size() > MAX_VARIANTS) {
            Stored oldest = list.remove(list.size() - 1);
            disk.remove(oldest.key);
        }
        StringBuilder keys = new StringBuilder();
        for (Stored s : list) {
            keys.append(s.key).append('\u0000');
        }
        Map<String, String> meta = new HashMap<>();
        meta.put(VARIANTS, keys.toString());
        DiskCache.Entry marker = disk.write(url, EMPTY, null, null, meta);
        replace(url, new Variants(marker, list.toArray(new Stored[0])));
    }

    /** Deletes from disk the variants of {@code before} other than {@code keep}. */
    private void dropVariants(Variants before, String keep) {
        if (before == null || before.marker == null) {
            return;
        }
        for (Stored s : before.stored) {
            if (!s.key.equals(keep)) {
                disk.remove(s.key);
            }
        }
    }

    /**
     * Applies a 304 to {@code stored} (RFC 9111 section 4.3.4): its headers updated from the 304's,
     * its times from this exchange, and the metadata rewritten in place; a 304 that says
     * {@code no-store} has the URL's entries removed instead, as a response saying it would, and a
     * 304 to a request that said {@code no-store} leaves the entry as it was; one whose Vary lists
     * {@code *}, or a header the entry was stored without the request's value of, has the entry
     * removed. Returns the refreshed entry, whose body is the stored one.
     */
    Stored refresh(HttpRequest request, Stored stored, HttpResponse notModified, long requestTime,
            long responseTime) {
        Headers merged = merge(stored.headers, notModified.headers());
        // The age starts again from this exchange: the stored Date and Age described the message
        // the copy first came in, and the times now recorded are the 304's (an undated one is
        // dated on arrival, as in store).
        if (notModified.header("Date") == null || notModified.header("Age") == null) {
            Headers.Builder dated = merged.newBuilder();
            if (notModified.header("Date") == null) {
                dated.set("Date", HttpDates.format(responseTime));
            }
            if (notModified.header("Age") == null) {
                dated.remove("Age");
            }
            merged = dated.build();
        }
        Map<String, String> meta = new HashMap<>();
        meta.put("status", Integer.toString(stored.status));
        meta.put("reason", stored.reason);
        meta.put("requestTime", Long.toString(requestTime));
        meta.put("responseTime", Long.toString(responseTime));
        put(meta, "h", merged);
        put(meta, "v", stored.varyValues);
        Stored refreshed = new Stored(stored.entry, stored.key, stored.status, stored.reason, merged,
                stored.varyValues, stored.body, requestTime, responseTime);
        refreshed.lastUse = uses.incrementAndGet();
        if (CacheDirectives.of(notModified.headers()).noStore) {
            // The 304 still confirms the copy for this request, but no part of it may be kept
            // (RFC 9111 section 5.2.2.5): left in place, its merged headers would go on answering
            // without the server, for as long as a heuristic or an older max-age allowed.
            invalidate(urlOf(stored));
            return refreshed;
        }
        if (CacheDirectives.ofRequest(request.headers()).noStore) {
            // Nor may any part of a response to a request that said no-store (section 5.2.1.5).
            return refreshed;
        }
        if (!knowsItsVaryValues(merged, stored.varyValues)) {
            // A 304 carries the Vary a 200 would (RFC 9110 section 15.4.5). Updated with a "*", or
            // with a name whose value in the request that stored the copy was not kept, the copy
            // can match no request again (RFC 9111 section 4.1), so it is dropped.
            disk.remove(stored.key);
            forget(stored);
            return refreshed;
        }
        try {
            disk.rewriteMetadata(stored.entry, merged.get("ETag"), merged.get("Last-Modified"), meta);
            swap(stored, refreshed);
        } catch (IOException | RuntimeException e) {
            disk.remove(stored.key);
            forget(stored);
            warnWriteFailed(e, "could not refresh " + stored.entry.url());
        }
        return refreshed;
    }

    /**
     * Logs a failed write once per cause: a full or read-only folder fails every response alike,
     * and the game goes on without storing them.
     */
    private void warnWriteFailed(Exception e, String what) {
        if (e instanceof DiskCache.Failure) {
            String reason = ((DiskCache.Failure) e).reason();
            writeFailures.warn(reason, "HTTP cache cannot write to its folder " + disk.folder().getAbsolutePath()
                    + ": " + reason + " (" + what + "); responses are still delivered but not stored, and this is"
                    + " not logged again for this cause");
        } else {
            writeFailures.warn(e.getClass().getName(), "HTTP cache " + what + ": " + e.getMessage());
        }
    }

    /** Removes the entries for {@code requestUrl}: an unsafe method changed what it names (RFC 9111 4.4). */
    void invalidate(String requestUrl) {
        String url = ParsedUrl.key(requestUrl);
        Variants known = load(url);
        dropVariants(known, null);
        disk.remove(url);
        synchronized (this) {
            Variants removed = index.remove(url);
            if (removed != null) {
                release(removed);
            }
        }
    }

    @Override
    public synchronized void evicted(String name) {
        for (Map.Entry<String, Variants> e : index.entrySet()) {
            Variants known = e.getValue();
            if (known.marker != null && known.marker.name().equals(name)) {
                // Without its marker, a restart would not find the variants: forget them now too.
                dropVariants(known, null);
                index.remove(e.getKey());
                release(known);
                return;
            }
            for (Stored s : known.stored) {
                if (s.entry.name().equals(name)) {
                    forget(s);
                    return;
                }
            }
        }
    }

    // ---- the index, under this

    private synchronized void replace(String url, Variants next) {
        Variants previous = index.put(url, next);
        if (previous != null) {
            release(previous);
        }
        for (Stored s : next.stored) {
            if (s.body != null) {
                memoryBytes += s.body.length;
            }
        }
        // Bodies beyond the size kept in memory stay on disk only.
        Stored[] trimmed = null;
        for (int i = 0; i < next.stored.length; i++) {
            Stored s = next.stored[i];
            if (s.body != null && s.body.length > memoryMaxBody) {
                if (trimmed == null) {
                    trimmed = next.stored.clone();
                }
                trimmed[i] = s.withBody(null);
                memoryBytes -= s.body.length;
            }
        }
        if (trimmed != null) {
            index.put(url, new Variants(next.marker, trimmed));
        }
        evictBodies();
    }

    /** Keeps {@code read}, the index's variant with its body read from disk, if it is still that variant. */
    private synchronized void keep(Stored read) {
        if (read.body.length <= memoryMaxBody) {
            swap(read, read);
        }
    }

    /**
     * Replaces {@code old} in the index with {@code next}, if the index still has that very write
     * of it: a newer response stored meanwhile under the same key (same entry name) stays.
     */
    private synchronized void swap(Stored old, Stored next) {
        String url = urlOf(old);
        Variants known = index.get(url);
        if (known == null) {
            return;
        }
        for (int i = 0; i < known.stored.length; i++) {
            Stored s = known.stored[i];
            if (s.key.equals(old.key) && s.entry == old.entry) {
                Stored[] updated = known.stored.clone();
                updated[i] = next;
                replace(url, new Variants(known.marker, updated));
                return;
            }
        }
    }

    private synchronized void forget(Stored gone) {
        forgetKey(urlOf(gone), gone.key);
    }

    private synchronized void forgetKey(String url, String key) {
        Variants known = index.get(url);
        if (known == null) {
            return;
        }
        List<Stored> left = new ArrayList<>();
        for (Stored s : known.stored) {
            if (!s.key.equals(key)) {
                left.add(s);
            }
        }
        if (left.size() == known.stored.length) {
            return;
        }
        if (left.isEmpty()) {
            index.remove(url);
            release(known);
        } else {
            replace(url, new Variants(known.marker, left.toArray(new Stored[0])));
        }
    }

    /** Counts out the bodies of {@code gone}, which left the index. */
    private void release(Variants gone) {
        for (Stored s : gone.stored) {
            if (s.body != null) {
                memoryBytes -= s.body.length;
            }
        }
    }

    /** Drops the least recently used bodies from memory until they fit the bound; metadata stays. */
    private void evictBodies() {
        while (memoryBytes > memoryMaxBytes) {
            String url = null;
            Stored oldest = null;
            for (Map.Entry<String, Variants> e : index.entrySet()) {
                for (Stored s : e.getValue().stored) {
                    if (s.body != null && (oldest == null || s.lastUse < oldest.lastUse)) {
                        oldest = s;
                        url = e.getKey();
                    }
                }
            }
            if (oldest == null) {
                memoryBytes = 0;
                return;
            }
            Variants known = index.get(url);
            Stored[] updated = known.stored.clone();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == oldest) {
                    updated[i] = oldest.withBody(null);
                }
            }
            index.put(url, new Variants(known.marker, updated));
            memoryBytes -= oldest.body.length;
        }
    }

    /** The disk key of a variant: its URL, then each Vary header's name and value. */
    private static String variantKey(String url, Headers vary) {
        StringBuilder key = new StringBuilder(url).append('\n');
        for (int i = 0; i < vary.size(); i++) {
            key.append(vary.name(i).toLowerCase(Locale.ROOT)).append(':').append(vary.value(i)).append('\n');
        }
        return key.toString();
    }

    // ---- RFC 9111 rules, without the disk

    /** Whether RFC 9111 section 3 lets a private cache store {@code response} to {@code request}. */
    static boolean isStorable(HttpRequest request, HttpResponse response, CacheDirectives directives) {
        int status = response.status();
        // must-understand (RFC 9111 section 5.2.2.3) stores only a status whose caching rules this
        // cache follows, and then overrides the no-store sent beside it for caches that do not.
        boolean noStore = directives.noStore && !directives.mustUnderstand;
        if (!request.method().equals("GET") || noStore || CacheDirectives.ofRequest(request.headers()).noStore
                || directives.mustUnderstand && !isUnderstood(status)) {
            return false;
        }
        if (status < 200 || status == 206 || status == 304) {
            return false;
        }
        if (variesOnEverything(response.headers())) {
            return false;
        }
        // s-maxage is no reason to store (section 3 counts it for shared caches only), nor any
        // freshness here (section 5.2.2.10: a private cache ignores it).
        return directives.isPublic || directives.isPrivate || directives.maxAge != CacheDirectives.ABSENT
                || response.header("Expires") != null || isHeuristicallyCacheable(status);
    }

    /** Whether Vary lists "*", alone or with other names: then no request ever matches (RFC 9111 4.1). */
    private static boolean variesOnEverything(Headers headers) {
        return varyNames(headers).contains("*");
    }

    /**
     * Whether {@code varyValues} holds the stored request's value of every header the Vary of
     * {@code headers} names; false when it lists "*".
     */
    private static boolean knowsItsVaryValues(Headers headers, Headers varyValues) {
        for (String name : varyNames(headers)) {
            if (name.equals("*") || varyValues.get(name) == null) {
                return false;
            }
        }
        return true;
    }

    /** The names the Vary fields of {@code headers} list, in order, "*" included. */
    private static List<String> varyNames(Headers headers) {
        List<String> names = new ArrayList<>();
        for (String vary : headers.values("Vary")) {
            for (String name : vary.split(",")) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /**
     * The final statuses RFC 9110 defines, but 206 and 304, which this cache never stores: those
     * whose caching rules it follows, as must-understand asks of it.
     */
    static boolean isUnderstood(int status) {
        return status >= 200 && status <= 205 || status >= 300 && status <= 308 && status != 304 && status != 306
                || status >= 400 && status <= 417 || status == 421 || status == 422 || status == 426
                || status >= 500 && status <= 505;
    }

    /** RFC 9110 section 15.1: statuses a cache may store and give heuristic freshness. */
    static boolean isHeuristicallyCacheable(int status) {
        switch (status) {
            case 200: case 203: case 204: case 300: case 301: case 308:
            case 404: case 405: case 410: case 414: case 501:
                return true;
            default:
                return false;
        }
    }

    static long freshnessMillis(int status, Headers headers, CacheDirectives directives, long responseTime) {
        if (directives.maxAge != CacheDirectives.ABSENT) {
            return directives.maxAge * 1000;
        }
        long date = dateValue(headers, responseTime);
        // Of several Expires lines the first counts (RFC 9111 section 4.2.1); get() gives the last.
        List<String> allExpires = headers.values("Expires");
        String expires = allExpires.isEmpty() ? null : allExpires.get(0);
        if (expires != null) {
            long at = HttpDates.parse(expires.trim());
            // An invalid Expires, such as "0", means already expired (RFC 9111 section 5.3).
            return at == Long.MIN_VALUE ? 0 : Math.max(0, at - date);
        }
        String lastModified = headers.get("Last-Modified");
        if (lastModified != null && isHeuristicallyCacheable(status)) {
            long modified = HttpDates.parse(lastModified.trim());
            if (modified != Long.MIN_VALUE && modified < date) {
                return Math.min((date - modified) / 10, MAX_HEURISTIC_MILLIS);
            }
        }
        return 0;
    }

    static long ageMillis(Headers headers, long requestTime, long responseTime, long now) {
        long apparentAge = Math.max(0, responseTime - dateValue(headers, responseTime));
        long ageValue = Math.max(0, CacheDirectives.seconds(firstAge(headers))) * 1000;
        long responseDelay = Math.max(0, responseTime - requestTime);
        long correctedInitialAge = Math.max(apparentAge, ageValue + responseDelay);
        long residentTime = Math.max(0, now - responseTime);
        return correctedInitialAge + residentTime;
    }

    /**
     * The Age value: the first member of the first Age line, as RFC 9111 section 5.1 has a cache
     * read one that came as a list (each intermediary on the way may have added its own), since
     * ignoring the list would take an old copy for a new one. Null when there is none.
     */
    private static String firstAge(Headers headers) {
        List<String> ages = headers.values("Age");
        if (ages.isEmpty()) {
            return null;
        }
        String first = ages.get(0);
        int comma = first.indexOf(',');
        return (comma < 0 ? first : first.substring(0, comma)).trim();
    }

    /** The Date header, or the time the response arrived when it has none or a bad one. */
    private static long dateValue(Headers headers, long responseTime) {
        String date = headers.get("Date");
        long parsed = date == null ? Long.MIN_VALUE : HttpDates.parse(date.trim());
        return parsed == Long.MIN_VALUE ? responseTime : parsed;
    }

    /**
     * The stored headers updated from a 304's (RFC 9111 section 3.2): each field the 304 carries
     * replaces the stored one, except those describing the stored body's framing and those of
     * the 304's connection.
     */
    static Headers merge(Headers stored, Headers notModified) {
        Headers update = withoutHopByHop(notModified);
        Headers.Builder merged = stored.newBuilder();
        for (int i = 0; i < update.size(); i++) {
            String name = update.name(i);
            if (isFraming(name)) {
                continue;
            }
            merged.remove(name);
        }
        for (int i = 0; i < update.size(); i++) {
            String name = update.name(i);
            if (!isFraming(name)) {
                merged.addReceived(name, update.value(i));
            }
        }
        return merged.build();
    }

    /** Fields of one connection, never stored (RFC 9111 section 3.1, RFC 9110 section 7.6.1). */
    private static final String[] HOP_BY_HOP = {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Upgrade",
    };

    /**
     * {@code headers} without the fields that described the connection the response came on:
     * those RFC 9110 section 7.6.1 names and those its Connection field lists. A copy answering
     * later came on no connection, and a 304's would otherwise outlive it in the stored headers.
     */
    static Headers withoutHopByHop(Headers headers) {
        List<String> listed = headers.values("Connection");
        boolean any = !listed.isEmpty();
        for (int i = 0; !any && i < HOP_BY_HOP.length; i++) {
            any = headers.get(HOP_BY_HOP[i]) != null;
        }
        if (!any) {
            return headers;
        }
        Headers.Builder kept = headers.newBuilder();
        for (String name : HOP_BY_HOP) {
            kept.remove(name);
        }
        for (int i = 0; i < listed.size(); i++) {
            for (String name : listed.get(i).split(",")) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    kept.remove(n);
                }
            }
        }
        return kept.build();
    }

    private static boolean isFraming(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("content-length") || n.equals("content-encoding") || n.equals("transfer-encoding")
                || n.equals("content-range") || n.equals("connection") || n.equals("keep-alive");
    }

    /** Marks a Vary header the request did not send, unlike one it sent empty. */
    private static final String NO_VALUE = "\u007f";

    /**
     * The request's values of each header the response's Vary names, its Cookie {@code cookieSent},
     * and its Authorization when it sent one, whether Vary names it or not: section 3.5 of RFC
     * 9111 keeps responses to Authorization out of shared caches only, and this private one keeps
     * them for the credentials they were sent to, so a game that signs in another player is never
     * answered with the last one's.
     */
    private static Headers varyValues(HttpRequest request, String cookieSent, Headers responseHeaders) {
        Headers.Builder values = new Headers.Builder();
        boolean authorization = false;
        for (String name : varyNames(responseHeaders)) {
            String value = "Cookie".equalsIgnoreCase(name) ? cookieSent : sentValue(request, name);
            values.addReceived(name, value == null ? NO_VALUE : value);
            authorization |= AUTHORIZATION.equalsIgnoreCase(name);
        }
        if (!authorization && request.headers().get(AUTHORIZATION) != null) {
            values.addReceived(AUTHORIZATION, sentValue(request, AUTHORIZATION));
        }
        return values.build();
    }

    private static final String AUTHORIZATION = "Authorization";

    /** Marks a Cookie value the installed CookieHandler failed to give; it matches nothing. */
    private static final String UNKNOWN_VALUE = "\u007f?";

    /**
     * The Cookie {@code request} goes out with, the installed CookieHandler's cookies included
     * (null for none), to be asked on a worker just before it is sent. Any thread but the render thread.
     */
    static String cookieSent(HttpRequest request) {
        return sentValue(request, "Cookie");
    }

    /**
     * The value of the header {@code name} as {@code request} goes out. Its Cookie field also
     * holds the installed CookieHandler's cookies, added only when it is sent: a response that
     * varies on Cookie is another player's once the handler holds another session.
     */
    private static String sentValue(HttpRequest request, String name) {
        if ("Cookie".equalsIgnoreCase(name)) {
            try {
                String withHandlers = Cookies.header(request.url(), request.headers());
                if (withHandlers != null) {
                    return withHandlers;
                }
            } catch (HttpFailure e) {
                return UNKNOWN_VALUE;
            }
        }
        String value = joined(request.headers(), name);
        if (value != null && AUTHORIZATION.equalsIgnoreCase(name)) {
            // Compared, and written to disk, as a digest: the folder never holds the credentials.
            return Digests.of("SHA-256", value);
        }
        return value == null ? null : commaSpaced(value);
    }

    /**
     * {@code value} with the whitespace around each comma outside a quoted string made one space
     * after it: RFC 9111 section 4.1 has Vary values match when they differ only in whitespace
     * where the syntax allows it, and "en,fr" is "en, fr" to a server.
     */
    static String commaSpaced(String value) {
        StringBuilder out = null;
        boolean quoted = false;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (quoted || c != ',') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                if (i > 0 && !isSpace(value.charAt(i - 1)) && i + 2 < n && value.charAt(i + 1) == ' '
                        && !isSpace(value.charAt(i + 2))) {
                    continue; // already ", ": the usual case allocates nothing
                }
                out = new StringBuilder(n + 8).append(value, 0, i);
            }
            int end = out.length();
            while (end > 0 && isSpace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            out.append(", ");
            while (i + 1 < n && isSpace(value.charAt(i + 1))) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Every value of header {@code name}, joined with ", " as RFC 9110 5.3 combines them; null when absent. */
    static String joined(Headers headers, String name) {
        List<String> values = headers.values(name);
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder(values.get(0).trim());
        for (int i = 1; i < values.size(); i++) {
            joined.append(", ").append(values.get(i).trim());
        }
        return joined.toString();
    }

    private static void put(Map<String, String> meta, String prefix, Headers headers) {
        meta.put(prefix + ".n", Integer.toString(headers.size()));
        for (int i = 0; i < headers.size(); i++) {
            meta.put(prefix + "." + i + ".name", headers.name(i));
            meta.put(prefix + "." + i + ".value", headers.value(i));
        }
    }

    private static Headers headers(DiskCache.Entry entry, String prefix) {
        int n = Integer.parseInt(entry.property(prefix + ".n"));
        Headers.Builder headers = new Headers.Builder();
        for (int i = 0; i < n; i++) {
            String name = entry.property(prefix + "." + i + ".name");
            String value = entry.property(prefix + "." + i + ".value");
            if (name == null || value == null) {
                throw new IllegalStateException("header " + i + " missing from the cache metadata");
            }
            headers.addReceived(name, value);
        }
        return headers.build();
    }
}
