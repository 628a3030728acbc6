package com.gdxfetch.net.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An absolute http or https URL, validated and split into what a request needs. Immutable.
 *
 * <p>{@link #of(String)} remembers recent URLs: a game sends the same few URLs again and again,
 * and parsing one costs more than the rest of a send. The result depends only on the string, so a
 * remembered one is exactly what parsing it again would give; a bad URL is never remembered and
 * fails the same way every time. Any thread.
 */
public final class ParsedUrl {
    private static final int CACHE_SIZE = 64;
    /**
     * Direct-mapped by hash. Reads and writes race harmlessly: every field is final, so a thread
     * that sees an entry sees it whole, and a lost write only costs a parse.
     */
    private static final ParsedUrl[] CACHE = new ParsedUrl[CACHE_SIZE];
    private static final String[] NO_QUERY = new String[0];

    /** The URL as given. */
    public final String url;
    /** {@code http} or {@code https}. */
    public final String scheme;
    /** The host name or IP literal (IPv6 in brackets). */
    public final String host;
    /** The port, defaulted from the scheme. */
    public final int port;
    /** {@code host:port}. */
    public final String hostKey;
    /** The raw path, {@code /} when the URL has none. */
    public final String path;
    /** The raw authority, as written. */
    public final String authority;
    private final String[] query;
    /** The request target: path and the query re-encoded. */
    public final String target;
    /** The URL rebuilt from scheme, authority and target (fragment dropped). */
    public final String normalized;

    private ParsedUrl(String url, URI uri, String[] query) {
        this.url = url;
        this.scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        this.host = uri.getHost();
        this.port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        this.hostKey = host + ':' + port;
        String rawPath = uri.getRawPath();
        this.path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        this.authority = uri.getRawAuthority();
        this.query = query;
        this.target = target(path, query, query.length);
        this.normalized = scheme + "://" + authority + target;
    }

    /**
     * The parsed form of {@code url}.
     *
     * @throws IllegalArgumentException naming the URL and the problem: malformed, scheme not
     *     http or https, no host, bad port, user info, bad query escape
     */
    public static ParsedUrl of(String url) {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("URL is empty");
        }
        int h = url.hashCode();
        int slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
        ParsedUrl cached = CACHE[slot];
        if (cached != null && cached.url.equals(url)) {
            return cached;
        }
        ParsedUrl parsed = parse(url);
        CACHE[slot] = parsed;
        return parsed;
    }

    /** The number of query parameters. */
    public int queryCount() {
        return query.length / 2;
    }

    /** The decoded query parameters as alternating names and values (null for a bare name); a new list. */
    public List<String> queryList() {
        List<String> list = new ArrayList<>(Math.max(8, query.length));
        for (String s : query) {
            list.add(s);
        }
        return list;
    }

    /** {@code path} followed by the first {@code size} entries of {@code query}, percent-encoded. */
    public static String target(String path, List<String> query) {
        return target(path, query.toArray(NO_QUERY), query.size());
    }

    private static String target(String path, String[] query, int size) {
        if (size == 0) {
            return path;
        }
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < size; i += 2) {
            target.append(i == 0 ? '?' : '&').append(UrlCodec.encodeQueryComponent(query[i]));
            String value = query[i + 1];
            if (value != null) {
                target.append('=').append(UrlCodec.encodeQueryComponent(value));
            }
        }
        return target.toString();
    }

    private static ParsedUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL '" + url + "': " + e.getReason()
                    + " at index " + e.getIndex(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("URL '" + url + "' has no scheme; expected http:// or https://");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL '" + url + "' has scheme '" + uri.getScheme()
                    + "'; only http and https are supported");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL '" + url + "' has no host");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("URL '" + url + "' has port " + uri.getPort()
                    + " outside 1-65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL '" + url
                    + "' carries user info; send credentials in an Authorization header instead");
        }
        List<String> query = new ArrayList<>();
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    query.add(UrlCodec.decode(eq < 0 ? pair : pair.substring(0, eq)));
                    query.add(eq < 0 ? null : UrlCodec.decode(pair.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("URL '" + url + "' has a bad query: "
                            + e.getMessage(), e);
                }
            }
        }
        return new ParsedUrl(url, uri, query.isEmpty() ? NO_QUERY : query.toArray(NO_QUERY));
    }
}
