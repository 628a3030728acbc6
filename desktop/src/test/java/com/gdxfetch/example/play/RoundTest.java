package com.gdxfetch.example.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.example.Actions;
import com.gdxfetch.example.ui.Backdrop;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The round's rules, stepped frame by frame at 60 fps as autoplay steps them. */
class RoundTest {
    private static final float STEP = 1f / 60f;

    /** Controls that hold exactly the actions given. */
    private static Controls holding(String... actions) {
        return new Controls() {
            @Override
            public boolean isPressed(String action) {
                for (String held : actions) {
                    if (held.equals(action)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean justPressed(String action) {
                return isPressed(action);
            }
        };
    }

    @Test
    void theBotDownsDronesAndTheRoundEndsWhenTheClockRunsOut() {
        Round round = new Round(8, 42);
        Bot bot = new Bot();
        int frames = 0;
        while (!round.isOver()) {
            bot.think(round);
            round.update(STEP, bot);
            frames++;
        }
        assertTrue(round.lives > 0, "the bot survives its demo round");
        assertEquals(8 * 60, frames, 1);
        assertTrue(round.downed > 0 && round.score >= 100 * round.downed, "score " + round.score);
    }

    @Test
    void leftAndRightMoveTheRobotAndJumpLeavesTheGroundAndComesBack() {
        Round round = new Round(30, 1);
        float start = round.playerX;
        for (int i = 0; i < 30; i++) {
            round.update(STEP, holding(Actions.RIGHT));
        }
        assertTrue(round.playerX > start + 50, "moved right to " + round.playerX);
        assertFalse(round.facingLeft);
        for (int i = 0; i < 60; i++) {
            round.update(STEP, holding(Actions.LEFT));
        }
        assertTrue(round.playerX < start, "moved left to " + round.playerX);
        assertTrue(round.facingLeft);

        round.update(STEP, holding(Actions.JUMP));
        assertFalse(round.onGround());
        for (int i = 0; i < 120 && !round.onGround(); i++) {
            round.update(STEP, holding());
        }
        assertTrue(round.onGround());
        assertEquals(Backdrop.GROUND_Y, round.playerY);
    }

    @Test
    void dronesLandingCostLivesUntilTheRoundIsOver() {
        Round round = new Round(600, 3);
        while (!round.isOver()) {
            round.update(STEP, holding());
        }
        assertEquals(0, round.lives);
        assertEquals(0, round.score);
        assertTrue(round.elapsed < 600);
    }

    @Test
    void aWarmRoundAllocatesNothingPerFrame() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Round round = new Round(120, 42);
        Bot bot = new Bot();
        for (int i = 0; i < 60; i++) {
            bot.think(round);
            round.update(STEP, bot);
        }
        // The first reading may allocate inside the management bean itself.
        threads.getCurrentThreadAllocatedBytes();
        int frames = 19 * 60;
        long[] perFrame = new long[frames];
        for (int i = 0; i < frames; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            bot.think(round);
            round.update(STEP, bot);
            perFrame[i] = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertFalse(round.isOver());
        // Garbage made by the round shows up frame after frame. The optimising JIT may, once,
        // put back on the heap an object it had optimised away (measured: one frame, 752 bytes,
        // and none at all with -Xint or C1 only), which is not the round's doing.
        int allocating = 0;
        long total = 0;
        for (long bytes : perFrame) {
            allocating += bytes > 0 ? 1 : 0;
            total += bytes;
        }
        assertTrue(allocating <= 2, allocating + " of " + frames + " frames allocated, " + total + " bytes in all");
    }
}
