package com.gdxfetch.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Counts the GL contexts the application has had, so GPU content made in an earlier one can be
 * told apart and made again.
 *
 * <p>A lost context (Android, when a paused app cannot keep its EGL context) kills every GL name;
 * the backend makes a new context and reloads the managed textures, which libGDX tracks per
 * {@link Application}. A 1x1 managed texture of our own is among them, and its reload is the
 * signal: it bumps the generation. Every backend that restores managed textures restores ours,
 * so no backend-specific code is needed. The sentinel is made once for each application that
 * becomes {@code Gdx.app} (Android's {@code onResume} makes an activity's application current
 * again, and tests make several), and never disposed; libGDX drops it with the application. Its
 * first upload is not counted, so a new application's sentinel is no lost context.
 *
 * <p>Render thread only. {@link #generation()} is two field reads once the sentinel exists, and
 * allocates nothing.
 */
public final class GlContext {
    private static Application watched;
    private static int generation;
    /** The applications that have a sentinel; weak, so an ended one is not kept. */
    private static final Map<Application, Boolean> sentinels = new WeakHashMap<>();

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
        Application app = Gdx.app;
        if (app != null && Gdx.gl != null) {
            watched = app;
            if (!sentinels.containsKey(app)) {
                sentinels.put(app, Boolean.TRUE);
                new Texture(new Sentinel());
            }
        }
    }

    /** One blank texel, reuploaded by libGDX into each new context; counting its reuploads counts the contexts. */
    private static final class Sentinel extends RestorableStorage {
        private boolean uploaded;

        Sentinel() {
            super(1, 1, Pixmap.Format.RGBA8888, false);
        }

        @Override
        public void consumeCustomData(int target) {
            if (uploaded) {
                generation++;
            }
            uploaded = true;
            super.consumeCustomData(target);
        }
    }
}
