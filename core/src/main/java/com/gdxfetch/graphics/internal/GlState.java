package com.gdxfetch.graphics.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * The GL state an off-screen pass disturbs: bound frame buffer, viewport, scissor, clear colour.
 *
 * <p>{@code FrameBuffer.end()} would rebind the window and reset the viewport to it, breaking a
 * caller that was itself drawing into a frame buffer; this puts back exactly what was there.
 * Render thread only.
 */
final class GlState {
    private final int frameBuffer;
    private final int[] viewport = new int[4];
    private final int[] scissor = new int[4];
    private final boolean scissorTest;
    private final float[] clearColor = new float[4];

    private GlState(IntBuffer ints, FloatBuffer floats) {
        Gdx.gl.glGetIntegerv(GL20.GL_FRAMEBUFFER_BINDING, ints);
        frameBuffer = ints.get(0);
        Gdx.gl.glGetIntegerv(GL20.GL_VIEWPORT, ints);
        ints.get(viewport, 0, 4);
        // Through Buffer: IntBuffer.rewind() returns IntBuffer only from Java 9, not on Android or RoboVM.
        ((Buffer) ints).rewind();
        Gdx.gl.glGetIntegerv(GL20.GL_SCISSOR_BOX, ints);
        ints.get(scissor, 0, 4);
        ((Buffer) ints).rewind();
        scissorTest = Gdx.gl.glIsEnabled(GL20.GL_SCISSOR_TEST);
        Gdx.gl.glGetFloatv(GL20.GL_COLOR_CLEAR_VALUE, floats);
        floats.get(clearColor, 0, 4);
        ((Buffer) floats).rewind();
    }

    /** Reads the current state, using the given buffers for the queries. */
    static GlState capture(IntBuffer ints, FloatBuffer floats) {
        return new GlState(ints, floats);
    }

    /** Puts the captured state back. */
    void restore() {
        Gdx.gl.glBindFramebuffer(GL20.GL_FRAMEBUFFER, frameBuffer);
        Gdx.gl.glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
        Gdx.gl.glScissor(scissor[0], scissor[1], scissor[2], scissor[3]);
        if (scissorTest) {
            Gdx.gl.glEnable(GL20.GL_SCISSOR_TEST);
        } else {
            Gdx.gl.glDisable(GL20.GL_SCISSOR_TEST);
        }
        Gdx.gl.glClearColor(clearColor[0], clearColor[1], clearColor[2], clearColor[3]);
    }
}
