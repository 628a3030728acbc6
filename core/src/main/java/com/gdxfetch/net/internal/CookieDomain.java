package com.gdxfetch.net.internal;

import java.util.Locale;

/**
 * A Set-Cookie field's Domain written so that the JDK's {@code CookieManager} sends the cookie
 * only where RFC 6265 section 5.1.3 has it go: to the domain and the names under it. Any thread.
 *
 * <p>The JDK's store matches a domain without a leading dot as a bare suffix of the host, so a
 * cookie {@code game.test} set, whether host-only (the manager takes the host for its domain) or
 * with {@code Domain=game.test}, went with every request to {@code mygame.test}, anyone's site.
 * Written {@code .game.test}, it matches {@code game.test} and the names under it alone. The
 * manager already sent a host-only cookie to the names under its host; that stays as it was.
 */
final class CookieDomain {
    private CookieDomain() {
    }

    /**
     * {@code setCookie}, received from {@code host}, with one Domain: its last one (RFC 6265
     * section 5.3 step 3) with a leading dot, or for a cookie without one {@code host}'s with a
     * leading dot; as it is from an IP address or a name without a dot (the manager's own
     * {@code .local} rule), and for a {@code __Host-} cookie, which may carry no Domain.
     */
    static String normalized(String setCookie, String host) {
        if (host == null || host.indexOf('.') <= 0 || host.startsWith("[") || isIpv4(host)
                || setCookie.regionMatches(true, 0, "__Host-", 0, 7)) {
            return setCookie;
        }
        CookieAttributes attributes = new CookieAttributes(setCookie);
        StringBuilder kept = new StringBuilder(setCookie.length() + host.length() + 10).append(attributes.pair());
        String domain = null;
        while (attributes.next()) {
            if (attributes.name.equalsIgnoreCase("Domain")) {
                // Section 5.2.3: a leading dot means nothing, and an empty value is ignored.
                String value = attributes.value.startsWith(".") ? attributes.value.substring(1) : attributes.value;
                domain = value.isEmpty() ? domain : value.toLowerCase(Locale.ROOT);
            } else {
                kept.append(';').append(attributes.raw);
            }
        }
        return kept.append("; Domain=.").append(domain != null ? domain : host.toLowerCase(Locale.ROOT)).toString();
    }

    /** Whether {@code host} is digits and dots, as an IPv4 address is; a name never ends in a number (ParsedUrl). */
    private static boolean isIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
