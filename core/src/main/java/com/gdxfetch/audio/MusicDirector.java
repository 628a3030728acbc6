package com.gdxfetch.audio;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.ObjectSet;
import com.gdxfetch.audio.internal.AudioFailures;

/**
 * Keeps exactly one song playing: each scene calls {@link #ensurePlaying} every frame with the
 * song it wants, which is a no-op when that song is already the current one and a switch
 * (optionally cross-faded) otherwise, so no path through the game leaves the wrong music on.
 *
 * <pre>{@code
 * MusicDirector music = new MusicDirector();
 * music.setCrossFade(0.5f);
 * // in each scene's render(delta):
 * music.ensurePlaying("music/title.ogg");
 * music.update(delta);
 * }</pre>
 *
 * <p>Render thread only; nothing here is synchronised. Audio never stops the game: a missing
 * sound device, an unreadable file or a {@link Music} that throws is logged once (through
 * {@code Gdx.app}) and that song stays silent while the director goes on switching as asked.
 * Songs given by path are loaded once, owned and disposed by the director; {@link Music} objects
 * passed in stay the caller's to dispose.
 */
public final class MusicDirector implements Disposable {
    private final MusicLoader loader;
    private final ObjectMap<String, Music> byPath = new ObjectMap<>();
    private final ObjectSet<String> unplayable = new ObjectSet<>();
    private final AudioFailures failures = new AudioFailures();
    private Object wanted;
    private Music current;
    private Music outgoing;
    private float currentLevel;
    private float outgoingLevel;
    private float fadeSeconds;
    private float volume = 1f;
    private boolean looping = true;

    /** A director that loads paths with {@code Gdx.audio.newMusic(Gdx.files.internal(path))}. */
    public MusicDirector() {
        this(MusicDirector::loadInternal);
    }

    /** A director that loads paths with {@code loader}. */
    public MusicDirector(MusicLoader loader) {
        if (loader == null) {
            throw new IllegalArgumentException("loader is null");
        }
        this.loader = loader;
    }

    /**
     * Makes the song at {@code path} the one playing; a hash lookup and nothing else when it
     * already is. The first call for a path loads it through the {@link MusicLoader}.
     *
     * @throws IllegalArgumentException if {@code path} is null
     */
    public void ensurePlaying(String path) {
        if (path == null) {
            throw new IllegalArgumentException("song path is null; use stop() for silence");
        }
        if (path == wanted) {
            return;
        }
        Music music = byPath.get(path);
        if (music == null && !unplayable.contains(path)) {
            music = load(path);
        }
        wanted = path;
        switchTo(music);
    }

    /**
     * Makes {@code music} the one playing; a no-op when it already is.
     *
     * @throws IllegalArgumentException if {@code music} is null
     */
    public void ensurePlaying(Music music) {
        if (music == null) {
            throw new IllegalArgumentException("music is null; use stop() for silence");
        }
        if (music == wanted) {
            return;
        }
        wanted = music;
        switchTo(music);
    }

    /** Fades out (or stops) whatever is playing; a no-op when already silent. Render thread. */
    public void stop() {
        if (wanted == null) {
            return;
        }
        wanted = null;
        switchTo(null);
    }

    /**
     * Advances a cross-fade by {@code deltaSeconds}; call once per frame when a cross-fade is set.
     * Allocates nothing. Render thread.
     */
    public void update(float deltaSeconds) {
        if (outgoing == null && currentLevel >= 1f) {
            return;
        }
        float step = fadeSeconds <= 0f ? 1f : Math.max(0f, deltaSeconds) / fadeSeconds;
        if (current != null) {
            currentLevel = Math.min(1f, currentLevel + step);
            setVolume(current, currentLevel);
        } else {
            currentLevel = 1f;
        }
        if (outgoing != null) {
            outgoingLevel = Math.max(0f, outgoingLevel - step);
            if (outgoingLevel == 0f) {
                stop(outgoing);
                outgoing = null;
            } else {
                setVolume(outgoing, outgoingLevel);
            }
        }
    }

