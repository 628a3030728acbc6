package com.gdxfetch.internal;

import java.io.File;
import java.io.IOException;

/**
 * A separate JVM driving a {@link DiskCache}, for what one process cannot do to itself: be killed
 * mid-write, or run out of file space.
 */
public final class DiskCacheChild {
    private DiskCacheChild() {
    }

    /** {@code fill DIR}: writes entries until killed. {@code overwrite DIR}: one small entry, then a large one. */
    public static void main(String[] args) throws IOException {
        DiskCache cache = new DiskCache(new File(args[1]), Long.MAX_VALUE);
        if (args[0].equals("fill")) {
            for (int i = 0; ; i++) {
                cache.write(urlOf(i), bodyOf(i), null, null);
                if (i == 20) {
                    System.out.println("writing");
                    System.out.flush();
                }
            }
        }
        cache.write(urlOf(0), bodyOf(0), "\"small\"", null);
        try {
            cache.write(urlOf(0), new byte[256 * 1024], "\"large\"", null);
            System.out.println("large write succeeded");
        } catch (IOException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    /** The URL of entry {@code i}. */
    public static String urlOf(int i) {
        return "https://example.com/img/" + i + ".png";
    }

    /** A body whose bytes depend on {@code i} and whose length varies, so a mix-up shows. */
    public static byte[] bodyOf(int i) {
        byte[] body = new byte[4096 + (i % 7) * 1000];
        for (int j = 0; j < body.length; j++) {
            body[j] = (byte) (i * 31 + j);
        }
        return body;
    }
}
