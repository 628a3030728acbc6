package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Texture;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.testing.GlTestWindow;
import com.gdxfetch.testing.UncaughtExceptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache disposed, or its handles released, at any moment of many loads at once: downloading,
 * decoding on workers, reading the disk cache, queued and half uploaded. Whatever the workers
 * deliver afterwards is freed, never uploaded, and every texture the cache made is gone.
 */
class DisposeRaceTest extends ImageServerTest {
    private static final int IMAGES = 10;

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    @TempDir
    Path root;
    @TempDir
    Path disk;

    @Test
    void disposingAtAnyMomentOfManyLoadsLeavesNoTextureAndEndsEveryHandle() {
        for (int i = 0; i < IMAGES; i++) {
            byte[] body = TestImages.noise(96 + i * 8, 96, i);
            int chunk = 512 + 97 * i;
            routes.route("/img" + i + ".png", request -> new MockResponse().setBody(new Buffer().write(body))
                    .throttleBody(chunk, 1, TimeUnit.MILLISECONDS));
        }
        routes.file("/sheets/hero.png", TestImages.quadrants(64), "\"p\"");
        routes.file("/sheets/hero.atlas", TestImages.quadrantAtlas("hero.png", 64), "\"a\"");
        Random random = new Random(11);
        // The cache's first use makes the context-loss sentinel, a managed texture that stays.
        GlTestWindow.run(() -> new ImageCache(fetch, new FileHandle(root.toFile())).dispose());
        int baseline = managedTextures();
        for (int round = 0; round < 40; round++) {
            boolean withDisk = round % 2 == 0;
            int frames = random.nextInt(40);
            int releaseAt = random.nextInt(40);
            images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                    (withDisk ? ImageCacheConfig.builder().diskCache(new FileHandle(disk.toFile()), 1 << 20)
                            : ImageCacheConfig.builder().noDiskCache()).uploadBytesPerFrame(96 * 4 * 8).build()));
            List<ImageHandle> handles = new ArrayList<>();
            GlTestWindow.run(() -> {
                for (int i = 0; i < IMAGES; i++) {
                    handles.add(images.load(server.url("/img" + i + ".png").toString()));
                    if (i % 3 == 0) {
                        handles.add(images.load(server.url("/img" + i + ".png").toString()));
                    }
                }
                handles.add(images.load(server.url("/sheets/hero.atlas").toString()));
            });
            int[] frame = {0};
            GlTestWindow.runFrames(frames, () -> {
                if (frame[0]++ == releaseAt) {
                    for (int i = 0; i < handles.size(); i += 2) {
                        handles.get(i).release();
                    }
                }
                fetch.update();
                images.update();
            });
            GlTestWindow.run(() -> {
                images.dispose();
                images = null;
            });
            for (ImageHandle handle : handles) {
                assertTrue(handle.isFailed(), "round " + round + ": " + handle.url() + " not ended by dispose");
                assertEquals(FailureKind.CANCELLED, handle.failure().kind(), handle.failure().getMessage());
            }
            assertEquals(baseline, managedTextures(),
                    "round " + round + " after " + frames + " frames: textures left");
            // What workers still deliver is freed, never made a texture.
            GlTestWindow.runFrames(10, fetch::update);
            assertEquals(baseline, managedTextures(),
                    "round " + round + ": a texture was made after dispose");
        }
    }

    /** libGDX's count of managed textures, 0 before the first was made in this application. */
    private static int managedTextures() {
        return GlTestWindow.call(() -> {
            try {
                return Texture.getNumManagedTextures();
            } catch (NullPointerException none) {
                return 0;
            }
        });
    }
}
