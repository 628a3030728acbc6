package com.gdxfetch.image;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.Checks;

/**
 * An {@link ImageCache}'s settings: memory budget, disk cache, per-frame upload budget and what an
 * unknown or failed image shows. Immutable; build with {@link #builder()}. Any thread; a builder
 * setter given a bad value throws {@link IllegalArgumentException} naming the setting and the value.
 */
public final class ImageCacheConfig {
    /** Default memory budget for textures (width x height x 4 bytes each): 256 MiB. */
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    /** Default disk cache size: 64 MiB. */
    public static final long DEFAULT_DISK_BYTES = 64L << 20;
    /** Default disk cache folder, in the game's local storage. */
    public static final String DEFAULT_DISK_DIR = "gdx-fetch-cache/images";
    /** Default upload budget: 4 MiB of pixels a frame, so a 2048x2048 RGBA sheet takes four frames. */
    public static final long DEFAULT_UPLOAD_BYTES_PER_FRAME = 4L << 20;
    /** Default largest download accepted for one image or atlas file: 32 MiB. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 32L << 20;
    /**
     * Default most pixels accepted for one downloaded image: 8192 x 8192, 256 MiB as a texture
     * (the default memory budget).
     */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 8192L * 8192;

    private final long memoryBytes;
    private final FileHandle diskDir;
    private final long diskBytes;
    private final long uploadBytesPerFrame;
    private final boolean placeholder;
    private final long maxDownloadBytes;
    private final int maxTextureSize;
    private final long maxImagePixels;

    private ImageCacheConfig(Builder b) {
        this.memoryBytes = b.memoryBytes;
        this.diskDir = b.diskDir;
        this.diskBytes = b.diskBytes;
        this.uploadBytesPerFrame = b.uploadBytesPerFrame;
        this.placeholder = b.placeholder;
        this.maxDownloadBytes = b.maxDownloadBytes;
        this.maxTextureSize = b.maxTextureSize;
        this.maxImagePixels = b.maxImagePixels;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Bytes of unreferenced textures kept before the least recently used are released. */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** Folder of the disk cache, or null for {@link #DEFAULT_DISK_DIR} in local storage. */
    public FileHandle diskDir() {
        return diskDir;
    }

    /** Bytes the disk cache may hold; 0 turns it off. */
    public long diskBytes() {
        return diskBytes;
    }

    /**
     * Texture bytes written per {@link ImageCache#update()}. An image that fits goes up whole; a
     * larger one gets its storage in a frame of its own, then goes up in strips of rows over the
     * following frames, at least one row each.
     */
    public long uploadBytesPerFrame() {
        return uploadBytesPerFrame;
    }

    /** Whether unknown and failed images show a placeholder instead of throwing. */
    public boolean placeholder() {
        return placeholder;
    }

    /** Largest body accepted for one downloaded file. */
    public long maxDownloadBytes() {
        return maxDownloadBytes;
    }

    /** Largest width or height accepted for a downloaded image; 0 means the GL limit. */
    public int maxTextureSize() {
        return maxTextureSize;
    }

    /**
     * Most pixels (width x height) accepted for one downloaded image; a larger one fails with
     * TOO_LARGE, judged from its header before any pixel is allocated.
     */
    public long maxImagePixels() {
        return maxImagePixels;
    }

    /** Collects settings; each setter validates its value and returns this builder. */
    public static final class Builder {
        private long memoryBytes = DEFAULT_MEMORY_BYTES;
        private FileHandle diskDir;
        private long diskBytes = DEFAULT_DISK_BYTES;
        private long uploadBytesPerFrame = DEFAULT_UPLOAD_BYTES_PER_FRAME;
        private boolean placeholder = true;
        private long maxDownloadBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
        private int maxTextureSize;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;

        private Builder() {
        }

        /** Memory budget in bytes (width x height x 4 per texture); must be positive. */
        public Builder memoryBytes(long bytes) {
            this.memoryBytes = Checks.positive("memoryBytes", bytes);
            return this;
        }

        /**
         * Puts the disk cache in {@code dir}, holding up to {@code maxBytes}; 0 turns it off. Not
         * used when the cache's {@code FetchManager} keeps an HTTP cache: images are stored there.
         */
        public Builder diskCache(FileHandle dir, long maxBytes) {
            if (dir == null) {
                throw new IllegalArgumentException("disk cache folder is null; use noDiskCache() to turn it off");
            }
            this.diskDir = Checks.writableFolder("image disk cache folder", dir);
            this.diskBytes = Checks.notNegative("disk cache size", maxBytes);
            return this;
        }

        /** Turns the disk cache off: every load downloads. */
        public Builder noDiskCache() {
            this.diskBytes = 0;
            return this;
        }

        /** Texture bytes written per frame (default 4 MiB); see {@link ImageCacheConfig#uploadBytesPerFrame()}. */
        public Builder uploadBytesPerFrame(long bytes) {
            this.uploadBytesPerFrame = Checks.positive("uploadBytesPerFrame", bytes);
            return this;
        }

        /** Whether unknown and failed images show a placeholder (true) or throw (false). */
        public Builder placeholder(boolean show) {
            this.placeholder = show;
            return this;
        }

        /** Largest body accepted for one downloaded file; larger ones fail with TOO_LARGE. */
        public Builder maxDownloadBytes(long bytes) {
            this.maxDownloadBytes = Checks.positive("maxDownloadBytes", bytes);
            return this;
        }

        /** Largest image width or height accepted; 0 (default) uses the GL limit. */
        public Builder maxTextureSize(int pixels) {
            this.maxTextureSize = Checks.notNegative("maxTextureSize", pixels);
            return this;
        }

        /**
         * Most pixels (width x height) accepted for one downloaded image (default
         * {@link ImageCacheConfig#DEFAULT_MAX_IMAGE_PIXELS}); must be positive. A larger image fails
         * with TOO_LARGE, judged from its header before any pixel is allocated: the width and
         * height limit alone lets a file of a few hundred bytes declare a gigabyte of pixels, which
         * the decoder would allocate and fill.
         */
        public Builder maxImagePixels(long pixels) {
            this.maxImagePixels = Checks.positive("maxImagePixels", pixels);
            return this;
        }

        /** Builds the immutable configuration. */
        public ImageCacheConfig build() {
            return new ImageCacheConfig(this);
        }
    }
}
