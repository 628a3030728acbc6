package com.gdxfetch.input;

/**
 * Receives logical action events from {@link InputMapper#update()}, on the thread that calls it
 * (the render thread), in the order the inputs arrived. Override the methods you need.
 *
 * <p>The action name is the string the action was defined with, so comparing with {@code equals}
 * (or keeping the same constant) allocates nothing.
 */
public interface ActionListener {
    /** The action went down: the first of its bound inputs was pressed. */
    default void actionPressed(String action) {
    }

    /** The action went up: the last of its held inputs was released (or its context switched off). */
    default void actionReleased(String action) {
    }
}
