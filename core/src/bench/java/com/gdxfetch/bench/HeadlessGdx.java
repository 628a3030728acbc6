package com.gdxfetch.bench;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;

/**
 * A headless libGDX application, started once, so {@code Gdx.app} and {@code Gdx.net} exist as
 * they do in a game; its loop ticks once a second so it costs the measurements nothing.
 */
final class HeadlessGdx {
    private HeadlessGdx() {
    }

    /** Starts the application unless one is running. */
    static synchronized void ensureRunning() {
        if (Gdx.app == null) {
            HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
            config.updatesPerSecond = 1;
            new HeadlessApplication(new ApplicationAdapter() { }, config);
        }
    }
}
