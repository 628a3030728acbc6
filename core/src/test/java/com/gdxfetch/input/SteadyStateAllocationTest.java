package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.gdxfetch.testing.Allocations;
import org.junit.jupiter.api.Test;

class SteadyStateAllocationTest {
    private static final float[] STICK = {0f, 0.1f, 0.5f, 1f, 0.7f, -0.3f, -1f, -0.05f};

    @Test
    void framesFullOfEventsAllocateNothingOnceWarm() {
        InputMapper input = Fixtures.playing();
        GamepadInput pads = new GamepadInput(input);
        TestController pad = new TestController();
        int[] heard = {0};
        input.addListener(new ActionListener() {
            @Override
            public void actionPressed(String action) {
                heard[0]++;
            }

            @Override
            public void actionReleased(String action) {
                heard[0]++;
            }
        });
        float[] sink = new float[1];
        int[] frame = {0};
        Allocations.assertNothingAllocatedOnceWarm("1,000 steady-state frames", () -> {
            for (int i = 0; i < 1_000; i++) {
                sink[0] += frame(input, pads, pad, frame[0]++);
            }
        }, 50, 1);

        heard[0] = 0;
        for (int i = 0; i < 1_000; i++) {
            sink[0] += frame(input, pads, pad, frame[0]++);
        }
        assertTrue(heard[0] >= 6_000, "listeners heard " + heard[0] + " events");
        assertTrue(sink[0] != 0f);
    }

    @Test
    void twoPadsPressingAndReleasingEveryFrameAllocateNothingOnceWarm() {
        InputMapper input = Fixtures.playing();
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        float[] sink = new float[1];
        int[] frame = {0};
        Allocations.assertNothingAllocatedOnceWarm("1,000 frames of two pads", () -> {
            for (int i = 0; i < 1_000; i++) {
                sink[0] += twoPadFrame(input, pads, one, two, frame[0]++);
            }
        }, 50, 1);
        assertTrue(sink[0] != 0f);
    }

    /** Both pads press the same buttons and push the same stick, overlapping, then let go. */
    private static float twoPadFrame(InputMapper input, GamepadInput pads, TestController one, TestController two,
            int frame) {
        pads.buttonDown(one, 0);
        pads.buttonDown(two, 0);
        pads.buttonDown(two, 10);
        pads.axisMoved(one, 0, STICK[frame % STICK.length]);
        pads.axisMoved(two, 0, STICK[(frame + 3) % STICK.length]);
        input.update();
        float result = input.axis("left", "right") + (input.justPressed("jump") ? 1 : 0)
            + (input.isPressed("shoot") ? 1 : 0);
        pads.buttonUp(one, 0);
        pads.buttonDown(one, 10);
        pads.buttonUp(two, 10);
        pads.buttonUp(two, 0);
        input.update();
        result += input.justReleased("jump") ? 1 : 0;
        pads.buttonUp(one, 10);
        return result;
    }

    /** One frame's worth of input, then the tick and the queries a game makes. */
    private static float frame(InputMapper input, GamepadInput pads, TestController pad, int frame) {
        input.keyDown(Keys.SPACE);
        input.keyUp(Keys.SPACE);
        input.keyDown(Keys.D);
        input.touchDown(3, 4, 0, Buttons.LEFT);
        input.scrolled(0f, 1f);
        pads.buttonDown(pad, 10);
        pads.axisMoved(pad, 0, STICK[frame % STICK.length]);
        input.update();
        float result = input.axis("left", "right") + (input.justPressed("jump") ? 1 : 0)
            + (input.isPressed("shoot") ? 1 : 0) + (input.justReleased("nextWeapon") ? 1 : 0);
        input.keyUp(Keys.D);
        input.touchUp(3, 4, 0, Buttons.LEFT);
        pads.buttonUp(pad, 10);
        return result;
    }
}
