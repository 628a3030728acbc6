package com.gdxfetch.internal;

/**
 * Checks a number a caller passed in, and throws an {@link IllegalArgumentException} naming the
 * setting and the value it was given. Shared by every builder and setter that takes counts, sizes,
 * durations and priorities, so they refuse bad values the same way. Any thread.
 */
public final class Checks {
    private Checks() {
    }

    /** {@code value}, if above 0. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** {@code value}, if above 0. */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** {@code value}, if 0 or more. */
    public static int notNegative(String name, int value) {
        return (int) notNegative(name, (long) value);
    }

    /** {@code value}, if 0 or more. */
    public static long notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    /** {@code value}, if within {@code min} to {@code max}. */
    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
