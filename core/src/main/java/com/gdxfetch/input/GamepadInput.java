package com.gdxfetch.input;

import com.badlogic.gdx.controllers.Controller;
import com.badlogic.gdx.controllers.ControllerListener;
import com.badlogic.gdx.controllers.ControllerMapping;

/**
 * Feeds gdx-controllers events into an {@link InputMapper}, translating each controller's raw
 * button and axis indices to {@link PadButtons} and {@link PadAxes} codes through its
 * {@link ControllerMapping}.
 *
 * <p>This is the only class of the package that needs gdx-controllers; the rest works without it
 * on the classpath. Register it with {@code Controllers.addListener(new GamepadInput(mapper))}.
 * gdx-controllers calls it on the render thread, as the mapper requires. By default every
 * controller drives the mapper; pass one controller to give each local player a mapper of their own.
 */
public final class GamepadInput implements ControllerListener {
    private final InputMapper mapper;
    private final Controller only;

    /** Listens to every controller. */
    public GamepadInput(InputMapper mapper) {
        this(mapper, null);
    }

    /** Listens to one controller only, or to every controller when {@code only} is null. */
    public GamepadInput(InputMapper mapper, Controller only) {
        if (mapper == null) {
            throw new IllegalArgumentException("mapper must not be null");
        }
        this.mapper = mapper;
        this.only = only;
    }

    /**
     * Lets go of what unplugged pads held. A pad plugged back in arrives as a new
     * {@code Controller}; the old object reports {@code isConnected()} false, and its own
     * {@code disconnected} event may come late or not at all.
     */
    @Override
    public void connected(Controller controller) {
        dropUnplugged();
    }

    /** Releases what this controller held, since its button-up events will never come; other pads keep theirs. */
    @Override
    public void disconnected(Controller controller) {
        if (accepts(controller)) {
            mapper.padDisconnected(controller);
        }
    }

    /** Presses the mapped {@link PadButtons} code; returns whether an action or capture took it. */
    @Override
    public boolean buttonDown(Controller controller, int buttonIndex) {
        return accepts(controller) && newPad(controller)
            && mapper.padButton(controller, buttonCode(controller, buttonIndex), true);
    }

    /** Releases the mapped {@link PadButtons} code. */
    @Override
    public boolean buttonUp(Controller controller, int buttonIndex) {
        return accepts(controller) && mapper.padButton(controller, buttonCode(controller, buttonIndex), false);
    }

    /**
     * Moves the mapped {@link PadAxes} code; each direction acts as its own input past the
     * deadzone, held while any controller pushes it that far, as strongly as the furthest.
     */
    @Override
    public boolean axisMoved(Controller controller, int axisIndex, float value) {
        return accepts(controller) && newPad(controller)
            && mapper.padAxis(controller, axisCode(controller, axisIndex), value);
    }

    private boolean accepts(Controller controller) {
        return only == null || only == controller;
    }

    /** Before a pad's first event, clears out unplugged ones, in case its connected event was missed; always true. */
    private boolean newPad(Controller controller) {
        if (!mapper.knowsPad(controller)) {
            dropUnplugged();
        }
        return true;
    }

    private void dropUnplugged() {
        for (int i = mapper.padCount() - 1; i >= 0; i--) {
            Object pad = mapper.pad(i);
            if (pad instanceof Controller && !((Controller) pad).isConnected()) {
                mapper.padDisconnected(pad);
            }
        }
    }

    /** The named button for a raw index, or its raw code when the mapping does not name it. */
    static int buttonCode(Controller controller, int index) {
        ControllerMapping m = controller.getMapping();
        if (m != null) {
            if (index == m.buttonA) return PadButtons.A;
            if (index == m.buttonB) return PadButtons.B;
            if (index == m.buttonX) return PadButtons.X;
            if (index == m.buttonY) return PadButtons.Y;
            if (index == m.buttonBack) return PadButtons.BACK;
            if (index == m.buttonStart) return PadButtons.START;
            if (index == m.buttonL1) return PadButtons.L1;
            if (index == m.buttonL2) return PadButtons.L2;
            if (index == m.buttonR1) return PadButtons.R1;
            if (index == m.buttonR2) return PadButtons.R2;
            if (index == m.buttonDpadUp) return PadButtons.DPAD_UP;
            if (index == m.buttonDpadDown) return PadButtons.DPAD_DOWN;
            if (index == m.buttonDpadLeft) return PadButtons.DPAD_LEFT;
            if (index == m.buttonDpadRight) return PadButtons.DPAD_RIGHT;
            if (index == m.buttonLeftStick) return PadButtons.LEFT_STICK;
            if (index == m.buttonRightStick) return PadButtons.RIGHT_STICK;
        }
        return PadButtons.raw(Math.min(Math.max(index, 0), PadButtons.MAX_RAW_INDEX));
    }

    /** The named axis for a raw index, or its raw code when the mapping does not name it. */
    static int axisCode(Controller controller, int index) {
        ControllerMapping m = controller.getMapping();
        if (m != null) {
            if (index == m.axisLeftX) return PadAxes.LEFT_X;
            if (index == m.axisLeftY) return PadAxes.LEFT_Y;
            if (index == m.axisRightX) return PadAxes.RIGHT_X;
            if (index == m.axisRightY) return PadAxes.RIGHT_Y;
        }
        return PadAxes.raw(Math.min(Math.max(index, 0), PadAxes.MAX_RAW_INDEX));
    }
}
