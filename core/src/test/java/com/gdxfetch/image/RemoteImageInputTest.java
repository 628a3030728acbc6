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
}
