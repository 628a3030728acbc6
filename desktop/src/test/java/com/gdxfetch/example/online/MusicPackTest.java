package com.gdxfetch.example.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.server.DemoServer;
import com.gdxfetch.net.FetchManager;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The game's music pack against the real demo server, driven frame by frame like the game drives
 * it: the first run quits with a third of the pack on disk (the server holds the rest back), the
 * second run resumes from those bytes with a range request, verifies the pack and puts it in place,
 * and a third finds it there without asking the server.
 */
class MusicPackTest {
    @TempDir
    Path data;
    private DemoServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start(0, data);
        server.musicPackRate(0);
    }

    @AfterEach
    void stop() {
        server.releaseMusicPack();
        server.close();
    }

    @Test
    void aPackCutOffByAQuitResumesAtTheNextStartAndIsThenPlayedFromDisk() throws Exception {
        byte[] pack = server.musicPack();
        long third = pack.length / 3;
        FileHandle file = new FileHandle(data.resolve("music-pack.wav").toFile());
        File part = new File(file.file().getPath() + ".part");
        server.holdMusicPackAt(third);

        FetchManager firstRun = new FetchManager();
        MusicPack first = new MusicPack(firstRun, server.url(), file, log::add);
        assertFalse(first.isReady());
        first.start();
        List<Float> before = new ArrayList<>();
        frames(firstRun, first, before, () -> first.bytesWritten() == third);
        assertTrue(first.isDownloading());
        // The player quits: the game disposes its manager, which cancels the download.
        firstRun.dispose();
        assertFalse(file.exists(), "no pack under its name before it is complete");
        assertEquals(third, part.length(), "the bytes received are kept for the next start");
        server.releaseMusicPack();

        FetchManager secondRun = new FetchManager();
        try {
            MusicPack second = new MusicPack(secondRun, server.url(), file, log::add);
            assertFalse(second.isReady());
            assertEquals(FetchGame.MUSIC, second.song(FetchGame.MUSIC), "the built-in loop plays meanwhile");
            second.start();
            List<Float> after = new ArrayList<>();
            frames(secondRun, second, after, second::isReady);
            System.out.println("music pack progress, first run: " + before + "; after the restart: " + after);

            assertEquals(third, second.resumedFrom());
            assertTrue(after.get(0) >= (float) third / pack.length - 1e-6f,
                    "the bar starts where the first run left off: " + after);
            assertEquals(1f, after.get(after.size() - 1));
            for (int i = 1; i < after.size(); i++) {
                assertTrue(after.get(i) >= after.get(i - 1), "the bar never goes back: " + after);
            }
            for (int i = 1; i < before.size(); i++) {
                assertTrue(before.get(i) >= before.get(i - 1), "the bar never goes back: " + before);
            }
            assertArrayEquals(pack, Files.readAllBytes(file.file().toPath()));
            assertFalse(part.exists());
            assertTrue(log.contains("Music pack ready: music-pack.wav, " + pack.length + " bytes, resumed from byte "
                    + third), log.toString());
            assertEquals(file.file().getAbsolutePath(), second.song(FetchGame.MUSIC));
            assertTrue(second.owns(second.song(FetchGame.MUSIC)));

            MusicPack third3 = new MusicPack(secondRun, server.url(), file, log::add);
            assertTrue(third3.isReady(), "a pack in place is used as it is");
            third3.start();
            assertFalse(third3.isDownloading());
            assertTrue(secondRun.update(), "nothing was requested");
        } finally {
            secondRun.dispose();
        }
    }

    @Test
    void aServerWithoutThePackFailsItSayingSoInsteadOfShowingAStuckBar() {
        FileHandle file = new FileHandle(data.resolve("music-pack.wav").toFile());
        FetchManager fetch = new FetchManager();
        try {
            // The demo server answers a path it does not serve with 404 and a JSON error body.
            MusicPack pack = new MusicPack(fetch, server.url() + "/no-packs-here", file, log::add);
            pack.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pack.failure() == null) {
                assertTrue(System.nanoTime() < deadline, "no failure in 30 s; downloading: " + pack.isDownloading());
                fetch.update();
                LockSupport.parkNanos(1_000_000);
            }
            assertFalse(pack.isDownloading());
            assertEquals("Music pack: HTTP_STATUS - it resumes at the next start", pack.failure());
            assertFalse(file.exists());
        } finally {
            fetch.dispose();
        }
    }

    /** Runs frames until {@code done}, recording each new progress value once bytes are on disk. */
    private static void frames(FetchManager fetch, MusicPack pack, List<Float> progress, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the pack did not get there in 60 s; progress " + progress);
            assertTrue(pack.failure() == null, pack.failure());
            fetch.update();
            float p = pack.progress();
            if (pack.bytesWritten() > 0 && (progress.isEmpty() || progress.get(progress.size() - 1) != p)) {
                progress.add(p);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
