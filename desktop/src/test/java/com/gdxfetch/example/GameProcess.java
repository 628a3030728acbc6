package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real game in a child JVM on the build's X display, as a player's launch runs it. */
final class GameProcess {
    private GameProcess() {
    }

    /** Runs the game to its exit and returns what it printed; fails unless it exits with 0. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DesktopLauncher.class.getName());
        command.addAll(List.of(args));
        File log = Files.createTempFile("game-run", ".log").toFile();
        Process game = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        try {
            boolean exited = game.waitFor(120, TimeUnit.SECONDS);
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertTrue(exited, "the game did not exit within 120 s:\n" + output);
            assertEquals(0, game.exitValue(), "the game's exit code; its output:\n" + output);
            return output;
        } finally {
            game.destroyForcibly();
            Files.deleteIfExists(log.toPath());
        }
    }
}
