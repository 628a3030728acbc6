package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.RequestBody;

/** The header choices every transport makes the same way on top of the caller's headers. */
final class RequestHeaders {
    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    /** The Accept-Encoding sent when the caller set none. */
    public static final String ACCEPT_ENCODING = "gzip, deflate";

    private RequestHeaders() {
    }

    /**
     * Whether the transport asks for compression and decodes the body itself: only when the
     * caller chose no Accept-Encoding (a caller who did gets the body exactly as sent), for a
     * method whose answer has a body, asking for no Range. Ranges of a compressed body count
     * compressed bytes and cannot be decoded on their own, and servers that compress on the fly
     * (nginx's gzip) answer a Range that comes with Accept-Encoding: gzip with the whole body. A
     * HEAD has nothing to decode, and asked with gzip such a server leaves out the Content-Length
     * a game sends a HEAD to learn.
     */
    public static boolean decodesTransparently(HttpRequest request) {
        Headers headers = request.headers();
        return headers.get("Accept-Encoding") == null && headers.get("Range") == null
                && !request.method().equals("HEAD");
    }

    /**
     * Whether a caller's header is one the transport states itself because it frames the body;
     * a caller's value could only contradict the real framing.
     */
    public static boolean isFraming(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
    }

    /**
     * Whether a caller's header is for an HTTP proxy alone (RFC 9110 section 11.7.2): it goes on
     * a request the proxy forwards and on a {@code CONNECT}, never to a server reached directly,
     * through SOCKS or inside a tunnel, which would hand the proxy's credentials to that server.
     */
    public static boolean isForProxy(String name) {
        return name.equalsIgnoreCase(PROXY_AUTHORIZATION);
    }

    /** The caller's credentials for an HTTP proxy in {@code headers}, or null without any. */
    public static String proxyAuthorization(Headers headers) {
        return headers.get(PROXY_AUTHORIZATION);
    }

    /** The body's Content-Type to add, or null when there is none or the caller set one. */
    public static String contentTypeToAdd(HttpRequest request) {
        RequestBody body = request.body();
        if (body == null || body.contentType() == null || request.headers().get("Content-Type") != null) {
            return null;
        }
        return body.contentType();
    }
}
