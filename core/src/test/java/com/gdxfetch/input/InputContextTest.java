package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputContextTest {
    private static final int RAW_A = 0;
    private static final int RAW_LEFT_X = 0;

    @Test
    void higherContextConsumesABoundInputSoTheLowerOneDoesNotSeeIt() {
        InputMapper input = new InputMapper(Fixtures.gameMap());
        input.keyDown(Keys.SPACE);
        input.update();
        assertTrue(input.isPressed("confirm"));
        assertFalse(input.isPressed("jump"));
    }

    @Test
    void inputsTheHigherContextDoesNotBindStillReachTheLowerOne() {
        InputMapper input = new InputMapper(Fixtures.gameMap());
        input.keyDown(Keys.D);
        input.update();
        assertTrue(input.isPressed("right"));
    }

    @Test
    void contextThatConsumesNothingSharesInputsWithLowerContexts() {
        ActionMap map = Fixtures.gameMap();
        map.context("menu").consume(InputContext.Consume.NONE);
        InputMapper input = new InputMapper(map);
        input.keyDown(Keys.SPACE);
        input.update();
        assertTrue(input.isPressed("confirm"));
        assertTrue(input.isPressed("jump"));
    }

    @Test
    void contextThatConsumesAllHidesEveryInputFromLowerContexts() {
        ActionMap map = Fixtures.gameMap();
        map.context("menu").consume(InputContext.Consume.ALL);
        InputMapper input = new InputMapper(map);
        input.keyDown(Keys.D);
        input.keyDown(Keys.ESCAPE);
        input.update();
        assertFalse(input.isPressed("right"));
        assertTrue(input.isPressed("back"));

        input.setActive("menu", false);
        input.keyDown(Keys.A);
        input.update();
        assertTrue(input.isPressed("left"));
    }

    @Test
    void switchingAContextOffReleasesItsHeldActionsAndIgnoresLaterPresses() {
        InputMapper input = Fixtures.playing();
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(log);
        input.keyDown(Keys.D);
        input.update();
        input.setActive("gameplay", false);
        input.update();
        assertTrue(input.justReleased("right"));
        assertFalse(input.isPressed("right"));
        input.keyUp(Keys.D);
        input.keyDown(Keys.SPACE);
        input.update();
        assertFalse(input.isPressed("jump"));
        assertEquals(List.of("+right", "-right"), log.events);
    }

    @Test
    void inputHeldWhenAHigherContextOpensIsStillReleasedWhereItWentDown() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.update();
        input.setActive("menu", true);
        input.keyUp(Keys.SPACE);
        input.update();
        assertTrue(input.justReleased("jump"));
        assertFalse(input.isPressed("jump"));
        assertFalse(input.justReleased("confirm"));
    }

    @Test
    void closingTheMenuHandsSharedInputsBackToGameplay() {
        InputMapper input = new InputMapper(Fixtures.gameMap());
        input.setActive("menu", false);
        assertFalse(input.isActive("menu"));
        input.keyDown(Keys.SPACE);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertFalse(input.isPressed("confirm"));
    }

    @Test
    void listenerSwitchingContextsDefersTheReleaseToTheNextFrame() {
        InputMapper input = new InputMapper(Fixtures.gameMap());
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(new ActionListener() {
            @Override
            public void actionPressed(String action) {
                if ("back".equals(action)) {
                    input.setActive("menu", false);
                }
            }
        });
        input.addListener(log);
        input.keyDown(Keys.ESCAPE);
        input.update();
        assertEquals(List.of("+back"), log.events);
        assertTrue(input.isPressed("back"), "this frame's state was already latched");
        input.update();
        assertEquals(List.of("+back", "-back"), log.events);
        assertTrue(input.justReleased("back"));
    }

    @Test
    void aPadsButtonUpReleasesOnlyWhatItsOwnPressReachedNotWhatAnotherPadsPressReachedInANewContext() {
        InputMapper input = Fixtures.playing();
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        pads.buttonDown(one, RAW_A);
        input.update();
        input.setActive("menu", true);
        pads.buttonDown(two, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertTrue(input.isPressed("confirm"));
        pads.buttonUp(one, RAW_A);
        input.update();
        assertTrue(input.justReleased("jump"));
        assertTrue(input.isPressed("confirm"), "the second pad still holds A");
        assertFalse(input.justReleased("confirm"));
        pads.buttonUp(two, RAW_A);
        input.update();
        assertTrue(input.justReleased("confirm"));
    }

    @Test
    void aPadsPressEndedByAContextSwitchLeavesItsUpNothingOfAnotherPadsPressToEnd() {
        InputMapper input = Fixtures.playing();
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        pads.buttonDown(one, RAW_A);
        input.update();
        input.setActive("gameplay", false);
        input.update();
        assertTrue(input.justReleased("jump"));
        input.setActive("gameplay", true);
        pads.buttonDown(two, RAW_A);
        input.update();
        assertTrue(input.justPressed("jump"));
        pads.buttonUp(one, RAW_A);
        input.update();
        assertTrue(input.isPressed("jump"), "the first pad's press had already ended");
        assertFalse(input.justReleased("jump"));
    }

    @Test
    void aStickReleasedByAContextSwitchIsNotPressedAgainByAnotherPadsIdleJitter() {
        InputMapper input = Fixtures.playing();
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        pads.axisMoved(one, RAW_LEFT_X, 1f);
        input.update();
        input.setActive("gameplay", false);
        input.update();
        assertTrue(input.justReleased("right"));
        input.setActive("gameplay", true);
        pads.axisMoved(two, RAW_LEFT_X, 0.05f);
        input.update();
        assertFalse(input.isPressed("right"), "the idle pad pushes nothing");
        pads.axisMoved(one, RAW_LEFT_X, 0.9f);
        input.update();
        assertTrue(input.justPressed("right"), "the pushed stick presses again when it next moves");
    }

    @Test
    void aStickPushedOnAnotherPadAfterAHigherContextOpensReachesThatContext() {
        ActionMap map = Fixtures.gameMap();
        map.context("menu").action("menuRight", Binding.padAxis(PadAxes.LEFT_X, 1));
        InputMapper input = new InputMapper(map);
        input.setActive("menu", false);
        GamepadInput pads = new GamepadInput(input);
        TestController one = new TestController();
        TestController two = new TestController();
        pads.axisMoved(one, RAW_LEFT_X, 1f);
        input.update();
        input.setActive("menu", true);
        pads.axisMoved(two, RAW_LEFT_X, 0.8f);
        input.update();
        assertTrue(input.isPressed("menuRight"));
        assertTrue(input.isPressed("right"), "the first pad's push stays where it went down");
        pads.axisMoved(one, RAW_LEFT_X, 0f);
        input.update();
        assertTrue(input.justReleased("right"));
        assertTrue(input.isPressed("menuRight"));
        assertFalse(input.justReleased("menuRight"));
    }
}
