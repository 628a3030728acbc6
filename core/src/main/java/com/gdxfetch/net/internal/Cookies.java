package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cookies through the JVM's {@link CookieHandler}, as {@code HttpURLConnection} (and so the
 * {@code Gdx.net} transport) uses it: nothing happens unless the game installs one
 * ({@code CookieHandler.setDefault(new CookieManager())}); then every request carries the
 * cookies it holds for the URL, and every response, a redirect's too, hands it its headers to
 * store. Called on the thread running the exchange; the handler must be thread-safe, as
 * {@code CookieManager} is.
 */
final class Cookies {
    private Cookies() {
    }

    /**
     * The Cookie field to send to {@code url}: the caller's own Cookie values, then the
     * handler's, in one field as RFC 6265 section 5.4 asks of a user agent; null when the caller
     * set at most one Cookie field and no handler is installed or it has none to add, so that
     * field goes as it is. Two fields of the caller's are joined even without a handler: a
     * server may read them as one joined by ", ", which makes one cookie of both.
     *
     * @throws HttpFailure NETWORK naming the handler when it fails, PROTOCOL when it returns a
     *     value no header may carry
     */
    static String header(String url, Headers headers) throws HttpFailure {
        CookieHandler handler = CookieHandler.getDefault();
        Map<String, List<String>> held = null;
        if (handler != null) {
            try {
                held = handler.get(new URI(url), asMap(headers));
            } catch (IOException | URISyntaxException | RuntimeException e) {
                throw new HttpFailure(FailureKind.NETWORK, "the installed CookieHandler (" + handler.getClass().getName()
                        + ") failed to give the cookies for " + url + ": " + e, e);
            }
        }
        StringBuilder added = new StringBuilder();
        if (held != null) {
            for (Map.Entry<String, List<String>> field : held.entrySet()) {
                if (!"Cookie".equalsIgnoreCase(field.getKey()) || field.getValue() == null) {
                    continue;
                }
                for (String cookie : field.getValue()) {
                    if (cookie == null || cookie.isEmpty()) {
                        continue;
                    }
                    try {
                        Headers.checkValue("Cookie", cookie);
                    } catch (IllegalArgumentException e) {
                        throw new HttpFailure(FailureKind.PROTOCOL, "the installed CookieHandler ("
                                + handler.getClass().getName() + ") gave a cookie for " + url
                                + " that cannot be sent: " + e.getMessage(), e);
                    }
                    added.append(added.length() == 0 ? "" : "; ").append(cookie);
                }
            }
        }
        if (added.length() == 0 && headers.values("Cookie").size() < 2) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equalsIgnoreCase("Cookie") && !headers.value(i).isEmpty()) {
                value.append(value.length() == 0 ? "" : "; ").append(headers.value(i));
            }
        }
        if (added.length() > 0) {
            value.append(value.length() == 0 ? "" : "; ").append(added);
        }
        return value.toString();
    }

    /**
     * Appends {@code headers} to a request head being built, a line each, with the field
     * {@link #header} made for them in place of their own Cookie fields.
     *
     * @param toProxy whether the head goes to an HTTP proxy that forwards it, the one receiver of
     *     a {@code Proxy-Authorization} ({@link RequestHeaders#isForProxy})
     * @throws HttpFailure as {@link #header}
     */
    static void appendFields(StringBuilder head, String url, Headers headers, boolean toProxy) throws HttpFailure {
        String cookie = header(url, headers);
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if ((cookie == null || !name.equalsIgnoreCase("Cookie")) && (toProxy || !RequestHeaders.isForProxy(name))) {
                head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
            }
        }
        if (cookie != null) {
            head.append("Cookie: ").append(cookie).append("\r\n");
        }
    }

    /**
     * Hands a response's headers from {@code url} to the installed handler, if any, to store
     * its Set-Cookie fields, each with its expiry as RFC 6265 reads it in the one form the
     * JDK's {@code CookieManager} reads alike ({@link CookieExpiry}), and for that manager with
     * a Domain it matches only as RFC 6265 does ({@link CookieDomain}); a {@code __Secure-} or
     * {@code __Host-} cookie that breaks its prefix's rules is left out ({@link CookiePrefixes}).
     *
     * @throws HttpFailure NETWORK naming the handler when it fails
     */
    static void store(String url, Headers responseHeaders) throws HttpFailure {
        CookieHandler handler = CookieHandler.getDefault();
        if (handler == null) {
            return;
        }
        Map<String, List<String>> fields = asMap(responseHeaders);
        List<String> setCookies = fields.get("Set-Cookie");
        try {
            URI uri = new URI(url);
            if (setCookies != null) {
                long now = System.currentTimeMillis();
                boolean jdkManager = handler instanceof CookieManager;
                boolean secureOrigin = "https".equalsIgnoreCase(uri.getScheme());
                for (int i = setCookies.size() - 1; i >= 0; i--) {
                    if (!CookiePrefixes.accepted(setCookies.get(i), secureOrigin)) {
                        setCookies.remove(i);
                        continue;
                    }
                    String setCookie = CookieExpiry.normalized(setCookies.get(i), now);
                    setCookies.set(i, jdkManager ? CookieDomain.normalized(setCookie, uri.getHost()) : setCookie);
                }
            }
            handler.put(uri, fields);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new HttpFailure(FailureKind.NETWORK, "the installed CookieHandler (" + handler.getClass().getName()
                    + ") failed to store the cookies from " + url + ": " + e, e);
        }
    }

    /** {@code headers} as a handler takes them: names compared without case, each with all its values in order. */
    private static Map<String, List<String>> asMap(Headers headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = map.get(headers.name(i));
            if (values == null) {
                values = new ArrayList<>();
                map.put(headers.name(i), values);
            }
            values.add(headers.value(i));
        }
        return map;
    }
}
