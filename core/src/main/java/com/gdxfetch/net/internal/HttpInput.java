package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A connection's buffered input: reads header lines by scanning its byte array directly, and
 * passes large body reads straight to the socket.
 */
final class HttpInput extends InputStream {
    private static final int MAX_LINE = 64 * 1024;
    /**
     * Big enough for a typical status line, headers and a small body in one read; larger body
     * reads bypass it. Kept small because every open connection holds one.
     */
    private static final int BUFFER_BYTES = 4096;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private boolean receivedAny;
    /** Bytes {@link #readLine()} has taken, line ends included. */
    private long lineBytes;
    /** Whether the last line {@link #readLine()} read ended with CR LF rather than a lone LF. */
    private boolean endedWithCrLf;
    private final HeadLines headLines = new HeadLines();
    /** The socket whose read timeout {@link #fill()} shortens to meet {@link #deadlineNanos}; null for none. */
    private Socket deadlineSocket;
    private long deadlineNanos;
    private String deadlineWhat;
    private int deadlineMillis;
    /** The read timeout the socket has while a deadline is set, as this reader last gave it. */
    private int socketTimeoutMillis;

    HttpInput(InputStream in) {
        this.in = in;
    }

    /** Forgets whether a byte arrived, at the start of an exchange on this connection. */
    void startExchange() {
        receivedAny = false;
    }

    /** Whether any byte arrived since {@link #startExchange()}. */
    boolean receivedAny() {
        return receivedAny;
    }

    /**
     * Until {@link #clearDeadline()}, buffered reads (header lines) end with a
     * {@link SocketTimeoutException} naming {@code what} once {@code timeoutMillis} have passed in
     * all, not just between two bytes: a server that drips its answer would otherwise hold the
     * reader for as long as it likes. Body reads larger than the buffer are not limited. The
     * socket's read timeout must be {@code timeoutMillis} when this is called.
     */
    void deadline(Socket socket, int timeoutMillis, String what) {
        deadlineSocket = timeoutMillis > 0 ? socket : null;
        deadlineWhat = what;
        deadlineMillis = timeoutMillis;
        socketTimeoutMillis = timeoutMillis;
        restartDeadline();
    }

    /** Gives the limit {@link #deadline} set its whole time again, from now. */
    void restartDeadline() {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    }

    private SocketTimeoutException deadlinePassed(SocketTimeoutException cause) {
        SocketTimeoutException e = new SocketTimeoutException("no complete " + deadlineWhat + " within "
                + deadlineMillis + " ms");
        e.initCause(cause);
        return e;
    }

    /** Ends the limit {@link #deadline} set, giving the socket back the read timeout it had then. */
    void clearDeadline() throws IOException {
        Socket socket = deadlineSocket;
        deadlineSocket = null;
        if (socket != null && socketTimeoutMillis != deadlineMillis) {
            socket.setSoTimeout(deadlineMillis);
        }
    }

    /** Bytes buffered but not yet consumed. */
    int buffered() {
        return limit - pos;
    }

    /** The previous response head's lines on this connection. */
    HeadLines headLines() {
        return headLines;
    }

    /** How many bytes {@link #readLine()} has taken so far, line ends included. */
    long lineBytes() {
        return lineBytes;
    }

    /**
     * Whether the line {@link #readLine()} last read ended with CR LF; a lone LF is tolerated at
     * the end of a start line or field line only (RFC 9112 section 2.2).
     */
    boolean lineEndedWithCrLf() {
        return endedWithCrLf;
    }

    /** The line read by {@link #readLine()}; valid until the next call. */
    byte[] line() {
        return line;
    }

    /**
     * Reads one line into {@link #line()}, without its CR LF.
     *
     * @return its length, or -1 if the stream ended before the line's first byte
     * @throws HttpFailure PROTOCOL if the stream ends inside the line or it is absurdly long
     */
    int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (pos == limit && fill() < 0) {
                if (length == 0) {
                    return -1;
                }
                throw HttpFailure.protocol("connection closed inside the line", line, length);
            }
            byte[] b = buf;
            int start = pos;
            int end = limit;
            int i = start;
            while (i < end && b[i] != '\n') {
                i++;
            }
            int n = i - start;
            // Checked against the limit, not the array: the array grows by doubling from whatever
            // sizes earlier reads came in, so its length says nothing about the limit.
            if (length + n > MAX_LINE) {
                throw new HttpFailure(FailureKind.PROTOCOL, "response header line longer than "
                        + MAX_LINE + " bytes");
            }
            if (length + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(b, start, line, length, n);
            length += n;
            lineBytes += n;
            if (i < end) {
                pos = i + 1;
                lineBytes++;
                endedWithCrLf = length > 0 && line[length - 1] == '\r';
                return endedWithCrLf ? length - 1 : length;
            }
            pos = end;
        }
    }

    /** The next byte without taking it, or -1 at the end of the stream. */
    int peek() throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private int fill() throws IOException {
        int n;
        if (deadlineSocket == null) {
            n = in.read(buf, 0, buf.length);
        } else {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw deadlinePassed(null);
            }
            // Rounded up, so the first read of a head, which mostly brings all of it, finds the
            // socket's timeout already right and changes nothing (a change boxes an Integer).
            int millis = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
            if (millis != socketTimeoutMillis) {
                deadlineSocket.setSoTimeout(millis);
                socketTimeoutMillis = millis;
            }
            try {
                n = in.read(buf, 0, buf.length);
            } catch (SocketTimeoutException e) {
                throw deadlinePassed(e);
            }
        }
        if (n <= 0) {
            return -1;
        }
        receivedAny = true;
        pos = 0;
        limit = n;
        return n;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int available = limit - pos;
        if (available == 0) {
            if (len >= buf.length) {
                int n = in.read(b, off, len);
                if (n > 0) {
                    receivedAny = true;
                }
                return n;
            }
            if (fill() < 0) {
                return -1;
            }
            available = limit - pos;
        }
        int n = Math.min(available, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (limit - pos) + in.available();
    }
}
