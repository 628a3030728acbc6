package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;
import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The web build's channels: none yet. WebSockets and event streams run over the socket transport's
 * own connections on worker threads; a browser build has neither, so opening one fails at once
 * with a message that says so, and the manager never has a channel to deliver for.
 */
final class Channels {
    Channels(Engine engine) {
    }

    WebSocket open(WebSocketRequest request, WebSocketListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("WebSocket request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("WebSocket listener is null");
        }
        throw new IllegalStateException("WebSockets are not available in web builds yet; "
                + request.url() + " was not opened");
    }

    EventStream openEvents(EventStreamRequest request, EventStreamListener listener) {
        if (request == null) {
            throw new IllegalArgumentException("event stream request is null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("event stream listener is null");
        }
        throw new IllegalStateException("Server-Sent Events are not available in web builds yet; "
                + request.url() + " was not opened");
    }

    int liveCount() {
        return 0;
    }

    boolean hasEvents() {
        return false;
    }

    void deliver(long deadline, Clock clock) {
    }

    List<LiveChannel> close() {
        return new ArrayList<LiveChannel>();
    }

    void deliverTerminals(List<LiveChannel> open) {
    }
}
