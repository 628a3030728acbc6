package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.image.internal.Placeholder;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.testing.Allocations;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteImageTest extends ImageServerTest {
    private static final byte[] SHEET = TestImages.quadrants(64);

    @TempDir
    Path disk;
    @TempDir
    Path root;
    @BeforeEach
    void serveTheSheetAndOpen() {
        routes.file("/sheet.png", SHEET, "\"v1\"");
        open(ImageCacheConfig.builder());
    }

    private void open(ImageCacheConfig.Builder config) {
        open(config, 1 << 20);
    }

    private void open(ImageCacheConfig.Builder config, long diskBytes) {
        if (images != null) {
            GlTestWindow.run(images::dispose);
        }
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                config.diskCache(new FileHandle(disk.toFile()), diskBytes).build()));
    }

    /** A new cache on the same disk folder, as after a restart of the game. */
    private void reopen() {
        open(ImageCacheConfig.builder());
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private ImageHandle loadAndWait(String path) {
        ImageHandle handle = GlTestWindow.call(() -> images.load(url(path)));
        Frames.untilDone(fetch, images, handle);
        return handle;
    }

    private void assertDrawsSheet(ImageHandle handle) {
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertEquals(TestImages.RED, Screen.topLeft(handle.region()));
            assertEquals(TestImages.GREEN, Screen.topRight(handle.region()));
        });
    }

    private List<Path> cachedBodies() throws IOException {
        try (Stream<Path> files = Files.list(disk)) {
            return files.filter(p -> p.toString().endsWith(".body")).collect(Collectors.toList());
        }
    }

    @Test
    void loadReportsProgressInBytesAndCompletesWithTheImage() {
        byte[] big = TestImages.noise(128, 128, 7);
        routes.route("/big.png", request -> new MockResponse().setBody(new Buffer().write(big))
                .throttleBody(4096, 10, TimeUnit.MILLISECONDS));
        ImageHandle handle = GlTestWindow.call(() -> images.load(url("/big.png")));
        boolean[] sawPartial = {false};
        float[] lastProgress = {0f};
        Frames.until(fetch, images, () -> {
            long received = handle.bytesReceived();
            if (!handle.isDone() && received > 0 && received < big.length && handle.totalBytes() == big.length) {
                sawPartial[0] = true;
            }
            assertTrue(handle.progress() >= lastProgress[0], "progress went backwards");
            lastProgress[0] = handle.progress();
            return handle.isDone();
        });
        assertTrue(sawPartial[0], "a frame saw part of the body arrive");
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        assertEquals(big.length, handle.bytesReceived());
        assertEquals(big.length, handle.totalBytes());
        assertEquals(1f, handle.progress());
        assertEquals(128, GlTestWindow.call(() -> handle.region().getRegionWidth()));
        assertEquals(1, handle.regions().size);
    }

    @Test
    void loadsOfOneUrlWhileInFlightShareOneDownload() {
        CountDownLatch answer = new CountDownLatch(1);
        routes.route("/slow.png", request -> {
            awaitUninterruptibly(answer);
            return new MockResponse().setBody(new Buffer().write(SHEET));
        });
        ImageHandle first = GlTestWindow.call(() -> images.load(url("/slow.png")));
        ImageHandle second = GlTestWindow.call(() -> images.load(url("/slow.png")));
        GlTestWindow.runFrames(3, () -> {
            fetch.update();
            images.update();
        });
        assertFalse(first.isDone(), "still downloading");
        ImageHandle third = GlTestWindow.call(() -> images.load(url("/slow.png")));
        answer.countDown();
        Frames.untilDone(fetch, images, first, second, third);
        assertEquals(1, routes.requests("/slow.png").size());
        assertDrawsSheet(first);
        GlTestWindow.run(() -> {
            assertSame(first.region(), second.region());
            assertSame(first.region(), third.region());
        });
        assertEquals(1, GlTestWindow.call(images::residentCount));
    }

    @Test
    void spellingsOfOneUrlShareOneDownloadAndOneTexture() {
        String plain = url("/sheet.png");
        String host = server.getHostName();
        String shouted = plain.replace("http://" + host, "HTTP://" + host.toUpperCase(java.util.Locale.ROOT))
                .replace("/sheet.png", "/art/../sheet.png#frame");
        assertNotEquals(plain, shouted);
        ImageHandle first = GlTestWindow.call(() -> images.load(plain));
        ImageHandle second = GlTestWindow.call(() -> images.load(shouted));
        Frames.untilDone(fetch, images, first, second);
        assertEquals(1, routes.requests("/sheet.png").size(), "one download for both spellings");
        assertDrawsSheet(second);
        GlTestWindow.run(() -> assertSame(first.region(), second.region()));
        assertEquals(1, GlTestWindow.call(images::residentCount));
    }

    @Test
    void remoteAtlasIsDrawnFromItsPageWithProgressOverBothFiles() {
        byte[] atlas = TestImages.quadrantAtlas("hero page.png", 64);
        routes.file("/sheets/hero.atlas", atlas, "\"a1\"");
        routes.file("/sheets/hero%20page.png", SHEET, "\"p1\"");
        ImageHandle handle = loadAndWait("/sheets/hero.atlas");
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        assertEquals(atlas.length + SHEET.length, handle.totalBytes());
        assertEquals(atlas.length + SHEET.length, handle.bytesReceived());
        assertEquals(4, handle.regions().size);
        GlTestWindow.run(() -> {
            Texture page = handle.region("hero/run_1").getTexture();
            assertSame(page, handle.region("items/coin").getTexture());
            assertSame(handle.region("hero/run_1"), handle.region("hero/run"));
            assertEquals(TestImages.RED, Screen.centre(handle.region("hero/run_1")));
            assertEquals(TestImages.GREEN, Screen.centre(handle.region("hero/run_2")));
            assertEquals(TestImages.BLUE, Screen.centre(handle.region("hero/idle")));
            assertEquals(TestImages.WHITE, Screen.centre(handle.region("items/coin")));
            assertSame(images.placeholder(), handle.region("hero/fly"));
            assertEquals(64 * 64 * 4, images.residentBytes());
        });
    }

    @Test
    void framesDrawingLoadedRemoteImagesAndPollingTheirHandlesAllocateNothing() {
        routes.file("/sheets/hero.atlas", TestImages.quadrantAtlas("hero.png", 64), "\"a1\"");
        routes.file("/sheets/hero.png", SHEET, "\"p1\"");
        ImageHandle atlas = GlTestWindow.call(() -> images.load(url("/sheets/hero.atlas")));
        ImageHandle sheet = GlTestWindow.call(() -> images.load(url("/sheet.png")));
        Frames.untilDone(fetch, images, atlas, sheet);
        assertTrue(atlas.isSuccess() && sheet.isSuccess());
        GlTestWindow.run(() -> {
            int[] width = {0};
            Allocations.assertNothingAllocatedOnceWarm("frames with loaded remote images", () -> {
                fetch.update();
                images.update();
                width[0] += sheet.region().getRegionWidth() + atlas.region("hero/run_1").getRegionWidth()
                        + atlas.region("hero/run").getRegionWidth() + atlas.regions().size;
                width[0] += (int) (atlas.progress() + atlas.bytesReceived() + atlas.totalBytes());
                width[0] += atlas.isDone() && !atlas.isFailed() ? 1 : 0;
            }, 5_000, 2_000);
            assertTrue(width[0] > 0);
        });
    }

    @Test
    void atlasPageNamesArePathsBesideTheAtlasNeverAnotherHost() {
        String[][] pageAndPath = {
            {"//cdn.example/hero.png", "/sheets/cdn.example/hero.png"},
            {"/hero.png", "/sheets/hero.png"},
            {"pages//hero page.png", "/sheets/pages/hero%20page.png"},
            {"../../../up.png", "/up.png"},
            {"hero#1 100%?.png", "/sheets/hero%231%20100%25%3F.png"},
        };
        for (String[] names : pageAndPath) {
            routes.file("/sheets/" + names[1].hashCode() + ".atlas", TestImages.quadrantAtlas(names[0], 64), "\"a1\"");
            routes.file(names[1], SHEET, "\"p1\"");
            ImageHandle handle = loadAndWait("/sheets/" + names[1].hashCode() + ".atlas");
            assertTrue(handle.isSuccess(), () -> names[0] + " failed: " + handle.failure());
            assertEquals(1, routes.requests(names[1]).size(), names[0]);
            GlTestWindow.run(() -> assertEquals(TestImages.RED, Screen.centre(handle.region("hero/run_1"))));
        }
    }

    @Test
    void anImageTheServerSaysNotToStoreIsShownButNotKeptOnDisk() throws IOException {
        routes.route("/private.png", request -> new MockResponse().setHeader("ETag", "\"p1\"")
                .setHeader("Cache-Control", "private, no-store").setBody(new Buffer().write(SHEET)));
        assertDrawsSheet(loadAndWait("/private.png"));
        // RFC 9111 section 5.2.2.5: a cache must not store any part of a no-store response.
        assertEquals(List.of(), cachedBodies());
    }

    @Test
    void unchangedFileIsRevalidatedWithA304AndServedFromDisk() {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        reopen();
        ImageHandle again = loadAndWait("/sheet.png");
        assertDrawsSheet(again);
        List<RecordedRequest> requests = routes.requests("/sheet.png");
        assertEquals(2, requests.size());
        assertNull(requests.get(0).getHeader("If-None-Match"));
        assertEquals("\"v1\"", requests.get(1).getHeader("If-None-Match"));
        assertEquals(SHEET.length, again.bytesReceived(), "the cached copy's size");
    }

    @Test
    void a304NamingAnotherVersionIsNotTakenForTheCachedCopyAndTheFileIsFetchedWhole() {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        byte[] updated = TestImages.solid(64, 64, TestImages.WHITE);
        routes.route("/sheet.png", request -> request.getHeader("If-None-Match") != null
                ? new MockResponse().setResponseCode(304).setHeader("ETag", "\"v2\"")
                : new MockResponse().setHeader("ETag", "\"v2\"").setBody(new Buffer().write(updated)));
        reopen();
        ImageHandle again = loadAndWait("/sheet.png");
        assertTrue(again.isSuccess(), () -> "failed: " + again.failure());
        GlTestWindow.run(() -> assertEquals(TestImages.WHITE, Screen.topLeft(again.region()), "the new version"));
        List<RecordedRequest> requests = routes.requests("/sheet.png");
        assertEquals(3, requests.size());
        assertEquals("\"v1\"", requests.get(1).getHeader("If-None-Match"), "revalidated first");
        assertNull(requests.get(2).getHeader("If-None-Match"), "then fetched whole");
    }

    @Test
    void cachedCopyIsServedWhenTheServerIsUnreachable() throws IOException {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        String url = url("/sheet.png");
        server.shutdown();
        reopen();
        ImageHandle offline = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, offline);
        assertDrawsSheet(offline);
    }

    @Test
    void anImageThatFailedWhileTheServerWasDownLoadsWhenAskedForAgainOnceItIsBack() throws IOException {
        String url = url("/sheet.png");
        int port = server.getPort();
        server.shutdown();
        ImageHandle offline = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, offline);
        assertTrue(offline.isFailed());
        assertEquals(FailureKind.CONNECT_REFUSED, offline.failure().kind(), offline.failure().getMessage());

        server = new okhttp3.mockwebserver.MockWebServer();
        server.setDispatcher(routes);
        server.start(port);
        // The failed handle is still held: asking again starts a new load rather than answering with the failure.
        ImageHandle back = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, back);
        assertDrawsSheet(back);
        assertTrue(offline.isFailed(), "the handle that failed keeps telling what happened to it");
        GlTestWindow.run(offline::release);
        assertDrawsSheet(GlTestWindow.call(() -> images.load(url)));
    }

    @Test
    void cachedCopyIsServedWhenTheServerAnswersWithA5xx() {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        routes.route("/sheet.png", request -> new MockResponse().setResponseCode(503).setBody("maintenance"));
        reopen();

        assertDrawsSheet(loadAndWait("/sheet.png"));
    }

    @Test
    void aCopyTheServerSaysMustBeRevalidatedIsNotServedWhenTheServerAnswersWithA5xx() {
        routes.route("/checked.png", request -> new MockResponse().setHeader("ETag", "\"c1\"")
                .setHeader("Cache-Control", "max-age=0, must-revalidate").setBody(new Buffer().write(SHEET)));
        assertDrawsSheet(loadAndWait("/checked.png"));
        routes.route("/checked.png", request -> new MockResponse().setResponseCode(503).setBody("maintenance"));
        reopen();

        // RFC 9111 section 5.2.2.2: unable to revalidate, the cache must answer with an error.
        ImageHandle again = loadAndWait("/checked.png");
        assertTrue(again.isFailed(), "the copy was served");
        assertEquals(503, again.failure().status());
    }

    @Test
    void cachedCopyIsServedWhenTheServerBreaksHttp() {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        routes.route("/sheet.png", request -> new MockResponse().setStatus("HTTP/1.1 two hundred OK"));
        reopen();

        assertDrawsSheet(loadAndWait("/sheet.png"));
    }

    @Test
    void aFileTheServerSaysIsGoneIsNotAnsweredFromTheCachedCopy() {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        routes.route("/sheet.png", request -> new MockResponse().setResponseCode(404));
        reopen();

        ImageHandle gone = loadAndWait("/sheet.png");

        assertTrue(gone.isFailed(), "a 404 was answered from the cached copy");
        assertEquals(FailureKind.HTTP_STATUS, gone.failure().kind());
    }

    @Test
    void damagedCacheEntryIsDiscardedAndDownloadedAgain() throws IOException {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        Path body = cachedBodies().get(0);
        byte[] bytes = Files.readAllBytes(body);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(body, bytes);
        reopen();
        ImageHandle again = loadAndWait("/sheet.png");
        assertDrawsSheet(again);
        List<RecordedRequest> requests = routes.requests("/sheet.png");
        assertEquals(3, requests.size());
        assertEquals("\"v1\"", requests.get(1).getHeader("If-None-Match"), "revalidated first");
        assertNull(requests.get(2).getHeader("If-None-Match"), "then fetched whole");
        assertTrue(Arrays.equals(SHEET, Files.readAllBytes(cachedBodies().get(0))), "cache entry rewritten");
    }

    @Test
    void truncatedCacheEntryIsDiscardedAndOfflineLoadFails() throws IOException {
        assertDrawsSheet(loadAndWait("/sheet.png"));
        Path body = cachedBodies().get(0);
        byte[] bytes = Files.readAllBytes(body);
        Files.write(body, Arrays.copyOf(bytes, bytes.length / 2));
        String url = url("/sheet.png");
        server.shutdown();
        reopen();
        ImageHandle offline = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, offline);
        assertTrue(offline.isFailed());
        assertEquals(FailureKind.CONNECT_REFUSED, offline.failure().kind());
        assertTrue(cachedBodies().isEmpty(), "damaged entry deleted");
    }

    @Test
    void diskCacheDropsTheEntryUsedLongestAgoPastItsBound() throws IOException {
        byte[][] files = {TestImages.noise(32, 32, 1), TestImages.noise(32, 32, 2), TestImages.noise(32, 32, 3)};
        long entry = files[0].length + 512;
        open(ImageCacheConfig.builder(), 2 * entry + entry / 2);
        long now = System.currentTimeMillis();
        List<Path> before = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            routes.file("/f" + i + ".png", files[i], "\"f" + i + "\"");
            assertTrue(loadAndWait("/f" + i + ".png").isSuccess());
            Path added = cachedBodies().stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
            // Last use an hour apart, oldest first.
            Files.setLastModifiedTime(added, FileTime.fromMillis(now - (files.length - i) * 3_600_000L));
            before.add(added);
        }
        List<Path> kept = cachedBodies();
        assertEquals(2, kept.size(), kept.toString());
        assertFalse(kept.contains(before.get(0)), "the entry used longest ago went");
    }

    @Test
    void serverErrorFailsWithTheStatusAndShowsThePlaceholder() {
        routes.route("/error.png", request -> new MockResponse().setResponseCode(500).setBody("boom"));
        ImageHandle handle = loadAndWait("/error.png");
        assertTrue(handle.isFailed());
        FetchException failure = handle.failure();
        assertEquals(FailureKind.HTTP_STATUS, failure.kind());
        assertEquals(500, failure.status());
        GlTestWindow.run(() -> {
            TextureRegion shown = handle.region();
            assertSame(images.placeholder(), shown);
            assertEquals(Placeholder.MAGENTA, Screen.topLeft(shown));
            assertEquals(0, handle.regions().size);
        });
    }

    @Test
    void truncatedPngFailsToDecodeAndIsNotCached() throws IOException {
        byte[] png = TestImages.noise(64, 64, 3);
        routes.route("/cut.png", request -> new MockResponse()
                .setBody(new Buffer().write(Arrays.copyOf(png, png.length / 2))));
        ImageHandle handle = loadAndWait("/cut.png");
        assertTrue(handle.isFailed());
        assertEquals(FailureKind.DECODE, handle.failure().kind(), handle.failure().getMessage());
        assertSame(GlTestWindow.call(images::placeholder), GlTestWindow.call(handle::region));
        assertTrue(cachedBodies().isEmpty());
    }

    @Test
    void imageOverTheTextureLimitFailsAsTooLarge() {
        open(ImageCacheConfig.builder().maxTextureSize(32));
        ImageHandle handle = loadAndWait("/sheet.png");
        assertEquals(FailureKind.TOO_LARGE, handle.failure().kind());
        assertTrue(handle.failure().getMessage().contains("64x64"), handle.failure().getMessage());
    }

    @Test
    void aSmallFileDeclaringAnImageOverTheTextureLimitFailsAsTooLargeFromItsHeader() throws IOException {
        open(ImageCacheConfig.builder().maxTextureSize(1024));
        routes.file("/bomb.png", TestImages.declaring(40_000, 40_000), "\"b1\"");
        ImageHandle handle = loadAndWait("/bomb.png");
        assertEquals(FailureKind.TOO_LARGE, handle.failure().kind(), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("40000x40000"), handle.failure().getMessage());
        assertTrue(cachedBodies().isEmpty());
    }

    @Test
    void bodyOverTheDownloadLimitFailsAsTooLarge() {
        open(ImageCacheConfig.builder().maxDownloadBytes(SHEET.length - 1));
        ImageHandle handle = loadAndWait("/sheet.png");
        assertEquals(FailureKind.TOO_LARGE, handle.failure().kind());
    }

    @Test
    void failedRegionThrowsWithTheCauseWhenPlaceholdersAreOff() {
        open(ImageCacheConfig.builder().placeholder(false));
        routes.route("/error.png", request -> new MockResponse().setResponseCode(404));
        ImageHandle handle = loadAndWait("/error.png");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GlTestWindow.call(handle::region));
        assertSame(handle.failure(), e.getCause());
    }

    @Test
    void downloadCancelledThroughTheRequestManagerFailsTheLoad() {
        routes.route("/slow.png", request -> new MockResponse().setBody(new Buffer().write(SHEET))
                .throttleBody(64, 20, TimeUnit.MILLISECONDS));
        ImageHandle handle = GlTestWindow.call(() -> images.load(url("/slow.png")));
        Frames.until(fetch, images, () -> fetch.openCount() == 1);
        GlTestWindow.run(fetch::cancelAll);
        Frames.untilDone(fetch, images, handle);
        assertEquals(FailureKind.CANCELLED, handle.failure().kind());
        assertSame(GlTestWindow.call(images::placeholder), GlTestWindow.call(handle::region));
    }

    @Test
    void malformedUrlIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlTestWindow.call(() -> images.load("ftp://example.com/a.png")));
        assertTrue(e.getMessage().contains("ftp://example.com/a.png"), e.getMessage());
    }

    @Test
    void releasingEveryHandleCancelsTheLoad() {
        routes.route("/slow.png", request -> new MockResponse().setBody(new Buffer().write(SHEET))
                .throttleBody(64, 20, TimeUnit.MILLISECONDS));
        ImageHandle handle = GlTestWindow.call(() -> images.load(url("/slow.png")));
        GlTestWindow.run(handle::release);
        assertTrue(handle.isFailed());
        assertEquals(FailureKind.CANCELLED, handle.failure().kind());
        Frames.until(fetch, images, () -> fetch.openCount() == 0);
        assertEquals(0, GlTestWindow.call(images::residentCount));
    }

    /** The server's answer waits for the test (bounded, so a failed test cannot hang the server's shutdown). */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
