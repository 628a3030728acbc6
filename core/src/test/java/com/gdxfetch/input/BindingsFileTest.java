package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.backends.headless.HeadlessFiles;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.gdxfetch.testing.DiskFaults;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsFileTest {
    @TempDir
    Path folder;

    private FileHandle handle() {
        return new FileHandle(folder.resolve("input-bindings.json").toFile());
    }

    /** Temporary files a save left in {@code dir}. */
    private static long temporaryFiles(Path dir) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private BindingsFile fileWith(String text) throws Exception {
        Files.write(folder.resolve("input-bindings.json"), text.getBytes(StandardCharsets.UTF_8));
        return new BindingsFile(handle());
    }

    @Test
    void savedChangesLoadBackIntoAFreshMap() {
        ActionMap played = Fixtures.gameMap();
        played.setBinding("jump", 0, Binding.key(Keys.W));
        played.setBindings("shoot", Array.with(Binding.mouse(Buttons.RIGHT), Binding.padAxis(PadAxes.RIGHT_Y, -1)));
        played.removeBinding("back", 1);
        new BindingsFile(handle()).save(played);

        ActionMap next = Fixtures.gameMap();
        BindingsFile.Report report = new BindingsFile(handle()).load(next);
        assertTrue(report.found());
        assertTrue(report.isClean(), report.problems().toString());
        for (InputContext context : played.contexts()) {
            for (String action : context.actions()) {
                assertEquals(played.bindings(action), next.bindings(action), action);
            }
        }
    }

    @Test
    void fileHoldsOnlyChangedActionsByReadableName() throws Exception {
        ActionMap map = Fixtures.gameMap();
        map.setBindings("shoot", Array.with(Binding.key(Keys.SPACE), Binding.mouse(Buttons.LEFT),
            Binding.padButton(PadButtons.A), Binding.padAxis(PadAxes.LEFT_X, -1)));
        map.setBindings("back", new Array<>());
        new BindingsFile(handle()).save(map);

        String text = new String(Files.readAllBytes(folder.resolve("input-bindings.json")), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"shoot\": [ \"Space\", \"Mouse Left\", \"Pad A\", \"Pad Left X-\" ]"), text);
        assertTrue(text.contains("\"back\": [ ]"), text);
        assertFalse(text.contains("jump"), text);
        assertFalse(Files.exists(folder.resolve("input-bindings.json.tmp")));
    }

    @Test
    void newDefaultsReachPlayersWhoSavedBefore() {
        ActionMap oldGame = Fixtures.gameMap();
        oldGame.setBinding("jump", 0, Binding.key(Keys.W));
        new BindingsFile(handle()).save(oldGame);

        ActionMap newGame = new ActionMap();
        newGame.context("gameplay", 0)
            .action("jump", Binding.key(Keys.SPACE))
            .action("shoot", Binding.key(Keys.F))
            .action("dash", Binding.key(Keys.SHIFT_LEFT));
        BindingsFile.Report report = new BindingsFile(handle()).load(newGame);
        assertTrue(report.isClean(), report.problems().toString());
        assertEquals(Array.with(Binding.key(Keys.W), Binding.padButton(PadButtons.A)), newGame.bindings("jump"));
        assertEquals(Array.with(Binding.key(Keys.F)), newGame.bindings("shoot"));
        assertEquals(Array.with(Binding.key(Keys.SHIFT_LEFT)), newGame.bindings("dash"));
    }

    @Test
    void playersChoiceWinsOverANewDefaultForTheSameInput() throws Exception {
        BindingsFile file = fileWith("{ \"version\": 1, \"bindings\": { \"jump\": [ \"L-Shift\" ] } }");
        ActionMap newGame = Fixtures.gameMap();
        newGame.context("gameplay").action("dash", Binding.key(Keys.SHIFT_LEFT), Binding.key(Keys.E));
        BindingsFile.Report report = file.load(newGame);
        assertTrue(report.isClean());
        assertEquals(Array.with(Binding.key(Keys.E)), newGame.bindings("dash"));
        assertEquals(1, report.adjustments().size);
        assertTrue(report.adjustments().first().contains("'dash'"), report.adjustments().toString());
    }

    @Test
    void aDefaultIsDroppedForAnInputThePlayerBoundToTwoActions() throws Exception {
        // Both chosen actions come before "left" in the table: the first conflict each finds is the other.
        BindingsFile file = fileWith("{ \"version\": 1, \"bindings\": { \"jump\": [ \"A\" ], \"shoot\": [ \"A\" ] } }");
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = file.load(map);
        assertTrue(report.isClean(), report.problems().toString());
        assertEquals(Array.with(Binding.key(Keys.LEFT), Binding.padAxis(PadAxes.LEFT_X, -1)), map.bindings("left"));
        assertEquals(1, report.adjustments().size, report.adjustments().toString());
    }

    @Test
    void missingFileLeavesTheDefaults() {
        ActionMap map = Fixtures.gameMap();
        map.setBinding("jump", 0, Binding.key(Keys.W));
        BindingsFile.Report report = new BindingsFile(handle()).load(map);
        assertFalse(report.found());
        assertTrue(report.isClean());
        assertTrue(map.isDefault("jump"));
    }

    @Test
    void brokenJsonKeepsTheDefaultsNamesTheLineAndKeepsTheFileAside() throws Exception {
        String broken = "{\n  \"version\": 1,\n  \"bindings\": {\n    \"jump\": [ \"W\" \n  }\n";
        BindingsFile file = fileWith(broken);
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = file.load(map);
        assertFalse(report.isClean());
        String problem = report.problems().first();
        assertTrue(problem.contains("input-bindings.json") && problem.contains("line"), problem);
        assertTrue(map.isDefault("jump"));
        File aside = report.keptAside().file();
        assertEquals("input-bindings.json.rejected", aside.getName());
        assertEquals(broken, new String(Files.readAllBytes(aside.toPath()), StandardCharsets.UTF_8));
    }

    @Test
    void badEntriesAreDroppedWithTheirNamesAndGoodOnesApply() throws Exception {
        BindingsFile file = fileWith("{\n"
            + "  \"version\": 1,\n"
            + "  \"bindings\": {\n"
            + "    \"jump\": [ \"W\", \"Spcae\" ],\n"
            + "    \"fly\": [ \"F\" ],\n"
            + "    \"shoot\": \"Mouse Left\",\n"
            + "    \"left\": [ 29 ],\n"
            + "    \"right\": [ \"K\" ]\n"
            + "  },\n"
            + "  \"colour\": \"blue\"\n"
            + "}\n");
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = file.load(map);

        Array<String> problems = report.problems();
        assertEquals(5, problems.size, problems.toString());
        assertMentions(problems, "bindings.jump[1]", "\"Spcae\"");
        assertMentions(problems, "bindings.fly", "no such action");
        assertMentions(problems, "bindings.shoot", "expected a list");
        assertMentions(problems, "bindings.left[0]", "expected an input name");
        assertMentions(problems, "\"colour\"", "unknown entry");
        for (String action : new String[] {"jump", "shoot", "left"}) {
            assertTrue(map.isDefault(action), action);
        }
        assertEquals(Array.with(Binding.key(Keys.K)), map.bindings("right"));
        assertTrue(report.keptAside().exists());
    }

    @Test
    void fileFromAnotherFormatVersionIsSetAsideWhole() throws Exception {
        BindingsFile file = fileWith("{ \"version\": 2, \"bindings\": { \"jump\": [ \"W\" ] } }");
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = file.load(map);
        assertMentions(report.problems(), "\"version\" is 2", "version 1");
        assertTrue(map.isDefault("jump"));
    }

    @Test
    void fileThatIsNotAnObjectOrIsEmptyIsReported() throws Exception {
        for (String text : new String[] {"", "[ \"W\" ]", "{ \"version\": 1 }"}) {
            ActionMap map = Fixtures.gameMap();
            BindingsFile.Report report = fileWith(text).load(map);
            assertEquals(1, report.problems().size, text + " -> " + report.problems());
            assertTrue(map.isDefault("jump"));
        }
    }

    @Test
    void aVersionOrBindingsEntryListedTwiceIsReportedAndKeptAside() throws Exception {
        String[] texts = {
            "{ \"version\": 1, \"bindings\": { \"jump\": [ \"W\" ] }, \"bindings\": { \"shoot\": [ \"Q\" ] } }",
            "{ \"version\": 1, \"version\": 2, \"bindings\": { \"jump\": [ \"W\" ] } }",
        };
        for (String text : texts) {
            BindingsFile.Report report = fileWith(text).load(Fixtures.gameMap());
            assertFalse(report.isClean(), text + " was read as clean, though half of it was ignored");
            assertMentions(report.problems(), "listed twice");
            assertTrue(report.keptAside() != null, text);
        }
    }

    @Test
    void cleanLoadKeepsNothingAside() throws Exception {
        BindingsFile.Report report = fileWith("{ \"version\": 1, \"bindings\": { } }").load(Fixtures.gameMap());
        assertTrue(report.isClean());
        assertNull(report.keptAside());
        assertFalse(Files.exists(folder.resolve("input-bindings.json.rejected")));
    }

    @Test
    void loadingIntoALiveMapperTakesEffectOnTheNextEvent() throws Exception {
        InputMapper input = Fixtures.playing();
        fileWith("{ \"version\": 1, \"bindings\": { \"jump\": [ \"W\" ] } }").load(input.actions());
        input.keyDown(Keys.SPACE);
        input.keyDown(Keys.W);
        input.update();
        assertTrue(input.justPressed("jump"));
        input.keyUp(Keys.W);
        input.update();
        assertFalse(input.isPressed("jump"), "Space is no longer bound to jump");
    }

    @Test
    void binaryGarbageIsReportedAndKeptAside() throws Exception {
        byte[] garbage = new byte[512];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(folder.resolve("input-bindings.json"), garbage);
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = new BindingsFile(handle()).load(map);
        assertFalse(report.isClean());
        assertTrue(map.isDefault("jump"));
        assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(report.keptAside().file().toPath())));
    }

    @Test
    void localFileLivesInTheGamesLocalStorage() {
        com.badlogic.gdx.Files previous = Gdx.files;
        Gdx.files = new HeadlessFiles();
        try {
            BindingsFile file = BindingsFile.local("target/input-bindings-local-test.json");
            assertEquals(new File("target/input-bindings-local-test.json").getAbsoluteFile(),
                file.file().file().getAbsoluteFile());
            ActionMap map = Fixtures.gameMap();
            map.setBinding("jump", 0, Binding.key(Keys.W));
            file.save(map);
            ActionMap loaded = Fixtures.gameMap();
            assertTrue(file.load(loaded).isClean());
            assertEquals(Binding.key(Keys.W), loaded.binding("jump", 0));
            file.file().delete();
        } finally {
            Gdx.files = previous;
        }
    }

    @Test
    void deeplyNestedValuesAreReportedNotThrown() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String[] texts = {
            deep,
            "{ \"version\": " + deep + ", \"bindings\": { } }",
            "{ \"version\": 1, \"bindings\": " + deep + " }",
            "{ \"version\": 1, \"bindings\": { \"jump\": { \"a\": " + deep + " } } }",
            "{ \"version\": 1, \"bindings\": { \"jump\": [ " + deep + " ] } }",
        };
        for (String text : texts) {
            ActionMap map = Fixtures.gameMap();
            BindingsFile.Report report = fileWith(text).load(map);
            assertEquals(1, report.problems().size, report.problems().toString());
            assertTrue(map.isDefault("jump"));
        }
    }

    @Test
    void aHugeValueIsReportedInBrief() throws Exception {
        String huge = "x".repeat(1_000_000);
        String[] texts = {
            "{ \"version\": 1, \"bindings\": { \"jump\": [ \"" + huge + "\" ] } }",
            "{ \"version\": 1, \"bindings\": { \"jump\": \"" + huge + "\" } }",
            "{ \"version\": 1, \"bindings\": { \"jump\": { \"a\": \"" + huge + "\" } } }",
            "{ \"version\": 1, \"bindings\": { \"jump\": [ ], \"jump" + huge + "\": [ ] } }",
            "{ \"version\": 1, \"" + huge + "\": 0, \"bindings\": { \"jump\": [ ] } }",
        };
        for (String text : texts) {
            BindingsFile.Report report = fileWith(text).load(Fixtures.gameMap());
            assertEquals(1, report.problems().size, text.substring(0, 60));
            String problem = report.problems().first();
            assertTrue(problem.length() < 400, () -> problem.length() + " chars: " + problem.substring(0, 200));
            assertMentions(report.problems(), text.contains("\"bindings\": { \"jump\": [ ]") ? "xxxx" : "bindings.jump");
        }
    }

    @Test
    void savingALocalFileReplacesItWholeAndNeverRewritesItInPlace() throws Exception {
        com.badlogic.gdx.Files previous = Gdx.files;
        Gdx.files = new HeadlessFiles();
        Path dir = Path.of("target", "bindings-save-test");
        try {
            Files.createDirectories(dir);
            BindingsFile file = BindingsFile.local(dir.resolve("input-bindings.json").toString());
            ActionMap map = Fixtures.gameMap();
            map.setBinding("jump", 0, Binding.key(Keys.W));
            file.save(map);
            Path saved = file.file().file().toPath();
            byte[] before = Files.readAllBytes(saved);
            // A second name for the file as it is now: a save that writes into the file itself (which
            // a crash can cut short) changes what this name reads; one that renames a new file over it does not.
            Path previousVersion = dir.resolve("previous.json");
            Files.deleteIfExists(previousVersion);
            Files.createLink(previousVersion, saved);
            map.setBinding("jump", 0, Binding.key(Keys.Q));
            file.save(map);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(previousVersion)), "the old file was rewritten in place");
            ActionMap loaded = Fixtures.gameMap();
            assertTrue(file.load(loaded).isClean());
            assertEquals(Binding.key(Keys.Q), loaded.binding("jump", 0));
            assertEquals(0, temporaryFiles(dir));
        } finally {
            Gdx.files = previous;
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aFileAnEditorSavedWithAByteOrderMarkAndWindowsLineEndsLoadsAsWritten() throws Exception {
        BindingsFile file = fileWith("\uFEFF{\r\n  \"version\": 1,\r\n  \"bindings\": {\r\n"
            + "    \"jump\": [ \"W\", \"Pad Left Y-\" ]\r\n  }\r\n}\r\n");
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = file.load(map);
        assertTrue(report.isClean(), report.problems().toString());
        assertEquals(Array.with(Binding.key(Keys.W), Binding.padAxis(PadAxes.LEFT_Y, -1)), map.bindings("jump"));
    }

    @Test
    void aSaveWhileAnotherProcessIsSavingTheSameFileLeavesOneWholeFile() throws Exception {
        Path saved = folder.resolve("input-bindings.json");
        ActionMap ours = Fixtures.gameMap();
        ours.setBinding("jump", 0, Binding.key(Keys.W));
        String theirs = "\n\n" + BindingsFile.toJson(ours).replace("\"W\"", "\"L-Shift\"");
        int half = theirs.length() / 2;
        // Another instance of the game, halfway through writing its save beside the file.
        try (java.io.FileOutputStream other = new java.io.FileOutputStream(
                folder.resolve("input-bindings.json.tmp").toFile())) {
            other.write(theirs.substring(0, half).getBytes(StandardCharsets.UTF_8));
            other.flush();
            new BindingsFile(new FileHandle(saved.toFile())).save(ours);
            other.write(theirs.substring(half).getBytes(StandardCharsets.UTF_8));
        }
        // Its rename, still to come, would put its whole file in place of ours; never a mix of the two.
        assertEquals(BindingsFile.toJson(ours), new String(Files.readAllBytes(saved), StandardCharsets.UTF_8));
    }

    @Test
    void aSaveThatFindsTheDiskFullThrowsAndKeepsThePreviousFile() throws Exception {
        File dir = folder.resolve("small").toFile();
        try (DiskFaults.Mount small = DiskFaults.small(dir, 64 * 1024)) {
            ActionMap map = Fixtures.gameMap();
            map.setBinding("jump", 0, Binding.key(Keys.W));
            Path saved = dir.toPath().resolve("input-bindings.json");
            BindingsFile file = new BindingsFile(new FileHandle(saved.toFile()));
            file.save(map);
            byte[] before = Files.readAllBytes(saved);
            DiskFaults.fill(dir);

            map.setBinding("jump", 0, Binding.key(Keys.Q));
            GdxRuntimeException failure = assertThrows(GdxRuntimeException.class, () -> file.save(map));
            assertTrue(failure.getMessage().contains(saved.toString()), failure.getMessage());
            assertArrayEquals(before, Files.readAllBytes(saved));
            assertEquals(0, temporaryFiles(dir.toPath()), "the failed temporary file was left behind");
            ActionMap loaded = Fixtures.gameMap();
            assertTrue(file.load(loaded).isClean());
            assertEquals(Binding.key(Keys.W), loaded.binding("jump", 0));
        }
    }

    @Test
    void aSaveOverAFolderWhereTheFileShouldBeThrowsNamingItAndWritesNothingInside() throws Exception {
        Path saved = folder.resolve("input-bindings.json");
        Files.createDirectories(saved);
        Files.write(saved.resolve("notes.txt"), "the player's own".getBytes(StandardCharsets.UTF_8));
        ActionMap map = Fixtures.gameMap();
        map.setBinding("jump", 0, Binding.key(Keys.W));

        GdxRuntimeException failure = assertThrows(GdxRuntimeException.class, () -> new BindingsFile(handle()).save(map));
        assertTrue(failure.getMessage().contains(saved.toString()), failure.getMessage());
        try (java.util.stream.Stream<Path> inside = Files.list(saved)) {
            assertEquals(1, inside.count(), "the save wrote into the folder instead of failing");
        }
        assertEquals(0, temporaryFiles(folder), "the failed temporary file was left behind");
    }

    @Test
    void aFolderWhereTheFileShouldBeIsReportedAsAFolderAndNothingOfItIsCopied() throws Exception {
        Path saved = folder.resolve("input-bindings.json");
        Files.createDirectories(saved);
        Files.write(saved.resolve("notes.txt"), "the player's own".getBytes(StandardCharsets.UTF_8));
        BindingsFile file = new BindingsFile(handle());
        for (int start = 0; start < 2; start++) {
            ActionMap map = Fixtures.gameMap();
            BindingsFile.Report report = file.load(map);
            assertEquals(1, report.problems().size, report.problems().toString());
            assertMentions(report.problems(), "is a folder, not a file");
            assertTrue(map.isDefault("jump"));
            assertNull(report.keptAside(), "a folder is not the player's file to keep aside");
            assertFalse(folder.resolve("input-bindings.json.rejected").toFile().exists(),
                "the folder was copied beside itself");
        }
    }

    @Test
    void aPipeWhereTheFileShouldBeIsReportedWithoutWaitingForAWriter() throws Exception {
        Path saved = folder.resolve("input-bindings.json");
        assertEquals(0, new ProcessBuilder("mkfifo", saved.toString()).inheritIO().start().waitFor());
        java.util.concurrent.FutureTask<BindingsFile.Report> loading = new java.util.concurrent.FutureTask<>(
            () -> new BindingsFile(handle()).load(Fixtures.gameMap()));
        Thread loader = new Thread(loading, "bindings load");
        loader.setDaemon(true);
        loader.start();
        BindingsFile.Report report;
        try {
            report = loading.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Let the stuck read go: a writer that opens and closes the pipe ends it.
            Files.newOutputStream(saved).close();
            throw new AssertionError("load waited for something to write into the pipe");
        }
        assertMentions(report.problems(), "not a regular file");
        assertNull(report.keptAside());
    }

    @Test
    void aSaveIntoAReadOnlyFolderSaysWhyTheSystemRefusedIt() throws Exception {
        File dir = folder.resolve("settings").toFile();
        assertTrue(dir.mkdirs());
        Path saved = dir.toPath().resolve("input-bindings.json");
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir)) {
            BindingsFile file = new BindingsFile(new FileHandle(saved.toFile()));
            GdxRuntimeException failure = assertThrows(GdxRuntimeException.class, () -> file.save(Fixtures.gameMap()));
            assertTrue(failure.getMessage().contains(saved.toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("Read-only file system"), failure.getMessage());
        }
    }

    @Test
    void aFileLargerThanAnyBindingsFileIsReportedWithoutBeingRead() throws Exception {
        StringBuilder text = new StringBuilder("{ \"version\": 1, \"bindings\": { \"jump\": [ \"W\" ] }");
        text.append(" ".repeat(BindingsFile.MAX_FILE_BYTES)).append('}');
        ActionMap map = Fixtures.gameMap();
        BindingsFile.Report report = fileWith(text.toString()).load(map);
        assertEquals(1, report.problems().size, report.problems().toString());
        assertMentions(report.problems(), "bytes");
        assertTrue(map.isDefault("jump"));
        assertTrue(report.keptAside() != null);
    }

    @Test
    void aFileLargerThanAnyBindingsFileIsSetAsideOnceNotCopiedAgainAtEveryStart() throws Exception {
        byte[] junk = new byte[BindingsFile.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(junk, (byte) ' ');
        Files.write(folder.resolve("input-bindings.json"), junk);
        BindingsFile file = new BindingsFile(handle());

        BindingsFile.Report first = file.load(Fixtures.gameMap());
        assertTrue(java.util.Arrays.equals(junk, Files.readAllBytes(first.keptAside().file().toPath())));
        long stored = 0;
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                stored += Files.size(p);
            }
        }
        assertEquals(junk.length, stored, "the oversized file is kept once, not copied beside itself");

        BindingsFile.Report next = file.load(Fixtures.gameMap());
        assertTrue(next.isClean(), "the next start reads the defaults instead of copying the file again: "
            + next.problems());
        assertTrue(java.util.Arrays.equals(junk, Files.readAllBytes(first.keptAside().file().toPath())));
    }

    private static void assertMentions(Array<String> problems, String... parts) {
        for (String problem : problems) {
            boolean all = problem.contains("input-bindings.json");
            for (String part : parts) {
                all &= problem.contains(part);
            }
            if (all) {
                return;
            }
        }
        throw new AssertionError("no problem mentions " + String.join(" and ", parts) + " in " + problems);
    }
}
