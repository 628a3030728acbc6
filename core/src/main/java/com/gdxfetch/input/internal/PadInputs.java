package com.gdxfetch.input.internal;

/**
 * One gamepad the mapper has heard from, and the slot its inputs carry (see
 * {@link InputCodes#onPad(int, int)}). A slot is reused only after the pad it belonged to is gone
 * and everything its inputs held was let go. Render thread only.
 */
public final class PadInputs {
    /** The controller, compared by identity; an Object so the mapper needs no gdx-controllers class. */
    public final Object pad;
    public final int slot;

    public PadInputs(Object pad, int slot) {
        this.pad = pad;
        this.slot = slot;
    }
}
