package com.gdxfetch.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.TextureData;
import com.badlogic.gdx.utils.GdxRuntimeException;

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
        watched = Gdx.app;
        if (watched != null && Gdx.gl != null) {
            new Texture(new Sentinel());
        }
    }

    /** One texel, reuploaded by libGDX into each new context; counting its uploads counts the contexts. */
    private static final class Sentinel implements TextureData {
        @Override
        public void consumeCustomData(int target) {
            generation++;
            Gdx.gl.glTexImage2D(target, 0, GL20.GL_RGBA, 1, 1, 0, GL20.GL_RGBA, GL20.GL_UNSIGNED_BYTE, null);
        }

        @Override
        public TextureDataType getType() {
            return TextureDataType.Custom;
        }

        @Override
        public boolean isPrepared() {
            return true;
        }

        @Override
        public void prepare() {
        }

        @Override
        public Pixmap consumePixmap() {
            throw new GdxRuntimeException("the context sentinel has no pixmap");
        }

        @Override
        public boolean disposePixmap() {
            return false;
        }

        @Override
        public int getWidth() {
            return 1;
        }

        @Override
        public int getHeight() {
            return 1;
        }

        @Override
        public Pixmap.Format getFormat() {
            return Pixmap.Format.RGBA8888;
        }

        @Override
        public boolean useMipMaps() {
            return false;
        }

        @Override
        public boolean isManaged() {
            return true;
        }
    }
}
