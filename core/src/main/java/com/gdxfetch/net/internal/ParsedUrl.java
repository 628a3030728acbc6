package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Texts;

import java.net.IDN;
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

    /** The URL as given. */
    public final String url;
    /** {@code http} or {@code https}. */
    public final String scheme;
    /** The host name or IP literal (IPv6 in brackets). */
    public final String host;
    /** The port, defaulted from the scheme. */
    public final int port;
    /** {@code host:port}, the host in lower case. */
    public final String hostKey;
    /**
     * The path as sent, percent-encoded, without dot-segments, {@code /} when the URL has none.
     */
    public final String path;
    /** The authority, as written (an international host in its ASCII form). */
    public final String authority;
    /** The value of the Host field a request for this URL sends ({@link #hostField(String, int, boolean)}). */
    public final String hostField;
    /** The query as sent, without its '?', or null when the URL has none. */
    private final String rawQuery;
    /** The request target: the path and the query as written. */
    public final String target;
    /** The URL rebuilt from scheme, authority and target (fragment dropped). */
    public final String normalized;

    private ParsedUrl(String url, URI uri) {
        this.url = url;
        this.scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        this.host = uri.getHost();
        boolean secure = "https".equals(scheme) || "wss".equals(scheme);
        this.port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        // Host names ignore case (RFC 3986 section 3.2.2): per-host limits and pooled connections
        // must not split by how a URL was typed, though the URL itself keeps its spelling.
        this.hostKey = host.toLowerCase(Locale.ROOT) + ':' + port;
        String rawPath = uri.getRawPath();
        this.path = rawPath == null || rawPath.isEmpty() ? "/" : withoutDotSegments(rawPath);
        this.authority = uri.getRawAuthority();
        this.hostField = hostField(host, port, secure);
        this.rawQuery = uri.getRawQuery();
        this.target = rawQuery == null ? path : path + '?' + rawQuery;
        this.normalized = scheme + "://" + authority + target;
    }

    /**
     * The value of the Host field for a request to {@code host} on {@code port} (RFC 9110 section
     * 7.2, uri-host [":" port]): the host as the URL spells it (an IPv6 literal in its brackets),
     * then the port as a number, only when it is not the scheme's default. Not the URL's
     * authority as written, which may spell the port otherwise ("080", an empty one) or name the
     * default port. Every request, event stream and WebSocket handshake sends this one. Allocates
     * nothing for the default port.
     */
    public static String hostField(String host, int port, boolean https) {
        return port == (https ? 443 : 80) ? host : host + ':' + port;
    }

    /**
     * The key a request's URL ({@link com.gdxfetch.net.HttpRequest#url()}) is kept under: one for
     * every spelling of it RFC 9110 section 4.2.3 calls equivalent that a request URL can still
     * differ in (scheme case, dot-segments and the fragment are already gone): the host in any
     * case, the default port written or not. So the HTTP cache and the image cache find what they
     * keep however the URL was written. Any thread.
     */
    public static String key(String url) {
        int start = url.indexOf("://") + 3;
        int end = url.indexOf('/', start);
        if (end < 0) {
            end = url.length();
        }
        String defaultPort = url.startsWith("https:") ? ":443" : ":80";
        boolean plain = !url.startsWith(defaultPort, end - defaultPort.length()) && url.charAt(end - 1) != ':';
        for (int i = start; plain && i < end; i++) {
            char c = url.charAt(i);
            plain = c < 'A' || c > 'Z';
        }
        if (plain) {
            return url;
        }
        String authority = url.substring(start, end).toLowerCase(Locale.ROOT);
        if (authority.endsWith(defaultPort)) {
            authority = authority.substring(0, authority.length() - defaultPort.length());
        } else if (authority.endsWith(":")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        return url.substring(0, start) + authority + url.substring(end);
    }

    /**
     * The parsed form of {@code url}.
     *
     * @throws IllegalArgumentException naming the URL and the problem: malformed, scheme not
     *     http or https, no host, bad port, user info, an IPv6 zone id, an IPv4 address not in
     *     dotted decimal, a space at either end, a bad percent-escape or a control character
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
        ParsedUrl parsed = parse(url, false);
        CACHE[slot] = parsed;
        return parsed;
    }

    /**
     * The query's parameters as alternating names and values (null for a bare name), still
     * percent-encoded as written, empty ones left out; a new list.
     */
    public List<String> queryList() {
        List<String> list = new ArrayList<>(8);
        if (rawQuery == null) {
            return list;
        }
        int from = 0;
        while (from <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', from);
            int to = amp < 0 ? rawQuery.length() : amp;
            if (to > from) {
                int eq = rawQuery.indexOf('=', from);
                boolean bare = eq < 0 || eq > to;
                list.add(rawQuery.substring(from, bare ? to : eq));
                list.add(bare ? null : rawQuery.substring(eq + 1, to));
            }
            from = to + 1;
        }
        return list;
    }

    /**
     * {@code path} followed by {@code query}: alternating names and values (null for a bare
     * name), each already percent-encoded.
     */
    public static String target(String path, List<String> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < query.size(); i += 2) {
            target.append(i == 0 ? '?' : '&').append(query.get(i));
            String value = query.get(i + 1);
            if (value != null) {
                target.append('=').append(value);
            }
        }
        return target.toString();
    }

    /**
     * The absolute URL {@code reference} names when read against this URL (RFC 3986 section
     * 5.2.2), as browsers and curl read a {@code Location}: made canonical first, fragment
     * dropped. Unlike {@link URI#resolve}, a reference of only a query keeps this URL's path, an
     * empty one names this URL itself, and {@code ..} stops at the root. An absolute reference
     * comes back as it is, for {@link #of} to judge.
     *
     * @throws IllegalArgumentException naming a control character or a bad percent-escape
     */
    public String resolve(String reference) {
        String ref = canonical(reference);
        if (schemeLength(ref) > 0) {
            return ref;
        }
        if (ref.startsWith("//")) {
            return scheme + ':' + ref;
        }
        int q = ref.indexOf('?');
        String refPath = q < 0 ? ref : ref.substring(0, q);
        String query = q >= 0 ? ref.substring(q) : "";
        String origin = scheme + "://" + authority;
        if (refPath.isEmpty()) {
            return origin + path + (q < 0 && rawQuery != null ? "?" + rawQuery : query);
        }
        String merged = refPath.charAt(0) == '/' ? refPath : path.substring(0, path.lastIndexOf('/') + 1) + refPath;
        return origin + withoutDotSegments(merged) + query;
    }

    /** The length of the scheme {@code reference} starts with, or -1 when it has none (RFC 3986 section 3.1). */
    private static int schemeLength(String reference) {
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c == ':') {
                return i;
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean later = i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
            if (!letter && !later) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * {@code path} with its {@code .} and {@code ..} segments applied (RFC 3986 5.2.4), as
     * browsers, curl and OkHttp send it: {@code /a/b/../c} is {@code /a/c}, and {@code ..} stops
     * at the root, which {@link URI#normalize()} does not do. Escaped dots ({@code %2e}) are
     * left alone, as the server may mean them literally.
     */
    static String withoutDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        String[] segments = path.substring(1).split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean dot = segment.equals(".");
            boolean dotDot = segment.equals("..");
            if (dotDot && !kept.isEmpty()) {
                kept.remove(kept.size() - 1);
            }
            if (!dot && !dotDot) {
                kept.add(segment);
            } else if (i == segments.length - 1) {
                kept.add(""); // "/a/b/.." names the folder "/a/"
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Checks a ws or wss URL as {@link #of} checks an http one, so that a refusal quotes the URL
     * and points at its characters as the caller wrote them. Any thread.
     *
     * @throws IllegalArgumentException as {@link #of}, the scheme being ws or wss
     */
    public static void checkWebSocket(String url) {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("URL is empty");
        }
        parse(url, true);
    }

    private static ParsedUrl parse(String url, boolean webSocket) {
        // Every refusal names the URL, and a refusal gets logged and shown: never with a password.
        String shown = shown(url);
        // Browsers strip these; encoding a trailing one would request another path (/scores%20).
        if (url.charAt(0) == ' ' || url.charAt(url.length() - 1) == ' ') {
            throw new IllegalArgumentException("URL '" + shown + "' " + (url.charAt(0) == ' ' ? "starts" : "ends")
                    + " with a space; trim it");
        }
        String ascii;
        try {
            ascii = canonical(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL '" + shown + "' " + e.getMessage(), e);
        }
        URI uri;
        try {
            uri = new URI(ascii);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL '" + shown + "': " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("URL '" + shown + "' has no scheme; expected http:// or https://");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        String plain = webSocket ? "ws" : "http";
        if (!scheme.equals(plain) && !scheme.equals(plain + 's')) {
            throw new IllegalArgumentException("URL '" + shown + "' has scheme '" + uri.getScheme()
                    + "'; only " + plain + " and " + plain + "s are supported");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            String authority = uri.getRawAuthority();
            if (authority != null && authority.indexOf('@') >= 0) {
                // URI takes no host from user info holding a second '@' (a password such as
                // p@ss), so the message would blame the host for what the user info is.
                throw userInfo(shown);
            }
            String port = authority == null || authority.lastIndexOf(':') < authority.lastIndexOf(']') ? ""
                    : authority.substring(authority.lastIndexOf(':') + 1);
            if (isDigits(port) && port.length() > 9) {
                // A port too long for an int leaves URI with no port and so no host.
                throw new IllegalArgumentException("URL '" + shown + "' has port " + port + " outside 1-65535");
            }
            if (authority != null && !authority.startsWith("[")) {
                // URI takes no host from an IPv4 address with fewer than four parts (127.1),
                // which browsers read as 127.0.0.1: the refusal says so, as for 0177.0.0.1.
                int colon = authority.lastIndexOf(':');
                String host = colon < 0 ? authority : authority.substring(0, colon);
                if (!host.isEmpty() && !isPlainHost(host)) {
                    throw notDottedDecimal(shown, host);
                }
            }
            throw new IllegalArgumentException("URL '" + shown + "' has " + (authority == null || authority.isEmpty()
                    ? "no host" : "'" + authority + "' where a host[:port] belongs (a host name of letters, digits, "
                    + "'-' and '.', an IPv4 address or an [IPv6] one, then an optional port of digits)"));
        }
        // Port 0 is no port a server listens on: the connection could only fail later, less clearly.
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("URL '" + shown + "' has port " + uri.getPort()
                    + " outside 1-65535");
        }
        int zone = uri.getHost().indexOf('%');
        if (zone >= 0) {
            // The RFC 6874 form (%25eth0) reached InetAddress as an interface named "25eth0" and
            // failed as an unknown host; the raw form would put the zone in the Host header.
            throw new IllegalArgumentException("URL '" + shown + "' has an IPv6 zone id ('"
                    + uri.getHost().substring(zone, uri.getHost().length() - 1)
                    + "'); scoped link-local addresses are not supported, use a global or loopback address");
        }
        if (!isPlainHost(uri.getHost())) {
            throw notDottedDecimal(shown, uri.getHost());
        }
        if (uri.getRawUserInfo() != null) {
            throw userInfo(shown);
        }
        return new ParsedUrl(url, uri);
    }

    /**
     * {@code url} as a message about it may show it: the user info of its authority, if any,
     * written as {@code ***}, since it carries a password, and control characters as escapes
     * ({@code \r}, {@code \n}, {@code \u0000}), since a raw CR LF would forge a line in a log.
     * Any thread.
     */
    public static String shown(String url) {
        String masked = withoutUserInfo(url);
        StringBuilder out = null;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(masked.length() + 16).append(masked, 0, i);
            }
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append("\\u").append(Texts.hex(c, 4));
            }
        }
        return out != null ? out.toString() : masked;
    }

    private static String withoutUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0 || (start > 0 && url.charAt(start - 1) != ':')) {
            return url;
        }
        start += 2;
        int at = -1;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == '@') {
                at = i; // the last one: a password may hold '@' itself
            }
        }
        return at < 0 ? url : url.substring(0, start) + "***" + url.substring(at);
    }

    private static IllegalArgumentException notDottedDecimal(String shown, String host) {
        return new IllegalArgumentException("URL '" + shown + "' has host '" + host + "', which reads as an"
                + " IPv4 address in a form other than dotted decimal (four numbers 0-255 without leading zeros);"
                + " browsers read such forms as octal or hex where Java reads decimal, so write it as a.b.c.d");
    }

    private static IllegalArgumentException userInfo(String url) {
        return new IllegalArgumentException("URL '" + url
                + "' carries user info; send credentials in an Authorization header instead");
    }

    /**
     * Whether {@code host} is a name, an IPv6 literal or an IPv4 address in dotted decimal. A host
     * whose last label is a number (decimal, or {@code 0x} hex) is an IPv4 address to browsers
     * (WHATWG URL), which read {@code 0177.0.0.1} as octal 127.0.0.1 and {@code 2130706433} as one
     * 32-bit number, while {@code InetAddress} reads the first as decimal 177.0.0.1: only the one
     * form everyone reads alike is accepted.
     */
    private static boolean isPlainHost(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        int lastStart = host.lastIndexOf('.') + 1;
        if (!isNumber(host, lastStart, host.length())) {
            return true;
        }
        int parts = 0;
        int start = 0;
        while (start <= host.length()) {
            int end = host.indexOf('.', start);
            if (end < 0) {
                end = host.length();
            }
            int length = end - start;
            if (length < 1 || length > 3 || (length > 1 && host.charAt(start) == '0')) {
                return false;
            }
            int value = 0;
            for (int i = start; i < end; i++) {
                char c = host.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return false;
            }
            parts++;
            start = end + 1;
        }
        return parts == 4;
    }

    /** Whether {@code s} is one or more ASCII digits. */
    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from..to)} is a number as the WHATWG IPv4 parser takes one: digits, or 0x and hex digits. */
    private static boolean isNumber(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (to - from >= 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            for (int i = from + 2; i < to; i++) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code reference} (an absolute URL or a relative one, such as a Location) made fit for a
     * request line, the way browsers do it: an international host name becomes its ASCII form
     * ({@link IDN#toASCII}); in the path and query every character RFC 3986 does not allow
     * there (space, {@code " < > [ \ ] ^ ` { | }}, anything not ASCII) is percent-encoded as
     * UTF-8, and everything else, escapes included, is kept as written; the fragment is dropped.
     *
     * @throws IllegalArgumentException ("has ... at index N") for a control character anywhere,
     *     a {@code %} not followed by two hex digits, a lone surrogate, or a host IDN refuses
     */
    static String canonical(String reference) {
        int n = reference.length();
        int pathStart = 0;
        for (int i = 0; i < n; i++) {
            char c = reference.charAt(i);
            if (c == ':') {
                pathStart = i + 1;
                break;
            }
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
        }
        StringBuilder out = null;
        if (reference.startsWith("//", pathStart)) {
            int start = pathStart + 2;
            int end = start;
            while (end < n && "/?#".indexOf(reference.charAt(end)) < 0) {
                end++;
            }
            String authority = reference.substring(start, end);
            String ascii = asciiAuthority(authority, start);
            if (!ascii.equals(authority)) {
                out = new StringBuilder(n + 16).append(reference, 0, start).append(ascii);
            }
            pathStart = end;
        }
        boolean inQuery = false;
        for (int i = pathStart; i < n; i++) {
            char c = reference.charAt(i);
            if (c == '#') {
                return out != null ? out.toString() : reference.substring(0, i);
            }
            if (c == '?') {
                inQuery = true;
            }
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("has a control character (U+" + Texts.hex(c, 4) + ") at index " + i);
            }
            if (c == '%') {
                if (i + 2 >= n || Character.digit(reference.charAt(i + 1), 16) < 0
                        || Character.digit(reference.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("has a '%' that does not start a percent-escape (%XX) at index "
                            + i + "; write a literal '%' as %25");
                }
            } else if (!isAllowed(c, inQuery)) {
                if (out == null) {
                    out = new StringBuilder(n + 16).append(reference, 0, i);
                }
                i = UrlCodec.appendUtf8Escaped(out, reference, i);
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out != null ? out.toString() : reference;
    }

    /** Whether RFC 3986 allows {@code c} as itself in a path ({@code ?} ends one) or a query. */
    private static boolean isAllowed(char c, boolean inQuery) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "-._~!$&'()*+,;=:@/".indexOf(c) >= 0 || (c == '?' && inQuery);
    }

    /** {@code authority} with an international host name in its ASCII form. */
    private static String asciiAuthority(String authority, int offset) {
        boolean ascii = true;
        for (int i = 0; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("has a " + (c == ' ' ? "space" : "control character")
                        + " (U+" + Texts.hex(c, 4) + ") in its host at index " + (offset + i));
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return authority;
        }
        int hostStart = authority.lastIndexOf('@') + 1;
        int hostEnd = authority.indexOf(':', hostStart);
        if (hostEnd < 0) {
            hostEnd = authority.length();
        }
        String host = authority.substring(hostStart, hostEnd);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '\u00df' || c == '\u1e9e' || c == '\u03c2' || c == '\u200c' || c == '\u200d') {
                // IDNA 2003 (java.net.IDN) folds these away (fa\u00df.de becomes fass.de, another
                // registered domain) where browsers, on IDNA 2008, keep them: the request would
                // reach a host the URL does not name.
                throw new IllegalArgumentException("has a host name '" + host + "' with U+" + Texts.hex(c, 4)
                        + ", which Java's IDNA 2003 changes (\u00df to ss, \u03c2 to \u03c3) or drops (a joiner) where"
                        + " browsers keep it or refuse the host, so it would name another host; write the host in its"
                        + " ASCII form (xn--...)");
            }
        }
        String asciiHost;
        try {
            asciiHost = IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a host name '" + host + "' that has no ASCII form: "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < asciiHost.length(); i++) {
            char c = asciiHost.charAt(i);
            // IDN folds fullwidth '/', ':', '?', '#' into ASCII ones, which would end the host
            // early: "evil.com／.good.com" would name evil.com. Browsers refuse such hosts too.
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                throw new IllegalArgumentException("has a host name '" + host + "' whose ASCII form '" + asciiHost
                        + "' has '" + c + "', which is no part of a host name");
            }
        }
        return authority.substring(0, hostStart) + asciiHost + authority.substring(hostEnd);
    }
}
