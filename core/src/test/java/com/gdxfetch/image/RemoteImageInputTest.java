package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.testing.GlTestWindow;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote image files a decoder accepts but a texture cannot be made of. */
class RemoteImageInputTest extends ImageServerTest {
    @TempDir
    Path root;

    @BeforeEach
    void open() {
        openWithoutDiskCache(root);
    }

    @Test
    void anImageWithNoPixelsFailsAsDecodeNamingItsSize() {
        int[][] sizes = {{0, 0}, {4, 0}, {0, 4}};
        for (int[] size : sizes) {
            String path = "/empty" + size[0] + "x" + size[1] + ".bmp";
            routes.file(path, TestImages.bmp(size[0], size[1]), "\"e\"");
            ImageHandle handle = loadUntilDone(server.url(path).toString());
            assertTrue(handle.isFailed(), path + " loaded");
            assertEquals(FailureKind.DECODE, handle.failure().kind(), handle.failure().getMessage());
            assertTrue(handle.failure().getMessage().contains(path), handle.failure().getMessage());
        }
    }

    @Test
    void disposingWhileATextureIsHalfUploadedEndsTheLoadAsCancelled() {
        GlTestWindow.run(images::dispose);
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(64 * 4 * 8).build()));
        routes.file("/big.png", TestImages.noise(256, 256, 5), "\"b\"");
        String url = server.url("/big.png").toString();
        ImageHandle handle = GlTestWindow.call(() -> images.load(url));
        Frames.until(fetch, images, () -> images.uploadedBytesLastFrame() > 0);
        assertTrue(!handle.isDone(), "still uploading");
        GlTestWindow.run(images::dispose);
        assertTrue(handle.isFailed());
        assertEquals(FailureKind.CANCELLED, handle.failure().kind());
    }

    @Test
    void aSmallJpegDeclaringMorePixelsThanTheLimitFailsAsTooLargeUndecoded() {
        // 8200x8200 fits the GL texture size, and libGDX's decoder fills in the missing scan data
        // with zeros: 600 bytes that would become a 269 MB texture.
        routes.file("/bomb.jpg", TestImages.jpegDeclaring(8200, 8200), "\"j\"");
        ImageHandle handle = loadUntilDone(server.url("/bomb.jpg").toString());
        assertTrue(handle.isFailed(), "a texture was made of it");
        assertEquals(FailureKind.TOO_LARGE, handle.failure().kind(), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("8200x8200 (67240000 pixels)"), handle.failure().getMessage());
        assertEquals(0, GlTestWindow.call(images::residentBytes));
    }

    @Test
    void aBodyInAFormatTheCacheDoesNotDecodeIsRefusedNamingTheFormatsItDoes() {
        // libGDX's decoder would take these 34 bytes for a TGA (a format with no signature).
        routes.file("/sprite.tga", TestImages.tga(64, 64), "\"t\"");
        ImageHandle handle = loadUntilDone(server.url("/sprite.tga").toString());
        assertTrue(handle.isFailed(), "a texture was made of it");
        assertEquals(FailureKind.DECODE, handle.failure().kind(), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("PNG, JPEG, GIF and BMP"), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("/sprite.tga"), handle.failure().getMessage());
    }
}