    /**
     * Sets how long a switch takes to cross-fade; 0 (the default) switches at once without
     * {@link #update}. Render thread.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setCrossFade(float seconds) {
        if (!(seconds >= 0f) || Float.isInfinite(seconds)) {
            throw new IllegalArgumentException("cross-fade must be a finite number of seconds >= 0, got " + seconds);
        }
        fadeSeconds = seconds;
    }

    /**
     * Sets the music volume, 0 to 1; applies at once to what is playing. Render thread.
     *
     * @throws IllegalArgumentException if {@code volume} is outside 0..1
     */
    public void setVolume(float volume) {
        if (!(volume >= 0f && volume <= 1f)) {
            throw new IllegalArgumentException("volume must be within 0..1, got " + volume);
        }
        this.volume = volume;
        if (current != null) {
            setVolume(current, currentLevel);
        }
        if (outgoing != null) {
            setVolume(outgoing, outgoingLevel);
        }
    }

    /** Whether songs started from now on loop (the default, as game music usually does). Render thread. */
    public void setLooping(boolean looping) {
        this.looping = looping;
    }

    /** The song that should be heard now, or null for silence or an unplayable song. Render thread. */
    public Music getCurrent() {
        return current;
    }

    /** The song still fading out, or null. Render thread. */
    public Music getFadingOut() {
        return outgoing;
    }

    /** How many audio errors were swallowed (only the first is logged). Render thread. */
    public int getFailureCount() {
        return failures.count();
    }

    /** Stops the music and disposes the songs this director loaded by path. Render thread. */
    @Override
    public void dispose() {
        stop(current);
        stop(outgoing);
        current = null;
        outgoing = null;
        wanted = null;
        for (ObjectMap.Entry<String, Music> entry : byPath) {
            try {
                entry.value.dispose();
            } catch (RuntimeException e) {
                failures.report("disposing " + entry.key, e);
            }
        }
        byPath.clear();
        unplayable.clear();
    }

    private void switchTo(Music next) {
        if (next == current) {
            return;
        }
        if (next != null && next == outgoing) {
            // Asked back for the song on its way out: reverse the fade instead of restarting it.
            Music previous = current;
            float previousLevel = currentLevel;
            current = outgoing;
            currentLevel = outgoingLevel;
            outgoing = previous;
            outgoingLevel = previousLevel;
            applyFadeIfInstant();
            return;
        }
        stop(outgoing);
        outgoing = current;
        outgoingLevel = currentLevel;
        current = next;
        currentLevel = 0f;
        if (current != null) {
            setVolume(current, fadeSeconds > 0f ? 0f : 1f);
            setLooping(current);
            play(current);
        }
        applyFadeIfInstant();
    }

    private void applyFadeIfInstant() {
        if (fadeSeconds <= 0f) {
            update(0f);
        }
    }

    private Music load(String path) {
        try {
            Music music = loader.load(path);
            if (music == null) {
                throw new IllegalStateException("loader returned null");
            }
            byPath.put(path, music);
            return music;
        } catch (RuntimeException e) {
            unplayable.add(path);
            failures.report("loading music '" + path + "'", e);
            return null;
        }
    }

    private void play(Music music) {
        try {
            music.play();
        } catch (RuntimeException e) {
            failures.report("playing " + music, e);
        }
    }

    private void stop(Music music) {
        if (music == null) {
            return;
        }
        try {
            music.stop();
        } catch (RuntimeException e) {
            failures.report("stopping " + music, e);
        }
    }

    private void setLooping(Music music) {
        try {
            music.setLooping(looping);
        } catch (RuntimeException e) {
            failures.report("setting looping on " + music, e);
        }
    }

    private void setVolume(Music music, float level) {
        try {
            music.setVolume(level * volume);
        } catch (RuntimeException e) {
            failures.report("setting volume on " + music, e);
        }
    }

    private static Music loadInternal(String path) {
        if (Gdx.audio == null || Gdx.files == null) {
            throw new IllegalStateException("no libGDX audio backend (Gdx.audio is null)");
        }
        return Gdx.audio.newMusic(Gdx.files.internal(path));
    }
}
