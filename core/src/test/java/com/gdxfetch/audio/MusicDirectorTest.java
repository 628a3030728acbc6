package com.gdxfetch.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Audio;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.utils.ObjectIntMap;
import com.gdxfetch.testing.Allocations;
import org.junit.jupiter.api.Test;

class MusicDirectorTest {
    private static final float FRAME = 0.25f;

    private final RecordingMusic title = new RecordingMusic("title");
    private final RecordingMusic battle = new RecordingMusic("battle");
    private MusicDirector director = fading(0f);

    /** A director for songs passed in, switching with a cross-fade of {@code seconds}. */
    private static MusicDirector fading(float seconds) {
        return new MusicDirector(MusicDirectorConfig.builder().crossFadeSeconds(seconds).loader(path -> {
            throw new AssertionError("no paths in this test");
        }).build());
    }

    private static MusicDirector loading(MusicLoader loader) {
        return new MusicDirector(MusicDirectorConfig.builder().loader(loader).build());
    }

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
        assertSame(title, director.current());
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
        director = fading(4 * FRAME);
        director.setVolume(0.8f);
        frames(10, title);
        assertEquals(0.8f, title.volume, 1e-6f);

        frames(2, battle);
        assertEquals(0.4f, title.volume, 1e-6f);
        assertEquals(0.4f, battle.volume, 1e-6f);
        assertTrue(title.playing, "still fading out");
        assertSame(title, director.fadingOut());

