package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.InputAdapter;
import com.badlogic.gdx.InputMultiplexer;
import com.badlogic.gdx.InputProcessor;
import com.gdxfetch.testing.GlTestWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderLoopTest {
    @Test
    void inARealWindowListenersRunOnTheRenderThreadInsideTheTick() {
        // Made on the render thread, which then owns it, as a game's create() would.
        InputMapper input = GlTestWindow.call(Fixtures::playing);
        List<String> heard = new ArrayList<>();
        ActionListener listener = new ActionListener() {
            @Override
            public void actionPressed(String action) {
                heard.add("+" + action + (GlTestWindow.isRenderThread() ? "@render" : "@other"));
            }

            @Override
            public void actionReleased(String action) {
                heard.add("-" + action + (GlTestWindow.isRenderThread() ? "@render" : "@other"));
            }
        };
        GlTestWindow.run(() -> input.addListener(listener));
        List<String> frames = new ArrayList<>();
        int[] frame = {0};
        GlTestWindow.run(() -> Gdx.input.setInputProcessor(new InputMultiplexer(new InputAdapter(), input)));
        try {
            GlTestWindow.runFrames(3, () -> {
                // Events reach the game through the backend's processor, as GLFW's would.
                InputProcessor processor = Gdx.input.getInputProcessor();
                if (frame[0] == 0) {
                    processor.keyDown(Keys.SPACE);
                    processor.keyUp(Keys.SPACE);
                    processor.keyDown(Keys.D);
                } else if (frame[0] == 2) {
                    processor.keyUp(Keys.D);
                }
                input.update();
                frames.add(input.justPressed("jump") + "/" + input.isPressed("right"));
                frame[0]++;
            });
        } finally {
            GlTestWindow.run(() -> Gdx.input.setInputProcessor(null));
        }
        assertEquals(List.of("true/true", "false/true", "false/false"), frames);
        assertEquals(List.of("+jump@render", "-jump@render", "+right@render", "-right@render"), heard);
    }
}
