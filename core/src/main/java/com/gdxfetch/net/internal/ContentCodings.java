package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;

import java.util.List;

/** What a response's Content-Encoding says about its body. Any thread; the web build too. */
public final class ContentCodings {
    /** Content codings that compress (the IANA registry's, and the x- names of RFC 9110 section 8.4.1). */
    private static final String[] COMPRESSIONS = {"gzip", "x-gzip", "deflate", "br", "zstd", "compress",
        "x-compress"};

    private ContentCodings() {
    }

    /**
     * Every Content-Encoding of {@code headers} as one list when it names a compression, else
     * null. A name that is no compression (a charset some servers put there) does not count, as
     * browsers ignore a coding they do not know.
     */
    public static String compression(Headers headers) {
        List<String> lines = headers.values("Content-Encoding");
        boolean compressed = false;
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            for (String coding : lines.get(i).split(",")) {
                String name = coding.trim();
                if (name.isEmpty()) {
                    continue;
                }
                for (String compression : COMPRESSIONS) {
                    compressed |= name.equalsIgnoreCase(compression);
                }
                list.append(list.length() == 0 ? "" : ", ").append(name);
            }
        }
        return compressed ? list.toString() : null;
    }
}
