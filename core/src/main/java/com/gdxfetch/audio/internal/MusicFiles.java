package com.gdxfetch.audio.internal;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.StreamUtils;

import java.io.IOException;
import java.io.InputStream;

/**
 * Looks at a song file before it is handed to {@code Gdx.audio}. A backend without a sound
 * device (libGDX's stand-in audio on a machine with none) opens any path without reading it, so
 * a missing or broken file would be silent there and fail only on players' machines; this makes
 * it fail the same way everywhere, naming the file. Render thread, like the load it precedes.
 */
public final class MusicFiles {
    private MusicFiles() {
    }

    /**
     * Throws if {@code file} cannot be a song: missing, a folder, empty, or, for the formats
     * libGDX's desktop decoders read strictly ({@code .ogg}, {@code .wav}), not starting as one.
     * Other formats are the platform's to judge, and so is every file in a browser, whose
     * preloader keeps songs as URLs for the page's audio rather than as bytes to read.
     *
     * @param path the path the game gave, named in the message
     * @throws IllegalArgumentException naming {@code path} and what is wrong with it
     */
    public static void check(FileHandle file, String path) {
        if (Gdx.app != null && Gdx.app.getType() == Application.ApplicationType.WebGL) {
            return;
        }
        if (!file.exists()) {
            throw new IllegalArgumentException("music file '" + path + "' not found (" + file.type() + ")");
        }
        if (file.isDirectory()) {
            throw new IllegalArgumentException("music file '" + path + "' is a folder");
        }
        byte[] head = new byte[12];
        int read = readHead(file, path, head);
        if (read == 0) {
            throw new IllegalArgumentException("music file '" + path + "' is empty");
        }
        String extension = file.extension();
        if (extension.equalsIgnoreCase("ogg") && !startsWith(head, read, 0, "OggS")) {
            throw new IllegalArgumentException("music file '" + path + "' is not an Ogg file (it does not start with OggS)");
        }
        if (extension.equalsIgnoreCase("wav") && !(startsWith(head, read, 0, "RIFF") && startsWith(head, read, 8, "WAVE"))) {
            throw new IllegalArgumentException("music file '" + path + "' is not a WAV file (no RIFF/WAVE header)");
        }
    }

    private static int readHead(FileHandle file, String path, byte[] head) {
        InputStream in = null;
        try {
            in = file.read();
            int total = 0;
            while (total < head.length) {
                int n = in.read(head, total, head.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException | GdxRuntimeException e) {
            throw new IllegalArgumentException("music file '" + path + "' cannot be read: " + e.getMessage(), e);
        } finally {
            StreamUtils.closeQuietly(in);
        }
    }

    private static boolean startsWith(byte[] head, int read, int at, String magic) {
        if (read < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[at + i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
