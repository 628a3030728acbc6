package com.gdxfetch.net.internal;

import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.FetchException;

/** One Server-Sent Events stream event on its way to the render thread (desktop's stream or the browser's). */
final class SseEvent extends LiveChannel.Event {
    static final int OPEN = 0;
    static final int MESSAGE = 1;
    static final int RECONNECTING = 2;
    static final int CLOSED = 3;
    static final int FAILURE = 4;

    final int kind;
    final String type;
    final String data;
    final String id;
    final int attempt;
    final long delayMillis;
    final FetchException failure;

    private SseEvent(LiveChannel channel, int kind, String type, String data, String id, int attempt,
            long delayMillis, FetchException failure) {
        super(channel);
        this.kind = kind;
        this.type = type;
        this.data = data;
        this.id = id;
        this.attempt = attempt;
        this.delayMillis = delayMillis;
        this.failure = failure;
    }

    @Override
    boolean isTerminal() {
        return kind == CLOSED || kind == FAILURE;
    }

    static SseEvent open(LiveChannel channel) {
        return new SseEvent(channel, OPEN, null, null, null, 0, 0, null);
    }

    static SseEvent message(LiveChannel channel, String type, String data, String id) {
        return new SseEvent(channel, MESSAGE, type, data, id, 0, 0, null);
    }

    static SseEvent reconnecting(LiveChannel channel, int attempt, long delayMillis) {
        return new SseEvent(channel, RECONNECTING, null, null, null, attempt, delayMillis, null);
    }

    static SseEvent closed(LiveChannel channel) {
        return new SseEvent(channel, CLOSED, null, null, null, 0, 0, null);
    }

    static SseEvent failure(LiveChannel channel, FetchException failure) {
        return new SseEvent(channel, FAILURE, null, null, null, 0, 0, failure);
    }

    /** Calls {@code listener}'s method for this event, on the render thread; the same on every platform. */
    void deliverTo(EventStream stream, EventStreamListener listener) {
        switch (kind) {
            case OPEN:
                listener.onOpen(stream);
                break;
            case MESSAGE:
                listener.onEvent(stream, type, data, id);
                break;
            case RECONNECTING:
                listener.onReconnecting(stream, attempt, delayMillis);
                break;
            case CLOSED:
                listener.onClosed(stream);
                break;
            default:
                listener.onFailure(stream, failure);
                break;
        }
    }
}
