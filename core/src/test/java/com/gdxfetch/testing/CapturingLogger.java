package com.gdxfetch.testing;

import com.badlogic.gdx.ApplicationLogger;

import java.util.ArrayList;
import java.util.List;

/** An application logger that keeps what is logged, at every level, for a test to read. Any thread. */
public final class CapturingLogger implements ApplicationLogger {
    private final String onlyTag;
    private final List<String> lines = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /** Keeps lines logged under any tag. */
    public CapturingLogger() {
        this(null);
    }

    /** Keeps only lines logged under {@code onlyTag} (null: any tag). */
    public CapturingLogger(String onlyTag) {
        this.onlyTag = onlyTag;
    }

    /** Keeps only the lines the library logs, under its tag. */
    public static CapturingLogger ofLibrary() {
        return new CapturingLogger("gdx-fetch");
    }

    private synchronized void keep(String tag, String message, boolean error) {
        if (onlyTag == null || onlyTag.equals(tag)) {
            lines.add(message);
            if (error) {
                errors.add(tag + ": " + message);
            }
        }
    }

    /** The messages kept, at every level, in order. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The error-level lines kept, each as {@code tag: message}, in order. */
    public synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    @Override
    public void log(String tag, String message) {
        keep(tag, message, false);
    }

    @Override
    public void log(String tag, String message, Throwable exception) {
        keep(tag, message, false);
    }

    @Override
    public void error(String tag, String message) {
        keep(tag, message, true);
    }

    @Override
    public void error(String tag, String message, Throwable exception) {
        keep(tag, message, true);
    }

    @Override
    public void debug(String tag, String message) {
        keep(tag, message, false);
    }

    @Override
    public void debug(String tag, String message, Throwable exception) {
        keep(tag, message, false);
    }
}
