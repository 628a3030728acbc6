package com.gdxfetch.net.internal;

import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseSource;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A private HTTP cache (RFC 9111) of GET responses, kept in a {@link DiskCache}: one entry per
 * URL, whose metadata holds the status, the response headers, the request's values of the
 * headers its {@code Vary} names, and the request and response times the age calculation needs.
 * Freshness comes from {@code max-age}, else {@code Expires} minus {@code Date}, else, for a
 * status cacheable by default with a {@code Last-Modified}, a tenth of the time since that date
 * capped at a day (RFC 9111 section 4.2.2).
 *
 * <p>Worker threads only: every method but the static ones touches the disk. Safe for concurrent use.
 */
final class HttpCache {
    /** Cap on heuristic freshness, so a file unchanged for years is still checked daily. */
    static final long MAX_HEURISTIC_MILLIS = 24L * 3600 * 1000;

    private final DiskCache disk;
    private final FetchLog log;

    HttpCache(File dir, long maxBytes, FetchLog log) {
        this.disk = new DiskCache(dir, maxBytes);
        this.log = log;
    }

    /** A stored response with its body, read from disk and checked. */
    static final class Stored {
        final DiskCache.Entry entry;
        final int status;
        final String reason;
        final Headers headers;
        final byte[] body;
        final CacheDirectives directives;
        final long requestTime;
        final long responseTime;
        private final Headers varyValues;

        Stored(DiskCache.Entry entry, int status, String reason, Headers headers, Headers varyValues,
                byte[] body, long requestTime, long responseTime) {
            this.entry = entry;
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.varyValues = varyValues;
            this.body = body;
            this.directives = CacheDirectives.of(headers);
            this.requestTime = requestTime;
            this.responseTime = responseTime;
        }

        /** Whether {@code request} carries the values of the headers this response varies on. */
        boolean varyMatches(HttpRequest request) {
            for (int i = 0; i < varyValues.size(); i++) {
                String name = varyValues.name(i);
                String want = varyValues.value(i);
                String have = joined(request.headers(), name);
                if (want.equals(NO_VALUE) ? have != null : !want.equals(have)) {
                    return false;
                }
            }
            return true;
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

        /** This response as delivered to a request from the cache, with an Age header (RFC 9111 5.1). */
        HttpResponse toResponse(String url, ResponseSource source, long now) {
            long ageSeconds = ageMillis(now) / 1000;
            return new HttpResponse.Builder()
                    .status(status, reason)
                    .headers(headers.newBuilder().set("Age", Long.toString(ageSeconds)).build())
                    .body(body)
                    .url(url)
                    .source(source, ageSeconds)
                    .build();
        }
    }

    /**
     * The stored response for {@code url}, or null when none is stored or it is damaged on disk
     * (metadata unreadable, body truncated or failing its checksum), in which case it is removed.
     */
    Stored lookup(String url) {
        DiskCache.Entry entry = disk.lookup(url);
        if (entry == null) {
            return null;
        }
        Stored stored;
        try {
            stored = decode(entry, null);
        } catch (RuntimeException unreadable) {
            log.warn("HTTP cache entry for " + url + " has unreadable metadata; discarded");
            disk.remove(url);
            return null;
        }
        byte[] body = disk.read(entry);
        if (body == null) {
            log.warn("HTTP cache entry for " + url + " is truncated or corrupt; discarded");
            return null;
        }
        return decode(entry, body);
    }

    private static Stored decode(DiskCache.Entry entry, byte[] body) {
        int status = Integer.parseInt(entry.property("status"));
        String reason = entry.property("reason");
        long requestTime = Long.parseLong(entry.property("requestTime"));
        long responseTime = Long.parseLong(entry.property("responseTime"));
        return new Stored(entry, status, reason == null ? "" : reason, headers(entry, "h"), headers(entry, "v"),
                body, requestTime, responseTime);
    }

    /**
     * Stores {@code response} to {@code request} if RFC 9111 section 3 allows it, and removes the
     * entry for its URL when the server said {@code no-store}. A write that fails (disk full, folder
     * not writable) is logged and leaves no entry for the URL, never a stale one taken as new.
     */
    void store(HttpRequest request, HttpResponse response, long requestTime, long responseTime) {
        CacheDirectives responseDirectives = CacheDirectives.of(response.headers());
        if (!isStorable(request, response, responseDirectives)) {
            if (responseDirectives.noStore) {
                disk.remove(request.url());
            }
            return;
        }
        Map<String, String> meta = new HashMap<>();
        meta.put("status", Integer.toString(response.status()));
        meta.put("reason", response.reason());
        meta.put("requestTime", Long.toString(requestTime));
        meta.put("responseTime", Long.toString(responseTime));
        put(meta, "h", response.headers());
        put(meta, "v", varyValues(request, response.headers()));
        try {
            disk.write(request.url(), response.body(), response.header("ETag"), response.header("Last-Modified"), meta);
        } catch (IOException | RuntimeException e) {
            disk.remove(request.url());
            log.warn("HTTP cache could not store " + request.url() + ": " + e.getMessage());
        }
    }

