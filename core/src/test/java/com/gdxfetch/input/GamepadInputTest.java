package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import org.junit.jupiter.api.Test;

class GamepadInputTest {
    private static final int RAW_A = 0;
    private static final int RAW_Y = 3;
    private static final int RAW_R1 = 10;
    private static final int RAW_GUIDE = 5;
    private static final int RAW_LEFT_X = 0;
    private static final int RAW_LEFT_Y = 1;
    private static final int RAW_LEFT_TRIGGER = 4;

    private final InputMapper input = Fixtures.playing();
    private final GamepadInput pads = new GamepadInput(input);
    private final TestController pad = new TestController();

    @Test
    void rawButtonsArriveAsTheButtonsTheControllerMappingNames() {
        pads.buttonDown(pad, RAW_A);
        pads.buttonDown(pad, RAW_R1);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertTrue(input.isPressed("shoot"));
        pads.buttonUp(pad, RAW_A);
        input.update();
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void buttonsTheMappingDoesNotNameBindByRawIndex() {
        input.actions().context("gameplay").action("map", Binding.padButton(PadButtons.raw(RAW_GUIDE)));
        assertEquals("Pad Button 5", input.actions().binding("map", 0).toString());
        pads.buttonDown(pad, RAW_GUIDE);
        input.update();
        assertTrue(input.isPressed("map"));
    }

    @Test
    void stickInsideTheDeadzoneDoesNothing() {
        pads.axisMoved(pad, RAW_LEFT_X, 0.15f);
        input.update();
        assertFalse(input.isPressed("right"));
        assertEquals(0f, input.axis("left", "right"));
    }

    @Test
    void stickPastTheDeadzoneGivesAnAnalogAxisRescaledToFullRange() {
        pads.axisMoved(pad, RAW_LEFT_X, 0.6f);
        input.update();
        assertTrue(input.justPressed("right"));
        assertEquals(0.5f, input.axis("left", "right"), 1e-6f);
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        assertFalse(input.justPressed("right"), "moving further is not a new press");
        assertEquals(1f, input.axis("left", "right"), 1e-6f);
    }

    @Test
    void stickFlickedAcrossTheCentreInOneEventSwapsDirections() {
        pads.axisMoved(pad, RAW_LEFT_X, -1f);
        input.update();
        assertEquals(-1f, input.axis("left", "right"), 1e-6f);
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        assertTrue(input.justReleased("left"));
        assertTrue(input.justPressed("right"));
        assertEquals(1f, input.axis("left", "right"), 1e-6f);
    }

    @Test
    void aStickReadingThatIsNotANumberCountsAsCentred() {
        pads.axisMoved(pad, RAW_LEFT_X, 0.6f);
        input.update();
        pads.axisMoved(pad, RAW_LEFT_X, Float.NaN);
        input.update();
        assertEquals(0f, input.axis("left", "right"), "a NaN axis would move the player to NaN");
        assertFalse(input.isPressed("left"));
        assertTrue(input.justReleased("right"));
        pads.axisMoved(pad, RAW_LEFT_X, Float.NaN);
        input.update();
        assertFalse(input.isPressed("left") || input.isPressed("right"));
    }

    @Test
    void keyAndStickOnTheSameActionGiveTheStrongerOfTheTwo() {
        pads.axisMoved(pad, RAW_LEFT_X, 0.6f);
        input.keyDown(Keys.D);
        input.update();
        assertEquals(1f, input.strength("right"), 1e-6f);
        input.keyUp(Keys.D);
        input.update();
        assertTrue(input.isPressed("right"));
        assertEquals(0.5f, input.strength("right"), 1e-6f);
    }

    @Test
    void deadzoneIsTheMapsToChoose() {
        input.actions().setDeadzone(0.5f);
        pads.axisMoved(pad, RAW_LEFT_X, 0.4f);
        input.update();
        assertFalse(input.isPressed("right"));
        pads.axisMoved(pad, RAW_LEFT_X, 0.75f);
        input.update();
        assertEquals(0.5f, input.strength("right"), 1e-6f);
    }

    @Test
    void unmappedAxisBindsByRawIndex() {
        input.actions().context("gameplay").action("brake", Binding.padAxis(PadAxes.raw(RAW_LEFT_TRIGGER), 1));
        pads.axisMoved(pad, RAW_LEFT_TRIGGER, 1f);
        input.update();
        assertTrue(input.isPressed("brake"));
    }

    @Test
    void disconnectingReleasesWhatThePadHeldButNotTheKeyboard() {
        pads.buttonDown(pad, RAW_A);
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.keyDown(Keys.CONTROL_LEFT);
        input.update();
        pads.disconnected(pad);
        input.update();
        assertTrue(input.justReleased("jump"));
        assertTrue(input.justReleased("right"));
        assertTrue(input.isPressed("shoot"));
    }

    @Test
    void listenerForOneControllerIgnoresTheOthers() {
        TestController other = new TestController();
        GamepadInput playerOne = new GamepadInput(input, pad);
        assertFalse(playerOne.buttonDown(other, RAW_A));
        input.update();
        assertFalse(input.isPressed("jump"));
        assertTrue(playerOne.buttonDown(pad, RAW_A));
        input.update();
        assertTrue(input.isPressed("jump"));
    }

    @Test
    void sameButtonHeldOnTwoPadsStaysPressedUntilBothLetGo() {
        TestController other = new TestController();
        pads.buttonDown(pad, RAW_A);
        pads.buttonDown(other, RAW_A);
        pads.buttonUp(pad, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"));
        pads.buttonUp(other, RAW_A);
        input.update();
        assertFalse(input.isPressed("jump"));
    }

    @Test
    void aPadButtonTakenByACaptureStillPressesAfterThePadIsUnpluggedWhileHoldingIt() {
        RebindCapture capture = input.startCapture("shoot", 0);
        pads.buttonDown(pad, RAW_Y);
        input.update();
        assertEquals(RebindCapture.State.DONE, capture.state());
        pads.disconnected(pad);
        input.update();

        TestController replugged = new TestController();
        pads.connected(replugged);
        assertTrue(pads.buttonDown(replugged, RAW_Y), "the press reaches shoot, not a wait for a lost release");
        input.update();
        assertTrue(input.justPressed("shoot"));
    }

    @Test
    void aStickTakenByACaptureStillPressesAfterThePadIsUnpluggedWhilePushingIt() {
        RebindCapture capture = input.startCapture("jump", 0);
        pads.axisMoved(pad, RAW_LEFT_Y, 0.9f);
        input.update();
        assertEquals(Binding.padAxis(PadAxes.LEFT_Y, 1), capture.captured());
        pads.disconnected(pad);
        input.update();

        pads.axisMoved(pad, RAW_LEFT_Y, 0.9f);
        input.update();
        assertTrue(input.isPressed("jump"));
    }
    @Test
    void anIdlePadInsideTheDeadzoneDoesNotReleaseTheStickAnotherPadHolds() {
        TestController idle = new TestController();
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        pads.axisMoved(idle, RAW_LEFT_X, 0.05f);
        pads.axisMoved(idle, RAW_LEFT_X, -0.1f);
        input.update();
        assertTrue(input.isPressed("right"));
        assertFalse(input.justReleased("right"));
        assertEquals(1f, input.axis("left", "right"), 1e-6f);
    }

    @Test
    void aStickPushedOnTwoPadsIsAsStrongAsTheFurtherAndHeldUntilBothLetGo() {
        TestController other = new TestController();
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        pads.axisMoved(other, RAW_LEFT_X, 0.6f);
        input.update();
        assertEquals(1f, input.strength("right"), 1e-6f, "the weaker pad does not weaken the stronger");
        pads.axisMoved(pad, RAW_LEFT_X, 0f);
        input.update();
        assertTrue(input.isPressed("right"));
        assertFalse(input.justReleased("right"));
        assertEquals(0.5f, input.strength("right"), 1e-6f);
        pads.axisMoved(other, RAW_LEFT_X, 0.1f);
        input.update();
        assertTrue(input.justReleased("right"));
    }

    @Test
    void twoPadsPushingOneStickOppositeWaysHoldBothDirections() {
        TestController other = new TestController();
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        pads.axisMoved(other, RAW_LEFT_X, -1f);
        input.update();
        assertTrue(input.isPressed("right"));
        assertTrue(input.isPressed("left"));
    }

    @Test
    void unpluggingAnIdlePadKeepsWhatTheOtherPadHolds() {
        TestController idle = new TestController();
        pads.buttonDown(pad, RAW_A);
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        pads.axisMoved(idle, RAW_LEFT_X, 0f);
        input.update();
        pads.disconnected(idle);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertTrue(input.isPressed("right"));
        assertFalse(input.justReleased("right"));
    }

    @Test
    void unpluggingThePadThatPushesTheStickReleasesItWhileTheOtherPadIdles() {
        TestController idle = new TestController();
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        pads.axisMoved(idle, RAW_LEFT_X, 0.1f);
        input.update();
        pads.disconnected(pad);
        input.update();
        assertTrue(input.justReleased("right"));
        assertEquals(0f, input.axis("left", "right"));
    }

    @Test
    void unpluggingOneOfTwoPadsHoldingAButtonKeepsItPressedUntilTheOtherLetsGo() {
        TestController other = new TestController();
        pads.buttonDown(pad, RAW_A);
        pads.buttonDown(other, RAW_A);
        pads.disconnected(pad);
        input.update();
        assertTrue(input.isPressed("jump"));
        pads.buttonUp(other, RAW_A);
        input.update();
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void aButtonUpFromAPadThatNeverPressedItDoesNotReleaseAnotherPadsHold() {
        TestController other = new TestController();
        pads.buttonDown(pad, RAW_A);
        pads.buttonUp(other, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"));
    }

    @Test
    void aButtonDownRepeatedWithoutItsUpCountsOnceForThatPad() {
        pads.buttonDown(pad, RAW_A);
        pads.buttonDown(pad, RAW_A);
        pads.buttonUp(pad, RAW_A);
        input.update();
        assertFalse(input.isPressed("jump"));
    }

    @Test
    void aLateButtonUpAfterReleaseAllDoesNotEndTheSameButtonPressedSinceOnAnotherPad() {
        TestController other = new TestController();
        pads.buttonDown(pad, RAW_A);
        input.releaseAll();
        pads.buttonDown(other, RAW_A);
        pads.buttonUp(pad, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"));
    }

    @Test
    void aPadRepluggedAsANewControllerReleasesWhatTheOldOneHeldThoughItsDisconnectedEventNeverCame() {
        pads.buttonDown(pad, RAW_A);
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        pad.unplug();
        TestController replugged = new TestController();
        pads.connected(replugged);
        input.update();
        assertTrue(input.justReleased("jump"));
        assertTrue(input.justReleased("right"));

        pads.buttonDown(replugged, RAW_A);
        input.update();
        assertTrue(input.justPressed("jump"), "the new controller starts clean");
        pads.disconnected(pad);
        input.update();
        assertTrue(input.isPressed("jump"), "the old controller's late event touches nothing of the new one's");
        pads.buttonUp(replugged, RAW_A);
        input.update();
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void aNewControllerWhoseConnectedEventWasMissedStillEndsTheUnpluggedOnesHolds() {
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        pad.unplug();
        TestController replugged = new TestController();
        pads.buttonDown(replugged, RAW_A);
        input.update();
        assertTrue(input.justReleased("right"));
        assertTrue(input.justPressed("jump"));
    }

    @Test
    void aStickWhoseReturnToCentreWasLostDoesNotKeepAnotherPadsPushHeld() {
        TestController other = new TestController();
        pads.axisMoved(pad, RAW_LEFT_X, 1f);
        input.update();
        // Focus went away; the first pad's stick came back to centre while no events arrived.
        input.releaseAll();
        input.update();
        pads.axisMoved(other, RAW_LEFT_X, 0.6f);
        input.update();
        assertEquals(0.5f, input.strength("right"), 1e-6f, "the lost position does not count");
        pads.axisMoved(other, RAW_LEFT_X, 0f);
        input.update();
        assertTrue(input.justReleased("right"));
        assertFalse(input.isPressed("right"));
    }

    @Test
    void aButtonWhoseUpWasLostIsEndedByThatPadsNextPressAndReleaseWhileAnotherPadHeldIt() {
        TestController other = new TestController();
        pads.buttonDown(pad, RAW_A);
        pads.buttonDown(other, RAW_A);
        pads.buttonUp(other, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"), "as far as anyone knows, the first pad still holds A");
        pads.buttonDown(pad, RAW_A);
        pads.buttonUp(pad, RAW_A);
        input.update();
        assertFalse(input.isPressed("jump"));
    }
}
