package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;

import java.io.IOException;
import java.net.Socket;

/** A response's status line and header fields, parsed from bytes. */
final class ResponseHead {
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    final int status;
    final String reason;
    final boolean http10;
    final Headers headers;

    private ResponseHead(int status, String reason, boolean http10, Headers headers) {
        this.status = status;
        this.reason = reason;
        this.http10 = http10;
        this.headers = headers;
    }

    /**
     * Reads the status line and headers, skipping 1xx interim responses. Those count together
     * against the header limit: a server may send any number of them, and each arrives in time
     * for the read timeout, so without a bound an endless stream would hold the exchange forever.
     *
     * @throws HttpFailure NETWORK if the connection ends before the first byte (the server closed
     *     it, perhaps a stale keep-alive connection), PROTOCOL for anything that is not HTTP/1.x
     */
    static ResponseHead read(HttpInput in) throws IOException {
        return read(in, false);
    }

    /**
     * As {@link #read(HttpInput)}, each head (an interim one, the final one) arriving whole within
     * {@code readTimeoutMillis} of the reader starting on it, or failing with a
     * {@link java.net.SocketTimeoutException}: a server that drips a head, each byte in time for
     * the socket's read timeout, would otherwise hold the exchange for as long as it likes. The
     * socket keeps its read timeout for what follows a head read whole; after a failure the
     * connection is not used again.
     */
    static ResponseHead readTimed(HttpInput in, Socket socket, int readTimeoutMillis) throws IOException {
        return readWithin(in, socket, readTimeoutMillis, "response head", false);
    }

    /**
     * As {@link #read(HttpInput)}, for a request that asked to upgrade (a WebSocket's opening
     * handshake, a proxy's CONNECT): a 101 is the answer it waits for, returned like a final
     * response; other 1xx before it are skipped as before, since RFC 9110 section 15.2 has a
     * client parse them even when it expects none. The whole answer, interim heads included, must
     * come within {@code timeoutMillis}, the socket's read timeout, or a
     * {@link java.net.SocketTimeoutException} names {@code what}.
     */
    static ResponseHead readUpgrade(HttpInput in, Socket socket, int timeoutMillis, String what) throws IOException {
        return readWithin(in, socket, timeoutMillis, what, true);
    }

    private static ResponseHead readWithin(HttpInput in, Socket socket, int timeoutMillis, String what,
            boolean upgrade) throws IOException {
        in.deadline(socket, timeoutMillis, what);
        // Not in a finally: a socket TLS closed on a fatal alert would refuse the reset, and that
        // failure would hide the alert.
        ResponseHead head = read(in, upgrade);
        in.clearDeadline();
        return head;
    }

    private static ResponseHead read(HttpInput in, boolean upgrade) throws IOException {
        // Counted as the bytes on the wire: folded lines of white space add nothing to the fields,
        // so the fields' length would let a server send megabytes of interim heads.
        long interimFrom = in.lineBytes();
        while (true) {
            ResponseHead head = readOne(in);
            if (head.status >= 200 || (upgrade && head.status == 101)) {
                return head;
            }
            if (head.status == 101) {
                throw new HttpFailure(FailureKind.PROTOCOL, "server switched protocols (101), which is not supported");
            }
            // A 1xx is how a server keeps a client waiting for a slow answer (102 Processing); an
            // upgrade's answer is timed as a whole.
            if (!upgrade) {
                in.restartDeadline();
            }
            if (in.lineBytes() - interimFrom > MAX_HEADER_BYTES) {
                throw new HttpFailure(FailureKind.PROTOCOL, "interim (1xx) responses longer than "
                        + MAX_HEADER_BYTES + " bytes in all");
            }
        }
    }

    /** Reads one status line and its headers, a 1xx one included (a WebSocket handshake wants its 101). */
    static ResponseHead readOne(HttpInput in) throws IOException {
        int first = in.peek();
        // A TLS record (an alert, or a handshake message) opens with 0x15 or 0x16, where a response
        // opens with "HTTP/"; quoted as a status line it would mean nothing to the reader.
        if (first == 0x15 || first == 0x16) {
            throw new HttpFailure(FailureKind.PROTOCOL, "the server answered in TLS, not plain HTTP"
                    + " (an https server on an http URL?)");
        }
        int length = in.readLine();
        if (length < 0) {
            throw new HttpFailure(FailureKind.NETWORK, "server closed the connection without a response");
        }
        byte[] line = in.line();
        checkStatusLine(line, length);
        boolean http10 = line[7] == '0';
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        HeadLines kept = in.headLines();
        String reason;
        if (kept.matches(0, line, length)) {
            reason = kept.name(0);
        } else {
            reason = length > 13 ? Utf8.fieldText(line, 13, length - 13) : "";
            kept.keep(0, line, length, reason, null);
        }
        return new ResponseHead(status, reason, http10, readFields(in, "header", kept));
    }

