package com.gdxfetch.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.ObjectIntMap;
import org.junit.jupiter.api.Test;

class MusicDirectorTest {
    private static final float FRAME = 0.25f;

    private final RecordingMusic title = new RecordingMusic("title");
    private final RecordingMusic battle = new RecordingMusic("battle");
    private final MusicDirector director = new MusicDirector(path -> {
        throw new AssertionError("no paths in this test");
    });

    private void frames(int count, RecordingMusic song) {
        for (int i = 0; i < count; i++) {
            director.ensurePlaying(song);
            director.update(FRAME);
        }
    }

    @Test
    void ensuringEveryFrameStartsTheSongOnce() {
        frames(100, title);
        assertEquals(1, title.plays);
        assertTrue(title.playing);
        assertTrue(title.looping);
        assertEquals(1f, title.volume);
        assertSame(title, director.getCurrent());
    }

    @Test
    void anotherSongStopsTheFirstAndStartsOnceItself() {
        frames(10, title);
        frames(10, battle);
        assertFalse(title.playing);
        assertTrue(battle.playing);
        assertEquals(1, battle.plays);
        frames(10, title);
        assertEquals(2, title.plays);
        assertFalse(battle.playing);
    }

    @Test
    void crossFadeRampsBothVolumesOverFrames() {
        director.setCrossFade(4 * FRAME);
        director.setVolume(0.8f);
        frames(10, title);
        assertEquals(0.8f, title.volume, 1e-6f);

        frames(2, battle);
        assertEquals(0.4f, title.volume, 1e-6f);
        assertEquals(0.4f, battle.volume, 1e-6f);
        assertTrue(title.playing, "still fading out");
        assertSame(title, director.getFadingOut());

        frames(2, battle);
        assertFalse(title.playing);
        assertNull(director.getFadingOut());
        assertEquals(0.8f, battle.volume, 1e-6f);
    }

    @Test
    void askingBackForTheFadingSongReversesTheFadeWithoutRestart() {
        director.setCrossFade(4 * FRAME);
        frames(10, title);
        frames(1, battle);
        assertEquals(0.75f, title.volume, 1e-6f);
        assertEquals(0.25f, battle.volume, 1e-6f);
        frames(1, title);
        assertEquals(1, title.plays);
        assertEquals(1, battle.plays);
        assertEquals(1f, title.volume, 1e-6f);
        assertFalse(battle.playing, "faded back out from where it had reached");
        assertTrue(title.playing);
    }

    @Test
    void stopFadesToSilenceOnce() {
        director.setCrossFade(2 * FRAME);
        frames(5, title);
        for (int i = 0; i < 10; i++) {
            director.stop();
            director.update(FRAME);
        }
        assertFalse(title.playing);
        assertEquals(1, title.stops);
        assertNull(director.getCurrent());
    }

    @Test
    void pathsLoadOnceAndOnlyLoadedSongsAreDisposed() {
        ObjectIntMap<String> loads = new ObjectIntMap<>();
        RecordingMusic loaded = new RecordingMusic("loaded");
        MusicDirector byPath = new MusicDirector(path -> {
            loads.getAndIncrement(path, 0, 1);
            return loaded;
        });
        for (int i = 0; i < 50; i++) {
            // A fresh but equal string each frame, as a scene building its path would pass.
            byPath.ensurePlaying(new String("music/title.ogg"));
            byPath.update(FRAME);
        }
        assertEquals(1, loads.get("music/title.ogg", 0));
        assertEquals(1, loaded.plays);
        byPath.ensurePlaying(title);
        assertFalse(loaded.playing);
        byPath.dispose();
        assertTrue(loaded.disposed);
        assertFalse(title.disposed, "caller-owned music stays the caller's");
        assertFalse(title.playing);
    }

    @Test
    void unloadableSongSilencesThePreviousOneAndIsNotRetried() {
        int[] attempts = {0};
        MusicDirector byPath = new MusicDirector(path -> {
            attempts[0]++;
            throw new IllegalArgumentException("cannot open " + path);
        });
        byPath.ensurePlaying(title);
        for (int i = 0; i < 50; i++) {
            byPath.ensurePlaying("music/missing.ogg");
            byPath.update(FRAME);
        }
        assertEquals(1, attempts[0]);
        assertFalse(title.playing, "the old song must not keep playing");
        assertNull(byPath.getCurrent());
        assertEquals(1, byPath.getFailureCount());
    }

    @Test
    void badSettingsAreRejectedWithTheirValue() {
        IllegalArgumentException volume = assertThrows(IllegalArgumentException.class, () -> director.setVolume(2f));
        assertTrue(volume.getMessage().contains("2.0"), volume.getMessage());
        IllegalArgumentException fade = assertThrows(IllegalArgumentException.class,
                () -> director.setCrossFade(-1f));
        assertTrue(fade.getMessage().contains("-1.0"), fade.getMessage());
        assertThrows(IllegalArgumentException.class, () -> director.ensurePlaying((String) null));
    }
}