        frames(2, battle);
        assertFalse(title.playing);
        assertNull(director.fadingOut());
        assertEquals(0.8f, battle.volume, 1e-6f);
    }

    @Test
    void askingBackForTheFadingSongReversesTheFadeWithoutRestart() {
        director = fading(4 * FRAME);
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
        director = fading(2 * FRAME);
        frames(5, title);
        for (int i = 0; i < 10; i++) {
            director.stop();
            director.update(FRAME);
        }
        assertFalse(title.playing);
        assertEquals(1, title.stops);
        assertNull(director.current());
    }

    @Test
    void pathsLoadOnceAndOnlyLoadedSongsAreDisposed() {
        ObjectIntMap<String> loads = new ObjectIntMap<>();
        RecordingMusic loaded = new RecordingMusic("loaded");
        MusicDirector byPath = loading(path -> {
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
        MusicDirector byPath = loading(path -> {
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
        assertNull(byPath.current());
        assertEquals(1, byPath.failureCount());
    }

    @Test
    void badSettingsAreRejectedWithTheirValue() {
        IllegalArgumentException volume = assertThrows(IllegalArgumentException.class, () -> director.setVolume(2f));
        assertTrue(volume.getMessage().contains("2.0"), volume.getMessage());
        IllegalArgumentException fade = assertThrows(IllegalArgumentException.class,
                () -> MusicDirectorConfig.builder().crossFadeSeconds(-1f));
        assertTrue(fade.getMessage().contains("-1.0"), fade.getMessage());
        assertThrows(IllegalArgumentException.class, () -> director.ensurePlaying((String) null));
    }

    @Test
    void updateReportsFinishedOnceNoFadeIsUnderWay() {
        director = fading(2 * FRAME);
        assertTrue(director.update(FRAME), "silence: nothing to do");
        director.ensurePlaying(title);
        assertFalse(director.update(FRAME), "fading in");
        assertTrue(director.update(FRAME), "at full volume");
        director.ensurePlaying(battle);
        assertFalse(director.update(FRAME));
        assertTrue(director.update(FRAME));
    }

    @Test
    void aNotANumberFrameTimeDoesNotStallTheCrossFade() {
        director = fading(2 * FRAME);
        frames(5, title);
        director.ensurePlaying(battle);
        director.update(Float.NaN);
        assertFalse(Float.isNaN(battle.volume), "volume handed to Music: " + battle.volume);
        frames(4, battle);
        assertFalse(title.playing, "the old song finished fading out");
        assertNull(director.fadingOut());
        assertEquals(1f, battle.volume, 1e-6f);
        assertTrue(director.update(FRAME));
    }

    @Test
    void usingTheDirectorAfterDisposeIsRefusedAndLoadsNothing() {
        int[] loads = {0};
        MusicDirector byPath = loading(path -> {
            loads[0]++;
            return new RecordingMusic(path);
        });
        byPath.ensurePlaying("music/title.ogg");
        byPath.dispose();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> byPath.ensurePlaying("music/battle.ogg"));
        assertTrue(e.getMessage().contains("MusicDirector") && e.getMessage().contains("dispose"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> byPath.update(FRAME));
        assertThrows(IllegalStateException.class, () -> byPath.ensurePlaying(title));
        assertEquals(1, loads[0], "a song loaded after dispose() would never be disposed");
        byPath.dispose();
    }

    @Test
    void aSecondDisposeFromAnyThreadDoesNothing() throws Exception {
        MusicDirector byPath = loading(RecordingMusic::new);
        byPath.dispose();
        Throwable[] thrown = {null};
        Thread other = new Thread(() -> {
            try {
                byPath.dispose();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertEquals(null, thrown[0], "dispose() is idempotent, as ImageCache's and TextCache's are");
    }

    @Test
    void negativeZeroAndHugeFrameTimesKeepTheFadeWithinItsRange() {
        director = fading(2 * FRAME);
        frames(5, title);
        director.ensurePlaying(battle);
        director.update(-5f);
        director.update(0f);
        assertEquals(0f, battle.volume, 1e-6f);
        assertEquals(1f, title.volume, 1e-6f);
        director.update(Float.POSITIVE_INFINITY);
        assertEquals(1f, battle.volume, 1e-6f);
        assertFalse(title.playing);
        assertTrue(director.update(1e30f));
    }

    @Test
    void disposingDuringACrossFadeStopsBothSongs() {
        director = fading(4 * FRAME);
        frames(10, title);
        frames(1, battle);
        director.dispose();
        assertFalse(title.playing);
        assertFalse(battle.playing);
        assertNull(director.current());
        assertNull(director.fadingOut());
    }

    @Test
    void twoScenesAskingForTheSameSongByEqualPathsNeverRestartIt() {
        RecordingMusic loaded = new RecordingMusic("loaded");
        MusicDirector byPath = loading(path -> loaded);
        for (int i = 0; i < 50; i++) {
            byPath.ensurePlaying(i % 2 == 0 ? "music/title.ogg" : new String("music/title.ogg"));
            byPath.update(FRAME);
        }
        assertEquals(1, loaded.plays);
        assertEquals(0, loaded.stops);
    }

    @Test
    void steadyStateFramesAllocateNothing() {
        String path = "music/title.ogg";
        MusicDirector byPath = new MusicDirector(MusicDirectorConfig.builder().crossFadeSeconds(2 * FRAME)
                .loader(p -> title).build());
        Allocations.assertNothingAllocatedOnceWarm("steady music frame", () -> {
            byPath.ensurePlaying(path);
            byPath.update(FRAME);
        }, 1000, 1000);
    }

    @Test
    void aVolumeBelowZeroOrNotANumberIsRefusedNamingTheVolume() {
        for (float bad : new float[] {-0.01f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> director.setVolume(bad));
            assertTrue(e.getMessage().contains("volume") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertEquals(1f, director.volume());
    }

    @Test
    void aThirdSongDuringACrossFadeLetsTheLouderSongFinishFadingInsteadOfCuttingIt() {
        RecordingMusic credits = new RecordingMusic("credits");
        director = fading(4 * FRAME);
        frames(10, title);
        frames(1, battle);
        assertEquals(0.75f, title.volume, 1e-6f);

        frames(1, credits);
        assertTrue(title.playing, "title was still at 75%: cutting it is an audible jump");
        assertEquals(0.5f, title.volume, 1e-6f);
        assertFalse(battle.playing, "battle had barely started; it is the one cut");
        assertEquals(0.25f, credits.volume, 1e-6f);
        frames(3, credits);
        assertFalse(title.playing);
        assertEquals(1f, credits.volume, 1e-6f);
        assertEquals(1, title.stops);
    }

    @Test
    void aSongAskedForWhileSilenceIsFadingInLetsTheOldSongFinishFading() {
        director = fading(4 * FRAME);
        frames(10, title);
        director.stop();
        director.update(FRAME);
        assertEquals(0.75f, title.volume, 1e-6f);

        frames(1, battle);
        assertTrue(title.playing, "the fading song must not be cut at 75%");
        assertEquals(0.5f, title.volume, 1e-6f);
        assertEquals(0.25f, battle.volume, 1e-6f);
        frames(3, battle);
        assertFalse(title.playing);
        assertEquals(1f, battle.volume, 1e-6f);
    }

    @Test
    void withoutAnAudioBackendEverySongStaysSilentAfterOneFailure() {
        Audio saved = Gdx.audio;
        Gdx.audio = null;
        try {
            MusicDirector silent = new MusicDirector();
            for (int i = 0; i < 50; i++) {
                silent.ensurePlaying(i < 25 ? "music/title.ogg" : "music/battle.ogg");
                silent.update(FRAME);
            }
            assertNull(silent.current());
            assertEquals(2, silent.failureCount(), "one failed load per song, not one per frame");
            silent.dispose();
        } finally {
            Gdx.audio = saved;
        }
    }
}
