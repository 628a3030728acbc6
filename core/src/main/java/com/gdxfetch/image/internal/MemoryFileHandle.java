package com.gdxfetch.image.internal;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A read-only file whose bytes are already in memory, so libGDX parsers can read downloads. */
final class MemoryFileHandle extends FileHandle {
    /** A folder whose children are named by their relative path alone. */
    static final FileHandle ROOT = new FileHandle("");

    private final byte[] bytes;

    MemoryFileHandle(String name, byte[] bytes) {
        super(new File(name), FileType.Absolute);
        this.bytes = bytes;
    }

    @Override
    public InputStream read() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public BufferedReader reader(int bufferSize) {
        return new BufferedReader(new InputStreamReader(read(), StandardCharsets.UTF_8), bufferSize);
    }

    @Override
    public byte[] readBytes() {
        return bytes.clone();
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
        return file().getPath();
    }
}
