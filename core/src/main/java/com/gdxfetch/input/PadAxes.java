package com.gdxfetch.input;

import com.gdxfetch.input.internal.PadCodes;

/**
 * Gamepad axis codes for {@link Binding#padAxis(int, int)}, named by their place on a standard
 * pad rather than by a device's raw index.
 *
 * <p>As in gdx-controllers, a stick pushed up or left reads negative. {@link GamepadInput}
 * translates raw axis indices through the controller's {@code ControllerMapping}; indices the
 * mapping does not name arrive as {@link #raw(int)}. All methods are pure and may be called from
 * any thread.
 */
public final class PadAxes {
    public static final int LEFT_X = 0;
    public static final int LEFT_Y = 1;
    public static final int RIGHT_X = 2;
    public static final int RIGHT_Y = 3;

    /** First code used for raw axis indices the controller's mapping does not name. */
    public static final int RAW_BASE = 64;
    /** Largest raw index a code can carry. */
    public static final int MAX_RAW_INDEX = 63;

    private static final String[] NAMES = {"Left X", "Left Y", "Right X", "Right Y"};
    private static final PadCodes CODES = new PadCodes("pad axis", NAMES, "Axis ", RAW_BASE, MAX_RAW_INDEX);

    private PadAxes() {
    }

    /**
     * The code for a raw axis index that has no standard name.
     *
     * @throws IllegalArgumentException if the index is negative or above {@link #MAX_RAW_INDEX}
     */
    public static int raw(int index) {
        return CODES.raw(index);
    }

    /** Whether {@code code} is a named axis or a raw one. */
    public static boolean isValid(int code) {
        return CODES.isValid(code);
    }

    /**
     * A readable name such as {@code "Left X"} or {@code "Axis 5"}.
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
