package com.gdxfetch.example.play;

import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;

/**
 * A simple player for {@code --autoplay}: it runs under the lowest drone, keeps firing when one
 * is overhead, and jumps for stars falling within reach. It speaks the same logical actions as
 * a person at the keyboard. Render thread.
 */
public final class Bot implements Controls {
    private boolean left;
    private boolean right;
    private boolean shoot;
    private boolean jump;

    /** Decides this frame's actions from the round as it stands. */
    public void think(Round round) {
        Round.Drone lowest = null;
        for (int i = 0; i < round.drones.size; i++) {
            Round.Drone d = round.drones.get(i);
            if (lowest == null || d.y < lowest.y) {
                lowest = d;
            }
        }
        float target = lowest != null ? lowest.x : FetchGame.WIDTH / 2f;
        jump = false;
        for (int i = 0; i < round.pickups.size; i++) {
            Round.Pickup p = round.pickups.get(i);
            if (p.y < 200) {
                target = p.x;
                jump = round.onGround() && Math.abs(p.x - round.playerX) < 40 && p.y > 110;
            }
        }
        left = target < round.playerX - 10;
        right = target > round.playerX + 10;
        shoot = lowest != null && Math.abs(lowest.x - round.playerX) < 40;
    }

    @Override
    public boolean isPressed(String action) {
        switch (action) {
            case Actions.LEFT:
                return left;
            case Actions.RIGHT:
                return right;
            case Actions.SHOOT:
                return shoot;
            case Actions.JUMP:
                return jump;
            default:
                return false;
        }
    }

    @Override
    public boolean justPressed(String action) {
        return Actions.JUMP.equals(action) && jump;
    }
}
