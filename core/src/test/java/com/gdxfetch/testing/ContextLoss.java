package com.gdxfetch.testing;

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
        Mesh.invalidateAllMeshes(Gdx.app);
        Texture.invalidateAllTextures(Gdx.app);
        Cubemap.invalidateAllCubemaps(Gdx.app);
        TextureArray.invalidateAllTextureArrays(Gdx.app);
        ShaderProgram.invalidateAllShaderPrograms(Gdx.app);
        FrameBuffer.invalidateAllFrameBuffers(Gdx.app);
    }
}
