package com.gdxfetch.image;

import com.gdxfetch.net.FetchManager;
import com.gdxfetch.testing.GlTestWindow;
import java.util.function.BooleanSupplier;

/** Runs the game's frame: the request manager's update, then the image cache's. */
final class Frames {
    private static final int MAX_FRAMES = 200_000;

    private Frames() {
    }

    /** Runs frames on the render thread until {@code condition} holds after one. */
    static void until(FetchManager fetch, ImageCache images, BooleanSupplier condition) {
        GlTestWindow.runUntil(() -> {
            fetch.update();
            images.update();
            return condition.getAsBoolean();
        }, MAX_FRAMES);
    }

    /** Runs frames until every handle is done. */
    static void untilDone(FetchManager fetch, ImageCache images, ImageHandle... handles) {
        until(fetch, images, () -> {
            for (ImageHandle handle : handles) {
                if (!handle.isDone()) {
                    return false;
                }
            }
            return true;
        });
    }
}
