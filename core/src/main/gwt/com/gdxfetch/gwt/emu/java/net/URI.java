package java.net;

/**
 * The part of the JDK's URI the request manager uses in a browser: splitting an already
 * canonical (ASCII, escaped) reference into its RFC 3986 parts, and resolving a reference
 * against it, which the browser's own URL parser does.
 */
public final class URI {
    private final String string;
    private final String scheme;
    private final String authority;
    private final String userInfo;
    private final String host;
    private final int port;
    private final String path;
    private final String query;

    public URI(String str) throws URISyntaxException {
        this.string = str;
        int end = firstOf(str, "#", 0, str.length());
        int colon = firstOf(str, ":/?#", 0, end);
        int at = 0;
        if (colon > 0 && str.charAt(colon) == ':') {
            scheme = str.substring(0, colon);
            at = colon + 1;
        } else {
            scheme = null;
        }
        if (str.startsWith("//", at)) {
            int authorityEnd = firstOf(str, "/?", at + 2, end);
            authority = str.substring(at + 2, authorityEnd);
            at = authorityEnd;
            int atSign = authority.lastIndexOf('@');
            userInfo = atSign >= 0 ? authority.substring(0, atSign) : null;
            String hostPort = authority.substring(atSign + 1);
            int portColon = hostPort.lastIndexOf(':');
            if (portColon >= 0 && hostPort.indexOf(']', portColon) < 0) {
                String digits = hostPort.substring(portColon + 1);
                host = hostPort.substring(0, portColon);
                if (digits.isEmpty()) {
                    port = -1;
                } else {
                    try {
                        port = Integer.parseInt(digits);
                    } catch (NumberFormatException e) {
                        throw new URISyntaxException(str, "Illegal character in port number",
                                str.indexOf(digits));
                    }
                }
            } else {
                host = hostPort;
                port = -1;
            }
        } else {
            authority = null;
            userInfo = null;
            host = null;
            port = -1;
        }
        int queryAt = firstOf(str, "?", at, end);
        path = str.substring(at, queryAt);
        query = queryAt < end ? str.substring(queryAt + 1, end) : null;
    }

    private static int firstOf(String s, String chars, int from, int end) {
        for (int i = from; i < end; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return end;
    }

    public String getScheme() {
        return scheme;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getRawPath() {
        return path;
    }

    public String getRawAuthority() {
        return authority;
    }

    public String getRawQuery() {
        return query;
    }

    public String getRawUserInfo() {
        return userInfo;
    }

    public URI resolve(URI reference) {
        try {
            return new URI(resolve(string, reference.string));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static native String resolve(String base, String reference) /*-{
        try {
            return new URL(reference, base).href;
        } catch (e) {
            throw @java.lang.IllegalArgumentException::new(Ljava/lang/String;)("cannot resolve '" + reference + "' against '" + base + "'");
        }
    }-*/;

    @Override
    public String toString() {
        return string;
    }
}
