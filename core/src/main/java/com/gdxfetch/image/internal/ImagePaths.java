package com.gdxfetch.image.internal;

/** Turns the many spellings of an image path into one cache key. */
public final class ImagePaths {
    private ImagePaths() {
    }

    /**
     * The key for {@code path}: {@code /} and {@code \} are the same, empty and {@code .} segments
     * vanish, {@code ..} steps back a folder, case is kept.
     *
     * @throws IllegalArgumentException for a null or empty path, one naming no file, or one whose
     *     {@code ..} climbs out of the image root
     */
    public static String normalise(String path) {
        if (path == null) {
            throw new IllegalArgumentException("image path is null");
        }
        StringBuilder key = new StringBuilder(path.length());
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int end = start;
            while (end < length && path.charAt(end) != '/' && path.charAt(end) != '\\') {
                end++;
            }
            int segment = end - start;
            if (segment == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                int cut = key.lastIndexOf("/");
                if (key.length() == 0) {
                    throw new IllegalArgumentException("image path '" + path + "' climbs out of the image root");
                }
                key.setLength(Math.max(cut, 0));
            } else if (segment > 0 && !(segment == 1 && path.charAt(start) == '.')) {
                if (key.length() > 0) {
                    key.append('/');
                }
                key.append(path, start, end);
            }
            start = end + 1;
        }
        if (key.length() == 0) {
            throw new IllegalArgumentException("image path '" + path + "' names no file");
        }
        return key.toString();
    }

    /** True when the path part of {@code url} ends in {@code .atlas} (any case). */
    public static boolean isAtlasUrl(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = url.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return end >= 6 && url.regionMatches(true, end - 6, ".atlas", 0, 6);
    }
}
