package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;

/** What a 304 says about a stored copy: the comparison of RFC 9111 section 4.3.4. Any thread. */
public final class Validators {
    private Validators() {
    }

    /**
     * Whether a 304's validators name a version other than the stored copy's: a strong entity tag
     * the copy does not have as a strong one, a weak tag that does not match the copy's weakly,
     * or another Last-Modified. Such a 304 must update nothing, and the copy
     * is not the server's current version. One without validators confirms the copy, as browsers
     * take it, since many servers leave them out.
     *
     * @param storedEtag the copy's ETag, or null
     * @param storedLastModified the copy's Last-Modified, or null
     */
    public static boolean namesAnotherVersion(String storedEtag, String storedLastModified, Headers notModified) {
        String tag = notModified.get("ETag");
        if (tag != null) {
            if (storedEtag == null) {
                return true;
            }
            String t = tag.trim();
            // A strong tag selects only a copy with that strong tag; a weak one, a copy whose tag
            // matches it weakly (RFC 9111 section 4.3.4).
            return t.startsWith("W/") ? !opaqueTag(storedEtag).equals(opaqueTag(t)) : !t.equals(storedEtag.trim());
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

    /** An entity tag without its weakness mark, for the weak comparison of RFC 9110 section 8.8.3.2. */
    private static String opaqueTag(String etag) {
        String t = etag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
