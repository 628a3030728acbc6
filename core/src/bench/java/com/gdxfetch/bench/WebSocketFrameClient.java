package com.gdxfetch.bench;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket channel in the frame suite's loop: the frame that asks for {@code n} responses
 * has the server send {@code n} text messages of 64 bytes at once (the npm ws server's
 * {@code cmd:flood}), and each message handed to the game counts as one. The channel stays open
 * for the whole suite, as a game keeps its lobby connection.
 */
final class WebSocketFrameClient extends FetchFrameClient {
    static final int MESSAGE_BYTES = 64;

    private final WebSocket channel;

    WebSocketFrameClient(String url) {
        super("gdx-fetch-websocket", new FetchManager());
        channel = fetch().webSocket(url).open(new WebSocketListener() {
            @Override
            public void onText(WebSocket webSocket, String text) {
                long start = callbackStarted();
                parsedOne(text.charAt(0));
                callbackEnded(start);
            }

            @Override
            public void onFailure(WebSocket webSocket, FetchException failure) {
                if (failure.kind() != FailureKind.CANCELLED) {
                    // Cancelled is the suite's end closing the manager, not a lost message.
                    failedOne(failure);
                }
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.state() != WebSocket.State.OPEN) {
            if (System.nanoTime() - deadline > 0 || channel.state() == WebSocket.State.CLOSED) {
                throw new IllegalStateException("the WebSocket channel to " + url + " did not open: " + channel.state());
            }
            fetch().update();
            Thread.yield();
        }
    }

    @Override
    void send(String url, int newRequests) {
        if (newRequests > 0) {
            channel.send("cmd:flood:" + newRequests + ":" + MESSAGE_BYTES);
        }
    }
}
