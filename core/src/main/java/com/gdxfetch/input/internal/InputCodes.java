package com.gdxfetch.input.internal;

import com.gdxfetch.input.Binding;

/**
 * Packs a {@link Binding} into one int so the hot path can look inputs up without objects.
 * Layout: device ordinal in bits 16-19, axis direction in bit 15 (set for +1), code in bits 0-14.
 *
 * <p>A gamepad input also carries its pad's slot plus one in bits 20-30, making the same button
 * on two pads two inputs: each pad's press then holds, and its release ends, only what that pad's
 * own press reached. Keys and the mouse carry 0 there.
 */
public final class InputCodes {
    private static final int DEVICE_SHIFT = 16;
    private static final int DEVICE_MASK = 0xF;
    private static final int PAD_SHIFT = 20;
    private static final int INPUT_MASK = (1 << PAD_SHIFT) - 1;
    /** The largest pad slot the layout can carry. */
    public static final int MAX_PAD_SLOT = (1 << (31 - PAD_SHIFT)) - 2;
    private static final int POSITIVE_BIT = 1 << 15;
    private static final int CODE_MASK = POSITIVE_BIT - 1;
    private static final Binding.Device[] DEVICES = Binding.Device.values();

    private InputCodes() {
    }

    /** The packed code of a keyboard key. */
    public static int key(int keycode) {
        return pack(Binding.Device.KEY, keycode, 0);
    }

    /** The packed code of a mouse button. */
    public static int mouse(int button) {
        return pack(Binding.Device.MOUSE, button, 0);
    }

    /** The packed code of a wheel direction. */
    public static int wheel(int direction) {
        return pack(Binding.Device.WHEEL, direction, 0);
    }

    /** The packed code of a {@code PadButtons} code. */
    public static int padButton(int button) {
        return pack(Binding.Device.PAD_BUTTON, button, 0);
    }

    /** The packed code of one direction (+1 or -1) of a {@code PadAxes} code. */
    public static int padAxis(int axis, int direction) {
        return pack(Binding.Device.PAD_AXIS, axis, direction);
    }

    /** The input as one pad's own: the same input on another slot is another code. */
    public static int onPad(int packed, int slot) {
        return input(packed) | (slot + 1) << PAD_SHIFT;
    }

    /** The input without its pad, as bindings and the routing table know it. */
    public static int input(int packed) {
        return packed & INPUT_MASK;
    }

    /** The pad slot the input belongs to, or -1 for the keyboard and mouse. */
    public static int padSlot(int packed) {
        return (packed >>> PAD_SHIFT) - 1;
    }

    /** The packed code of a binding. */
    public static int of(Binding binding) {
        return pack(binding.device(), binding.code(), binding.direction());
    }

    /** Whether a packed code belongs to the device. */
    public static boolean isDevice(int packed, Binding.Device device) {
        return (packed >>> DEVICE_SHIFT & DEVICE_MASK) == device.ordinal();
    }

    /** The binding a packed code stands for; allocates, so only for rare paths such as capture. */
    public static Binding toBinding(int packed) {
        Binding.Device device = DEVICES[packed >>> DEVICE_SHIFT & DEVICE_MASK];
        int code = packed & CODE_MASK;
        switch (device) {
            case KEY:
                return Binding.key(code);
            case MOUSE:
                return Binding.mouse(code);
            case WHEEL:
                return Binding.wheel(code);
            case PAD_BUTTON:
                return Binding.padButton(code);
            default:
                return Binding.padAxis(code, (packed & POSITIVE_BIT) != 0 ? 1 : -1);
        }
    }

    private static int pack(Binding.Device device, int code, int direction) {
        return device.ordinal() << DEVICE_SHIFT | (direction > 0 ? POSITIVE_BIT : 0) | (code & CODE_MASK);
    }
}
