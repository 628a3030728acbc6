package com.gdxfetch.example.web;

import com.badlogic.gdx.ApplicationListener;
import com.badlogic.gdx.backends.gwt.GwtApplication;
import com.badlogic.gdx.backends.gwt.GwtApplicationConfiguration;

/** The web build's entry point: Night Shift's leaderboard in a 800x600 canvas. */
public final class WebLauncher extends GwtApplication {
    @Override
    public GwtApplicationConfiguration getConfig() {
        GwtApplicationConfiguration config = new GwtApplicationConfiguration(800, 600);
        // The canvas stays readable by a screenshot between frames.
        config.preserveDrawingBuffer = true;
        return config;
    }

    @Override
    public ApplicationListener createApplicationListener() {
        return new WebGame(pageOrigin(), pageQuery().contains("selftest"));
    }

    private static native String pageOrigin() /*-{
        return $wnd.location.origin;
    }-*/;

    static native String pageQuery() /*-{
        return $wnd.location.search || "";
    }-*/;
}
