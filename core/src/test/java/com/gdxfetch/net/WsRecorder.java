package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records a channel's events as readable lines, checking each arrives on the expected thread. */
class WsRecorder implements WebSocketListener {
    final List<String> events = new ArrayList<>();
    final List<byte[]> binaries = new ArrayList<>();
    /** The delay each {@code onReconnecting} announced, in order. */
    final List<Long> reconnectDelays = new ArrayList<>();
    final Thread renderThread = Thread.currentThread();
    FetchException failure;
    int terminals;
    int messages;

    @Override
    public void onOpen(WebSocket webSocket, String protocol) {
        record("open " + protocol);
    }

    @Override
    public void onText(WebSocket webSocket, String text) {
        messages++;
        record("text " + text);
    }

    @Override
    public void onBinary(WebSocket webSocket, byte[] data) {
        messages++;
        binaries.add(data);
        record("binary " + data.length);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        record("closing " + code + " " + reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        terminals++;
        record("closed " + code + " " + reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, FetchException failure) {
        terminals++;
        this.failure = failure;
        record("failure " + failure.kind());
    }

    @Override
    public void onReconnecting(WebSocket webSocket, int attempt, long delayMillis) {
        reconnectDelays.add(delayMillis);
        record("reconnecting " + attempt);
    }

    void record(String event) {
        assertSame(renderThread, Thread.currentThread(), "event " + event + " off the render thread");
        events.add(event);
    }

    boolean has(String event) {
        return events.contains(event);
    }

    boolean ended() {
        return terminals > 0;
    }

    String last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    static String bytes(byte[] data) {
        return Arrays.toString(data);
    }
}
