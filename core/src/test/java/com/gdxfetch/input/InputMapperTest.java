package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.InputAdapter;
import com.badlogic.gdx.InputMultiplexer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputMapperTest {
    @Test
    void keyPressedAndReleasedWithinOneFrameShowsBothEdgesButIsNotHeld() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.keyUp(Keys.SPACE);
        input.update();
        assertTrue(input.justPressed("jump"));
        assertTrue(input.justReleased("jump"));
        assertFalse(input.isPressed("jump"));

        input.update();
        assertFalse(input.justPressed("jump"));
        assertFalse(input.justReleased("jump"));
    }

    @Test
    void heldKeyIsPressedEveryFrameButJustPressedOnlyOnTheFirst() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        int framesJustPressed = 0;
        for (int frame = 0; frame < 5; frame++) {
            input.update();
            assertTrue(input.isPressed("jump"));
            framesJustPressed += input.justPressed("jump") ? 1 : 0;
        }
        assertEquals(1, framesJustPressed);
        input.keyUp(Keys.SPACE);
        input.update();
        assertTrue(input.justReleased("jump"));
        assertFalse(input.isPressed("jump"));
    }

    @Test
    void stateDoesNotChangeBetweenTicksEvenWhenEventsArrive() {
        InputMapper input = Fixtures.playing();
        input.update();
        input.keyDown(Keys.SPACE);
        assertFalse(input.isPressed("jump"), "events count from the next update, not mid-frame");
        input.update();
        assertTrue(input.isPressed("jump"));
    }

    @Test
    void releaseThenPressWithinOneFrameStaysHeldWithBothEdges() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.update();
        input.keyUp(Keys.SPACE);
        input.keyDown(Keys.SPACE);
        input.update();
        assertTrue(input.isPressed("jump"));
        assertTrue(input.justPressed("jump"));
        assertTrue(input.justReleased("jump"));
    }

    @Test
    void actionWithTwoHeldBindingsIsReleasedOnlyWhenTheLastLetsGo() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.A);
        input.keyDown(Keys.LEFT);
        input.update();
        input.keyUp(Keys.A);
        input.update();
        assertTrue(input.isPressed("left"));
        assertFalse(input.justReleased("left"));
        input.keyUp(Keys.LEFT);
        input.update();
        assertFalse(input.isPressed("left"));
        assertTrue(input.justReleased("left"));
    }

    @Test
    void aKeyWhoseKeyUpWasLostIsReleasedByItsNextPressAndRelease() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.touchDown(0, 0, 0, Buttons.LEFT);
        input.update();
        // The game lost focus here and libGDX never delivered the key-up or the button-up.
        input.keyDown(Keys.SPACE);
        input.touchDown(0, 0, 0, Buttons.LEFT);
        input.update();
        input.keyUp(Keys.SPACE);
        input.touchUp(0, 0, 0, Buttons.LEFT);
        input.update();
        assertFalse(input.isPressed("jump"), "one key is held once, however many key-downs arrive");
        assertTrue(input.justReleased("jump"));
        assertFalse(input.isPressed("shoot"));
    }

    @Test
    void aKeyUpWithACodeOutsideTheKeyRangeReleasesNothing() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.update();
        // keyDown refuses these codes, so no press ever came from them: their key-up ends nothing,
        // whatever key their low bits happen to name.
        for (int code : new int[] {Keys.SPACE + 0x8000, Keys.SPACE - 0x8000, Keys.MAX_KEYCODE + 1, Keys.UNKNOWN, -1}) {
            assertFalse(input.keyUp(code), "keyUp(" + code + ") was taken");
        }
        input.update();
        assertTrue(input.isPressed("jump"), "Space is still held");
        assertFalse(input.justReleased("jump"));
    }

    @Test
    void twoKeysBuildAnAxis() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.D);
        input.update();
        assertEquals(1f, input.axis("left", "right"));
        input.keyDown(Keys.A);
        input.update();
        assertEquals(0f, input.axis("left", "right"));
        input.keyUp(Keys.D);
        input.update();
        assertEquals(-1f, input.axis("left", "right"));
    }

    @Test
    void listenersHearEventsInArrivalOrderOnlyInsideUpdate() {
        InputMapper input = Fixtures.playing();
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(log);
        input.keyDown(Keys.SPACE);
        input.touchDown(5, 5, 0, Buttons.LEFT);
        input.keyUp(Keys.SPACE);
        assertTrue(log.events.isEmpty(), "no callback from inside the event handlers");
        input.update();
        assertEquals(List.of("+jump", "+shoot", "-jump"), log.events);
        assertTrue(log.threads.stream().allMatch(t -> t == Thread.currentThread()));
    }

    @Test
    void updateCalledFromInsideAListenerIsRefusedAndEachEventIsHeardOnce() {
        InputMapper input = Fixtures.playing();
        List<String> heard = new ArrayList<>();
        input.addListener(new ActionListener() {
            @Override
            public void actionPressed(String action) {
                heard.add("+" + action);
                try {
                    input.update();
                } catch (IllegalStateException e) {
                    heard.add(e.getMessage());
                }
            }

            @Override
            public void actionReleased(String action) {
                heard.add("-" + action);
            }
        });
        input.keyDown(Keys.SPACE);
        input.update();
        assertEquals(List.of("+jump", "InputMapper.update() called from inside an ActionListener; listeners "
                + "already run inside update(), so return and let the next frame continue"), heard);
        assertTrue(input.justPressed("jump"));

        input.keyUp(Keys.SPACE);
        input.update();
        assertEquals("-jump", heard.get(heard.size() - 1));
        assertEquals(3, heard.size());
    }

    @Test
    void removedListenerHearsNothingMore() {
        InputMapper input = Fixtures.playing();
        Fixtures.EventLog log = new Fixtures.EventLog();
        input.addListener(log);
        input.removeListener(log);
        input.keyDown(Keys.SPACE);
        input.update();
        assertTrue(log.events.isEmpty());
    }

    @Test
    void mouseButtonsAndWheelNotchesDriveActions() {
        InputMapper input = Fixtures.playing();
        input.touchDown(10, 10, 0, Buttons.LEFT);
        input.scrolled(0f, 1f);
        input.update();
        assertTrue(input.isPressed("shoot"));
        assertTrue(input.justPressed("nextWeapon"));
        assertTrue(input.justReleased("nextWeapon"));
        assertFalse(input.isPressed("nextWeapon"));
        input.touchUp(10, 10, 0, Buttons.LEFT);
        input.update();
        assertTrue(input.justReleased("shoot"));
    }

    @Test
    void aWheelAmountThatIsNotANumberTurnsNoNotchAndIsPassedOn() {
        InputMapper input = Fixtures.playing();
        assertFalse(input.scrolled(0f, Float.NaN));
        input.update();
        assertFalse(input.justPressed("nextWeapon"), "a NaN scroll pressed the wheel-down action");
    }

    @Test
    void secondTouchPointerDoesNotPressMouseBindings() {
        InputMapper input = Fixtures.playing();
        assertFalse(input.touchDown(10, 10, 1, Buttons.LEFT));
        input.update();
        assertFalse(input.isPressed("shoot"));
    }

    @Test
    void onlyInputsAnActionTookAreConsumedInAMultiplexer() {
        InputMapper input = Fixtures.playing();
        List<Integer> seenBehind = new ArrayList<>();
        InputMultiplexer multiplexer = new InputMultiplexer(input, new InputAdapter() {
            @Override
            public boolean keyDown(int keycode) {
                seenBehind.add(keycode);
                return true;
            }
        });
        multiplexer.keyDown(Keys.SPACE);
        multiplexer.keyDown(Keys.Q);
        assertEquals(List.of(Keys.Q), seenBehind);
    }

    @Test
    void rebindingAHeldInputAwayReleasesTheAction() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.update();
        input.actions().setBinding("jump", 0, Binding.key(Keys.W));
        input.update();
        assertFalse(input.isPressed("jump"));
        assertTrue(input.justReleased("jump"));
        input.keyUp(Keys.SPACE);
        input.keyDown(Keys.W);
        input.update();
        assertTrue(input.justPressed("jump"));
    }

    @Test
    void releaseAllLetsGoOfEverythingHeld() {
        InputMapper input = Fixtures.playing();
        input.keyDown(Keys.SPACE);
        input.keyDown(Keys.D);
        input.update();
        input.releaseAll();
        input.update();
        assertFalse(input.isPressed("jump"));
        assertFalse(input.isPressed("right"));
        assertTrue(input.justReleased("right"));
    }

    @Test
    void actionsDefinedAfterTheMapperWasBuiltWork() {
        InputMapper input = Fixtures.playing();
        input.actions().context("gameplay").action("crouch", Binding.key(Keys.C));
        input.keyDown(Keys.C);
        input.update();
        assertTrue(input.isPressed("crouch"));
    }

    @Test
    void askingAboutAnUnknownActionNamesIt() {
        InputMapper input = Fixtures.playing();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> input.isPressed("jmup"));
        assertTrue(e.getMessage().contains("'jmup'"), e.getMessage());
    }

    @Test
    void askingAboutANullActionSaysTheActionNameIsNull() {
        InputMapper input = Fixtures.playing();
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class, () -> input.justPressed(null));
        assertTrue(query.getMessage().contains("action name is null"), query.getMessage());
        IllegalArgumentException capture = assertThrows(IllegalArgumentException.class, () -> input.startCapture(null, 0));
        assertTrue(capture.getMessage().contains("action name is null"), capture.getMessage());
        assertFalse(input.actions().hasAction(null));
    }
}
