package com.gdxfetch.input;

import com.gdxfetch.input.internal.PadCodes;

/**
 * Gamepad button codes for {@link Binding#padButton(int)}, named by their place on a standard
 * pad rather than by a device's raw index, in the manner of {@code Input.Buttons}.
 *
 * <p>{@link GamepadInput} translates a controller's raw button index through its
 * {@code ControllerMapping}; indices the mapping does not name arrive as {@link #raw(int)}.
 * All methods are pure and may be called from any thread.
 */
public final class PadButtons {
    public static final int A = 0;
    public static final int B = 1;
    public static final int X = 2;
    public static final int Y = 3;
    public static final int BACK = 4;
    public static final int START = 5;
    public static final int L1 = 6;
    public static final int L2 = 7;
    public static final int R1 = 8;
    public static final int R2 = 9;
    public static final int DPAD_UP = 10;
    public static final int DPAD_DOWN = 11;
    public static final int DPAD_LEFT = 12;
    public static final int DPAD_RIGHT = 13;
    public static final int LEFT_STICK = 14;
    public static final int RIGHT_STICK = 15;

    /** First code used for raw button indices the controller's mapping does not name. */
    public static final int RAW_BASE = 64;
    /** Largest raw index a code can carry. */
    public static final int MAX_RAW_INDEX = 255;

    private static final String[] NAMES = {"A", "B", "X", "Y", "Back", "Start", "L1", "L2", "R1", "R2",
        "DPad Up", "DPad Down", "DPad Left", "DPad Right", "Left Stick", "Right Stick"};
    private static final PadCodes CODES = new PadCodes("pad button", NAMES, "Button ", RAW_BASE, MAX_RAW_INDEX);

    private PadButtons() {
    }

    /**
     * The code for a raw button index that has no standard name.
     *
     * @throws IllegalArgumentException if the index is negative or above {@link #MAX_RAW_INDEX}
     */
    public static int raw(int index) {
        return CODES.raw(index);
    }

    /** Whether {@code code} is a named button or a raw one. */
    public static boolean isValid(int code) {
        return CODES.isValid(code);
    }

    /**
     * A readable name such as {@code "A"}, {@code "DPad Up"} or {@code "Button 17"}.
     *
     * @throws IllegalArgumentException if the code is not {@link #isValid(int) valid}
     */
    public static String toString(int code) {
        return CODES.toString(code);
    }

    /** The code for a name produced by {@link #toString(int)}, or -1 if the name is not one. */
    public static int valueOf(String name) {
        return CODES.valueOf(name);
    }
}
