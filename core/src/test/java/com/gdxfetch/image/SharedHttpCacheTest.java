package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.CacheMode;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseSource;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image cache over a manager that keeps an HTTP cache: images are stored in that one cache,
 * as entries a plain GET of the same URL shares, under its one byte budget.
 */
class SharedHttpCacheTest extends ImageServerTest {
    private static final byte[] NOISE = TestImages.noise(128, 128, 11);
    private static final int OTHER_BYTES = 20_000;
    /** Room for the image or the other body with their metadata, not for both. */
    private static final long BUDGET = NOISE.length + OTHER_BYTES;

    @TempDir
    Path httpCache;
    @TempDir
    Path imageDisk;
    @TempDir
    Path root;

    @BeforeEach
    void useAManagerWithAnHttpCache() {
        routes.file("/noise.png", NOISE, "\"n1\"");
        routes.route("/other.json", request -> new MockResponse().setHeader("Cache-Control", "max-age=60")
                .setBody(new Buffer().write(new byte[OTHER_BYTES])));
        GlTestWindow.run(fetch::dispose);
        fetch = GlTestWindow.call(() -> new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(httpCache.toFile()), BUDGET).build()));
        open();
    }

    /** A new image cache on the same manager, as after its textures were dropped. */
    private void open() {
        if (images != null) {
            GlTestWindow.run(images::dispose);
        }
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().diskCache(new FileHandle(imageDisk.resolve("images").toFile()), 1 << 20)
                        .build()));
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private ImageHandle load(String path) {
        ImageHandle handle = GlTestWindow.call(() -> images.load(url(path)));
        Frames.untilDone(fetch, images, handle);
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        return handle;
    }

    private FetchHandle<HttpResponse> get(String path, CacheMode mode) {
        FetchHandle<HttpResponse> handle = GlTestWindow.call(() -> fetch.get(url(path)).cacheMode(mode).send());
        Frames.until(fetch, images, handle::isDone);
        return handle;
    }

    private List<String> bodiesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".body"))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void imageAndPlainGetOfOneUrlShareOneEntry() throws IOException {
        routes.route("/fresh.png", request -> new MockResponse().setHeader("Cache-Control", "max-age=60")
                .setBody(new Buffer().write(NOISE)));
        load("/fresh.png");
        FetchHandle<HttpResponse> get = get("/fresh.png", CacheMode.ONLY_IF_CACHED);
        assertNull(get.failure());
        assertEquals(ResponseSource.CACHE, get.result().source());
        assertArrayEquals(NOISE, get.result().body());

        open();
        load("/fresh.png");
        assertEquals(1, routes.requests("/fresh.png").size(), "the second image cache found the entry fresh");
        assertEquals(1, bodiesIn(httpCache).size(), "one entry on disk");
        assertFalse(Files.exists(imageDisk.resolve("images")), "no second cache folder");
    }

    @Test
    void imageFromTheHttpCacheIsRevalidatedAndItsCopyIsShownOffline() {
        load("/noise.png");
        open();
        load("/noise.png");
        assertEquals(2, routes.requests("/noise.png").size());
        assertEquals("\"n1\"", routes.requests("/noise.png").get(1).getHeader("If-None-Match"),
                "the HTTP cache revalidates the copy the image cache stored");

        String url = url("/noise.png");
        open();
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ImageHandle offline = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, offline);
        assertTrue(offline.isSuccess(), () -> "failed offline: " + offline.failure());
        assertEquals(128, GlTestWindow.call(() -> offline.region().getRegionWidth()));
    }

    @Test
    void imagesAndOtherResponsesShareOneByteBudget() throws IOException {
        load("/noise.png");
        // Used a minute ago, so the order does not hang on the file clock's resolution.
        for (String body : bodiesIn(httpCache)) {
            Files.setLastModifiedTime(httpCache.resolve(body), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        assertEquals(ResponseSource.NETWORK, get("/other.json", CacheMode.NORMAL).result().source());

        FetchHandle<HttpResponse> image = get("/noise.png", CacheMode.ONLY_IF_CACHED);
        assertNotNull(image.failure(), "the image, used longest ago, made room");
        assertEquals(FailureKind.NOT_CACHED, image.failure().kind());
        assertEquals(ResponseSource.CACHE, get("/other.json", CacheMode.ONLY_IF_CACHED).result().source());
        assertEquals(1, bodiesIn(httpCache).size());
    }
}
