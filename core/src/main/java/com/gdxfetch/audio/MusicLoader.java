package com.gdxfetch.audio;

import com.badlogic.gdx.audio.Music;

/**
 * Opens the {@link Music} for a song path; {@link MusicDirector} calls it once per path.
 *
 * <p>Called on the render thread, inside {@link MusicDirector#ensurePlaying(String)}. Throwing
 * means the song cannot play: the director logs it (once per director) and keeps that song
 * silent instead of retrying every frame.
 */
public interface MusicLoader {
    /** Opens {@code path}; the director owns and disposes the result. */
    Music load(String path);
}
