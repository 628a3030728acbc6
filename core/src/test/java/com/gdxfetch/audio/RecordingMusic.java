package com.gdxfetch.audio;

import com.badlogic.gdx.audio.Music;

/** A {@link Music} that records what the director asks of it, optionally failing like a missing device. */
final class RecordingMusic implements Music {
    final String name;
    boolean failing;
    boolean playing;
    boolean looping;
    boolean disposed;
    float volume = 1f;
    int plays;
    int stops;

    RecordingMusic(String name) {
        this.name = name;
    }

    private void maybeFail() {
        if (failing) {
            throw new IllegalStateException("no audio device for " + name);
        }
    }

    @Override
    public void play() {
        maybeFail();
        plays++;
        playing = true;
    }

    @Override
    public void pause() {
        maybeFail();
        playing = false;
    }

    @Override
    public void stop() {
        maybeFail();
        stops++;
        playing = false;
    }

    @Override
    public boolean isPlaying() {
        return playing;
    }

    @Override
    public void setLooping(boolean isLooping) {
        maybeFail();
        looping = isLooping;
    }

    @Override
    public boolean isLooping() {
        return looping;
    }

    @Override
    public void setVolume(float volume) {
        maybeFail();
        this.volume = volume;
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setPan(float pan, float volume) {
        setVolume(volume);
    }

    @Override
    public void setPosition(float position) {
    }

    @Override
    public float getPosition() {
        return 0;
    }

    @Override
    public void dispose() {
        disposed = true;
    }

    @Override
    public void setOnCompletionListener(OnCompletionListener listener) {
    }

    @Override
    public String toString() {
        return name;
    }
}
