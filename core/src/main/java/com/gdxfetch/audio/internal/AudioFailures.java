package com.gdxfetch.audio.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;

/**
 * Swallows audio errors so the game keeps running, logging only the first one.
 *
 * <p>A machine without a sound device fails the same way every frame; one log line says so,
 * the rest are counted. Render thread only.
 */
public final class AudioFailures {
    private static final String TAG = "MusicDirector";
    private int count;

    /** Records a failure of {@code what}; logs it if it is the first. */
    public void report(String what, Throwable failure) {
        count++;
        if (count > 1) {
            return;
        }
        String message = what + " failed, music continues without it (further audio errors are not logged)";
        Application app = Gdx.app;
        if (app != null) {
            app.error(TAG, message, failure);
        } else {
            System.err.println(TAG + ": " + message + ": " + failure);
        }
    }

    /** How many failures were reported. */
    public int count() {
        return count;
    }
}
