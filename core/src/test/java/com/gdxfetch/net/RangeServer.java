package com.gdxfetch.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted loopback file server for downloads: serves one body with an ETag, honours
 * {@code Range} and {@code If-Range} like nginx, and misbehaves on request: drops or stalls the
 * connection at a chosen offset, answers 200 to a range, ignores If-Range, changes the file.
 * One response per connection. Records every request head.
 */
final class RangeServer implements AutoCloseable {
    static final int CONTENT_LENGTH = 0;
    static final int CHUNKED = 1;
    static final int UNTIL_CLOSE = 2;

    final List<String> heads = new CopyOnWriteArrayList<>();
    /** Counted down once a stalled response has sent its bytes; the connection then stays silent. */
    final CountDownLatch stalled = new CountDownLatch(1);
    /** Released by a test to let a stalled connection end (or the server closes it). */
    final CountDownLatch release = new CountDownLatch(1);
    private final RawServer raw;

    volatile byte[] body;
    /** When set, the file is {@link #body} repeated up to this many bytes. */
    volatile long repeatedLength = -1;
    /** The ETag sent, or null for none. */
    volatile String etag = "\"v1\"";
    /** The Last-Modified and Date sent, or null for none; If-Range matches either validator. */
    volatile String lastModified;
    volatile String date;
    volatile int framing = CONTENT_LENGTH;
    /** Connection index whose body is cut (closed) after {@link #cutAt} bytes; -1 for none. */
    volatile int cutConnection = -1;
    /** Connection index whose body stops after {@link #cutAt} bytes and stays open; -1 for none. */
    volatile int stallConnection = -1;
    volatile long cutAt;
    volatile boolean ignoreRange;
    volatile boolean ignoreIfRange;
    /** Answers 206 with a Content-Range even to a request that asked for no range. */
    volatile boolean partialAlways;
    /** When set, a 206 starts at this byte whatever range was asked. */
    volatile long servedFrom = -1;

    /** Connection index to the byte at which its body waits for {@link #resume(int)}, then goes on. */
    final Map<Integer, Long> pauseAt = new ConcurrentHashMap<>();
    private final Map<Integer, CountDownLatch> resumes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RangeServer(byte[] body) throws IOException {
        this.body = body;
        this.raw = new RawServer(this::serve);
    }

    /** Lets the paused body of connection {@code index} go on. */
    void resume(int index) {
        resumeLatch(index).countDown();
    }

    private CountDownLatch resumeLatch(int index) {
        CountDownLatch latch = resumes.computeIfAbsent(index, i -> new CountDownLatch(1));
        if (closed) {
            latch.countDown();
        }
        return latch;
    }

    String url(String path) {
        return raw.url(path);
    }

    /** The Range header of request {@code index}, or null. */
    String range(int index) {
        return header(heads.get(index), "range");
    }

    String ifRange(int index) {
        return header(heads.get(index), "if-range");
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private void serve(Socket socket, int index) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String head = RawServer.readHead(in);
        heads.add(head);
        byte[] data = body;
        long size = repeatedLength >= 0 ? repeatedLength : data.length;
        String tag = etag;
        long from = 0;
        String range = header(head, "range");
        String ifRange = header(head, "if-range");
        boolean partial = false;
        if (range != null && !ignoreRange && (ifRange == null || ignoreIfRange || ifRange.equals(tag)
                || ifRange.equals(lastModified))) {
            from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            if (from >= size) {
                RawServer.write(out, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + size
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket.close();
                return;
            }
            partial = true;
        }
        partial |= partialAlways;
        if (partial && servedFrom >= 0) {
            from = servedFrom;
        }
        long length = size - from;
        StringBuilder h = new StringBuilder(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        h.append("Connection: close\r\n");
        append(h, "ETag", tag);
        append(h, "Last-Modified", lastModified);
        append(h, "Date", date);
        if (partial) {
            h.append("Content-Range: bytes ").append(from).append('-').append(size - 1).append('/')
                    .append(size).append("\r\n");
        }
        if (framing == CONTENT_LENGTH) {
            h.append("Content-Length: ").append(length).append("\r\n");
        } else if (framing == CHUNKED) {
            h.append("Transfer-Encoding: chunked\r\n");
        }
        RawServer.write(out, h.append("\r\n").toString());
        long stop = size;
        boolean cut = index == cutConnection;
        boolean stall = index == stallConnection;
        if (cut || stall) {
            stop = Math.min(stop, from + cutAt);
        }
        long at = from;
        long pause = pauseAt.getOrDefault(index, -1L);
        while (at < stop) {
            if (at == pause) {
                out.flush();
                resumeLatch(index).await();
            }
            int inBlock = (int) (at % data.length);
            int n = (int) Math.min(Math.min(8192 + (at % 7) * 1000, stop - at), data.length - inBlock);
            if (pause > at) {
                n = (int) Math.min(n, pause - at);
            }
            if (framing == CHUNKED) {
                RawServer.write(out, Integer.toHexString(n) + "\r\n");
            }
            out.write(data, inBlock, n);
            if (framing == CHUNKED) {
                RawServer.write(out, "\r\n");
            }
            at += n;
        }
        out.flush();
        if (stall) {
            stalled.countDown();
            release.await();
        } else if (!cut && framing == CHUNKED) {
            RawServer.write(out, "0\r\n\r\n");
        }
        socket.close();
    }

    private static void append(StringBuilder head, String name, String value) {
        if (value != null) {
            head.append(name).append(": ").append(value).append("\r\n");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (CountDownLatch latch : resumes.values()) {
            latch.countDown();
        }
        release.countDown();
        raw.close();
    }
}
