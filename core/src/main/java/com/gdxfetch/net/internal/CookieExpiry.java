package com.gdxfetch.net.internal;

import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A Set-Cookie field's expiry read as RFC 6265 section 5.2 reads it, written back as the one
 * Expires in IMF-fixdate that the JDK's {@code HttpCookie} reads alike. Any thread.
 *
 * <p>The JDK's {@code CookieManager} reads Expires in a few fixed patterns and takes any other
 * date, even one section 5.1.1 reads (asctime, a zone other than GMT, a wrong day of the week),
 * for an expiry already past, so the cookie is never kept; it lets the first of Max-Age and
 * Expires count where the RFC has Max-Age win and the last of each count; it drops a cookie whose
 * Max-Age is no number; and a Max-Age without an Expires makes it an RFC 2965 cookie, sent back
 * quoted after a {@code $Version="1"} that no server asked for.
 */
final class CookieExpiry {
    /** No expiry: the cookie lasts the session. */
    private static final long NONE = Long.MIN_VALUE;
    /** RFC 6265bis section 5.5: no cookie is kept longer than 400 days, as browsers keep them. */
    private static final long LONGEST_MILLIS = 400L * 24 * 3600 * 1000;
    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private CookieExpiry() {
    }

    /**
     * {@code setCookie} with its Max-Age and Expires attributes replaced by one Expires naming the
     * expiry RFC 6265 section 5.3 step 3 takes from them (past when the cookie is to go), or by
     * none when neither is valid; as it is when it has neither.
     */
    static String normalized(String setCookie, long nowMillis) {
        CookieAttributes attributes = new CookieAttributes(setCookie);
        if (!attributes.hasAttributes()) {
            return setCookie;
        }
        StringBuilder kept = new StringBuilder(setCookie.length() + 16).append(attributes.pair());
        boolean changed = false;
        long byMaxAge = NONE;
        long byExpires = NONE;
        while (attributes.next()) {
            if (attributes.name.equalsIgnoreCase("Max-Age")) {
                changed = true;
                long at = maxAgeExpiry(attributes.value, nowMillis);
                byMaxAge = at != NONE ? at : byMaxAge;
            } else if (attributes.name.equalsIgnoreCase("Expires")) {
                changed = true;
                long at = parseDate(attributes.value);
                byExpires = at != NONE ? at : byExpires;
            } else {
                kept.append(';').append(attributes.raw);
            }
        }
        if (!changed) {
            return setCookie;
        }
        long expiry = byMaxAge != NONE ? byMaxAge : byExpires;
        if (expiry != NONE) {
            expiry = Math.min(expiry, nowMillis + LONGEST_MILLIS);
            // Rounded up to a whole second and one more: the handler counts whole seconds from a
            // moment a little after now, and would read a Max-Age of 1 as 0, which deletes the cookie.
            kept.append("; Expires=").append(HttpDates.format(expiry <= nowMillis ? 0 : (expiry / 1000 + 2) * 1000));
        }
        return kept.toString();
    }

    /**
     * The expiry a Max-Age of {@code value} names (RFC 6265bis section 5.6.2): 0 for none left,
     * {@link #NONE} for a value that is not an optional '-' and digits, which is ignored.
     */
    private static long maxAgeExpiry(String value, long nowMillis) {
        int start = value.startsWith("-") ? 1 : 0;
        if (start == value.length()) {
            return NONE;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return NONE;
            }
        }
        if (start == 1) {
            return 0;
        }
        // More digits than a long holds is still a valid Max-Age, just longer than any cookie is kept.
        long seconds = value.length() > 12 ? Long.MAX_VALUE / 1000 : Long.parseLong(value);
        return seconds == 0 ? 0 : nowMillis + Math.min(seconds * 1000, LONGEST_MILLIS);
    }

    /**
     * The cookie-date {@code value} in epoch milliseconds as RFC 6265 section 5.1.1 reads one,
     * or {@link #NONE}: tokens between delimiters give, each the first that fits, the time, the
     * day of the month, the month and the year; the day of the week and the zone are ignored.
     */
    static long parseDate(String value) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(value.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String token = value.substring(start, i);
            int number;
            if (hour < 0 && isTime(token)) {
                int colon = token.indexOf(':');
                int colon2 = token.indexOf(':', colon + 1);
                hour = leadingNumber(token, 0, 1, 2);
                minute = leadingNumber(token, colon + 1, 1, 2);
                second = leadingNumber(token, colon2 + 1, 1, 2);
            } else if (day < 0 && (number = leadingNumber(token, 0, 1, 2)) >= 0) {
                day = number;
            } else if (month < 0 && (number = month(token)) >= 0) {
                month = number;
            } else if (year < 0 && (number = leadingNumber(token, 0, 2, 4)) >= 0) {
                year = number;
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601 || hour > 23 || minute > 59
                || second > 59) {
            return NONE;
        }
        GregorianCalendar calendar = new GregorianCalendar(GMT);
        calendar.setLenient(false);
        calendar.clear();
        calendar.set(year, Calendar.JANUARY + month, day, hour, minute, second);
        try {
            return calendar.getTimeInMillis();
        } catch (IllegalArgumentException noSuchDay) {
            return NONE;
        }
    }

    /** The month (0 for January) {@code token} starts with, or -1. */
    private static int month(String token) {
        int at = token.length() < 3 ? -1 : MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT));
        return at % 3 == 0 ? at / 3 : -1;
    }

    /** Whether {@code token} is a time: three fields of one or two digits between colons, then nothing or a non-digit. */
    private static boolean isTime(String token) {
        int at = 0;
        for (int field = 0; field < 3; field++) {
            int digits = 0;
            while (at < token.length() && digits < 3 && isAsciiDigit(token.charAt(at))) {
                at++;
                digits++;
            }
            if (digits < 1 || digits > 2) {
                return false;
            }
            if (field < 2) {
                if (at >= token.length() || token.charAt(at) != ':') {
                    return false;
                }
                at++;
            }
        }
        return at == token.length() || !isAsciiDigit(token.charAt(at));
    }

    /**
     * The number of {@code min} to {@code max} digits at {@code from} in {@code token} followed
     * by its end or a non-digit, or -1.
     */
    private static int leadingNumber(String token, int from, int min, int max) {
        int at = from;
        int value = 0;
        while (at < token.length() && isAsciiDigit(token.charAt(at))) {
            value = value * 10 + (token.charAt(at) - '0');
            at++;
            if (at - from > max) {
                return -1;
            }
        }
        return at - from >= min ? value : -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 6265 section 5.1.1's delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }
}
