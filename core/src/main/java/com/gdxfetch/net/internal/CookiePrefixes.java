package com.gdxfetch.net.internal;

/**
 * The cookie name prefixes of RFC 6265bis section 4.1.3, which the JDK's {@code CookieManager}
 * does not know: a site that reads a {@code __Secure-} or {@code __Host-} cookie trusts that only
 * its https origin could have set it, so one that arrives otherwise is ignored. Any thread.
 */
final class CookiePrefixes {
    private CookiePrefixes() {
    }

    /**
     * Whether {@code setCookie}, received over https when {@code secureOrigin}, may be stored:
     * false for a {@code __Secure-} cookie (any case) without Secure or not from https, and for a
     * {@code __Host-} one that is not that and also without a Domain and with the Path {@code /}.
     */
    static boolean accepted(String setCookie, boolean secureOrigin) {
        CookieAttributes attributes = new CookieAttributes(setCookie);
        String pair = attributes.pair().trim();
        // Section 5.6 step 7 reads a pair without '=' as a value with no name; the prefix rules
        // hold for such a value too, so that no name-less cookie passes for one.
        boolean host = pair.regionMatches(true, 0, "__Host-", 0, 7);
        if (!host && !pair.regionMatches(true, 0, "__Secure-", 0, 9)) {
            return true;
        }
        boolean secure = false;
        boolean domain = false;
        String path = null;
        while (attributes.next()) {
            if (attributes.name.equalsIgnoreCase("Secure")) {
                secure = true;
            } else if (attributes.name.equalsIgnoreCase("Domain")) {
                domain = true;
            } else if (attributes.name.equalsIgnoreCase("Path")) {
                path = attributes.value;
            }
        }
        return secureOrigin && secure && (!host || (!domain && "/".equals(path)));
    }
}
