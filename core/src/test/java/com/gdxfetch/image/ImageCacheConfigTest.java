package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;
import org.junit.jupiter.api.Test;

class ImageCacheConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ImageCacheConfig config = ImageCacheConfig.builder().build();
        assertEquals(ImageCacheConfig.DEFAULT_MEMORY_BYTES, config.memoryBytes());
        assertEquals(ImageCacheConfig.DEFAULT_DISK_BYTES, config.diskBytes());
        assertEquals(ImageCacheConfig.DEFAULT_UPLOAD_BYTES_PER_FRAME, config.uploadBytesPerFrame());
        assertEquals(ImageCacheConfig.DEFAULT_MAX_DOWNLOAD_BYTES, config.maxDownloadBytes());
        assertTrue(config.placeholder());
        assertEquals(0, config.maxTextureSize());
        assertEquals(8192L * 8192, config.maxImagePixels());
        assertEquals(ImageCacheConfig.DEFAULT_MEMORY_BYTES, 4 * ImageCacheConfig.DEFAULT_MAX_IMAGE_PIXELS);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        ImageCacheConfig.Builder b = ImageCacheConfig.builder();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.memoryBytes(0)), "memoryBytes", "0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.uploadBytesPerFrame(-5)),
                "uploadBytesPerFrame", "-5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxDownloadBytes(0)),
                "maxDownloadBytes", "0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxTextureSize(-1)),
                "maxTextureSize", "-1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxImagePixels(0)),
                "maxImagePixels", "0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.diskCache(null, 10)),
                "disk cache folder", "null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.diskCache(new FileHandle("x"), -1)),
                "disk cache size", "-1");
    }

    @Test
    void aReadOnlyDiskCacheFolderIsRefusedWhenConfigured() {
        FileHandle internal = new FileHandle("images") {
            @Override
            public FileType type() {
                return FileType.Internal;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCacheConfig.builder().diskCache(internal, 1000));
        assertEquals("image disk cache folder images is Internal, which is read-only; use a local, external or "
                + "absolute folder", e.getMessage());
    }

    @Test
    void noDiskCacheTurnsItOff() {
        assertEquals(0, ImageCacheConfig.builder().noDiskCache().build().diskBytes());
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
