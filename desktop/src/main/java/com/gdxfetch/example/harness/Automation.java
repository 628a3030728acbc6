package com.gdxfetch.example.harness;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.ScreenUtils;
import com.gdxfetch.example.LaunchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test harness, not gameplay: the automation flags. Counts frames, writes the last one as a PNG ({@code --screenshot}) and
 * exits after {@code --frames N}. Render thread; {@link #afterFrame()} runs after everything of
 * the frame is drawn, before the buffers are swapped.
 */
public final class Automation {
    private final int frameLimit;
    private final Path screenshot;
    private int frames;
    private long firstFrameNanos;
    private boolean finished;

    /** Automation as {@code options} asks for; does nothing without {@code --frames}. */
    public Automation(LaunchOptions options) {
        this.frameLimit = options.frames();
        this.screenshot = options.screenshot();
    }

    /** Frames drawn so far. */
    public int frames() {
        return frames;
    }

    /** Counts the frame just drawn; on the last one, saves the screenshot and asks the app to exit. */
    public void afterFrame() {
        if (finished) {
            return;
        }
        if (frames++ == 0) {
            firstFrameNanos = System.nanoTime();
        }
        if (frameLimit > 0 && frames >= frameLimit) {
            finished = true;
            if (screenshot != null) {
                writeScreenshot();
            }
            float seconds = (System.nanoTime() - firstFrameNanos) / 1e9f;
            String rate = frames > 1 && seconds > 0
                    ? " (" + Math.round((frames - 1) / seconds) + " frames per second)" : "";
            Gdx.app.log("game", "Exiting after " + frames + " frames in " + Math.round(seconds * 10) / 10f + " s"
                    + rate);
            Gdx.app.exit();
        }
    }

    private void writeScreenshot() {
        int w = Gdx.graphics.getBackBufferWidth();
        int h = Gdx.graphics.getBackBufferHeight();
        byte[] rgba = ScreenUtils.getFrameBufferPixels(0, 0, w, h, true);
        // The back buffer's alpha is whatever blending left there; a screenshot should be opaque.
        for (int i = 3; i < rgba.length; i += 4) {
            rgba[i] = (byte) 255;
        }
        Pixmap pixmap = new Pixmap(w, h, Pixmap.Format.RGBA8888);
        try {
            BufferUtils.copy(rgba, 0, pixmap.getPixels(), rgba.length);
            Path parent = screenshot.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PixmapIO.writePNG(Gdx.files.absolute(screenshot.toAbsolutePath().toString()), pixmap);
            Gdx.app.log("game", "Screenshot written to " + screenshot.toAbsolutePath());
        } catch (IOException e) {
            Gdx.app.error("game", "cannot write screenshot " + screenshot, e);
        } finally {
            pixmap.dispose();
        }
    }
}
