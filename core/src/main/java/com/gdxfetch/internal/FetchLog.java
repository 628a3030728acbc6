package com.gdxfetch.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;

/**
 * The library's logging, through libGDX's application logger under one tag. Quiet by default:
 * only warnings and errors; per-request lifecycle lines at debug level.
 */
public final class FetchLog {
    /** The tag every line carries. */
    public static final String TAG = "gdx-fetch";

    private volatile int level = Application.LOG_INFO;

    /** Sets the level: one of {@link Application}'s LOG_NONE, LOG_ERROR, LOG_INFO, LOG_DEBUG. */
    public void setLevel(int level) {
        this.level = level;
    }

    /** The current level. */
    public int level() {
        return level;
    }

    /** True when debug lines are wanted; check before building a message. */
    public boolean isDebug() {
        return level >= Application.LOG_DEBUG;
    }

    /** A debug line, prefixed with the calling thread's name. */
    public void debug(String message) {
        if (isDebug()) {
            String line = "[" + Platform.threadName(Platform.currentThread()) + "] " + message;
            Application app = Gdx.app;
            if (app != null) {
                app.debug(TAG, line);
            } else {
                System.out.println(TAG + ": " + line);
            }
        }
    }

    /** A warning, logged at info level (libGDX has no warning level). */
    public void warn(String message) {
        if (level >= Application.LOG_INFO) {
            Application app = Gdx.app;
            if (app != null) {
                app.log(TAG, message);
            } else {
                System.err.println(TAG + ": " + message);
            }
        }
    }

    /** An error with its stack trace. */
    public void error(String message, Throwable error) {
        if (level >= Application.LOG_ERROR) {
            Application app = Gdx.app;
            if (app != null) {
                app.error(TAG, message, error);
            } else {
                System.err.println(TAG + ": " + message);
                error.printStackTrace();
            }
        }
    }
}
