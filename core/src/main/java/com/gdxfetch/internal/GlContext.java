package com.gdxfetch.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;

/**
 * Counts the GL contexts the application has had, so GPU content made in an earlier one can be
 * told apart and made again.
 *
 * <p>A lost context (Android, when a paused app cannot keep its EGL context) kills every GL name;
 * the backend makes a new context and reloads the managed textures, which libGDX tracks per
 * {@link Application}. A 1x1 managed texture of our own is among them, and its reload is the
 * signal: it bumps the generation. Every backend that restores managed textures restores ours,
 * so no backend-specific code is needed. The sentinel is made for each new {@code Gdx.app} and
 * never disposed; libGDX drops it with the application.
 *
 * <p>Render thread only. {@link #generation()} is two field reads once the sentinel exists, and
 * allocates nothing.
 */
public final class GlContext {
    private static Application watched;
    private static int generation;

    private GlContext() {
    }

    /**
     * The current context's number; it changes whenever managed textures were reloaded into a
     * new context. Content painted or uploaded under another number is gone. Render thread.
     */
    public static int generation() {
        if (watched != Gdx.app) {
            watch();
        }
        return generation;
    }

    private static void watch() {
        // Not before the application has GL (Android sets Gdx.app before its first surface):
        // marked watched then, it would never get its sentinel and never see a loss.
        if (Gdx.app != null && Gdx.gl != null) {
            watched = Gdx.app;
            new Texture(new Sentinel());
        }
    }

    /** One blank texel, reuploaded by libGDX into each new context; counting its uploads counts the contexts. */
    private static final class Sentinel extends RestorableStorage {
        Sentinel() {
            super(1, 1, Pixmap.Format.RGBA8888, false);
        }

        @Override
        public void consumeCustomData(int target) {
            generation++;
            super.consumeCustomData(target);
        }
    }
}
