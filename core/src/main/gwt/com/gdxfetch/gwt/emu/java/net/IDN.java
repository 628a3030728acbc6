package java.net;

/** International host names in their ASCII form, by the browser's own URL parser. */
public final class IDN {
    private IDN() {
    }

    public static native String toASCII(String host) /*-{
        try {
            return new URL("http://" + host + "/").hostname;
        } catch (e) {
            throw @java.lang.IllegalArgumentException::new(Ljava/lang/String;)("not a valid host name");
        }
    }-*/;
}