    /**
     * Applies a 304 to {@code stored} (RFC 9111 section 4.3.4): its headers updated from the 304's,
     * its times from this exchange, and the metadata rewritten in place. Returns the refreshed
     * entry, whose body is the stored one.
     */
    Stored refresh(Stored stored, HttpResponse notModified, long requestTime, long responseTime) {
        Headers merged = merge(stored.headers, notModified.headers());
        Map<String, String> meta = new HashMap<>();
        meta.put("status", Integer.toString(stored.status));
        meta.put("reason", stored.reason);
        meta.put("requestTime", Long.toString(requestTime));
        meta.put("responseTime", Long.toString(responseTime));
        put(meta, "h", merged);
        put(meta, "v", stored.varyValues);
        Stored refreshed = new Stored(stored.entry, stored.status, stored.reason, merged, stored.varyValues,
                stored.body, requestTime, responseTime);
        try {
            disk.rewriteMetadata(stored.entry, merged.get("ETag"), merged.get("Last-Modified"), meta);
        } catch (IOException | RuntimeException e) {
            disk.remove(stored.entry.url());
            log.warn("HTTP cache could not refresh " + stored.entry.url() + ": " + e.getMessage());
        }
        return refreshed;
    }

    /** Removes the entry for {@code url}: an unsafe method changed what it names (RFC 9111 4.4). */
    void invalidate(String url) {
        disk.remove(url);
    }

    // ---- RFC 9111 rules, without the disk

    /** Whether RFC 9111 section 3 lets a private cache store {@code response} to {@code request}. */
    static boolean isStorable(HttpRequest request, HttpResponse response, CacheDirectives directives) {
        if (!request.method().equals("GET") || directives.noStore
                || CacheDirectives.of(request.headers()).noStore) {
            return false;
        }
        int status = response.status();
        if (status < 200 || status == 206 || status == 304) {
            return false;
        }
        for (String vary : response.headers().values("Vary")) {
            if (vary.trim().equals("*")) {
                return false;
            }
        }
        if (request.headers().get("Authorization") != null
                && !(directives.mustRevalidate || directives.isPublic || directives.sMaxAge)) {
            return false;
        }
        return directives.isPublic || directives.isPrivate || directives.maxAge != CacheDirectives.ABSENT
                || directives.sMaxAge || response.header("Expires") != null || isHeuristicallyCacheable(status);
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
        String expires = headers.get("Expires");
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
        long ageValue = Math.max(0, CacheDirectives.seconds(trimmed(headers.get("Age")))) * 1000;
        long responseDelay = Math.max(0, responseTime - requestTime);
        long correctedInitialAge = Math.max(apparentAge, ageValue + responseDelay);
        long residentTime = Math.max(0, now - responseTime);
        return correctedInitialAge + residentTime;
    }

    /** The Date header, or the time the response arrived when it has none or a bad one. */
    private static long dateValue(Headers headers, long responseTime) {
        String date = headers.get("Date");
        long parsed = date == null ? Long.MIN_VALUE : HttpDates.parse(date.trim());
        return parsed == Long.MIN_VALUE ? responseTime : parsed;
    }

    /**
     * The stored headers updated from a 304's (RFC 9111 section 3.2): each field the 304 carries
     * replaces the stored one, except those describing the stored body's framing.
     */
    static Headers merge(Headers stored, Headers update) {
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

    private static boolean isFraming(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("content-length") || n.equals("content-encoding") || n.equals("transfer-encoding")
                || n.equals("content-range") || n.equals("connection") || n.equals("keep-alive");
    }

    /** Marks a Vary header the request did not send, unlike one it sent empty. */
    private static final String NO_VALUE = "\u007f";

    /** The request's values of each header the response's Vary names. */
    private static Headers varyValues(HttpRequest request, Headers responseHeaders) {
        Headers.Builder values = new Headers.Builder();
        for (String vary : responseHeaders.values("Vary")) {
            for (String name : vary.split(",")) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    String value = joined(request.headers(), n);
                    values.addReceived(n, value == null ? NO_VALUE : value);
                }
            }
        }
        return values.build();
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

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
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
