package java.util;

/** Only the name of a zone: the browser's date parsing reads HTTP dates as GMT. */
public class TimeZone {
    private final String id;

    private TimeZone(String id) {
        this.id = id;
    }

    public static TimeZone getTimeZone(String id) {
        return new TimeZone(id);
    }

    public String getID() {
        return id;
    }
}
