package com.gdxfetch.audio.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;

/**
 * Swallows audio errors so the game keeps running: the first error of playing, stopping or
 * setting up songs is logged, and every song that cannot be loaded, once each.
 *
 * <p>A machine without a sound device fails the same way every frame; one log line says so,
 * the rest are counted. Render thread only.
 */
public final class AudioFailures {
    private static final String TAG = "MusicDirector";
    private int count;
    private boolean loggedOne;

    /** Records a failure of {@code what}; logs it if it is the first such. */
    public void report(String what, Throwable failure) {
        count++;
        if (loggedOne) {
            return;
        }
        loggedOne = true;
        String message = what + " failed, music continues without it (further audio errors are not logged)";
        Application app = Gdx.app;
        if (app != null) {
            app.error(TAG, message, failure);
        } else {
            System.err.println(TAG + ": " + message + ": " + failure);
        }
    }

    /**
     * Records that the song at {@code path} cannot be loaded, and logs it whatever was logged
     * before: each path is tried once, so this is one line per song the game ships broken, and the
     * first device error must not hide which files are wrong.
     */
    public void reportUnloadable(String path, Throwable failure) {
        count++;
        String message = "music '" + path + "' cannot be loaded, it stays silent: " + failure.getMessage();
        Application app = Gdx.app;
        if (app != null) {
            app.error(TAG, message, failure);
        } else {
            System.err.println(TAG + ": " + message);
        }
    }

    /** How many failures were reported. */
    public int count() {
        return count;
    }
}
