package com.gdxfetch.example.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.example.Actions;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.BindingsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings scene saves the bindings the moment the player changes one. When the disk refuses
 * the save, the scene must get a message to show, not an exception out of {@code render()} that
 * ends the game, and the player's previous file must stay as it was. The failures are real: a
 * folder where the file should be, and a folder mounted read-only (permission bits would not do:
 * the build runs as root, which ignores them).
 */
class SettingsSaveTest {
    @TempDir
    Path folder;

    @Test
    void aSaveThatWorksReportsNothingAndTheFileLoadsBack() {
        Path saved = folder.resolve("input-bindings.json");
        BindingsFile file = new BindingsFile(new FileHandle(saved.toFile()));

        assertNull(SettingsScene.saveBindings(file, jumpOnQ()));

        ActionMap loaded = Actions.defaults();
        assertTrue(file.load(loaded).isClean());
        assertEquals(Binding.key(Keys.Q), loaded.binding(Actions.JUMP, 0));
    }

    @Test
    void aFolderWhereTheBindingsFileShouldBeIsReportedNotThrown() throws IOException {
        Path saved = Files.createDirectories(folder.resolve("input-bindings.json"));
        Files.write(saved.resolve("notes.txt"), "the player's own".getBytes(StandardCharsets.UTF_8));

        String shown = SettingsScene.saveBindings(new BindingsFile(new FileHandle(saved.toFile())), jumpOnQ());

        assertNotNull(shown, "a failed save must say so");
        assertTrue(shown.contains(saved.toString()) && shown.contains("is a folder"), shown);
        try (Stream<Path> inside = Files.list(saved)) {
            assertEquals(1, inside.count(), "the save wrote into the folder");
        }
    }

    @Test
    void aReadOnlyFolderIsReportedAndThePreviousFileStaysAsItWas() throws IOException {
        Path dir = Files.createDirectories(folder.resolve("settings"));
        Path saved = dir.resolve("input-bindings.json");
        BindingsFile file = new BindingsFile(new FileHandle(saved.toFile()));
        assertNull(SettingsScene.saveBindings(file, jumpOnQ()));
        byte[] before = Files.readAllBytes(saved);

        ActionMap changed = jumpOnQ();
        changed.setBinding(Actions.SHOOT, 0, Binding.key(Keys.X));
        String shown;
        mount("--bind", dir.toString(), dir.toString());
        try {
            mount("-o", "remount,bind,ro", dir.toString());
            shown = SettingsScene.saveBindings(file, changed);
        } finally {
            run("umount", dir.toString());
        }

        assertNotNull(shown, "a failed save must say so");
        assertTrue(shown.contains(saved.toString()) && shown.contains("Read-only file system"), shown);
        assertArrayEquals(before, Files.readAllBytes(saved));
        ActionMap loaded = Actions.defaults();
        assertTrue(file.load(loaded).isClean());
        assertEquals(Binding.key(Keys.Q), loaded.binding(Actions.JUMP, 0));
        assertTrue(loaded.isDefault(Actions.SHOOT), "only the saved change is on disk");
    }

    private static ActionMap jumpOnQ() {
        ActionMap actions = Actions.defaults();
        actions.setBinding(Actions.JUMP, 0, Binding.key(Keys.Q));
        return actions;
    }

    private static void mount(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 1];
        command[0] = "mount";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        run(command);
    }

    /** Runs {@code command}, failing with its output when it fails (mounting needs root or CAP_SYS_ADMIN). */
    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (needs mount rights): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
