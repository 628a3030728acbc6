package com.gdxfetch.net;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.gdxfetch.testing.CapturingLogger;

/** A running libGDX headless application with no frame loop of its own, for Gdx.app and Gdx.net. */
final class HeadlessApp {
    private HeadlessApp() {
    }

    static HeadlessApplicationConfiguration config() {
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = -1;
        return config;
    }

    /** Starts an application with nothing to render, for Gdx.net. */
    static HeadlessApplication start() {
        return new HeadlessApplication(new ApplicationAdapter() {
        }, config());
    }

    /** Starts an application whose log lines at every level go to {@code logger}. */
    static HeadlessApplication loggingTo(CapturingLogger logger) {
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() {
        }, config());
        app.setApplicationLogger(logger);
        app.setLogLevel(Application.LOG_DEBUG);
        return app;
    }
}
