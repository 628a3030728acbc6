package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;

import java.util.ArrayList;
import java.util.List;

/** The redirect rules: which responses redirect, and the request that follows one. */
final class Redirects {
    private Redirects() {
    }

    /** True when {@code response} asks to be followed. */
    static boolean isRedirect(HttpResponse response) {
        return isRedirect(response.status(), response.headers());
    }

    /** True when a response with {@code status} and {@code headers} asks to be followed. */
    static boolean isRedirect(int status, Headers headers) {
        switch (status) {
            case 301:
            case 302:
            case 303:
            case 307:
            case 308:
                return headers.get("Location") != null;
            default:
                return false;
        }
    }

    /** The hops of one chain of redirects so far, which a loop is judged against. One thread at a time. */
    static final class Chain {
        private final List<String> visited = new ArrayList<>(4);
        /** The index in {@link #visited} after the last redirect that set a cookie. */
        private int sameStateFrom;

        /**
         * The request that follows {@code received}, the answer to {@code sent}.
         *
         * @throws FetchException ({@link FailureKind#PROTOCOL}) for too many redirects, a loop, a
         *     bad Location, or a downgrade from https to http
         */
        HttpRequest follow(HttpRequest sent, HttpResponse received, int maxRedirects) {
            visited.add(hop(sent));
            if (received.header("Set-Cookie") != null) {
                sameStateFrom = visited.size();
            }
            return Redirects.follow(sent, received, visited, sameStateFrom, maxRedirects);
        }
    }

    /**
     * The request that follows {@code response}.
     *
     * @param visited the {@link #hop} of each request already sent in this chain, oldest first
     * @param sameStateFrom the index in {@code visited} from which no response has set a cookie:
     *     only a hop again since then is a loop
     * @throws FetchException ({@link FailureKind#PROTOCOL}) for too many redirects, a loop, a
     *     bad Location or two different ones, or a downgrade from https to http
     */
    private static HttpRequest follow(HttpRequest request, HttpResponse response, List<String> visited,
            int sameStateFrom, int maxRedirects) {
        String location = response.header("Location");
        for (String other : response.headers().values("Location")) {
            if (!other.equals(location)) {
                // Which one the server meant cannot be known; browsers refuse such a response too.
                throw protocol(request, response, "redirect names more than one Location: '" + ParsedUrl.shown(other)
                        + "' and '" + ParsedUrl.shown(location) + "'");
            }
        }
        String target;
        try {
            target = ParsedUrl.of(request.url()).resolve(location);
        } catch (IllegalArgumentException e) {
            throw protocol(request, response, "redirect to malformed Location '" + ParsedUrl.shown(location) + "': "
                    + e.getMessage());
        }
        HttpRequest.Builder next = request.newBuilder();
        try {
            next.url(target);
        } catch (IllegalArgumentException e) {
            throw protocol(request, response, "cannot follow redirect: " + e.getMessage());
        }
        if (request.isHttps() && target.regionMatches(true, 0, "http:", 0, 5)) {
            throw protocol(request, response, "refusing to follow a redirect from https to " + target);
        }
        int status = response.status();
        // A POST with an Idempotency-Key (every outbox request) must reach the server with its
        // body: turned into a GET by a 301/302, its landing page's 200 would pass for acceptance.
        boolean becomesGet = status == 303 && !request.method().equals("HEAD")
                || (status == 301 || status == 302) && request.method().equals("POST")
                        && request.headers().get("Idempotency-Key") == null;
        if (becomesGet) {
            // The fields that described the dropped body would describe a body that is not sent
            // (RFC 9110 section 15.4), and a 100-continue expectation is for content alone (10.1.1).
            next.method("GET").body(null).removeHeader("Content-Type").removeHeader("Content-Encoding")
                    .removeHeader("Content-Language").removeHeader("Content-Location").removeHeader("Digest")
                    .removeHeader("Content-Digest").removeHeader("Repr-Digest").removeHeader("Expect");
        }
        HttpRequest followed = next.build();
        // A POST answered with a 303 to its own URL (a form's Post/Redirect/Get) is no loop: the
        // GET that follows is another request. Only the same method at the same URL again is, and
        // only since the last cookie set: a login that sets one and sends the player back asks
        // again with it (RFC 9110 section 15.4 leaves detection to the client).
        String hop = hop(followed);
        if (visited.size() > maxRedirects) {
            throw protocol(request, response,
                    chain("too many redirects (more than " + maxRedirects + "): ", visited, hop));
        }
        if (visited.subList(sameStateFrom, visited.size()).contains(hop)) {
            throw protocol(request, response, chain("redirect loop: ", visited, hop));
        }
        if (!followed.hostKey().equals(request.hostKey()) || !followed.scheme().equals(request.scheme())) {
            // Credentials were meant for the first origin only, and so was a Host the caller named.
            followed = followed.newBuilder().removeHeader("Authorization").removeHeader("Cookie")
                    .removeHeader("Host").build();
        }
        return followed;
    }

    /** {@code start}, then every hop of the chain, ending with {@code next}, the one it stops at. */
    private static String chain(String start, List<String> visited, String next) {
        StringBuilder chain = new StringBuilder(start);
        for (int i = 0; i < visited.size(); i++) {
            chain.append(visited.get(i)).append(" -> ");
        }
        return chain.append(next).toString();
    }

    /** How {@code request} is named in a redirect chain: its method and URL. */
    private static String hop(HttpRequest request) {
        return request.method() + " " + request.url();
    }

    private static FetchException protocol(HttpRequest request, HttpResponse response, String detail) {
        return new FetchException(FailureKind.PROTOCOL, request.method(), request.url(), detail, null,
                response, true);
    }
}