    /**
     * Fails unless the first {@code length} bytes of {@code line} are an HTTP/1.x status line (RFC
     * 9112 section 4) with a three-digit code of 100 or more and no control character; every
     * transport that sees the line checks it here.
     *
     * @throws HttpFailure PROTOCOL quoting the line
     */
    static void checkStatusLine(byte[] line, int length) throws HttpFailure {
        if (length < 12 || !startsWithHttp1(line) || line[8] != ' ' || !isDigit(line[9])
                || !isDigit(line[10]) || !isDigit(line[11]) || (length > 12 && line[12] != ' ')) {
            throw HttpFailure.protocol("unexpected status line", line, length);
        }
        // RFC 9110 section 15 has a client process a code from 600 to 999 as a 5xx (HttpStatus), so
        // it stays a response; below 100 no response can carry it, nor be told from an interim one.
        if (line[9] == '0') {
            throw HttpFailure.protocol("status code below 100 in status line", line, length);
        }
        if (HttpSyntax.firstBadFieldChar(line, 12, length) >= 0) {
            throw HttpFailure.protocol("control character in status line", line, length);
        }
    }

    /**
     * Reads header or trailer fields up to the empty line that ends them; {@code kept} (null for
     * none) holds the previous head's lines, from index 1, whose strings a repeated line reuses.
     * A field is added once the next line shows it is not continued by obsolete line folding,
     * which RFC 9112 section 5.2 has a user agent replace with a space.
     *
     * @param what "header" or "chunk trailer", for messages
     */
    static Headers readFields(HttpInput in, String what, HeadLines kept) throws IOException {
        Headers.Builder fields = new Headers.Builder();
        String name = null;
        String value = null;
        // A field's folded lines are gathered here: joined one by one into a String, a server's
        // thousands of short continuation lines would take seconds of copying.
        StringBuilder folded = null;
        int total = 0;
        int index = 0;
        while (true) {
            int length = in.readLine();
            if (length < 0) {
                throw new HttpFailure(FailureKind.PROTOCOL, "connection closed inside the response " + what + "s");
            }
            if (length == 0) {
                if (name != null) {
                    fields.addReceived(name, folded == null ? value : folded.toString());
                }
                return fields.build();
            }
            total += length;
            if (total > MAX_HEADER_BYTES) {
                throw new HttpFailure(FailureKind.PROTOCOL, "response " + what + "s longer than "
                        + MAX_HEADER_BYTES + " bytes");
            }
            byte[] line = in.line();
            index++;
            if (HttpSyntax.isWhitespace(line[0])) {
                if (name == null) {
                    throw HttpFailure.protocol("folded " + what + " line before any field", line, length);
                }
                if (folded == null) {
                    folded = new StringBuilder(value);
                }
                unfold(folded, line, length, what);
                continue;
            }
            if (name != null) {
                fields.addReceived(name, folded == null ? value : folded.toString());
                folded = null;
            }
            if (kept != null && kept.matches(index, line, length)) {
                name = kept.name(index);
                value = kept.value(index);
                continue;
            }
            int colon = 0;
            while (colon < length && line[colon] != ':') {
                if (!HttpSyntax.isTokenChar(line[colon])) {
                    throw HttpFailure.protocol("invalid character in " + what + " field name", line, length);
                }
                colon++;
            }
            if (colon == 0 || colon == length) {
                throw HttpFailure.protocol("malformed " + what + " line", line, length);
            }
            int start = colon + 1;
            int end = trimmedEnd(line, start, length);
            while (start < end && HttpSyntax.isWhitespace(line[start])) {
                start++;
            }
            if (HttpSyntax.firstBadFieldChar(line, start, end) >= 0) {
                throw HttpFailure.protocol("control character in " + what + " field value", line, length);
            }
            name = Utf8.fieldText(line, 0, colon);
            value = Utf8.fieldText(line, start, end - start);
            if (kept != null) {
                kept.keep(index, line, length, name, value);
            }
        }
    }

