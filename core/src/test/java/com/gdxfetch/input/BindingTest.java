package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import org.junit.jupiter.api.Test;

class BindingTest {
    @Test
    void everyKeyNameReadsBackAsAKeyWithTheSameName() {
        for (int keycode = 1; keycode <= Keys.MAX_KEYCODE; keycode++) {
            Binding binding = Binding.key(keycode);
            Binding parsed = Binding.parse(binding.toString());
            assertEquals(Binding.Device.KEY, parsed.device(), binding.toString());
            assertEquals(binding.toString(), parsed.toString());
        }
    }

    @Test
    void namesAreTheReadableOnes() {
        assertEquals("Space", Binding.key(Keys.SPACE).toString());
        assertEquals("L-Ctrl", Binding.key(Keys.CONTROL_LEFT).toString());
        assertEquals("Mouse Left", Binding.mouse(Buttons.LEFT).toString());
        assertEquals("Wheel Down", Binding.wheel(Binding.WHEEL_DOWN).toString());
        assertEquals("Pad DPad Up", Binding.padButton(PadButtons.DPAD_UP).toString());
        assertEquals("Pad Left X-", Binding.padAxis(PadAxes.LEFT_X, -1).toString());
        assertEquals("Pad Axis 5+", Binding.padAxis(PadAxes.raw(5), 1).toString());
    }

    @Test
    void everyNonKeyBindingRoundTrips() {
        Binding[] all = {
            Binding.mouse(Buttons.FORWARD), Binding.wheel(Binding.WHEEL_UP), Binding.padButton(PadButtons.RIGHT_STICK),
            Binding.padButton(PadButtons.raw(0)), Binding.padButton(PadButtons.raw(PadButtons.MAX_RAW_INDEX)),
            Binding.padAxis(PadAxes.RIGHT_Y, 1), Binding.padAxis(PadAxes.raw(PadAxes.MAX_RAW_INDEX), -1),
        };
        for (Binding binding : all) {
            assertEquals(binding, Binding.parse(binding.toString()), binding.toString());
        }
    }

    @Test
    void textThatIsNoInputIsRefusedByName() {
        String[] bad = {"", "Spcae", "Mouse Sideways", "Pad Z", "Pad Left X", "Pad Left X*", "Pad Button 256",
            "Pad Button 07", "Pad Axis -1+", "Wheel Left", "Key 32", "Unknown"};
        for (String text : bad) {
            assertNull(Binding.tryParse(text), text);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binding.parse("Spcae"));
        assertTrue(e.getMessage().contains("\"Spcae\""), e.getMessage());
    }

    @Test
    void codesOutsideTheirDeviceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Binding.key(Keys.UNKNOWN));
        assertThrows(IllegalArgumentException.class, () -> Binding.key(256));
        assertThrows(IllegalArgumentException.class, () -> Binding.mouse(5));
        assertThrows(IllegalArgumentException.class, () -> Binding.padButton(40));
        assertThrows(IllegalArgumentException.class, () -> Binding.padAxis(PadAxes.LEFT_X, 0));
    }

    @Test
    void definingAnActionTwiceNamesIt() {
        ActionMap map = Fixtures.gameMap();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> map.context("menu").action("jump", Binding.key(Keys.J)));
        assertTrue(e.getMessage().contains("'jump'") && e.getMessage().contains("'gameplay'"), e.getMessage());
    }
}
