package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;

/** What a 304 says about a stored copy: the comparison of RFC 9111 section 4.3.4. Any thread. */
public final class Validators {
    private Validators() {
    }

    /**
     * Whether a 304's validators name a version other than the stored copy's: an entity tag the
     * copy does not have, or another Last-Modified. Such a 304 must update nothing, and the copy
     * is not the server's current version. One without validators confirms the copy, as browsers
     * take it, since many servers leave them out.
     *
     * @param storedEtag the copy's ETag, or null
     * @param storedLastModified the copy's Last-Modified, or null
     */
    public static boolean namesAnotherVersion(String storedEtag, String storedLastModified, Headers notModified) {
        String tag = notModified.get("ETag");
        if (tag != null) {
            // Compared weakly even when the 304's tag is strong: nginx with gzip stores W/"x" from
            // its 200 but answers the revalidation with "x" (the 304 skips its gzip filter), and a
            // strong match would refetch every such file whole.
            return storedEtag == null || !opaqueTag(storedEtag).equals(opaqueTag(tag));
        }
        String modified = notModified.get("Last-Modified");
        if (modified == null || storedLastModified == null) {
            return false;
        }
        long at = HttpDates.parse(modified.trim());
        long storedAt = HttpDates.parse(storedLastModified.trim());
        return at != Long.MIN_VALUE && storedAt != Long.MIN_VALUE ? at != storedAt
                : !modified.trim().equals(storedLastModified.trim());
    }

    /** An entity tag without its weakness mark: the weak comparison of RFC 9110 section 8.8.3.2. */
    private static String opaqueTag(String etag) {
        String t = etag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
