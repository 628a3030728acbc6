package com.gdxfetch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import org.junit.jupiter.api.Test;

class GlTestWindowTest {
    @Test
    void clearedFrameReadsBackAsTheClearColour() {
        int pixel = GlTestWindow.call(() -> {
            assertTrue(GlTestWindow.isRenderThread());
            Gdx.gl.glClearColor(1f, 0f, 0f, 1f);
            Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
            return GlTestWindow.readPixel(10, 10);
        });
        assertEquals(0xff0000ff, pixel);
    }

    @Test
    void runFramesCallsOncePerFrame() {
        long[] frameIds = new long[3];
        int[] calls = {0};
        GlTestWindow.runFrames(3, () -> frameIds[calls[0]++] = Gdx.graphics.getFrameId());
        assertEquals(3, calls[0]);
        assertTrue(frameIds[0] < frameIds[1] && frameIds[1] < frameIds[2]);
    }
}
