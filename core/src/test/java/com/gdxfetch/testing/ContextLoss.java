package com.gdxfetch.testing;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Cubemap;
import com.badlogic.gdx.graphics.Mesh;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.TextureArray;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.badlogic.gdx.graphics.glutils.ShaderProgram;

/**
 * Loses the GL context the way libGDX's Android backend experiences it, in the test window.
 *
 * <p>On Android every GL name dies with the EGL context; the backend then makes a new context and,
 * in {@code AndroidGraphics.onSurfaceCreated}, calls the invalidate methods below in this order.
 * Here the window keeps its context, so the names are deleted by hand: afterwards a texture
 * nobody reloads names nothing, or whatever a reloaded one was given in its place.
 */
public final class ContextLoss {
    /** Names are small counters on Mesa; this bound is far above what a test makes. */
    private static final int HIGHEST_NAME = 1 << 14;

    private ContextLoss() {
    }

    /** Deletes every texture, frame buffer and render buffer, then rebuilds as Android does. Render thread. */
    public static void simulate() {
        for (int name = 1; name < HIGHEST_NAME; name++) {
            if (Gdx.gl.glIsTexture(name)) {
                Gdx.gl.glDeleteTexture(name);
            }
            if (Gdx.gl.glIsFramebuffer(name)) {
                Gdx.gl.glDeleteFramebuffer(name);
            }
            if (Gdx.gl.glIsRenderbuffer(name)) {
                Gdx.gl.glDeleteRenderbuffer(name);
            }
        }
        rebuild(Gdx.app);
    }

    /**
     * Rebuilds what {@code app} manages, as its own {@code onSurfaceCreated} would: for a test that
     * lost the context while another application of the process was {@code Gdx.app}. Render thread.
     */
    public static void rebuild(Application app) {
        Mesh.invalidateAllMeshes(app);
        Texture.invalidateAllTextures(app);
        Cubemap.invalidateAllCubemaps(app);
        TextureArray.invalidateAllTextureArrays(app);
        ShaderProgram.invalidateAllShaderPrograms(app);
        FrameBuffer.invalidateAllFrameBuffers(app);
    }
}
