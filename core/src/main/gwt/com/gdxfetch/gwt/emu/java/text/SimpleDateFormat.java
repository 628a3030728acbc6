package java.text;

import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * HTTP dates only (the request manager reads Retry-After with it): parsed by the browser's
 * {@code Date.parse}, which reads RFC 9110's three forms, and written by {@code toUTCString}, which
 * gives the IMF-fixdate form; every date is taken as GMT, as HTTP dates are.
 */
public class SimpleDateFormat {
    public SimpleDateFormat(String pattern, Locale locale) {
    }

    public void setTimeZone(TimeZone zone) {
    }

    public void setLenient(boolean lenient) {
    }

    public void set2DigitYearStart(Date start) {
    }

    public Date parse(String text, ParsePosition position) {
        String rest = text.substring(position.getIndex()).trim();
        double millis = parseMillis(rest.endsWith("GMT") ? rest : rest + " GMT");
        if (Double.isNaN(millis)) {
            position.setErrorIndex(position.getIndex());
            return null;
        }
        position.setIndex(text.length());
        return new Date((long) millis);
    }

    public String format(Date date) {
        return utcString(date.getTime());
    }

    private static native String utcString(double millis) /*-{
        return new Date(millis).toUTCString();
    }-*/;

    private static native double parseMillis(String text) /*-{
        return Date.parse(text);
    }-*/;
}
