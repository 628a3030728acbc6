package com.gdxfetch.input;

import com.gdxfetch.internal.Checks;

/**
 * One "press a key for jump" prompt, started with {@link InputMapper#startCapture(String, int)}.
 * While {@link State#WAITING} the mapper hands the next pressed key, mouse button, wheel notch,
 * pad button or pad axis pushed past half way to this capture instead of to any action; Escape
 * cancels. If the input is free in the action's context it is bound at once ({@link State#DONE});
 * if another action there already uses it the capture stops at {@link State#CONFLICT} and the
 * caller chooses {@link #swap()}, {@link #replace()} or {@link #cancel()}.
 *
 * <p>Poll {@link #state()} each frame from the render thread; {@link #swap()}, {@link #replace()}
 * and {@link #cancel()} must be called on the thread that feeds the mapper its events, and
 * throw {@link IllegalStateException} naming both threads elsewhere.
 */
public final class RebindCapture {
    /** Where the prompt stands. */
    public enum State {
        /** Waiting for the player to press something. */
        WAITING,
        /** The input pressed is bound to {@link #conflictingAction()}; the caller must choose. */
        CONFLICT,
        /** The input is bound; {@link #captured()} tells which. */
        DONE,
        /** Nothing changed: Escape was pressed, {@link #cancel()} was called or a newer capture started. */
        CANCELLED
    }

    private final ActionMap map;
    /** The mapper's render thread, which alone may resolve or cancel the capture. */
    private final Object renderThread;
    private final String action;
    private final int slot;
    private State state = State.WAITING;
    private Binding captured;
    private String conflictingAction;

    RebindCapture(ActionMap map, Object renderThread, String action, int slot) {
        this.map = map;
        this.renderThread = renderThread;
        this.action = action;
        this.slot = slot;
    }

    /** Where the prompt stands. */
    public State state() {
        return state;
    }

    /** The action being rebound. */
    public String action() {
        return action;
    }

    /** The binding slot being rebound; equal to the old binding count when adding one. */
    public int slot() {
        return slot;
    }

    /** The input the player pressed, or null while waiting or after Escape. */
    public Binding captured() {
        return captured;
    }

    /** In {@link State#CONFLICT}, the other action the captured input is bound to; else null. */
    public String conflictingAction() {
        return conflictingAction;
    }

    /**
     * Resolves a conflict by trading: this action's slot gets the captured input, and the
     * conflicting action gets this slot's old input in its place (or simply loses the captured one
     * if the slot was empty). Any other action of the context that has the input too loses it, so
     * that afterwards it drives only this action there.
     *
     * @throws IllegalStateException unless the state is {@link State#CONFLICT}
     */
    public void swap() {
        Checks.renderThread(renderThread, "RebindCapture");
        requireConflict("swap");
        int target = targetSlot();
        Binding old = map.binding(action, target);
        int otherSlot = map.bindings(conflictingAction).indexOf(captured, false);
        map.setBinding(action, target, captured);
        if (otherSlot >= 0 && old != null) {
            map.setBinding(conflictingAction, otherSlot, old);
        } else if (otherSlot >= 0) {
            map.removeBinding(conflictingAction, otherSlot);
        }
        takeCapturedFromOthers();
        state = State.DONE;
    }

    /**
     * Resolves a conflict by taking the input away from the conflicting action, and from any other
     * action of the context that has it too (a game may give one input two actions there), so that
     * afterwards it drives only this action in the context.
     *
     * @throws IllegalStateException unless the state is {@link State#CONFLICT}
     */
    public void replace() {
        Checks.renderThread(renderThread, "RebindCapture");
        requireConflict("replace");
        map.setBinding(action, targetSlot(), captured);
        takeCapturedFromOthers();
        state = State.DONE;
    }

    /** Removes the captured input from every action of the context but this one. */
    private void takeCapturedFromOthers() {
        for (String other = map.conflict(action, captured); other != null; other = map.conflict(action, captured)) {
            map.removeBinding(other, captured);
        }
    }

    /** Leaves every binding as it was; does nothing once the capture is done or cancelled. */
    public void cancel() {
        Checks.renderThread(renderThread, "RebindCapture");
        if (state == State.WAITING || state == State.CONFLICT) {
            state = State.CANCELLED;
        }
    }

    /** Takes the input the mapper routed here while waiting. */
    void offer(Binding input, boolean isCancelKey) {
        if (isCancelKey) {
            state = State.CANCELLED;
            return;
        }
        captured = input;
        conflictingAction = map.conflict(action, input);
        if (conflictingAction == null) {
            map.setBinding(action, targetSlot(), input);
            state = State.DONE;
        } else {
            state = State.CONFLICT;
        }
    }

    /** The slot to write, kept in range even if the action lost bindings since the prompt began. */
    private int targetSlot() {
        return Math.min(slot, map.bindingCount(action));
    }

    private void requireConflict(String choice) {
        if (state != State.CONFLICT) {
            throw new IllegalStateException("cannot " + choice + " a capture for '" + action + "' in state " + state);
        }
    }
}
