package com.gdxfetch.input.internal;

import com.badlogic.gdx.utils.FloatArray;
import com.badlogic.gdx.utils.IntArray;

/**
 * What one gamepad holds: the buttons it has down and where each of its axes rests. A mapper
 * serving several pads combines these, so that one pad's events (an idle stick's jitter, a
 * button-up it never pressed, its unplugging) cannot release what another pad holds. Render
 * thread only; the arrays grow while the pad is first used and are then reused.
 */
public final class PadInputs {
    /** The controller, compared by identity; an Object so the mapper needs no gdx-controllers class. */
    public final Object pad;
    /** Packed codes of the buttons this pad has down. */
    public final IntArray buttons = new IntArray(4);
    /** {@code PadAxes} codes this pad has reported, beside their last values in -1..1. */
    public final IntArray axes = new IntArray(6);
    public final FloatArray axisValues = new FloatArray(6);

    public PadInputs(Object pad) {
        this.pad = pad;
    }

    /** The axis's last value, 0 (at rest) until the pad reports it. */
    public float axis(int axis) {
        int index = axes.indexOf(axis);
        return index < 0 ? 0f : axisValues.get(index);
    }

    /** Records the axis's value. */
    public void setAxis(int axis, float value) {
        int index = axes.indexOf(axis);
        if (index >= 0) {
            axisValues.set(index, value);
        } else {
            axes.add(axis);
            axisValues.add(value);
        }
    }
}
