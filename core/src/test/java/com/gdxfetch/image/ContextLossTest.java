package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Audio;
import com.badlogic.gdx.Files;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Graphics;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.Net;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.image.internal.Placeholder;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.ContextLoss;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the GL context is lost, as on Android, every texture the cache handed out draws its own
 * pixels again without the game doing anything, through the same Texture and region objects.
 */
class ContextLossTest extends ImageServerTest {
    private static final byte[] SHEET = TestImages.quadrants(64);
    private static final int MAX_FRAMES = 100_000;

    @TempDir
    Path root;
    @TempDir
    Path disk;

    private void open(ImageCacheConfig.Builder config) {
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()), config.build()));
    }

    /** Loses the context, then runs the game's frames until the cache says it has nothing left to do. */
    private int loseTheContextAndRunFramesUntilIdle() {
        GlTestWindow.run(ContextLoss::simulate);
        int[] frames = {0};
        GlTestWindow.runUntil(() -> {
            frames[0]++;
            fetch.update();
            return images.update();
        }, MAX_FRAMES);
        return frames[0];
    }

    /**
     * Runs {@code body} while a second libGDX application of the process is {@code Gdx.app}, as
     * when a test suite or an Android activity stack makes more than one; the window's
     * application and the other statics are put back afterwards.
     */
    private static void withAnotherApplication(Runnable body) {
        Application window = Gdx.app;
        Graphics graphics = Gdx.graphics;
        Files files = Gdx.files;
        Net net = Gdx.net;
        Audio audio = Gdx.audio;
        Input input = Gdx.input;
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = -1;
        HeadlessApplication other = new HeadlessApplication(new ApplicationAdapter() {
        }, config);
        try {
            body.run();
        } finally {
            other.exit();
            Gdx.app = window;
            Gdx.graphics = graphics;
            Gdx.files = files;
            Gdx.net = net;
            Gdx.audio = audio;
            Gdx.input = input;
        }
    }

    /** Runs the game's frames until the cache says it has nothing left to do. */
    private void runFramesUntilIdle() {
        GlTestWindow.runUntil(() -> {
            fetch.update();
            return images.update();
        }, MAX_FRAMES);
    }

    @Test
    void aRemoteImageDrawsItsPixelsAgainAfterTheContextIsLost() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        TextureRegion region = GlTestWindow.call(handle::region);
        Texture texture = region.getTexture();

        loseTheContextAndRunFramesUntilIdle();

        assertShowsTheSheetThrough(handle, region);
        GlTestWindow.run(() -> assertSame(texture, handle.region().getTexture(), "the same texture"));
    }

    @Test
    void aRemoteSheetRegionDrawsItsPixelsAgainInStripsWithinTheUploadBudget() {
        routes.file("/sheets/hero.atlas", TestImages.quadrantAtlas("hero.png", 64), "\"a1\"");
        routes.file("/sheets/hero.png", SHEET, "\"p1\"");
        long budget = 64 * 4 * 16;
        open(ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budget));
        ImageHandle handle = loadUntilDone(server.url("/sheets/hero.atlas").toString());
        TextureRegion run = GlTestWindow.call(() -> handle.region("hero/run_2"));
        TextureRegion coin = GlTestWindow.call(() -> handle.region("items/coin"));
        Texture page = run.getTexture();

        GlTestWindow.run(ContextLoss::simulate);
        int[] framesUploading = {0};
        GlTestWindow.runUntil(() -> {
            fetch.update();
            boolean idle = images.update();
            long uploaded = images.uploadedBytesLastFrame();
            assertTrue(uploaded <= budget, () -> uploaded + " bytes uploaded in one frame");
            if (uploaded > 0) {
                framesUploading[0]++;
            }
            return idle;
        }, MAX_FRAMES);

        assertTrue(framesUploading[0] >= 4, () -> "the page went up in " + framesUploading[0] + " frames");
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertSame(run, handle.region("hero/run_2"));
            assertSame(coin, handle.region("items/coin"));
            assertSame(page, run.getTexture());
            assertEquals(TestImages.GREEN, Screen.centre(run));
            assertEquals(TestImages.WHITE, Screen.centre(coin));
            assertEquals(TestImages.RED, Screen.centre(handle.region("hero/run_1")));
        });
    }

    /** Serves /sheets/hero.atlas, whose one page, /sheets/hero.png, is mipmapped. */
    private void serveMipmappedSheet() {
        String atlas = new String(TestImages.quadrantAtlas("hero.png", 64), StandardCharsets.UTF_8)
                .replace("filter: Nearest,Nearest", "filter: MipMapNearestNearest,Nearest");
        routes.file("/sheets/hero.atlas", atlas.getBytes(StandardCharsets.UTF_8), "\"a1\"");
        routes.file("/sheets/hero.png", SHEET, "\"p1\"");
    }

    @Test
    void aMipmappedSheetPageDrawsItsPixelsAgainAfterTheContextIsLost() {
        serveMipmappedSheet();
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = loadUntilDone(server.url("/sheets/hero.atlas").toString());
        TextureRegion idle = GlTestWindow.call(() -> handle.region("hero/idle"));

        loseTheContextAndRunFramesUntilIdle();

        GlTestWindow.run(() -> {
            assertSame(idle, handle.region("hero/idle"));
            assertEquals(TestImages.BLUE, Screen.centre(idle));
            assertEquals(TestImages.GREEN, Screen.centre(handle.region("hero/run_2")));
        });
    }

    @Test
    void aMipmappedSheetPageDrawsBlankNotBlackUntilItIsRestored() {
        serveMipmappedSheet();
        routes.file("/plain.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle sheet = loadUntilDone(server.url("/sheets/hero.atlas").toString());
        ImageHandle plain = loadUntilDone(server.url("/plain.png").toString());

        GlTestWindow.run(() -> {
            ContextLoss.simulate();
            // Drawn before the next update(): both wait for their pixels.
            int blank = Screen.centre(plain.region());
            assertEquals(blank, Screen.centre(sheet.region("hero/idle")), "as blank as a page without mipmaps");
        });
    }

    @Test
    void anImageLostHalfwayThroughItsFirstUploadIsUploadedAgainFromItsFirstRow() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        long budget = 64 * 4 * 16;
        open(ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budget));
        ImageHandle handle = GlTestWindow.call(() -> images.load(server.url("/sheet.png").toString()));
        int[] framesUploading = {0};
        // Storage in one frame, then 16 rows a frame: after three, the top half is on the GPU.
        Frames.until(fetch, images, () -> images.uploadedBytesLastFrame() > 0 && ++framesUploading[0] == 3);
        assertTrue(!handle.isDone(), "still uploading");

        loseTheContextAndRunFramesUntilIdle();

        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertEquals(TestImages.RED, Screen.topLeft(handle.region()));
            assertEquals(TestImages.GREEN, Screen.topRight(handle.region()));
        });
    }

    @Test
    void aSecondLossHalfwayThroughARestoreStillEndsWithThePixels() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        long budget = 64 * 4 * 16;
        open(ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budget));
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        TextureRegion region = GlTestWindow.call(handle::region);
        GlTestWindow.run(ContextLoss::simulate);
        int[] framesUploading = {0};
        Frames.until(fetch, images, () -> images.uploadedBytesLastFrame() > 0 && ++framesUploading[0] == 2);

        loseTheContextAndRunFramesUntilIdle();

        assertShowsTheSheetThrough(handle, region);
    }

    @Test
    void anImageEvictedHalfwayThroughItsRestoreLeavesNothingBehind() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        long budget = 64 * 4 * 16;
        open(ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budget).memoryBytes(1));
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        GlTestWindow.run(ContextLoss::simulate);
        int[] framesUploading = {0};
        Frames.until(fetch, images, () -> images.uploadedBytesLastFrame() > 0 && ++framesUploading[0] == 2);

        GlTestWindow.run(handle::release);
        boolean[] idle = {false};
        GlTestWindow.runFrames(3, () -> {
            fetch.update();
            idle[0] = images.update();
        });

        assertTrue(idle[0], "nothing left to restore");
        assertEquals(0L, GlTestWindow.call(images::residentBytes).longValue());
    }

    @Test
    void disposingTheCacheHalfwayThroughARestoreDisposesEveryTextureItMade() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        routes.file("/other.png", SHEET, "\"v1\"");
        long budget = 64 * 4 * 16;
        open(ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budget));
        int texturesBefore = GlTestWindow.call(Texture::getNumManagedTextures);
        ImageHandle uploading = loadUntilDone(server.url("/sheet.png").toString());
        ImageHandle fetching = loadUntilDone(server.url("/other.png").toString());
        GlTestWindow.run(ContextLoss::simulate);
        int[] framesUploading = {0};
        Frames.until(fetch, images, () -> images.uploadedBytesLastFrame() > 0 && ++framesUploading[0] == 2);

        GlTestWindow.run(() -> {
            images.dispose();
            images = null;
        });

        assertEquals(texturesBefore, GlTestWindow.call(Texture::getNumManagedTextures).intValue());
        assertTrue(uploading.isFailed() && fetching.isFailed(), "both handles end as disposed");
        // What the second image's restore still delivers is freed, not uploaded.
        GlTestWindow.runFrames(20, fetch::update);
        assertEquals(texturesBefore, GlTestWindow.call(Texture::getNumManagedTextures).intValue());
    }

    @Test
    void anAtlasLostWithOnePageUpAndTheOtherStillDownloadingEndsWithEveryPage() throws InterruptedException {
        String second = new String(TestImages.quadrantAtlas("more.png", 64), StandardCharsets.UTF_8)
                .replace("hero/", "more/").replace("items/", "things/");
        byte[] atlas = (new String(TestImages.quadrantAtlas("hero.png", 64), StandardCharsets.UTF_8) + second)
                .getBytes(StandardCharsets.UTF_8);
        routes.file("/sheets/two.atlas", atlas, "\"a1\"");
        routes.file("/sheets/hero.png", SHEET, "\"p1\"");
        CountDownLatch morePage = new CountDownLatch(1);
        routes.route("/sheets/more.png", request -> {
            try {
                morePage.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new MockResponse().setBody(new Buffer().write(SHEET));
        });
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = GlTestWindow.call(() -> images.load(server.url("/sheets/two.atlas").toString()));
        try {
            Frames.until(fetch, images, () -> images.uploadsLastFrame() > 0);
            assertTrue(!handle.isDone(), "the second page is still downloading");

            GlTestWindow.run(ContextLoss::simulate);
        } finally {
            morePage.countDown();
        }
        Frames.untilDone(fetch, images, handle);
        runFramesUntilIdle();

        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertEquals(TestImages.GREEN, Screen.centre(handle.region("hero/run_2")));
            assertEquals(TestImages.WHITE, Screen.centre(handle.region("items/coin")));
            assertEquals(TestImages.GREEN, Screen.centre(handle.region("more/run_2")));
            assertEquals(TestImages.WHITE, Screen.centre(handle.region("things/coin")));
        });
    }

    @Test
    void aRemoteImageIsRestoredFromItsDiskCopyWhenTheServerIsGone() throws IOException {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().diskCache(new FileHandle(disk.toFile()), 1 << 20));
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        TextureRegion region = GlTestWindow.call(handle::region);
        server.shutdown();

        loseTheContextAndRunFramesUntilIdle();

        assertShowsTheSheetThrough(handle, region);
    }

    @Test
    void aRemoteImageThatCannotBeFetchedAgainFailsItsHandleWhichThenShowsThePlaceholder() throws IOException {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        server.shutdown();

        loseTheContextAndRunFramesUntilIdle();

        assertTrue(handle.isFailed(), "failed once the image could not be had again");
        assertEquals(FailureKind.CONNECT_REFUSED, handle.failure().kind(), () -> "why: " + handle.failure());
        GlTestWindow.run(() -> {
            assertSame(images.placeholder(), handle.region());
            assertEquals(Placeholder.MAGENTA, Screen.topLeft(handle.region()));
        });
    }

    @Test
    void framesAfterARestoreAllocateNothing() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        loseTheContextAndRunFramesUntilIdle();
        GlTestWindow.run(() -> {
            int[] width = {0};
            Allocations.assertNothingAllocatedOnceWarm("frames after a restore", () -> {
                fetch.update();
                images.update();
                width[0] += handle.region().getRegionWidth();
            }, 5_000, 2_000);
            assertTrue(width[0] > 0);
        });
    }

    @Test
    void anotherApplicationBecomingGdxAppAndGoingAgainIsNotTakenForALostContext() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder().noDiskCache());
        ImageHandle handle = loadUntilDone(server.url("/sheet.png").toString());
        int requests = server.getRequestCount();
        Application window = GlTestWindow.call(() -> Gdx.app);
        boolean[] idle = new boolean[3];

        withAnotherApplication(() -> {
            GlTestWindow.run(() -> {
                fetch.update();
                idle[0] = images.update();
            });
            // Current again, as Android's onResume makes an activity's application.
            GlTestWindow.run(() -> {
                Gdx.app = window;
                fetch.update();
                idle[1] = images.update();
            });
        });
        GlTestWindow.run(() -> {
            fetch.update();
            idle[2] = images.update();
        });

        assertTrue(idle[0] && idle[1] && idle[2], "nothing to restore");
        assertEquals(requests, server.getRequestCount(), "nothing fetched again");
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
    }

    @Test
    void aCacheMadeBeforeItsApplicationHasGlStillRestoresAfterALoss() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        Application window = GlTestWindow.call(() -> Gdx.app);
        ImageHandle[] handle = new ImageHandle[1];
        withAnotherApplication(() -> {
            // As on Android between the activity's onCreate and its first surface: Gdx.app is
            // the new application, Gdx.gl not there yet.
            images = GlTestWindow.call(() -> {
                GL20 gl = Gdx.gl;
                Gdx.gl = null;
                try {
                    return new ImageCache(fetch, new FileHandle(root.toFile()),
                            ImageCacheConfig.builder().noDiskCache().maxTextureSize(1024).build());
                } finally {
                    Gdx.gl = gl;
                }
            });
            handle[0] = loadUntilDone(server.url("/sheet.png").toString());

            loseTheContextAndRunFramesUntilIdle();
            // The window's own textures, meshes and shaders, for what is drawn next.
            GlTestWindow.run(() -> ContextLoss.rebuild(window));
        });

        assertTrue(handle[0].isSuccess(), () -> "failed: " + handle[0].failure());
        GlTestWindow.run(() -> {
            assertEquals(TestImages.RED, Screen.topLeft(handle[0].region()));
            assertEquals(TestImages.GREEN, Screen.topRight(handle[0].region()));
        });
    }

    @Test
    void localImagesAndSheetRegionsDrawTheirPixelsAgainAfterTheContextIsLost() {
        TestImages.write(root.resolve("local.png"), SHEET);
        TestImages.write(root.resolve("sheets/hero.atlas"), TestImages.quadrantAtlas("hero.png", 64));
        TestImages.write(root.resolve("sheets/hero.png"), SHEET);
        open(ImageCacheConfig.builder().noDiskCache());
        TextureRegion image = GlTestWindow.call(() -> images.get("local.png"));
        TextureRegion run = GlTestWindow.call(() -> {
            images.addAtlas("sheets/hero.atlas");
            return images.get("hero/run_2");
        });

        loseTheContextAndRunFramesUntilIdle();

        GlTestWindow.run(() -> {
            assertSame(image, images.get("local.png"));
            assertSame(run, images.get("hero/run_2"));
            assertEquals(TestImages.RED, Screen.topLeft(image));
            assertEquals(TestImages.GREEN, Screen.topRight(image));
            assertEquals(TestImages.GREEN, Screen.centre(run));
        });
    }

    @Test
    void thePlaceholderDrawsAgainAfterTheContextIsLost() {
        open(ImageCacheConfig.builder().noDiskCache());
        TextureRegion placeholder = GlTestWindow.call(images::placeholder);

        loseTheContextAndRunFramesUntilIdle();

        GlTestWindow.run(() -> {
            assertSame(placeholder, images.placeholder());
            assertEquals(Placeholder.MAGENTA, Screen.topLeft(placeholder));
            assertEquals(Placeholder.BLACK, Screen.topRight(placeholder));
        });
    }

    /** The handle succeeded and still hands out {@code region}, which draws the sheet's red and green corners. */
    private static void assertShowsTheSheetThrough(ImageHandle handle, TextureRegion region) {
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertSame(region, handle.region(), "the same region");
            assertEquals(TestImages.RED, Screen.topLeft(region));
            assertEquals(TestImages.GREEN, Screen.topRight(region));
        });
    }
}
