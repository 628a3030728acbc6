package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest extends ImageServerTest {
    private static final int SIZE = 32;
    private static final long IMAGE_BYTES = 4L * SIZE * SIZE;

    @TempDir
    Path root;
    @TempDir
    Path disk;
    @BeforeEach
    void start() throws IOException {
        int[] colours = {TestImages.RED, TestImages.GREEN, TestImages.BLUE, TestImages.WHITE};
        for (int i = 0; i < colours.length; i++) {
            TestImages.write(root.resolve("img" + i + ".png"), TestImages.solid(SIZE, SIZE, colours[i]));
        }
        TestImages.write(root.resolve("hero.png"), TestImages.quadrants(64));
        TestImages.write(root.resolve("hero.atlas"), TestImages.quadrantAtlas("hero.png", 64));
        routes.file("/remote.png", TestImages.quadrants(SIZE), "\"r\"");
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().memoryBytes(2 * IMAGE_BYTES)
                        .diskCache(new FileHandle(disk.toFile()), 1 << 20).build()));
    }

    private int handleOf(String path) {
        return images.get(path).getTexture().getTextureObjectHandle();
    }

    private static boolean alive(int glHandle) {
        return Gdx.gl.glIsTexture(glHandle);
    }

    @Test
    void leastRecentlyUsedTextureIsFreedPastTheBudget() {
        GlTestWindow.run(() -> {
            int first = handleOf("img0.png");
            int second = handleOf("img1.png");
            images.update();
            int third = handleOf("img2.png");
            assertFalse(alive(first), "img0 was least recently used");
            assertTrue(alive(second) && alive(third));
            assertEquals(2 * IMAGE_BYTES, images.residentBytes());

            images.update();
            int again = handleOf("img0.png");
            assertTrue(alive(again));
            assertFalse(alive(second), "img1 was least recently used");
            assertEquals(TestImages.RED, Screen.centre(images.get("img0.png")));
        });
    }

    @Test
    void texturesUsedThisFrameStayEvenOverTheBudget() {
        GlTestWindow.run(() -> {
            int[] handles = new int[4];
            for (int i = 0; i < 4; i++) {
                handles[i] = handleOf("img" + i + ".png");
            }
            for (int handle : handles) {
                assertTrue(alive(handle));
            }
            assertEquals(4 * IMAGE_BYTES, images.residentBytes());
            images.update();
            assertEquals(2 * IMAGE_BYTES, images.residentBytes());
            assertFalse(alive(handles[0]) || alive(handles[1]));
            assertTrue(alive(handles[2]) && alive(handles[3]));
        });
    }

    @Test
    void retainedTextureIsNeverEvictedUntilReleased() {
        GlTestWindow.run(() -> {
            int held = images.retain("img0.png").getTexture().getTextureObjectHandle();
            for (int frame = 1; frame < 4; frame++) {
                images.update();
                handleOf("img" + frame + ".png");
                assertTrue(alive(held), "frame " + frame);
            }
            images.release("img0.png");
            images.update();
            handleOf("img1.png");
            images.update();
            assertFalse(alive(held));
        });
    }

    @Test
    void releasedRemoteImageIsEvictedAndItsTextureFreed() {
        ImageHandle handle = GlTestWindow.call(() -> images.load(server.url("/remote.png").toString()));
        Frames.untilDone(fetch, images, handle);
        assertTrue(handle.isSuccess());
        int remote = GlTestWindow.call(() -> handle.region().getTexture().getTextureObjectHandle());
        GlTestWindow.run(() -> {
            handleOf("img0.png");
            handleOf("img1.png");
            images.update();
            assertTrue(alive(remote), "held by its handle");
            handle.release();
            handleOf("img2.png");
            images.update();
            assertFalse(alive(remote));
        });
        ImageHandle again = GlTestWindow.call(() -> images.load(server.url("/remote.png").toString()));
        Frames.untilDone(fetch, images, again);
        assertTrue(again.isSuccess());
        assertNotEquals(remote, GlTestWindow.call(() -> again.region().getTexture().getTextureObjectHandle()));
        assertEquals(2, routes.requests("/remote.png").size(), "loaded again, revalidating the disk copy");
    }

    @Test
    void disposeFreesEveryTextureAndStopsTheDiskThread() {
        ImageHandle handle = GlTestWindow.call(() -> images.load(server.url("/remote.png").toString()));
        Frames.untilDone(fetch, images, handle);
        assertTrue(ioThreadAlive(), "disk lookups ran on the cache's own thread");
        int[] handles = GlTestWindow.call(() -> {
            images.addAtlas("hero.atlas");
            return new int[] {
                images.retain("img0.png").getTexture().getTextureObjectHandle(),
                handleOf("hero/run_1"),
                handle.region().getTexture().getTextureObjectHandle(),
                images.placeholder().getTexture().getTextureObjectHandle(),
            };
        });
        GlTestWindow.run(() -> {
            for (int h : handles) {
                assertTrue(alive(h));
            }
            images.dispose();
            for (int h : handles) {
                assertFalse(alive(h), "texture " + h + " freed");
            }
            assertEquals(0, images.residentBytes());
        });
        assertTrue(handle.isDone() && !handle.isSuccess());
        assertFalse(ioThreadAlive());
    }

    @Test
    void disposeFailsAHeldImageAsCancelledByTheDisposeNotByEviction() {
        ImageHandle handle = GlTestWindow.call(() -> images.load(server.url("/remote.png").toString()));
        Frames.untilDone(fetch, images, handle);
        assertTrue(handle.isSuccess());
        GlTestWindow.run(images::dispose);
        assertEquals(FailureKind.CANCELLED, handle.failure().kind());
        assertTrue(handle.failure().getMessage().contains("image cache disposed"), handle.failure().getMessage());
    }

    private static boolean ioThreadAlive() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("gdx-fetch-image-io") && thread.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
