package com.gdxfetch.testing;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.utils.BufferUtils;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One real LWJGL3 window (OpenGL context) shared by every GL test in the test JVM.
 *
 * <p>The window's render thread runs frames continuously; tests hand it work and block until it
 * is done. {@link #runFrames(int, Runnable)} and {@link #runUntil(BooleanSupplier, int)} let a
 * test drive the frame loop one frame at a time, the way a game's {@code render()} does. Under a
 * headless Linux build the Maven {@code xvfb} profile supplies a virtual display.
 */
public final class GlTestWindow {
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    private static final long TIMEOUT_SECONDS = 60;

    private static final BlockingQueue<FrameTask> tasks = new LinkedBlockingQueue<>();
    private static volatile Thread renderThread;

    private GlTestWindow() {
    }

    /** Runs {@code body} on the render thread, between frames, and returns its result. */
    public static <T> T call(Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(new FrameTask() {
            @Override
            boolean frame() {
                try {
                    result.complete(body.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
                return true;
            }
        });
        return await(result);
    }

    /** Runs {@code body} on the render thread. */
    public static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** Calls {@code perFrame} once in each of the next {@code frames} frames. */
    public static void runFrames(int frames, Runnable perFrame) {
        int[] left = {frames};
        runUntil(() -> {
            perFrame.run();
            return --left[0] <= 0;
        }, frames);
    }

    /**
     * Calls {@code perFrame} once a frame until it returns true.
     *
     * @throws AssertionError if it is still false after {@code maxFrames} frames
     */
    public static void runUntil(BooleanSupplier perFrame, int maxFrames) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        submit(new FrameTask() {
            int frames;

            @Override
            boolean frame() {
                try {
                    if (perFrame.getAsBoolean()) {
                        result.complete(frames + 1);
                        return true;
                    }
                    if (++frames >= maxFrames) {
                        result.completeExceptionally(new AssertionError(
                                "condition still false after " + maxFrames + " frames"));
                        return true;
                    }
                    return false;
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                    return true;
                }
            }
        });
        await(result);
    }

    /** Reads back the RGBA8888 colour of one pixel of the back buffer; call on the render thread. */
    public static int readPixel(int x, int y) {
        ByteBuffer pixel = BufferUtils.newByteBuffer(4);
        Gdx.gl.glReadPixels(x, y, 1, 1, GL20.GL_RGBA, GL20.GL_UNSIGNED_BYTE, pixel);
        return (pixel.get(0) & 0xff) << 24 | (pixel.get(1) & 0xff) << 16
                | (pixel.get(2) & 0xff) << 8 | (pixel.get(3) & 0xff);
    }

    /** Reads the whole back buffer (origin bottom-left, as GL stores it); call on the render thread. */
    public static Pixmap readFrameBuffer() {
        Pixmap pixmap = new Pixmap(WIDTH, HEIGHT, Pixmap.Format.RGBA8888);
        Gdx.gl.glReadPixels(0, 0, WIDTH, HEIGHT, GL20.GL_RGBA, GL20.GL_UNSIGNED_BYTE,
                pixmap.getPixels());
        return pixmap;
    }

    /** True when the calling thread is the window's render thread. */
    public static boolean isRenderThread() {
        return Thread.currentThread() == renderThread;
    }

    private static void submit(FrameTask task) {
        ensureStarted();
        if (isRenderThread()) {
            throw new IllegalStateException("GlTestWindow tasks must be submitted from a test thread");
        }
        tasks.add(task);
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new AssertionError(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the render thread", e);
        } catch (TimeoutException e) {
            throw new AssertionError("render thread did not finish the task in " + TIMEOUT_SECONDS + " s");
        }
    }

    private static synchronized void ensureStarted() {
        if (renderThread != null) {
            return;
        }
        CountDownLatch created = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
            config.setTitle("gdx-fetch GL tests");
            config.setWindowedMode(WIDTH, HEIGHT);
            config.setResizable(false);
            config.useVsync(false);
            config.setForegroundFPS(0);
            config.disableAudio(true);
            try {
                new Lwjgl3Application(new Runner(created), config);
            } catch (Throwable t) {
                failure[0] = t;
                created.countDown();
            }
        }, "gl-test-render");
        thread.setDaemon(true);
        renderThread = thread;
        thread.start();
        try {
            if (!created.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("LWJGL3 window did not open in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure[0] != null) {
            renderThread = null;
            throw new AssertionError("could not open an LWJGL3 window (DISPLAY="
                    + System.getenv("DISPLAY") + "); on headless Linux install xvfb", failure[0]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(GlTestWindow::close, "gl-test-shutdown"));
    }

    private static void close() {
        Thread thread = renderThread;
        if (thread == null || Gdx.app == null) {
            return;
        }
        Gdx.app.exit();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private abstract static class FrameTask {
        /** Called once a frame on the render thread; returns true when the task is finished. */
        abstract boolean frame();
    }

    private static final class Runner extends ApplicationAdapter {
        private final CountDownLatch created;
        private FrameTask current;

        Runner(CountDownLatch created) {
            this.created = created;
        }

        @Override
        public void create() {
            created.countDown();
        }

        @Override
        public void render() {
            if (current == null) {
                try {
                    current = tasks.poll(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (current != null && current.frame()) {
                current = null;
            }
        }
    }
}
