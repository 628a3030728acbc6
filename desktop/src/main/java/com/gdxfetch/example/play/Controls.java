package com.gdxfetch.example.play;

/**
 * Where a round reads the player's intent: logical actions only, never keys. The input mapper
 * answers for a person; {@link Bot} answers for autoplay. Render thread.
 */
public interface Controls {
    /** Whether the action is held this frame. */
    boolean isPressed(String action);

    /** Whether the action went down this frame. */
    boolean justPressed(String action);
}
