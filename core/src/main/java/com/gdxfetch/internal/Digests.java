package com.gdxfetch.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Digests written as lower-case hexadecimal: file names, cache keys, checksums. Any thread. */
public final class Digests {
    private Digests() {
    }

    /** {@code bytes} in lower-case hexadecimal, two digits a byte. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xf, 16);
            out[2 * i + 1] = Character.forDigit(bytes[i] & 0xf, 16);
        }
        return new String(out);
    }

    /**
     * The {@code algorithm} digest of {@code text}'s UTF-8 bytes, in lower-case hexadecimal.
     *
     * @throws IllegalStateException if the runtime lacks {@code algorithm} (every Java runtime,
     *     Android and RoboVM have SHA-1 and SHA-256)
     */
    public static String of(String algorithm, String text) {
        try {
            return hex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
    }
}
