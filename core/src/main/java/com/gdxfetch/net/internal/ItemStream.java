package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Texts;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ItemCallback;
import com.gdxfetch.net.LineDecoder;
import com.gdxfetch.net.ResponseDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One request whose body is consumed as it arrives: the transport's worker thread feeds each
 * successful body to a {@link BodySink} here, which splits it into lines, decodes each with the
 * game's {@link LineDecoder} and queues the items; the render thread takes them inside
 * {@code update()}, through the manager's {@link Channels} queue and so under its budget.
 *
 * <p>Memory is bounded twice: a line longer than the decoder's limit fails the request before
 * more of it is held, and at most {@link Handoff#CAPACITY} items wait for the render thread. When that
 * many wait, the worker stops reading the socket until the game takes some (back-pressure
 * reaches the server through TCP). Before the exchange reports its outcome the worker waits
 * until every item it queued was delivered, so the call's one terminal callback comes after
 * the items, and every delivery, terminal included, fits the frame's budget.
 *
 * <p>A transport that gathers bodies instead (a custom one that ignores stream targets) hands the
 * whole body to {@link #decode}, which splits it the same way; {@code Gdx.net}'s transport streams.
 */
public final class ItemStream<T> extends LiveChannel
        implements StreamTarget, BodySink, ResponseDecoder<Long>, FetchCallback<Long>, Handoff.Ended {
    private static final int FIRST_LINE_BUFFER = 256;

    private final String url;
    private final String method;
    private final LineDecoder<T> decoder;
    private final ItemCallback<T> callback;
    private final int maxLineBytes;
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<T>();
    /** Counts the items queued and not yet taken by the render thread; the reader waits on it. */
    private final Handoff handoff = new Handoff(this);
    /** One event per queued item; each takes the oldest item, so one object serves them all. */
    private final Event token = new Event(this) {
        @Override
        boolean isTerminal() {
            return false;
        }
    };
    private volatile FetchHandle<Long> handle;
    private final Engine engine;
    /** Set when the terminal callback ran: items still queued are never delivered. */
    private volatile boolean over;
    /** The thread reading the current body. */
    private volatile Thread reader;

    // The current body's state: one worker thread at a time (a call's exchanges run one after another).
    private volatile boolean streamed;
    private byte[] line;
    private int lineLength;
    private long lineNumber;
    private long count;
    private CharsetDecoder utf8;

    private ItemStream(Engine engine, HttpRequest request, LineDecoder<T> decoder, ItemCallback<T> callback) {
        super(engine.channels());
        this.engine = engine;
        this.url = request.url();
        this.method = request.method();
        this.decoder = decoder;
        this.callback = callback;
        int max = decoder.maxLineBytes();
        if (max < 1) {
            throw new IllegalArgumentException("line decoder " + decoder + " has maxLineBytes " + max
                    + "; it must be at least 1");
        }
        this.maxLineBytes = max;
        this.line = new byte[firstLineBuffer()];
    }

    /**
     * The size a line buffer starts at: room for a line of the limit and its CR when that is
     * smaller than usual, so that a line past a small limit fails as soon as it passes it, not
     * once it fills a buffer meant for longer ones.
     */
    private int firstLineBuffer() {
        return (int) Math.min(FIRST_LINE_BUFFER, maxLineBytes + 1L);
    }

    /**
     * Sends {@code request} (defaults resolved) with its body streamed through {@code decoder} to
     * {@code callback}. Any thread.
     *
     * @throws IllegalArgumentException for a null decoder or callback
     * @throws IllegalStateException once the manager is disposed
     */
    public static <T> FetchHandle<Long> send(Engine engine, HttpRequest request, LineDecoder<T> decoder,
            ItemCallback<T> callback) {
        if (decoder == null) {
            throw new IllegalArgumentException("line decoder is null; use Decoders.lines() or Decoders.ndjson(type)");
        }
        if (callback == null) {
            throw new IllegalArgumentException("item callback is null; items of " + request.url()
                    + " would have nowhere to go");
        }
        ItemStream<T> stream = new ItemStream<T>(engine, request, decoder, callback);
        FetchHandle<Long> handle = engine.send(request, stream, stream, stream);
        stream.handle = handle;
        return handle;
    }

    // ---- StreamTarget: the transport's worker thread ----

    @Override
    public HttpRequest prepare(HttpRequest request) {
        streamed = false;
        return request;
    }

    @Override
    public BodySink open(HttpRequest sent, int status, Headers headers, long contentLength) throws HttpFailure {
        if (status < 200 || status >= 300) {
            // An error page or a redirect is gathered as usual: the call judges it.
            return null;
        }
        String coding = BodyReader.compressionLeftOn(headers, RequestHeaders.decodesTransparently(sent));
        if (coding != null) {
            throw new HttpFailure(FailureKind.PROTOCOL, "the body's Content-Encoding '" + coding + "' cannot be"
                    + " undone (a single gzip or deflate can, when the request leaves Accept-Encoding to the"
                    + " library), so its bytes are not lines of text");
        }
        startBody();
        streamed = true;
        return this;
    }

    @Override
    public void exchangeEnded() {
        if (reader == Thread.currentThread()) {
            // The outcome is reported after this returns: let the items go first, frame by frame.
            handoff.awaitTaken();
        }
    }

    @Override
    public void callEnded() {
        // Its reader waits only in the hand-off, which looks at the handle's state itself.
    }

    // ---- BodySink ----

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine();
            } else {
                if (lineLength == line.length) {
                    growLine();
                }
                line[lineLength++] = b;
            }
        }
    }

    @Override
    public void end() throws IOException {
        if (lineLength > 0) {
            // A last line without its line end is still a line (NDJSON allows it).
            endLine();
        }
    }

    private void startBody() {
        reader = Thread.currentThread();
        lineLength = 0;
        lineNumber = 0;
        count = 0;
    }

    /** Room for one more byte; the buffer stops at the limit plus one, for a CR before the LF. */
    private void growLine() throws HttpFailure {
        if (lineLength > maxLineBytes) {
            throw new HttpFailure(FailureKind.TOO_LARGE, "line " + (lineNumber + 1) + " is longer than "
                    + maxLineBytes + " bytes (the line decoder's maxLineBytes)");
        }
        int size = grownLineSize(line.length, maxLineBytes);
        if (size < 0) {
            throw new HttpFailure(FailureKind.TOO_LARGE, "line " + (lineNumber + 1) + " is longer than "
                    + lineLength + " bytes, the most one line can be held in");
        }
        byte[] bigger = new byte[size];
        System.arraycopy(line, 0, bigger, 0, lineLength);
        line = bigger;
    }

    /**
     * The next size of a line buffer of {@code length} bytes: doubled, at most the limit plus one
     * and the largest array a VM reliably allocates; -1 when it is that large already, where
     * growing to the same size would write past its end.
     */
    static int grownLineSize(int length, int maxLineBytes) {
        int size = (int) Math.min(Math.min((long) maxLineBytes + 1, length * 2L), Integer.MAX_VALUE - 8);
        return size > length ? size : -1;
    }

    private void endLine() throws IOException {
        lineNumber++;
        int n = lineLength;
        lineLength = 0;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n > maxLineBytes) {
            throw new HttpFailure(FailureKind.TOO_LARGE, "line " + lineNumber + " is longer than "
                    + maxLineBytes + " bytes (the line decoder's maxLineBytes)");
        }
        String text;
        try {
            text = utf8().decode(ByteBuffer.wrap(line, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpFailure(FailureKind.DECODE, "line " + lineNumber + " is not valid UTF-8", e);
        }
        if (lineNumber == 1) {
            text = Texts.withoutByteOrderMark(text);
        }
        if (line.length > FIRST_LINE_BUFFER * 4 && n <= FIRST_LINE_BUFFER) {
            // One long line does not keep its buffer for the rest of the stream.
            line = new byte[firstLineBuffer()];
        }
        T item;
        try {
            item = decoder.decode(text);
        } catch (Exception | Error e) {
            // An Error too (a deeply nested line overflows a recursive parser's stack): left to
            // propagate, it would end the worker thread and leave the request open for good.
            throw new HttpFailure(FailureKind.DECODE, "line " + lineNumber + ": decoder " + decoder + " threw " + e, e);
        }
        if (item != null) {
            queue(item);
        }
    }

    private CharsetDecoder utf8() {
        CharsetDecoder d = utf8;
        if (d == null) {
            d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            utf8 = d;
        }
        return d;
    }

    /** Hands {@code item} to the render thread, first waiting for room while the queue is full. */
    private void queue(T item) throws HttpFailure {
        if (!handoff.reserve()) {
            throw new HttpFailure(FailureKind.CANCELLED, "cancelled");
        }
        items.offer(item);
        count++;
        post(token);
    }

    @Override
    public boolean isEnded() {
        FetchHandle<Long> h = handle;
        return over || (h != null && h.isDone());
    }

    // ---- the call's decoder: the worker thread, once the body ended ----

    @Override
    public Long decode(HttpResponse response) throws Exception {
        if (!streamed && response.isSuccessful()) {
            // The transport gathered the body (Gdx.net): split it here, the same way.
            startBody();
            byte[] body = response.body();
            try {
                write(body, 0, body.length);
                end();
            } catch (HttpFailure e) {
                throw new FetchException(e.kind(), method, url, e.getMessage(), e, response, e.kind() != FailureKind.CANCELLED);
            } finally {
                handoff.awaitTaken();
            }
        }
        return streamed || response.isSuccessful() ? count : 0L;
    }

    // ---- render thread ----

    @Override
    void dispatch(LiveChannel.Event event) {
        T item = items.poll();
        if (item == null) {
            return;
        }
        handoff.taken();
        // Cancelled counts before its onCancelled runs: a cancel() from a callback of this frame
        // (an item's, say) must stop the items still queued behind it in the same update().
        FetchHandle<Long> h = handle;
        if (!over && (h == null || !h.isCancelled())) {
            try {
                callback.onItem(item);
            } catch (Throwable error) {
                // Where the request's other callbacks report theirs, so a game's handler sees it too.
                if (h instanceof Call) {
                    engine.callbackFailed((Call<?>) h, error);
                } else {
                    // Sent from another thread, whose send() has not yet stored the handle.
                    engine.log.error("item callback of " + url + " threw; the stream goes on", error);
                }
            }
        }
    }

    /** Delivers what is still queued (items that came before a failure), each on its own guard. */
    private void deliverQueued() {
        // Bounded by what is queued now: a reader still running cannot keep this loop going.
        for (int n = handoff.waiting(); n > 0 && !items.isEmpty(); n--) {
            channels().deliverNow(token);
        }
    }

    @Override
    public void onSuccess(Long itemCount, HttpResponse response) {
        deliverQueued();
        over = true;
        callback.onSuccess(itemCount, response);
    }

    @Override
    public void onFailure(FetchException failure) {
        deliverQueued();
        over = true;
        callback.onFailure(failure);
    }

    @Override
    public void onCancelled() {
        over = true;
        callback.onCancelled();
    }

    // ---- LiveChannel ----

    @Override
    void markClosed() {
        // Never ended through the channel path: the call's callback ends it.
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void cancel() {
        FetchHandle<Long> h = handle;
        if (h != null) {
            h.cancel();
        }
    }

    @Override
    public String toString() {
        return "streamed body of " + url;
    }
}