    /** Continues {@code value} with the folded line {@code line[0..length)}, joined by one space. */
    private static void unfold(StringBuilder value, byte[] line, int length, String what) throws HttpFailure {
        int start = 0;
        int end = trimmedEnd(line, 0, length);
        while (start < end && HttpSyntax.isWhitespace(line[start])) {
            start++;
        }
        if (HttpSyntax.firstBadFieldChar(line, start, end) >= 0) {
            throw HttpFailure.protocol("control character in folded " + what + " line", line, length);
        }
        if (start == end) {
            return;
        }
        if (value.length() > 0) {
            value.append(' ');
        }
        value.append(Utf8.fieldText(line, start, end - start));
    }

    private static int trimmedEnd(byte[] line, int start, int end) {
        while (end > start && HttpSyntax.isWhitespace(line[end - 1])) {
            end--;
        }
        return end;
    }

    /**
     * Whether the line opens with HTTP/1.x. A minor version above 1 is read as 1.1: RFC 9110
     * section 6.2 has a client treat a higher minor version than it knows as the highest it
     * supports, since minor versions keep the message syntax.
     */
    private static boolean startsWithHttp1(byte[] line) {
        return line[0] == 'H' && line[1] == 'T' && line[2] == 'T' && line[3] == 'P' && line[4] == '/'
                && line[5] == '1' && line[6] == '.' && isDigit(line[7]);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * The idle time in seconds a server announced in {@code Keep-Alive: timeout=N}, or -1 when it
     * announced none. The field is not in RFC 9112, but Apache httpd and Node.js send it and close
     * a connection left idle that long. Of several timeouts, in one field or across several, the
     * shortest counts: the server may close at any of them. A fraction is dropped and a value
     * too long to count is {@code Integer.MAX_VALUE}, so the time read is never longer than the
     * one announced; a value that is no run of digits is no announcement. Allocates nothing.
     */
    static long keepAliveTimeoutSeconds(Headers headers) {
        long shortest = -1;
        for (int f = 0, n = headers.size(); f < n; f++) {
            if (headers.name(f).equalsIgnoreCase("Keep-Alive")) {
                long seconds = shortestTimeout(headers.value(f));
                if (seconds >= 0 && (shortest < 0 || seconds < shortest)) {
                    shortest = seconds;
                }
            }
        }
        return shortest;
    }

    /** The shortest {@code timeout=N} among the comma-separated parameters of {@code value}, or -1. */
    private static long shortestTimeout(String value) {
        long shortest = -1;
        int from = 0;
        while (from < value.length()) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            int i = skipSpace(value, from, end);
            if (value.regionMatches(true, i, "timeout", 0, 7)) {
                i = skipSpace(value, i + 7, end);
                if (i < end && value.charAt(i) == '=') {
                    i = skipSpace(value, i + 1, end);
                    if (i < end && value.charAt(i) == '"') {
                        i++;
                    }
                    long seconds = 0;
                    int digitsFrom = i;
                    for (; i < end && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
                        seconds = Math.min(seconds * 10 + (value.charAt(i) - '0'), Integer.MAX_VALUE);
                    }
                    if (i > digitsFrom && (shortest < 0 || seconds < shortest)) {
                        shortest = seconds;
                    }
                }
            }
            from = end + 1;
        }
        return shortest;
    }

    private static int skipSpace(String value, int from, int end) {
        int i = from;
        while (i < end && value.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /** Whether a header holding comma-separated tokens, such as Connection, contains {@code token}. */
    static boolean hasToken(Headers headers, String name, String token) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.name(i).equalsIgnoreCase(name)) {
                String value = headers.value(i);
                int from = 0;
                while (from <= value.length()) {
                    int comma = value.indexOf(',', from);
                    int to = comma < 0 ? value.length() : comma;
                    int start = from;
                    int end = to;
                    while (start < end && value.charAt(start) <= ' ') {
                        start++;
                    }
                    while (end > start && value.charAt(end - 1) <= ' ') {
                        end--;
                    }
                    if (end - start == token.length() && value.regionMatches(true, start, token, 0, end - start)) {
                        return true;
                    }
                    from = to + 1;
                }
            }
        }
        return false;
    }
}
