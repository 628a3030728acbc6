package com.gdxfetch.net.internal;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/** HTTP-dates (RFC 9110 section 5.6.7): parsed for Retry-After and the cache's Date, Expires and Last-Modified, written for the Date of an undated cached response. */
public final class HttpDates {
    private HttpDates() {
    }

    /**
     * The HTTP-date {@code value} in epoch milliseconds, or {@link Long#MIN_VALUE} when it is none
     * of the three forms RFC 9110 section 5.6.7 has recipients accept: IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form
     * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
     */
    public static long parse(String value) {
        for (String pattern : HTTP_DATE_PATTERNS) {
            // A new format per parse: SimpleDateFormat is not thread-safe, and dates are parsed once per response.
            SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.US);
            format.setTimeZone(GMT);
            format.setLenient(false);
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            format.set2DigitYearStart(new Date(System.currentTimeMillis() - FIFTY_YEARS_MILLIS));
            ParsePosition position = new ParsePosition(0);
            Date date = format.parse(value, position);
            if (date != null && position.getIndex() == value.length()) {
                return date.getTime();
            }
        }
        return Long.MIN_VALUE;
    }

    /** {@code millis} as an IMF-fixdate, the form RFC 9110 section 5.6.7 has senders use. */
    public static String format(long millis) {
        SimpleDateFormat format = new SimpleDateFormat(HTTP_DATE_PATTERNS[0], Locale.US);
        format.setTimeZone(GMT);
        return format.format(new Date(millis));
    }

    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");
    private static final long FIFTY_YEARS_MILLIS = 50L * 365 * 24 * 3600 * 1000 + 12L * 24 * 3600 * 1000;
    private static final String[] HTTP_DATE_PATTERNS = {
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",
        "EEE MMM d HH:mm:ss yyyy",
    };
}
