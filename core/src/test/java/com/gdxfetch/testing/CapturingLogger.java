package com.gdxfetch.net;

import com.badlogic.gdx.ApplicationLogger;

import java.util.ArrayList;
import java.util.List;

/** An application logger that keeps the lines logged under the library's tag, at every level. */
final class CapturingLogger implements ApplicationLogger {
    private final List<String> lines = new ArrayList<>();

    private synchronized void keep(String tag, String message) {
        if ("gdx-fetch".equals(tag)) {
            lines.add(message);
        }
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void log(String tag, String message) {
        keep(tag, message);
    }

    @Override
    public void log(String tag, String message, Throwable exception) {
        keep(tag, message);
    }

    @Override
    public void error(String tag, String message) {
        keep(tag, message);
    }

    @Override
    public void error(String tag, String message, Throwable exception) {
        keep(tag, message);
    }

    @Override
    public void debug(String tag, String message) {
        keep(tag, message);
    }

    @Override
    public void debug(String tag, String message, Throwable exception) {
        keep(tag, message);
    }
}
