package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationListener;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.Screen;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationLogger;
import com.gdxfetch.example.server.DemoServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The game's whole frame ({@code FetchGame.render()}: input, network callbacks, image uploads,
 * text cache, the scene, music) allocates nothing once a scene has settled, measured on the
 * render thread with the JVM's per-thread allocation counter. The game runs in this JVM, in a real
 * window on the build's X display, against a demo server the test starts; the test drives it from
 * scene to scene as the menus would (settings, leaderboard, title, then a round of play that the
 * player pauses with P, so its drones, HUD and banner hold still) once the sprite sheet, the music
 * pack and the live board are in, so nothing is arriving while a scene is measured. A running
 * round is RoundTest's: its HUD text changes as the clock and the score do.
 */
class SceneAllocationTest {
    /**
     * Frames before a scene is measured: its text laid out and baked, a music fade over, the JIT
     * done with the frame's code, and the texts the previous scene drew swept by the text cache
     * (after {@code TextCacheConfig.DEFAULT_SWEEP_AFTER_FRAMES}, 300), which is the cache's own
     * periodic work and not a scene's garbage. The title, measured first after 150, had 13 of
     * 300 frames allocating; it is measured last, after the other two have run the shared code.
     */
    private static final int WARM_FRAMES = 400;
    private static final int MEASURED_FRAMES = 300;
    private static final int MAX_ALLOCATING_FRAMES = 10;
    /** At 60 frames a second: the sheet, the 4 MB pack at the server's 2 MiB/s, the live board. */
    private static final int MAX_FRAMES_TO_SETTLE = 60 * 60;

    @TempDir
    Path data;

    @Test
    void settledScenesAllocateNothingFrameAfterFrame() throws Exception {
        Driver driver;
        try (DemoServer server = DemoServer.start(0, Files.createDirectories(data.resolve("server")))) {
            LaunchOptions options = LaunchOptions.parse("--server", server.url(), "--data",
                    data.resolve("game").toString());
            driver = new Driver(new FetchGame(options, server.url()));
            new Lwjgl3Application(driver, DesktopLauncher.configuration());
        }
        assertEquals(null, driver.failure, "the game's log:\n" + String.join("\n", driver.log));
        assertEquals(List.of("settings", "leaderboard", "title", "play"), new ArrayList<>(driver.perFrame.keySet()),
                "scenes measured; the game's log:\n" + String.join("\n", driver.log));
        assertTrue(driver.pausedRound, "the round was paused before it was measured");
        StringBuilder report = new StringBuilder();
        boolean clean = true;
        for (Map.Entry<String, long[]> scene : driver.perFrame.entrySet()) {
            int allocating = 0;
            long total = 0;
            for (long bytes : scene.getValue()) {
                allocating += bytes > 0 ? 1 : 0;
                total += bytes;
            }
            // Garbage made by a scene shows up frame after frame. A few frames may allocate for
            // reasons that are no scene's: the optimising JIT putting back on the heap an object
            // it had optimised away (see RoundTest), the text cache's periodic sweep.
            clean &= allocating <= MAX_ALLOCATING_FRAMES;
            report.append(scene.getKey()).append(": ").append(allocating).append(" of ").append(MEASURED_FRAMES)
                    .append(" frames allocated, ").append(total).append(" bytes in all; first frames ")
                    .append(Arrays.toString(Arrays.copyOf(scene.getValue(), 12))).append('\n');
        }
        assertTrue(clean, report.toString());
    }

    /** Runs the game's frames and, once it has settled, steps it through the scenes to measure. */
    private static final class Driver implements ApplicationListener {
        final FetchGame game;
        final List<String> log = new ArrayList<>();
        final Map<String, long[]> perFrame = new LinkedHashMap<>();
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String failure;
        boolean pausedRound;
        private int frames;
        private String scene;
        private int sceneFrames;
        private int boardsShown;

        Driver(FetchGame game) {
            this.game = game;
        }

        @Override
        public void create() {
            Gdx.app.setApplicationLogger(new Lwjgl3ApplicationLogger() {
                @Override
                public void log(String tag, String message) {
                    log.add(tag + ": " + message);
                    if (message.startsWith("Leaderboard shown")) {
                        boardsShown++;
                    }
                    super.log(tag, message);
                }

                @Override
                public void error(String tag, String message) {
                    log.add(tag + " ERROR: " + message);
                    super.error(tag, message);
                }

                @Override
                public void error(String tag, String message, Throwable exception) {
                    log.add(tag + " ERROR: " + message + ": " + exception);
                    super.error(tag, message, exception);
                }
            });
            game.create();
        }

        @Override
        public void render() {
            try {
                step();
            } catch (Throwable e) {
                failure = "frame " + frames + " in " + scene + " threw " + e;
                Gdx.app.exit();
            }
        }

        private void step() {
            frames++;
            if (scene == null) {
                game.render();
                if (settled()) {
                    enter("settings", game.settings);
                } else if (frames > MAX_FRAMES_TO_SETTLE) {
                    fail("the sheet, the music pack and the live board were not all in after " + frames + " frames");
                }
                return;
            }
            if (sceneFrames == 0 && !ready()) {
                game.render();
                if (frames > MAX_FRAMES_TO_SETTLE) {
                    fail(scene + " did not get its data from the server");
                }
                return;
            }
            if (sceneFrames < WARM_FRAMES) {
                game.render();
                sceneFrames++;
                return;
            }
            long[] bytes = perFrame.computeIfAbsent(scene, s -> new long[MEASURED_FRAMES]);
            int i = sceneFrames - WARM_FRAMES;
            long before = threads.getCurrentThreadAllocatedBytes();
            game.render();
            bytes[i] = threads.getCurrentThreadAllocatedBytes() - before;
            sceneFrames++;
            if (i + 1 < MEASURED_FRAMES) {
                return;
            }
            if (scene.equals("settings")) {
                boardsShown = 0;
                game.gameOver.viewOnly();
                enter("leaderboard", game.gameOver);
            } else if (scene.equals("leaderboard")) {
                enter("title", game.title);
            } else if (scene.equals("title")) {
                enter("play", game.play);
            } else {
                Gdx.app.exit();
            }
        }

        private boolean settled() {
            return game.title != null && game.getScreen() == game.title && game.musicPack.isReady()
                    && game.liveBoard.isLive() && game.liveBoard.version() > 0;
        }

        /** Whether the scene just entered has what it shows from the server. */
        private boolean ready() {
            switch (scene) {
                case "leaderboard":
                    return boardsShown > 0;
                case "title":
                    return game.liveBoard.isLive();
                case "play":
                    // A second into the round, the player pauses it, as the backend would deliver P.
                    if (frames == 60) {
                        game.input.keyDown(Keys.P);
                    } else if (frames == 61) {
                        game.input.keyUp(Keys.P);
                    }
                    if (frames > 61) {
                        // A paused round listens to the menu's actions only.
                        pausedRound = game.input.isActive(Actions.MENU) && !game.input.isActive(Actions.GAMEPLAY);
                        return true;
                    }
                    return false;
                default:
                    return true;
            }
        }

        private void enter(String name, Screen screen) {
            scene = name;
            sceneFrames = 0;
            frames = 0;
            if (game.getScreen() != screen) {
                game.setScreen(screen);
            }
        }

        private void fail(String message) {
            failure = message;
            Gdx.app.exit();
        }

        @Override
        public void resize(int width, int height) {
            game.resize(width, height);
        }

        @Override
        public void pause() {
            game.pause();
        }

        @Override
        public void resume() {
            game.resume();
        }

        @Override
        public void dispose() {
            game.dispose();
        }
    }
}
