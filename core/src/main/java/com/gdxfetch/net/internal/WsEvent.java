package com.gdxfetch.net.internal;

import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;

/** One WebSocket channel event on its way to the render thread (desktop's channel or the browser's). */
final class WsEvent extends LiveChannel.Event {
    static final int OPEN = 0;
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSING = 3;
    static final int CLOSED = 4;
    static final int FAILURE = 5;
    static final int RECONNECTING = 6;

    final int type;
    /** The text message, close reason or subprotocol. */
    final String text;
    final byte[] data;
    /** The close code or reconnect attempt. */
    final int code;
    final long delayMillis;
    final FetchException failure;

    private WsEvent(LiveChannel channel, int type, String text, byte[] data, int code, long delayMillis,
            FetchException failure) {
        super(channel);
        this.type = type;
        this.text = text;
        this.data = data;
        this.code = code;
        this.delayMillis = delayMillis;
        this.failure = failure;
    }

    @Override
    boolean isTerminal() {
        return type == CLOSED || type == FAILURE;
    }

    static WsEvent open(LiveChannel channel, String protocol) {
        return new WsEvent(channel, OPEN, protocol, null, 0, 0, null);
    }

    static WsEvent text(LiveChannel channel, String text) {
        return new WsEvent(channel, TEXT, text, null, 0, 0, null);
    }

    static WsEvent binary(LiveChannel channel, byte[] data) {
        return new WsEvent(channel, BINARY, null, data, 0, 0, null);
    }

    static WsEvent closing(LiveChannel channel, int code, String reason) {
        return new WsEvent(channel, CLOSING, reason, null, code, 0, null);
    }

    static WsEvent closed(LiveChannel channel, int code, String reason) {
        return new WsEvent(channel, CLOSED, reason, null, code, 0, null);
    }

    static WsEvent failure(LiveChannel channel, FetchException failure) {
        return new WsEvent(channel, FAILURE, null, null, 0, 0, failure);
    }

    static WsEvent reconnecting(LiveChannel channel, int attempt, long delayMillis) {
        return new WsEvent(channel, RECONNECTING, null, null, attempt, delayMillis, null);
    }

    /** Calls {@code listener}'s method for this event, on the render thread; the same on every platform. */
    void deliverTo(WebSocket channel, WebSocketListener listener) {
        switch (type) {
            case OPEN:
                listener.onOpen(channel, text);
                break;
            case TEXT:
                listener.onText(channel, text);
                break;
            case BINARY:
                listener.onBinary(channel, data);
                break;
            case CLOSING:
                listener.onClosing(channel, code, text);
                break;
            case CLOSED:
                listener.onClosed(channel, code, text);
                break;
            case FAILURE:
                listener.onFailure(channel, failure);
                break;
            default:
                listener.onReconnecting(channel, code, delayMillis);
                break;
        }
    }
}
