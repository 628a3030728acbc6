package com.gdxfetch.audio;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.audio.internal.MusicFiles;

/**
 * A {@link MusicDirector}'s settings: how songs given by path are opened, how long a switch
 * cross-fades, whether songs loop. Immutable; build with {@link #builder()}. Any thread; a builder
 * setter given a bad value throws {@link IllegalArgumentException} naming the setting and the value.
 */
public final class MusicDirectorConfig {
    private static final MusicLoader INTERNAL_FILES = new MusicLoader() {
        @Override
        public Music load(String path) {
            if (Gdx.audio == null || Gdx.files == null) {
                throw new IllegalStateException("no libGDX audio backend (Gdx.audio is null)");
            }
            FileHandle file = Gdx.files.internal(path);
            MusicFiles.check(file, path);
            return Gdx.audio.newMusic(file);
        }

        @Override
        public String toString() {
            return "Gdx.audio.newMusic(Gdx.files.internal(path))";
        }
    };

    private final MusicLoader loader;
    private final float crossFadeSeconds;
    private final boolean looping;

    private MusicDirectorConfig(Builder b) {
        this.loader = b.loader;
        this.crossFadeSeconds = b.crossFadeSeconds;
        this.looping = b.looping;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens songs given by path; by default {@code Gdx.audio.newMusic(Gdx.files.internal(path))},
     * after refusing a file that is missing, a folder, empty, or an {@code .ogg} or {@code .wav}
     * whose first bytes are not one.
     */
    public MusicLoader loader() {
        return loader;
    }

    /** Seconds a switch takes to cross-fade; 0 (the default) switches at once. */
    public float crossFadeSeconds() {
        return crossFadeSeconds;
    }

    /** Whether songs loop (the default, as game music usually does). */
    public boolean looping() {
        return looping;
    }

    /** Collects settings; each setter validates its value and returns this builder. */
    public static final class Builder {
        private MusicLoader loader = INTERNAL_FILES;
        private float crossFadeSeconds;
        private boolean looping = true;

        private Builder() {
        }

        /** Opens songs given by path with {@code loader} instead of from internal files. */
        public Builder loader(MusicLoader loader) {
            if (loader == null) {
                throw new IllegalArgumentException("music loader is null");
            }
            this.loader = loader;
            return this;
        }

        /**
         * Seconds a switch takes to cross-fade (default 0: at once, without
         * {@link MusicDirector#update(float)}).
         *
         * @throws IllegalArgumentException if {@code seconds} is negative or not a finite number
         */
        public Builder crossFadeSeconds(float seconds) {
            if (!(seconds >= 0f) || Float.isInfinite(seconds)) {
                throw new IllegalArgumentException("crossFadeSeconds must be a finite number >= 0, was " + seconds);
            }
            this.crossFadeSeconds = seconds;
            return this;
        }

        /** Whether songs loop (default true). */
        public Builder looping(boolean looping) {
            this.looping = looping;
            return this;
        }

        /** Builds the immutable configuration. */
        public MusicDirectorConfig build() {
            return new MusicDirectorConfig(this);
        }
    }
}
