package java.util;

/** Random (version 4) UUIDs in the browser, for submission keys; by the browser's crypto when it has it. */
public final class UUID {
    private final String text;

    private UUID(String text) {
        this.text = text;
    }

    public static UUID randomUUID() {
        return new UUID(random());
    }

    private static native String random() /*-{
        if ($wnd.crypto && $wnd.crypto.randomUUID) {
            return $wnd.crypto.randomUUID();
        }
        return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function(c) {
            var r = Math.random() * 16 | 0;
            return (c == "x" ? r : (r & 3 | 8)).toString(16);
        });
    }-*/;

    @Override
    public String toString() {
        return text;
    }
}
