package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.utils.Array;
import org.junit.jupiter.api.Test;

class RebindCaptureTest {
    private static final int RAW_Y = 3;
    private static final int RAW_R1 = 10;
    private static final int RAW_LEFT_Y = 1;

    private final InputMapper input = Fixtures.playing();
    private final ActionMap map = input.actions();

    @Test
    void nextKeyIsBoundAndNeitherItsPressNorReleaseReachesAnAction() {
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(log);
        RebindCapture capture = input.startCapture("jump", 0);
        assertTrue(input.keyDown(Keys.W));
        input.update();
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertEquals(Binding.key(Keys.W), capture.captured());
        assertEquals(Binding.key(Keys.W), map.binding("jump", 0));
        assertFalse(input.isPressed("jump"));
        assertTrue(input.keyUp(Keys.W));
        input.update();
        assertTrue(log.events.isEmpty(), log.events.toString());

        input.keyDown(Keys.W);
        input.update();
        assertTrue(input.justPressed("jump"));
    }

    @Test
    void whileWaitingGameplayActionsSeeNoPresses() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.ESCAPE);
        input.keyUp(Keys.ESCAPE);
        assertEquals(RebindCapture.State.CANCELLED, capture.state());
        input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        input.update();
        assertFalse(input.isPressed("right"));
    }

    @Test
    void escapeCancelsAndChangesNothing() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.ESCAPE);
        input.keyUp(Keys.ESCAPE);
        input.update();
        assertEquals(RebindCapture.State.CANCELLED, capture.state());
        assertNull(capture.captured());
        assertEquals(map.defaults("jump"), map.bindings("jump"));
    }

    @Test
    void slotPastTheLastBindingAddsOne() {
        RebindCapture capture = input.startCapture("jump", map.bindingCount("jump"));
        input.touchDown(1, 1, 0, Buttons.RIGHT);
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertEquals(3, map.bindingCount("jump"));
        assertEquals(Binding.mouse(Buttons.RIGHT), map.binding("jump", 2));
    }

    @Test
    void inputUsedByAnotherActionStopsAtAConflictNamingIt() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        assertEquals(RebindCapture.State.CONFLICT, capture.state());
        assertEquals("right", capture.conflictingAction());
        assertEquals(Binding.key(Keys.SPACE), map.binding("jump", 0), "nothing changes until the player chooses");
    }

    @Test
    void swapGivesTheOtherActionTheOldInput() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        capture.swap();
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertEquals(Binding.key(Keys.D), map.binding("jump", 0));
        assertEquals(Binding.key(Keys.SPACE), map.binding("right", 0));
        assertNull(map.conflict("jump", Binding.key(Keys.D)));
    }

    @Test
    void swapLeavesTheInputToThisActionAloneWhenTwoOtherActionsHadIt() {
        // A game may give one key two actions of a context; the capture names the first it finds.
        map.context("gameplay").action("dodge", Binding.key(Keys.D));
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        assertEquals("right", capture.conflictingAction());
        capture.swap();

        assertEquals(Binding.key(Keys.SPACE), map.binding("right", 0));
        assertNull(map.conflict("jump", Binding.key(Keys.D)), "D still drives another action after the swap");
        assertEquals(0, map.bindingCount("dodge"));
    }

    @Test
    void replaceTakesTheInputAwayFromTheOtherAction() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        capture.replace();
        assertEquals(Binding.key(Keys.D), map.binding("jump", 0));
        assertEquals(Array.with(Binding.key(Keys.RIGHT), Binding.padAxis(PadAxes.LEFT_X, 1)), map.bindings("right"));
    }

    @Test
    void replaceTakesTheInputAwayFromEveryOtherActionOfTheContextThatHasIt() {
        // A game may give one key two actions of a context; the capture names the first it finds.
        map.context("gameplay").action("dodge", Binding.key(Keys.D));
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        assertEquals("right", capture.conflictingAction());
        capture.replace();
        input.keyUp(Keys.D);
        input.update();

        input.keyDown(Keys.D);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertFalse(input.isPressed("dodge"), "D still dodges after the player took it for jump");
    }

    @Test
    void cancellingAConflictChangesNothing() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        capture.cancel();
        assertEquals(RebindCapture.State.CANCELLED, capture.state());
        assertEquals(map.defaults("jump"), map.bindings("jump"));
        assertEquals(map.defaults("right"), map.bindings("right"));
        assertThrows(IllegalStateException.class, capture::swap);
    }

    @Test
    void inputsOfOtherContextsAreNoConflict() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.ENTER);
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertEquals(Binding.key(Keys.ENTER), map.binding("jump", 0));
    }

    @Test
    void duringAConflictInputFlowsAgainSoTheMenuCanBeUsed() {
        input.setActive("menu", true);
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.D);
        assertEquals(RebindCapture.State.CONFLICT, capture.state());
        input.keyDown(Keys.ENTER);
        input.update();
        assertTrue(input.isPressed("confirm"));
    }

    @Test
    void stickMustBePushedHalfWayToBeCaptured() {
        GamepadInput pads = new GamepadInput(input);
        TestController pad = new TestController();
        RebindCapture capture = input.startCapture("shoot", 0);
        pads.axisMoved(pad, 3, 0.3f);
        assertEquals(RebindCapture.State.WAITING, capture.state());
        pads.axisMoved(pad, 3, 0.9f);
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertEquals("Pad Right Y+", map.binding("shoot", 0).toString());
        pads.axisMoved(pad, 3, 1f);
        input.update();
        assertFalse(input.isPressed("shoot"), "the stick that was captured must return to centre first");
        pads.axisMoved(pad, 3, 0f);
        pads.axisMoved(pad, 3, 1f);
        input.update();
        assertTrue(input.isPressed("shoot"));
    }

    @Test
    void startingANewCaptureCancelsTheOldOne() {
        RebindCapture first = input.startCapture("jump", 0);
        RebindCapture second = input.startCapture("shoot", 0);
        input.keyDown(Keys.X);
        assertEquals(RebindCapture.State.CANCELLED, first.state());
        assertEquals(RebindCapture.State.DONE, second.state());
        assertEquals(Binding.key(Keys.X), map.binding("shoot", 0));
    }

    @Test
    void slotOutOfRangeIsRefusedWithTheAction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> input.startCapture("jump", 5));
        assertTrue(e.getMessage().contains("'jump'") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void aCapturedKeyWhoseKeyUpWasLostPressesItsNewActionTheNextTime() {
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.W);
        input.update();
        assertEquals(RebindCapture.State.DONE, capture.state());
        // The window lost focus before W came up; libGDX never delivers that key-up.
        assertTrue(input.keyDown(Keys.W));
        input.update();
        assertTrue(input.justPressed("jump"), "the press is not swallowed waiting for the lost key-up");
        input.keyUp(Keys.W);
        input.update();
        assertFalse(input.isPressed("jump"));
    }

    @Test
    void aCapturedPadButtonSwallowsOnlyThatPadsUpAndPressesItsNewActionFromAnotherPad() {
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        RebindCapture capture = input.startCapture("jump", 0);
        pads.buttonDown(one, RAW_Y);
        assertEquals(RebindCapture.State.DONE, capture.state());
        assertTrue(pads.buttonDown(two, RAW_Y));
        input.update();
        assertTrue(input.justPressed("jump"), "the other pad's press is not the captured one");
        assertTrue(pads.buttonUp(one, RAW_Y), "the captured press's own up is swallowed");
        input.update();
        assertTrue(input.isPressed("jump"));
        pads.buttonUp(two, RAW_Y);
        input.update();
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void anotherPadsUpOfTheCapturedButtonIsNotSwallowed() {
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        pads.buttonDown(two, RAW_R1);
        input.update();
        assertTrue(input.isPressed("shoot"));
        RebindCapture capture = input.startCapture("shoot", 0);
        pads.buttonDown(one, RAW_R1);
        assertEquals(RebindCapture.State.DONE, capture.state());
        pads.buttonUp(two, RAW_R1);
        input.update();
        assertTrue(input.justReleased("shoot"));
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(log);
        assertTrue(pads.buttonUp(one, RAW_R1));
        input.update();
        assertTrue(log.events.isEmpty(), log.events.toString());
    }

    @Test
    void aPadUnpluggedWithItsCapturedButtonDownLeavesNoSwallowForAnotherPad() {
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        input.startCapture("jump", 0);
        pads.buttonDown(one, RAW_Y);
        pads.disconnected(one);
        pads.buttonDown(two, RAW_Y);
        input.update();
        assertTrue(input.justPressed("jump"));
        pads.buttonUp(two, RAW_Y);
        input.update();
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void aStickCapturedOnOnePadPressesItsNewActionFromAnotherPadWhileTheFirstStaysPushed() {
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        RebindCapture capture = input.startCapture("jump", 0);
        pads.axisMoved(one, RAW_LEFT_Y, 0.9f);
        assertEquals(Binding.padAxis(PadAxes.LEFT_Y, 1), capture.captured());
        pads.axisMoved(two, RAW_LEFT_Y, 0.9f);
        input.update();
        assertTrue(input.justPressed("jump"));
        pads.axisMoved(one, RAW_LEFT_Y, 1f);
        pads.axisMoved(one, RAW_LEFT_Y, 0f);
        input.update();
        assertTrue(input.isPressed("jump"), "the captured stick's moves stay swallowed");
        assertFalse(input.justReleased("jump"));
        pads.axisMoved(two, RAW_LEFT_Y, 0f);
        input.update();
        assertTrue(input.justReleased("jump"));
    }
}
