package com.gdxfetch.net.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Graphics;

/**
 * The default wake-up: a game that turned continuous rendering off calls {@code update()} only
 * when libGDX renders a frame, so a waiting result asks for one. Any thread; libGDX's
 * {@code requestRendering()} is safe to call from outside the render thread.
 */
final class OnDemandRendering {
    private OnDemandRendering() {
    }

    static void requestFrame() {
        Graphics graphics = Gdx.graphics;
        if (graphics != null && !graphics.isContinuousRendering()) {
            graphics.requestRendering();
        }
    }
}
