package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;

import java.util.Locale;

/**
 * Tells a file that is itself compressed, labelled with its compression as a content coding,
 * from a body a server compressed on the way. Apache's stock {@code AddEncoding x-gzip .gz .tgz}
 * serves a published {@code .tar.gz} with {@code Content-Encoding: x-gzip}: decoded, the stored
 * file would be the {@code .tar} and its published SHA-256 would never match. As browsers do for
 * a download, and as curl always does, such a body is kept as sent when its one coding is the
 * format its media type or its name names. Any thread.
 */
final class CodedFiles {
    /** Per format: its coding names, its media types, the endings of a file name in it. */
    private static final String[][][] FORMATS = {
        {{"gzip", "x-gzip"},
            {"application/gzip", "application/x-gzip", "application/x-gunzip", "application/gzipped",
                "application/gzip-compressed", "application/x-gzip-compressed", "application/x-tgz",
                "application/x-tar+gzip", "application/x-compressed-tar", "gzip/document"},
            {".gz", ".tgz", ".svgz"}},
        {{"compress", "x-compress"}, {"application/x-compress", "application/compress"}, {".z", ".taz"}},
        {{"br"}, {"application/x-brotli", "application/brotli"}, {".br"}},
        {{"zstd"}, {"application/zstd", "application/x-zstd"}, {".zst", ".tzst"}},
    };

    private CodedFiles() {
    }

    /**
     * Whether the body of a response with {@code headers}, to a request for {@code path} (a URL's
     * path, percent-encoded) and stored under {@code fileName}, is the file's own bytes although
     * its Content-Encoding names a compression: it names exactly one, and the Content-Type, the
     * path's last segment or the file's name is of that very format.
     */
    static boolean isTheFile(Headers headers, String path, String fileName) {
        String coding = ContentCodings.compression(headers);
        if (coding == null || coding.indexOf(',') >= 0) {
            return false;
        }
        String type = mediaType(headers.get("Content-Type"));
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String file = fileName.toLowerCase(Locale.ROOT);
        for (String[][] format : FORMATS) {
            if (!contains(format[0], coding)) {
                continue;
            }
            if (type != null && contains(format[1], type)) {
                return true;
            }
            for (String ending : format[2]) {
                if (name.endsWith(ending) || file.endsWith(ending)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type and subtype of a Content-Type, in lower case, parameters dropped; null for none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        return type.toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
