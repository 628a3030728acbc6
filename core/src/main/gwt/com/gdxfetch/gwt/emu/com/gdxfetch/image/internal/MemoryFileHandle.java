package com.gdxfetch.image.internal;

import com.badlogic.gdx.files.FileHandle;
import java.io.BufferedReader;
import java.io.StringReader;

/**
 * The web build's in-memory file: libGDX's web {@code FileHandle} is a stub, so this gives the
 * atlas parser the two things it uses, a reader over the downloaded text and page handles named
 * by their relative path.
 */
final class MemoryFileHandle extends FileHandle {
    /** A folder whose children are named by their relative path alone. */
    static final FileHandle ROOT = new MemoryFileHandle("", new byte[0]);

    private final String name;
    private final byte[] bytes;

    MemoryFileHandle(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public BufferedReader reader(int bufferSize) {
        return new BufferedReader(new StringReader(utf8(bytes)), bufferSize);
    }

    @Override
    public BufferedReader reader(int bufferSize, String charset) {
        return reader(bufferSize);
    }

    @Override
    public FileHandle child(String child) {
        return new MemoryFileHandle(name.isEmpty() ? child : name + "/" + child, new byte[0]);
    }

    @Override
    public String path() {
        return name;
    }

    @Override
    public String name() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return name;
    }

    private static native String utf8(byte[] bytes) /*-{
        var view = new Uint8Array(bytes.length);
        for (var i = 0; i < bytes.length; i++) {
            view[i] = bytes[i] & 0xff;
        }
        return new TextDecoder("utf-8").decode(view);
    }-*/;
}
