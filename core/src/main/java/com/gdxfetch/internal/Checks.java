package com.gdxfetch.internal;

import com.badlogic.gdx.Files;
import com.badlogic.gdx.files.FileHandle;

/**
 * The library's shared argument and state checks, so every part refuses the same mistake with the
 * same exception and the same wording. Numbers: an {@link IllegalArgumentException} naming the
 * setting and the value it was given. Threads and lifecycle: an {@link IllegalStateException}
 * naming the class, the calling thread and the owner. Any thread.
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

    /**
     * Returns {@code folder}, refusing one libGDX cannot write to (classpath or internal files).
     *
     * @throws IllegalArgumentException naming {@code what}, the folder and its type
     */
    public static FileHandle writableFolder(String what, FileHandle folder) {
        if (folder.type() == Files.FileType.Classpath || folder.type() == Files.FileType.Internal) {
            throw new IllegalArgumentException(what + " " + folder.path() + " is " + folder.type()
                    + ", which is read-only; use a local, external or absolute folder");
        }
        return folder;
    }

    /**
     * Throws unless the calling thread is {@code owner}, the render thread that created an object
     * of class {@code type} (as {@link Platform#currentThread()} gave it); render-thread classes call
     * it first thing in each public method.
     *
     * @throws IllegalStateException naming both threads
     */
    public static void renderThread(Object owner, String type) {
        Object current = Platform.currentThread();
        if (current != owner) {
            throw new IllegalStateException(type + " used from thread '" + Platform.threadName(current)
                    + "'; it belongs to the render thread '" + Platform.threadName(owner) + "' that created it");
        }
    }

    /**
     * Throws if an object of class {@code type} was disposed.
     *
     * @throws IllegalStateException naming the class
     */
    public static void notDisposed(boolean disposed, String type) {
        if (disposed) {
            throw new IllegalStateException(type + " used after dispose()");
        }
    }
}
