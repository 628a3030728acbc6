package com.gdxfetch.input;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.gdxfetch.input.internal.PadCodes;

/**
 * One physical input an action can be bound to: a key, a mouse button, a mouse-wheel direction, a
 * gamepad button, or one direction of a gamepad axis.
 *
 * <p>Immutable; may be created and read on any thread. {@link #toString()} gives the readable name
 * used in menus and in the bindings file ({@code "Space"}, {@code "Mouse Left"},
 * {@code "Wheel Up"}, {@code "Pad A"}, {@code "Pad Left X-"}); {@link #parse(String)} reads it
 * back. Key names are libGDX's {@link Keys#toString(int)}.
 */
public final class Binding {
    /** The kind of device a binding listens to. */
    public enum Device {
        /** A keyboard key ({@code Input.Keys}). */
        KEY,
        /** A mouse button ({@code Input.Buttons}). */
        MOUSE,
        /** A notch of the mouse wheel, up or down. */
        WHEEL,
        /** A gamepad button ({@link PadButtons}). */
        PAD_BUTTON,
        /** One direction of a gamepad axis ({@link PadAxes}). */
        PAD_AXIS
    }

    /** {@link #wheel(int)} direction for the wheel turned away from the player. */
    public static final int WHEEL_UP = 0;
    /** {@link #wheel(int)} direction for the wheel turned toward the player. */
    public static final int WHEEL_DOWN = 1;

    private static final String[] MOUSE_NAMES = {"Left", "Right", "Middle", "Back", "Forward"};
    private static final String[] WHEEL_NAMES = {"Up", "Down"};
    private static final String MOUSE_PREFIX = "Mouse ";
    private static final String WHEEL_PREFIX = "Wheel ";
    private static final String PAD_PREFIX = "Pad ";
    private static final String KEY_PREFIX = "Key ";

    private final Device device;
    private final int code;
    private final int direction;
    private final String name;

    private Binding(Device device, int code, int direction) {
        this.device = device;
        this.code = code;
        this.direction = direction;
        this.name = nameOf(device, code, direction);
    }

    /**
     * A keyboard key, {@code Input.Keys} code.
     *
     * @throws IllegalArgumentException if the code is not a key (1..255)
     */
    public static Binding key(int keycode) {
        if (keycode <= Keys.UNKNOWN || keycode > Keys.MAX_KEYCODE) {
            throw new IllegalArgumentException("not a bindable key code: " + keycode);
        }
        return new Binding(Device.KEY, keycode, 0);
    }

    /**
     * A mouse button, {@code Input.Buttons} code.
     *
     * @throws IllegalArgumentException if the code is not one of {@code Input.Buttons}
     */
    public static Binding mouse(int button) {
        if (button < Buttons.LEFT || button > Buttons.FORWARD) {
            throw new IllegalArgumentException("not a mouse button code: " + button);
        }
        return new Binding(Device.MOUSE, button, 0);
    }

    /**
     * One notch of the mouse wheel, which presses and releases its action within one frame.
     *
     * @throws IllegalArgumentException unless the direction is {@link #WHEEL_UP} or {@link #WHEEL_DOWN}
     */
    public static Binding wheel(int direction) {
        if (direction != WHEEL_UP && direction != WHEEL_DOWN) {
            throw new IllegalArgumentException("not a wheel direction: " + direction);
        }
        return new Binding(Device.WHEEL, direction, 0);
    }

    /**
     * A gamepad button, {@link PadButtons} code.
     *
     * @throws IllegalArgumentException if the code is not a {@link PadButtons} code
     */
    public static Binding padButton(int button) {
        if (!PadButtons.isValid(button)) {
            throw new IllegalArgumentException("not a pad button code: " + button);
        }
        return new Binding(Device.PAD_BUTTON, button, 0);
    }

    /**
     * One direction of a gamepad axis, {@link PadAxes} code; {@code direction} is +1 or -1. The
     * action's strength follows how far the axis is pushed that way, past the map's deadzone.
     *
     * @throws IllegalArgumentException if the code is not a {@link PadAxes} code or the direction
     *     is not +1 or -1
     */
    public static Binding padAxis(int axis, int direction) {
        if (!PadAxes.isValid(axis)) {
            throw new IllegalArgumentException("not a pad axis code: " + axis);
        }
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("pad axis direction must be +1 or -1: " + direction);
        }
        return new Binding(Device.PAD_AXIS, axis, direction);
    }

    /**
     * Reads a name produced by {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the text if it is not a binding name
     */
    public static Binding parse(String name) {
        Binding binding = tryParse(name);
        if (binding == null) {
            throw new IllegalArgumentException("unknown input name \"" + name + "\"");
        }
        return binding;
    }

    /** Like {@link #parse(String)} but returns null for text that is not a binding name. */
    public static Binding tryParse(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.startsWith(MOUSE_PREFIX)) {
            int button = indexOf(MOUSE_NAMES, name.substring(MOUSE_PREFIX.length()));
            return button < 0 ? null : mouse(button);
        }
        if (name.startsWith(WHEEL_PREFIX)) {
            int direction = indexOf(WHEEL_NAMES, name.substring(WHEEL_PREFIX.length()));
            return direction < 0 ? null : wheel(direction);
        }
        if (name.startsWith(PAD_PREFIX)) {
            return parsePad(name.substring(PAD_PREFIX.length()));
        }
        if (name.startsWith(KEY_PREFIX)) {
            int keycode = PadCodes.parseIndex(name.substring(KEY_PREFIX.length()));
            if (keycode > Keys.UNKNOWN && keycode <= Keys.MAX_KEYCODE && Keys.toString(keycode) == null) {
                return key(keycode);
            }
        }
        int keycode = Keys.valueOf(name);
        return keycode > Keys.UNKNOWN ? key(keycode) : null;
    }

    private static Binding parsePad(String rest) {
        int button = PadButtons.valueOf(rest);
        if (button >= 0) {
            return padButton(button);
        }
        if (rest.length() < 2) {
            return null;
        }
        char sign = rest.charAt(rest.length() - 1);
        if (sign != '+' && sign != '-') {
            return null;
        }
        int axis = PadAxes.valueOf(rest.substring(0, rest.length() - 1));
        return axis < 0 ? null : padAxis(axis, sign == '+' ? 1 : -1);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String nameOf(Device device, int code, int direction) {
        switch (device) {
            case KEY:
                String key = Keys.toString(code);
                return key != null ? key : KEY_PREFIX + code;
            case MOUSE:
                return MOUSE_PREFIX + MOUSE_NAMES[code];
            case WHEEL:
                return WHEEL_PREFIX + WHEEL_NAMES[code];
            case PAD_BUTTON:
                return PAD_PREFIX + PadButtons.toString(code);
            default:
                return PAD_PREFIX + PadAxes.toString(code) + (direction > 0 ? '+' : '-');
        }
    }

    /** The device this binding listens to. */
    public Device device() {
        return device;
    }

    /** The key, button, wheel direction or axis code, in the namespace of {@link #device()}. */
    public int code() {
        return code;
    }

    /** +1 or -1 for a {@link Device#PAD_AXIS} binding, 0 for every other device. */
    public int direction() {
        return direction;
    }

    /** The readable name, for menus and the bindings file; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Binding)) {
            return false;
        }
        Binding that = (Binding) other;
        return device == that.device && code == that.code && direction == that.direction;
    }

    @Override
    public int hashCode() {
        return (device.ordinal() * 31 + code) * 31 + direction;
    }
}
