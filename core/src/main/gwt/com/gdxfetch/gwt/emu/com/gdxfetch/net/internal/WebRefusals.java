package com.gdxfetch.net.internal;

import com.gdxfetch.net.WebSocketRequest;

/**
 * What a browser's {@code WebSocket} cannot be asked to do, so a web build refuses it at open
 * with {@link com.gdxfetch.net.FailureKind#BROWSER_REFUSED} rather than ignoring what the game
 * relies on. Left at their defaults, keep-alive and the dead-peer check are the browser's own
 * (it answers pings and notices a dead connection as its network stack does), and compression
 * is the browser's choice: those are documented, not refused.
 */
final class WebRefusals {
    private WebRefusals() {
    }

    /** Why the browser cannot open {@code request} as asked, or null when it can. */
    static String of(WebSocketRequest request) {
        if (request.headers().size() > 0) {
            return "browsers do not let a page set WebSocket handshake headers (" + request.headers().name(0)
                    + "); the browser sends its own (its cookies for the host, Origin, User-Agent). Pass the value "
                    + "in the URL's query or in the first message instead";
        }
        int ping = request.pingIntervalMillis();
        if (ping != 0 && ping != WebSocketRequest.DEFAULT_PING_INTERVAL_MILLIS) {
            return "browsers do not let a page send pings, so pingIntervalMillis(" + ping + ") cannot be honoured; "
                    + "the browser answers the server's pings itself. Leave it at its default, or 0, for the web build, "
                    + "and have the server ping if the connection must be kept alive";
        }
        int deadPeer = request.deadPeerTimeoutMillis();
        if (deadPeer != 0 && deadPeer != WebSocketRequest.DEFAULT_DEAD_PEER_TIMEOUT_MILLIS) {
            return "browsers do not tell a page when the server last sent a ping, so deadPeerTimeoutMillis("
                    + deadPeer + ") cannot be measured; leave it at its default, or 0, for the web build (the browser "
                    + "decides when the connection is dead), or time the server's own messages in the game";
        }
        return null;
    }
}
