package com.gdxfetch.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationLogger;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.Music;
import com.gdxfetch.testing.CapturingLogger;
import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The director on the GL window's real {@code Gdx.audio}, which has no sound device here. */
class MusicDirectorOnGdxAudioTest {
    @TempDir
    Path dir;

    @Test
    void realMusicSwitchesAndDeviceErrorsAreLoggedOnce() throws IOException {
        Path title = writeWav(dir.resolve("title.wav"), 440);
        Path battle = writeWav(dir.resolve("battle.wav"), 660);
        RecordingMusic broken = new RecordingMusic("broken");
        broken.failing = true;
        CapturingLogger logged = new CapturingLogger();
        MusicDirector director = GlTestWindow.call(() -> new MusicDirector(MusicDirectorConfig.builder()
                .loader(path -> Gdx.audio.newMusic(Gdx.files.absolute(path))).build()));
        Music[] seen = new Music[3];
        ApplicationLogger original = GlTestWindow.call(() -> {
            ApplicationLogger logger = Gdx.app.getApplicationLogger();
            Gdx.app.setApplicationLogger(logged);
            return logger;
        });
        try {
            GlTestWindow.runFrames(20, () -> frame(director, title.toString()));
            seen[0] = GlTestWindow.call(director::current);
            GlTestWindow.runFrames(20, () -> frame(director, battle.toString()));
            seen[1] = GlTestWindow.call(director::current);
            GlTestWindow.runFrames(60, () -> {
                director.ensurePlaying(broken);
                director.update(Gdx.graphics.getDeltaTime());
                // A second scene keeps asking for its own song, so switches keep failing too.
                director.ensurePlaying(seen[0]);
                director.update(Gdx.graphics.getDeltaTime());
            });
            seen[2] = GlTestWindow.call(director::current);
        } finally {
            GlTestWindow.run(() -> {
                Gdx.app.setApplicationLogger(original);
                director.dispose();
            });
        }
        assertNotNull(seen[0]);
        assertNotNull(seen[1]);
        assertNotSame(seen[0], seen[1]);
        assertSame(seen[0], seen[2], "the director went on switching after the errors");
        int failures = GlTestWindow.call(director::failureCount);
        assertTrue(failures > 1, "failures: " + failures);
        List<String> errors = logged.errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("broken"), errors.get(0));
    }

    @Test
    void songFilesThatAreMissingEmptyAFolderOrNotAudioStaySilentAndAreEachLoggedNamingThePathAndWhy()
            throws IOException {
        // This machine has no sound device: libGDX's stand-in audio opens any path without looking
        // at it, so only the director can tell the game that a file is wrong.
        String missing = dir.resolve("missing.ogg").toString();
        String empty = Files.write(dir.resolve("empty.wav"), new byte[0]).toString();
        String text = Files.write(dir.resolve("notes.ogg"), "not a song".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        String riff = Files.write(dir.resolve("picture.wav"), "RIFF\0\0\0\0WEBPVP8 ".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).toString();
        String folder = Files.createDirectories(dir.resolve("songs.ogg")).toString();
        String good = writeWav(dir.resolve("title.wav"), 440).toString();
        String[][] badAndWhy = {
            {missing, "not found"}, {empty, "empty"}, {text, "not an Ogg"}, {riff, "not a WAV"}, {folder, "folder"},
        };
        CapturingLogger logged = new CapturingLogger();
        MusicDirector director = GlTestWindow.call(MusicDirector::new);
        ApplicationLogger original = GlTestWindow.call(() -> {
            ApplicationLogger logger = Gdx.app.getApplicationLogger();
            Gdx.app.setApplicationLogger(logged);
            return logger;
        });
        Music[] heard = new Music[badAndWhy.length + 1];
        try {
            for (int i = 0; i < badAndWhy.length; i++) {
                String path = badAndWhy[i][0];
                GlTestWindow.runFrames(3, () -> frame(director, path));
                heard[i] = GlTestWindow.call(director::current);
            }
            GlTestWindow.runFrames(3, () -> frame(director, good));
            heard[badAndWhy.length] = GlTestWindow.call(director::current);
        } finally {
            GlTestWindow.run(() -> {
                Gdx.app.setApplicationLogger(original);
                director.dispose();
            });
        }
        for (int i = 0; i < badAndWhy.length; i++) {
            assertEquals(null, heard[i], badAndWhy[i][0] + " should stay silent");
        }
        assertNotNull(heard[badAndWhy.length], "a good song after the bad ones plays");
        List<String> errors = logged.errors();
        assertEquals(badAndWhy.length, errors.size(), errors.toString());
        for (int i = 0; i < badAndWhy.length; i++) {
            String line = errors.get(i);
            assertTrue(line.contains(badAndWhy[i][0]) && line.contains(badAndWhy[i][1]),
                    line + " should name " + badAndWhy[i][0] + " and say " + badAndWhy[i][1]);
        }
    }

    private static void frame(MusicDirector director, String path) {
        director.ensurePlaying(path);
        director.update(Gdx.graphics.getDeltaTime());
    }

    /** One second of a 16-bit mono sine tone, written as a PCM WAV file. */
    private static Path writeWav(Path file, int hertz) throws IOException {
        int rate = 22050;
        int samples = rate;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
        wav.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
        wav.putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (Math.sin(2 * Math.PI * hertz * i / rate) * 8000));
        }
        return Files.write(file, wav.array());
    }
}
