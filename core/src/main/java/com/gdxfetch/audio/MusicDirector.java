package com.gdxfetch.audio;

import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.ObjectSet;
import com.gdxfetch.audio.internal.AudioFailures;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.Platform;

/**
 * Keeps exactly one song playing: each scene calls {@link #ensurePlaying} every frame with the
 * song it wants, which is a no-op when that song is already the current one and a switch
 * (optionally cross-faded) otherwise, so no path through the game leaves the wrong music on.
 *
 * <pre>{@code
 * MusicDirector music = new MusicDirector(MusicDirectorConfig.builder().crossFadeSeconds(0.5f).build());
 * // in each scene's render(delta):
 * music.ensurePlaying("music/title.ogg");
 * music.update(delta);
 * }</pre>
 *
 * <p>Threading: create, use and dispose on the render thread; a call from another thread, or
 * after {@link #dispose()}, throws {@link IllegalStateException}. The {@link MusicLoader} runs
 * on that thread, inside {@link #ensurePlaying(String)}. Failure: audio never stops the game: a missing
 * sound device or a {@link Music} that throws is logged once (through {@code Gdx.app}), a song that
 * cannot be loaded once per path, naming it, and that song stays silent while the director goes
 * on switching as asked.
 * Songs given by path are loaded once, owned and disposed by the director; {@link Music} objects
 * passed in stay the caller's to dispose.
 */
public final class MusicDirector implements Disposable {
    private final MusicDirectorConfig config;
    // Platform's thread, not java.lang.Thread's: the web build has no currentThread().
    private final Object renderThread = Platform.currentThread();
    private final ObjectMap<String, Music> byPath = new ObjectMap<>();
    private final ObjectSet<String> unplayable = new ObjectSet<>();
    private final AudioFailures failures = new AudioFailures();
    private Object wanted;
    private Music current;
    private Music outgoing;
    private float currentLevel;
    private float outgoingLevel;
    private float volume = 1f;
    private volatile boolean disposed;

    /** A director with the default configuration; call on the render thread. */
    public MusicDirector() {
        this(MusicDirectorConfig.builder().build());
    }

    /**
     * A director with the given configuration; call on the render thread, which then owns it.
     *
     * @throws IllegalArgumentException if {@code config} is null
     */
    public MusicDirector(MusicDirectorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; use MusicDirectorConfig.builder().build()");
        }
        this.config = config;
    }

    /** This director's configuration. Any thread. */
    public MusicDirectorConfig config() {
        return config;
    }

    /**
     * Makes the song at {@code path} the one playing; a hash lookup and nothing else when it
     * already is. The first call for a path loads it through the {@link MusicLoader}. Render thread.
     *
     * @throws IllegalArgumentException if {@code path} is null
     */
    public void ensurePlaying(String path) {
        Checks.renderThread(renderThread, "MusicDirector");
        Checks.notDisposed(disposed, "MusicDirector");
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
     * Makes {@code music} the one playing; a no-op when it already is. Render thread.
     *
     * @throws IllegalArgumentException if {@code music} is null
     */
    public void ensurePlaying(Music music) {
        Checks.renderThread(renderThread, "MusicDirector");
        Checks.notDisposed(disposed, "MusicDirector");
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
        Checks.renderThread(renderThread, "MusicDirector");
        Checks.notDisposed(disposed, "MusicDirector");
        if (wanted == null) {
            return;
        }
        wanted = null;
        switchTo(null);
    }

    /**
     * Advances a cross-fade by {@code deltaSeconds}; call once per frame on the render thread when
     * a cross-fade is configured. A negative or NaN {@code deltaSeconds} counts as 0. Allocates nothing.
     *
     * @return true when nothing is left to do: no fade is under way (as
     *     {@code AssetManager.update()}, true means finished)
     */
    public boolean update(float deltaSeconds) {
        Checks.renderThread(renderThread, "MusicDirector");
        Checks.notDisposed(disposed, "MusicDirector");
        return fade(deltaSeconds);
    }

    private boolean fade(float deltaSeconds) {
        if (outgoing == null && currentLevel >= 1f) {
            return true;
        }
        float fadeSeconds = config.crossFadeSeconds();
        // A NaN frame time would stick in both levels and the fade would never end; like a
        // negative one it counts as no time passed. (Math.max passes NaN through.)
        float elapsed = deltaSeconds > 0f ? deltaSeconds : 0f;
        float step = fadeSeconds <= 0f ? 1f : elapsed / fadeSeconds;
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
        return outgoing == null && currentLevel >= 1f;
    }

    /**
     * Sets the music volume, 0 to 1 (1 at first); applies at once to what is playing. This is
     * the player's volume control, not a setting, so it is a setter rather than part of
     * {@link MusicDirectorConfig}. Render thread.
     *
     * @throws IllegalArgumentException if {@code volume} is outside 0..1
     */
    public void setVolume(float volume) {
        Checks.renderThread(renderThread, "MusicDirector");
        Checks.notDisposed(disposed, "MusicDirector");
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

    /** The music volume, 0 to 1. Render thread. */
    public float volume() {
        Checks.renderThread(renderThread, "MusicDirector");
        return volume;
    }

    /** The song that should be heard now, or null for silence or an unplayable song. Render thread. */
    public Music current() {
        Checks.renderThread(renderThread, "MusicDirector");
        return current;
    }

    /** The song still fading out, or null. Render thread. */
    public Music fadingOut() {
        Checks.renderThread(renderThread, "MusicDirector");
        return outgoing;
    }

    /** How many audio errors were swallowed (only the first is logged). Render thread. */
    public int failureCount() {
        Checks.renderThread(renderThread, "MusicDirector");
        return failures.count();
    }

    /**
     * Stops the music and disposes the songs this director loaded by path. Render thread; a
     * second call, from any thread, does nothing. Afterwards every other call but the queries throws {@link IllegalStateException},
     * since a song loaded then would never be disposed.
     */
    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        Checks.renderThread(renderThread, "MusicDirector");
        disposed = true;
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
        if (outgoing != null && (current == null || outgoingLevel > currentLevel)) {
            // Only two songs sound at once: the quieter one goes, so a quick second switch (or one
            // after stop()) never cuts a song that is still loud.
            stop(current);
        } else {
            stop(outgoing);
            outgoing = current;
            outgoingLevel = currentLevel;
        }
        current = next;
        currentLevel = 0f;
        if (current != null) {
            setVolume(current, config.crossFadeSeconds() > 0f ? 0f : 1f);
            setLooping(current);
            play(current);
        }
        applyFadeIfInstant();
    }

    private void applyFadeIfInstant() {
        if (config.crossFadeSeconds() <= 0f) {
            fade(0f);
        }
    }

    private Music load(String path) {
        try {
            Music music = config.loader().load(path);
            if (music == null) {
                throw new IllegalStateException("loader returned null");
            }
            byPath.put(path, music);
            return music;
        } catch (RuntimeException e) {
            unplayable.add(path);
            failures.reportUnloadable(path, e);
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
            music.setLooping(config.looping());
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
}
