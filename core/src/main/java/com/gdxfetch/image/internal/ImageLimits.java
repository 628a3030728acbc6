package com.gdxfetch.image.internal;

/**
 * The size limits a remote image is held to, on every backend: its width and height against the
 * texture size, its pixels against the pixel limit. The texture size alone bounds nothing a game
 * can afford: at 16384 (a common GL limit) one image would be a gigabyte. Any thread.
 */
final class ImageLimits {
    private ImageLimits() {
    }

    /**
     * What is too large about a {@code width} x {@code height} image, for a failure message, or
     * null when it is within both limits.
     */
    static String exceeded(long width, long height, int maxTextureSize, long maxPixels) {
        if (width > maxTextureSize || height > maxTextureSize) {
            return "image is " + width + "x" + height + ", larger than the texture limit " + maxTextureSize;
        }
        long pixels = width * height;
        if (pixels > maxPixels) {
            return "image is " + width + "x" + height + " (" + pixels + " pixels), more than the limit of "
                    + maxPixels + " pixels (ImageCacheConfig.maxImagePixels)";
        }
        return null;
    }
}
