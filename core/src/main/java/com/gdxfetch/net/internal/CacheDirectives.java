package com.gdxfetch.net.internal;

import com.gdxfetch.net.CacheMode;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;

import java.util.List;
import java.util.Locale;

/**
 * The Cache-Control directives (RFC 9111 section 5.2) of a request or response that a private
 * cache acts on. Unknown directives are ignored; a malformed delta-seconds value makes its
 * directive count as absent, except {@code max-age}, which then counts as 0 (stale), the safe
 * reading for a response. Of a directive given twice, in one field line or across several, the
 * first counts. Any thread.
 */
public final class CacheDirectives {
    /** Marks a delta-seconds directive that was not given. */
    static final long ABSENT = -1;

    boolean noStore;
    boolean noCache;
    boolean mustRevalidate;
    boolean isPublic;
    boolean isPrivate;
    boolean onlyIfCached;
    boolean mustUnderstand;
    long maxAge = ABSENT;
    long maxStale = ABSENT;
    long minFresh = ABSENT;

    static CacheDirectives of(Headers headers) {
        CacheDirectives d = new CacheDirectives();
        List<String> values = headers.values("Cache-Control");
        for (int i = 0; i < values.size(); i++) {
            d.parse(values.get(i));
        }
        return d;
    }

    /**
     * The directives of a request with {@code headers}: its Cache-Control, or, when it has none,
     * a {@code Pragma: no-cache} read as {@code Cache-Control: no-cache} (RFC 9111 section 5.4),
     * which older clients and libraries still send to ask for a reload.
     */
    static CacheDirectives ofRequest(Headers headers) {
        CacheDirectives d = of(headers);
        if (headers.get("Cache-Control") == null) {
            List<String> pragmas = headers.values("Pragma");
            for (int i = 0; i < pragmas.size(); i++) {
                for (String pragma : pragmas.get(i).split(",")) {
                    if (pragma.trim().equalsIgnoreCase("no-cache")) {
                        d.noCache = true;
                    }
                }
            }
        }
        return d;
    }

    /**
     * Whether {@code request} may be answered only from the cache: {@link CacheMode#ONLY_IF_CACHED},
     * or {@code only-if-cached} in its own Cache-Control, whichever way it says it. The cache
     * layers of both builds ask this, so the header fails {@code NOT_CACHED} wherever the mode does.
     */
    static boolean asksOnlyIfCached(HttpRequest request) {
        return request.cacheMode() == CacheMode.ONLY_IF_CACHED
                || request.headers().get("Cache-Control") != null && ofRequest(request.headers()).onlyIfCached;
    }

    /** Whether a response with {@code headers} says no part of it may be stored (no-store). */
    public static boolean forbidStoring(Headers headers) {
        return of(headers).noStore;
    }

    /**
     * Whether a copy of a response with {@code headers} may be used only once the server confirmed
     * it (no-cache, must-revalidate), so never in place of a server that cannot be reached or fails.
     */
    public static boolean requireRevalidation(Headers headers) {
        CacheDirectives d = of(headers);
        return d.noCache || d.mustRevalidate;
    }

    private void parse(String value) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && value.charAt(i) != ',') {
                i++;
            }
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String argument = null;
            if (i < n && value.charAt(i) == '=') {
                i++;
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i = HttpSyntax.readQuotedString(value, i, quoted);
                    argument = quoted.toString();
                } else {
                    int argStart = i;
                    while (i < n && value.charAt(i) != ',') {
                        i++;
                    }
                    argument = value.substring(argStart, i).trim();
                }
            }
            apply(name, argument);
        }
    }

    private void apply(String name, String argument) {
        switch (name) {
            case "no-store":
                noStore = true;
                break;
            case "no-cache":
                // A field-qualified no-cache is treated as unqualified, as RFC 9111 5.2.2.4 allows.
                noCache = true;
                break;
            case "must-revalidate":
                // proxy-revalidate is not here: RFC 9111 5.2.2.8 gives it must-revalidate's meaning
                // for shared caches only, and this one is private.
                mustRevalidate = true;
                break;
            case "public":
                isPublic = true;
                break;
            case "private":
                isPrivate = true;
                break;
            case "only-if-cached":
                onlyIfCached = true;
                break;
            case "must-understand":
                mustUnderstand = true;
                break;
            case "max-age":
                // Of several, the first counts (RFC 9111 section 4.2.1), so a later one cannot extend it.
                if (maxAge == ABSENT) {
                    long age = seconds(argument);
                    maxAge = age == ABSENT ? 0 : age;
                }
                break;
            case "max-stale":
                if (maxStale == ABSENT) {
                    // Without a value a client accepts any staleness.
                    maxStale = argument == null ? Long.MAX_VALUE / 2000 : seconds(argument);
                }
                break;
            case "min-fresh":
                if (minFresh == ABSENT) {
                    minFresh = seconds(argument);
                }
                break;
            default:
                break;
        }
    }

    /** A delta-seconds value (RFC 9111 1.2.2), capped at 2^31 as it says; ABSENT when malformed. */
    static long seconds(String argument) {
        if (argument == null || argument.isEmpty()) {
            return ABSENT;
        }
        long value = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return ABSENT;
            }
            value = Math.min(value * 10 + (c - '0'), 1L << 31);
        }
        return value;
    }
}
