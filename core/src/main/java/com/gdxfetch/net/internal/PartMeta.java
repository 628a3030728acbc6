package com.gdxfetch.net.internal;

import com.gdxfetch.internal.DurableFiles;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * What is kept beside a partial download ({@code name.part.meta}): the URL, the validator a
 * resume sends in If-Range, and the complete size when known. A few lines of text, replaced
 * by rename so a crash leaves either the old version or the new one.
 */
final class PartMeta {
    private static final String MAGIC = "gdx-fetch partial download 1";
    /** Longer than any line we write; a bigger file is not ours. */
    private static final int MAX_BYTES = 16 * 1024;
    /** Added to the metadata file's name while a new version is written. */
    static final String TEMP_SUFFIX = ".tmp";

    final String url;
    final String validator;
    final long total;

    PartMeta(String url, String validator, long total) {
        this.url = url;
        this.validator = validator;
        this.total = total;
    }

    /** The metadata in {@code file}, or null when it is missing, too big, damaged or not ours. */
    static PartMeta read(File file) {
        if (!file.isFile() || file.length() > MAX_BYTES) {
            return null;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(file),
                StandardCharsets.UTF_8))) {
            if (!MAGIC.equals(in.readLine())) {
                return null;
            }
            String url = value(in.readLine(), "url ");
            String validator = value(in.readLine(), "validator ");
            String total = value(in.readLine(), "total ");
            if (url == null || validator == null || total == null || !isFieldValue(validator)) {
                return null;
            }
            return new PartMeta(url, validator.isEmpty() ? null : validator, Long.parseLong(total));
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code s} can be sent back in If-Range: a damaged file must not fail every later attempt. */
    private static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !HttpSyntax.isFieldChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static String value(String line, String key) {
        return line != null && line.startsWith(key) ? line.substring(key.length()) : null;
    }

    /**
     * Writes this metadata to {@code file} through a temporary file and a rename. On failure the
     * temporary file is deleted: nothing reads or removes it later, and on a full disk it would
     * keep its space beside the game's files.
     */
    void write(File file) throws IOException {
        File tmp = new File(file.getPath() + TEMP_SUFFIX);
        try {
            DurableFiles.writeSynced(tmp, (MAGIC + "\nurl " + url + "\nvalidator " + (validator == null ? "" : validator)
                    + "\ntotal " + total + "\n").getBytes(StandardCharsets.UTF_8));
            if (!DurableFiles.replace(tmp, file)) {
                throw new IOException("cannot rename '" + tmp.getPath() + "' to '" + file.getPath() + "'");
            }
        } catch (IOException e) {
            tmp.delete();
            throw e;
        }
    }
}
