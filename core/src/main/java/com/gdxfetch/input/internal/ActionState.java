package com.gdxfetch.input.internal;

import com.badlogic.gdx.utils.FloatArray;
import com.badlogic.gdx.utils.IntArray;

/**
 * One action's live and per-frame state. Live state (which inputs hold it, edges since the last
 * tick) changes with every event; an input is a key, a mouse button or one pad's button or stick
 * direction, so each pad's press is its own hold with its own strength. The frame state is
 * latched once per tick so that queries agree for a whole frame and a press and release within
 * one frame both show. Render thread only; the arrays grow during warm-up and are then reused, so
 * steady-state events allocate nothing.
 */
public final class ActionState {
    private final IntArray held = new IntArray(4);
    private final FloatArray strengths = new FloatArray(4);
    private int pressEdges;
    private int releaseEdges;

    /** Frame state, set by {@link #latch()}. */
    public boolean pressed;
    public boolean justPressed;
    public boolean justReleased;
    public float strength;

    /** Adds an input holding this action; one already holding it stays one hold. Returns whether the action went down. */
    public boolean hold(int code, float strength) {
        int index = held.indexOf(code);
        if (index >= 0) {
            strengths.set(index, Math.max(strengths.get(index), strength));
            return false;
        }
        held.add(code);
        strengths.add(strength);
        if (held.size == 1) {
            pressEdges++;
            return true;
        }
        return false;
    }

    /** Sets the strength of an input already holding this action; returns whether it was holding it. */
    public boolean restrength(int code, float strength) {
        int index = held.indexOf(code);
        if (index < 0) {
            return false;
        }
        strengths.set(index, strength);
        return true;
    }

    /** Whether this input holds the action. */
    public boolean isHeldBy(int code) {
        return held.indexOf(code) >= 0;
    }

    /** The input's hold ends; returns whether the action went up. */
    public boolean release(int code) {
        int index = held.indexOf(code);
        return index >= 0 && drop(index);
    }

    /** Every input lets go; returns whether the action went up. */
    public boolean releaseAll() {
        if (held.size == 0) {
            return false;
        }
        held.clear();
        strengths.clear();
        releaseEdges++;
        return true;
    }

    /** How many distinct inputs hold the action now. */
    public int heldCount() {
        return held.size;
    }

    /** The packed code of one input holding the action. */
    public int heldCode(int index) {
        return held.get(index);
    }

    /** Copies the live state into the frame state and starts counting edges for the next frame. */
    public void latch() {
        pressed = held.size > 0;
        justPressed = pressEdges > 0;
        justReleased = releaseEdges > 0;
        float max = 0f;
        for (int i = 0; i < strengths.size; i++) {
            max = Math.max(max, strengths.get(i));
        }
        strength = max;
        pressEdges = 0;
        releaseEdges = 0;
    }

    private boolean drop(int index) {
        held.removeIndex(index);
        strengths.removeIndex(index);
        if (held.size == 0) {
            releaseEdges++;
            return true;
        }
        return false;
    }
}
