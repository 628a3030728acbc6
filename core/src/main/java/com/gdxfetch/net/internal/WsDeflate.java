package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's {@code permessage-deflate} (RFC 7692): what the server agreed to, and the
 * compressor and decompressor that keep their sliding windows from message to message unless a
 * {@code *_no_context_takeover} parameter says otherwise. The client offers the extension without
 * {@code client_max_window_bits}, since {@link Deflater} always uses the full 32 KiB window; the
 * server may then shrink only its own window, which {@link Inflater} reads whatever its size.
 * Inflating is bounded: output is taken in chunks and stops at the message limit.
 */
final class WsDeflate {
    /** What the handshake offers. */
    static final String OFFER = "permessage-deflate";
    /** The end of a sync flush, which RFC 7692 removes from each message and the receiver adds back. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 8192;
    /** The largest LZ77 window, which a server's back-references may reach into. */
    private static final int WINDOW = 32 * 1024;

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] chunk = new byte[CHUNK];
    private boolean ended;
    /**
     * Set when the current message's data ended in a block with BFINAL set (RFC 7692 7.2.3.3):
     * what follows it, the tail included, is not deflate data, and fed to the fresh decompressor
     * it would corrupt the next message.
     */
    private boolean streamEnded;
    /**
     * Whether the current message had a byte of data. One with none is empty: the tail alone
     * would be a stored block cut inside its length fields, which would take the start of the
     * next message as the rest of them.
     */
    private boolean messageHasData;
    /**
     * The last {@link #WINDOW} bytes inflated, a ring ending at {@link #windowEnd}, kept when the
     * server keeps its context: a final block ends the decompressor's stream and its window with
     * it, yet RFC 7692 section 7.2.2 has the next message inflated with that window, which the
     * fresh decompressor gets back as a preset dictionary. Null until the first byte inflated.
     */
    private byte[] window;
    private int windowEnd;
    private boolean windowFull;

    private WsDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
    }

    /**
     * The extension the server's 101 chose, or null for none.
     *
     * @throws HttpFailure PROTOCOL for an extension that was not offered, or parameters RFC 7692
     *     does not allow in an answer to this offer
     */
    static WsDeflate negotiated(Headers headers, boolean offered) throws HttpFailure {
        List<String> values = headers.values("Sec-WebSocket-Extensions");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).trim().isEmpty()) {
                all.append(all.length() == 0 ? "" : ", ").append(values.get(i).trim());
            }
        }
        if (all.length() == 0) {
            return null;
        }
        String answer = all.toString();
        if (!offered) {
            throw new HttpFailure(FailureKind.PROTOCOL, "server chose extensions '" + answer + "', but none were offered");
        }
        if (answer.indexOf(',') >= 0) {
            throw new HttpFailure(FailureKind.PROTOCOL, "server chose extensions '" + answer
                    + "'; only permessage-deflate, once, was offered");
        }
        String[] parts = answer.split(";");
        if (!parts[0].trim().equalsIgnoreCase(OFFER)) {
            throw new HttpFailure(FailureKind.PROTOCOL, "server chose extension '" + answer
                    + "'; only permessage-deflate was offered");
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        boolean serverBits = false;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
            boolean repeated;
            if (name.equals("server_no_context_takeover") && value == null) {
                repeated = serverNoContext;
                serverNoContext = true;
            } else if (name.equals("client_no_context_takeover") && value == null) {
                repeated = clientNoContext;
                clientNoContext = true;
            } else if (name.equals("server_max_window_bits") && value != null && isWindowBits(value)) {
                repeated = serverBits;
                serverBits = true;
            } else {
                throw new HttpFailure(FailureKind.PROTOCOL, "server answered permessage-deflate with '" + param
                        + "', which this offer does not allow (in '" + answer + "')");
            }
            if (repeated) {
                throw new HttpFailure(FailureKind.PROTOCOL, "server answered permessage-deflate with '" + name
                        + "' twice (in '" + answer + "')");
            }
        }
        return new WsDeflate(serverNoContext, clientNoContext);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean isWindowBits(String value) {
        if (value.length() == 1) {
            return value.charAt(0) >= '8' && value.charAt(0) <= '9';
        }
        return value.length() == 2 && value.charAt(0) == '1' && value.charAt(1) >= '0' && value.charAt(1) <= '5';
    }

    /**
     * A message's payload compressed, without the flush's tail; writer thread. Synchronized
     * against {@link #end} from the reading thread, which ends the connection.
     *
     * @throws IOException once the connection's compressor was released
     */
    synchronized byte[] compress(byte[] payload, int length) throws IOException {
        if (ended) {
            throw new IOException("connection over; compressor released");
        }
        deflater.setInput(payload, 0, length);
        byte[] out = new byte[Math.max(64, length / 2 + 64)];
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (clientNoContextTakeover) {
            deflater.reset();
        }
        // A sync flush always ends with the empty stored block 00 00 FF FF, which is not sent.
        int end = n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF
                ? n - 4 : n;
        if (end == 0) {
            // An empty message still needs one block: RFC 7692 7.2.3.6 sends a single 0x00.
            return new byte[] {0};
        }
        return Arrays.copyOf(out, end);
    }

    /** Where inflated bytes go, up to a limit. */
    interface Output {
        /**
         * Appends {@code length} inflated bytes.
         *
         * @throws WsFrames.Violation when the message grows over its limit
         */
        void inflated(byte[] bytes, int length) throws WsFrames.Violation;
    }

    /** Inflates the next compressed bytes of the current message into {@code out}; reader thread. */
    void inflate(byte[] compressed, int offset, int length, Output out) throws WsFrames.Violation {
        if (streamEnded || length == 0) {
            return;
        }
        messageHasData = true;
        inflater.setInput(compressed, offset, length);
        drain(out);
    }

    /** Ends the current message: the removed tail goes in, and the window is dropped if the server said so. */
    void endMessage(Output out) throws WsFrames.Violation {
        if (!streamEnded && messageHasData) {
            inflater.setInput(TAIL, 0, TAIL.length);
            drain(out);
        }
        streamEnded = false;
        messageHasData = false;
        if (serverNoContextTakeover) {
            inflater.reset();
        }
    }

    private void drain(Output out) throws WsFrames.Violation {
        try {
            while (true) {
                int n = inflater.inflate(chunk, 0, chunk.length);
                if (n > 0) {
                    out.inflated(chunk, n);
                    if (!serverNoContextTakeover) {
                        remember(chunk, n);
                    }
                } else if (inflater.finished()) {
                    // A final block (BFINAL) ends the deflate stream: the next message starts a new
                    // one, on the same window unless the server drops its context.
                    inflater.reset();
                    if (!serverNoContextTakeover && window != null) {
                        byte[] history = windowFull ? new byte[WINDOW] : Arrays.copyOf(window, windowEnd);
                        if (windowFull) {
                            System.arraycopy(window, windowEnd, history, 0, WINDOW - windowEnd);
                            System.arraycopy(window, 0, history, WINDOW - windowEnd, windowEnd);
                        }
                        inflater.setDictionary(history);
                    }
                    streamEnded = true;
                    return;
                } else if (inflater.needsDictionary()) {
                    throw WsFrames.Violation.protocol("compressed message asks for a preset dictionary");
                } else {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw WsFrames.Violation.protocol("compressed message is not valid deflate data: " + e.getMessage());
        }
    }

    /** Appends {@code n} inflated bytes to the ring of the last {@link #WINDOW}. */
    private void remember(byte[] bytes, int n) {
        if (window == null) {
            window = new byte[WINDOW];
        }
        int off = 0;
        while (n > 0) {
            int k = Math.min(n, WINDOW - windowEnd);
            System.arraycopy(bytes, off, window, windowEnd, k);
            off += k;
            n -= k;
            windowEnd += k;
            if (windowEnd == WINDOW) {
                windowEnd = 0;
                windowFull = true;
            }
        }
    }

    /** Releases the native zlib state; the connection is over. The reading thread, once it stopped reading. */
    synchronized void end() {
        if (!ended) {
            ended = true;
            inflater.end();
            deflater.end();
        }
    }
}
