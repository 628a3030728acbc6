package java.net;

/** As the JDK's: a string that is no URI, with why and where. */
public class URISyntaxException extends Exception {
    private final String input;
    private final String reason;
    private final int index;

    public URISyntaxException(String input, String reason, int index) {
        super(reason + (index >= 0 ? " at index " + index : "") + ": " + input);
        this.input = input;
        this.reason = reason;
        this.index = index;
    }

    public URISyntaxException(String input, String reason) {
        this(input, reason, -1);
    }

    public String getInput() {
        return input;
    }

    public String getReason() {
        return reason;
    }

    public int getIndex() {
        return index;
    }
}
