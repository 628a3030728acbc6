package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void noArgumentsStartTheEmbeddedServerAndRunUntilClosed() {
        LaunchOptions options = LaunchOptions.parse();
        assertNull(options.serverUrl());
        assertEquals(-1, options.servePort());
        assertEquals(-1, options.frames());
        assertNull(options.screenshot());
        assertFalse(options.autoplay());
        assertFalse(options.showBoard());
        assertEquals("PLAYER", options.playerName());
        assertTrue(options.dataDir().endsWith(".gdx-fetch-example"));
    }

    @Test
    void automationFlagsAreReadTogether() {
        LaunchOptions options = LaunchOptions.parse("--autoplay", "--frames", "720", "--screenshot", "out/last.png",
                "--data", "tmp/game", "--server", "http://127.0.0.1:8080/");
        assertTrue(options.autoplay());
        assertEquals(720, options.frames());
        assertEquals(Path.of("out/last.png"), options.screenshot());
        assertEquals(Path.of("tmp/game"), options.dataDir());
        assertEquals("http://127.0.0.1:8080", options.serverUrl(), "the trailing slash is dropped");
        assertEquals("BOT", options.playerName());
    }

    @Test
    void boardFlagOpensTheLeaderboardWithoutPlaying() {
        LaunchOptions options = LaunchOptions.parse("--board", "--frames", "300");
        assertTrue(options.showBoard());
        assertFalse(options.autoplay());
        assertEquals("PLAYER", options.playerName());
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        String[][] cases = {
            {"--frames", "0"},
            {"--frames", "many"},
            {"--frames"},
            {"--serve", "70000"},
            {"--server", "ftp://example.com"},
            {"--serve", "8080", "--server", "http://127.0.0.1:8080"},
            {"--name", "A NAME THAT IS FAR TOO LONG"},
            {"--fullscreen"},
        };
        String[] named = {"--frames", "--frames", "--frames", "--serve", "--server", "--server", "--name", "--fullscreen"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = cases[i];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(args));
            assertTrue(e.getMessage().contains(named[i]), String.join(" ", args) + " -> " + e.getMessage());
        }
    }

    @Test
    void webRunsOnlyTheServerOnAFreePortUnlessServeNamesOne() {
        assertFalse(LaunchOptions.parse().web());
        LaunchOptions web = LaunchOptions.parse("--web");
        assertTrue(web.web());
        assertEquals(-1, web.servePort());
        assertEquals(8080, LaunchOptions.parse("--web", "--serve", "8080").servePort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse("--web", "--server", "http://127.0.0.1:8080"));
        assertTrue(e.getMessage().contains("--web"), e.getMessage());
    }
}
