package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example is a template people copy, so its layout is checked: the game knows its server only
 * by URL, gameplay does not lean on the test harness, and no game code parses JSON itself (the
 * decoders do that on worker threads).
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "com", "gdxfetch", "example");
    /** The game proper: everything a game built from this template would keep. */
    private static final List<String> GAMEPLAY = List.of("scenes", "play", "online", "ui");

    @Test
    void onlyTheLauncherAndTheServerItselfUseTheServerPackage() throws IOException {
        List<String> users = filesContaining("import com.gdxfetch.example.server.");
        users.removeIf(file -> file.startsWith("server/"));
        assertEquals(List.of("DesktopLauncher.java"), users);
    }

    @Test
    void scenesPlayAndTheOnlineClientDoNotUseTheHarness() throws IOException {
        for (String file : filesContaining("import com.gdxfetch.example.harness.")) {
            assertTrue(!file.startsWith("scenes/") && !file.startsWith("play/") && !file.startsWith("online/"), file);
        }
    }

    @Test
    void gameCodeParsesNoJsonOnTheRenderThread() throws IOException {
        for (String marker : new String[] {"JsonReader", "new Json(", ".text()"}) {
            for (String file : filesContaining(marker)) {
                assertTrue(!GAMEPLAY.contains(file.substring(0, Math.max(0, file.indexOf('/')))),
                        file + " uses " + marker);
            }
        }
    }

    /** Source files under the example's package that contain {@code text}, as paths relative to it. */
    private static List<String> filesContaining(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                    found.add(SOURCES.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        found.sort(null);
        return found;
    }
}
