package com.gdxfetch.net.internal;

/**
 * The status line and header lines of the previous response on one connection, with the strings
 * parsed from them. A server answering the same resource sends nearly the same head every time,
 * so a line whose bytes match the one at the same place last time reuses its strings instead of
 * making new ones; its bytes passed the same checks then. Used by one exchange at a time.
 */
final class HeadLines {
    private static final int MAX_LINES = 32;
    /** Lines longer than this are parsed every time rather than kept. */
    private static final int MAX_KEPT_LENGTH = 512;

    private final byte[][] bytes = new byte[MAX_LINES][];
    private final int[] lengths = new int[MAX_LINES];
    private final String[] names = new String[MAX_LINES];
    private final String[] values = new String[MAX_LINES];

    /** Whether line {@code index} is {@code line[0..length)} again. */
    boolean matches(int index, byte[] line, int length) {
        if (index >= MAX_LINES || lengths[index] != length || bytes[index] == null) {
            return false;
        }
        byte[] keptLine = bytes[index];
        for (int i = 0; i < length; i++) {
            if (keptLine[i] != line[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name (or, for the status line, the reason) kept for line {@code index}. */
    String name(int index) {
        return names[index];
    }

    /** The value kept for line {@code index}. */
    String value(int index) {
        return values[index];
    }

    /** Keeps line {@code index} and the strings parsed from it, reusing the slot's array. */
    void keep(int index, byte[] line, int length, String name, String value) {
        if (index >= MAX_LINES || length > MAX_KEPT_LENGTH) {
            return;
        }
        byte[] slot = bytes[index];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(length, 64)];
            bytes[index] = slot;
        }
        System.arraycopy(line, 0, slot, 0, length);
        lengths[index] = length;
        names[index] = name;
        values[index] = value;
    }
}
