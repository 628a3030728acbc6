package com.gdxfetch.input.internal;

import com.gdxfetch.input.Binding;

/**
 * Packs a {@link Binding} into one int so the hot path can look inputs up without objects.
 * Layout: device ordinal in bits 16+, axis direction in bit 15 (set for +1), code in bits 0-14.
 */
public final class InputCodes {
    private static final int DEVICE_SHIFT = 16;
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

    /** The packed code of a binding. */
    public static int of(Binding binding) {
        return pack(binding.device(), binding.code(), binding.direction());
    }

    /** Whether a packed code belongs to the device. */
    public static boolean isDevice(int packed, Binding.Device device) {
        return packed >>> DEVICE_SHIFT == device.ordinal();
    }

    /** The binding a packed code stands for; allocates, so only for rare paths such as capture. */
    public static Binding toBinding(int packed) {
        Binding.Device device = DEVICES[packed >>> DEVICE_SHIFT];
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
