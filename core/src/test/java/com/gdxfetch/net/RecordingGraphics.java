package com.gdxfetch.net;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Graphics;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for {@code Gdx.graphics} (the boundary the manager's default wake-up talks to): a
 * fixed rendering mode, and a latch released by the first {@code requestRendering()}.
 */
final class RecordingGraphics {
    final CountDownLatch frameRequested = new CountDownLatch(1);
    private final Graphics previous = Gdx.graphics;

    private RecordingGraphics(boolean continuous) {
        Gdx.graphics = (Graphics) Proxy.newProxyInstance(Graphics.class.getClassLoader(),
                new Class<?>[] {Graphics.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isContinuousRendering":
                            return continuous;
                        case "requestRendering":
                            frameRequested.countDown();
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Replaces Gdx.graphics until {@link #uninstall()}. */
    static RecordingGraphics install(boolean continuous) {
        return new RecordingGraphics(continuous);
    }

    void uninstall() {
        Gdx.graphics = previous;
    }
}
