package com.gdxfetch.net.internal;

import com.gdxfetch.internal.Closeables;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.RequestBody;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a request onto a connection: the head encoded into a reused array, a small body in
 * the same write (one packet), a large one in {@link BodyReader#CHUNK}-sized writes with
 * progress after each.
 */
final class RequestWriter {
    /** Bodies up to this size go out in the same write as the head. */
    private static final int COALESCE_LIMIT = 32 * 1024;

    private byte[] buf = new byte[1024];
    private int size;

    /**
     * Writes {@code request}, reporting body progress to {@code exchange}.
     *
     * @param cookie the Cookie field to send in place of the request's own ({@link Cookies#header}), or null
     * @param absoluteForm whether the request line names the whole URL, for an HTTP proxy
     */
    void write(HttpRequest request, String cookie, boolean absoluteForm, OutputStream out, ExchangeState exchange)
            throws IOException {
        size = 0;
        RequestBody body = request.body();
        Headers headers = request.headers();
        put(request.method()).put(' ').put(absoluteForm ? request.url() : request.target()).put(" HTTP/1.1\r\n");
        if (headers.get("Host") == null) {
            put("Host: ").put(ParsedUrl.hostField(request.host(), request.port(), request.isHttps())).put("\r\n");
        }
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (!RequestHeaders.isFraming(name) && (cookie == null || !name.equalsIgnoreCase("Cookie"))
                    && (absoluteForm || !RequestHeaders.isForProxy(name))) {
                put(name).put(": ").put(headers.value(i)).put("\r\n");
            }
        }
        if (cookie != null) {
            put("Cookie: ").put(cookie).put("\r\n");
        }
        String contentType = RequestHeaders.contentTypeToAdd(request);
        if (contentType != null) {
            put("Content-Type: ").put(contentType).put("\r\n");
        }
        FileInputStream upload = null;
        long uploadLength = 0;
        if (body != null && body.file() != null) {
            // Opened here, on the worker, so that no file is touched where the request was built.
            File file = body.file().file();
            try {
                upload = new FileInputStream(file);
                uploadLength = upload.getChannel().size();
            } catch (IOException e) {
                Closeables.closeQuietly(upload);
                throw new HttpFailure(FailureKind.FILE, "cannot read the request body file '"
                        + file.getAbsolutePath() + "': " + e.getMessage(), e);
            }
            put("Content-Length: ").put(Long.toString(uploadLength)).put("\r\n");
        } else if (body != null) {
            put("Content-Length: ").put(Integer.toString(body.length())).put("\r\n");
        } else if (expectsBody(request.method())) {
            put("Content-Length: 0\r\n");
        }
        if (RequestHeaders.decodesTransparently(request)) {
            put("Accept-Encoding: ").put(RequestHeaders.ACCEPT_ENCODING).put("\r\n");
        }
        put("\r\n");

        if (upload != null) {
            try {
                writeFile(upload, uploadLength, body.file().file(), out, exchange);
            } finally {
                Closeables.closeQuietly(upload);
            }
            return;
        }
        if (body == null || body.length() == 0) {
            out.write(buf, 0, size);
            out.flush();
            return;
        }
        byte[] bytes = body.bytes();
        int total = bytes.length;
        if (total <= COALESCE_LIMIT) {
            ensure(total);
            System.arraycopy(bytes, 0, buf, size, total);
            out.write(buf, 0, size + total);
            out.flush();
            exchange.uploadProgress(total, total);
            return;
        }
        out.write(buf, 0, size);
        int sent = 0;
        while (sent < total) {
            exchange.checkNotCancelled();
            int n = Math.min(BodyReader.CHUNK, total - sent);
            out.write(bytes, sent, n);
            sent += n;
            exchange.uploadProgress(sent, total);
        }
        out.flush();
    }

    /** Streams {@code length} bytes of {@code in} after the head, a chunk at a time, with progress. */
    private void writeFile(FileInputStream in, long length, File file, OutputStream out, ExchangeState exchange)
            throws IOException {
        out.write(buf, 0, size);
        byte[] chunk = new byte[BodyReader.CHUNK];
        long sent = 0;
        exchange.uploadProgress(0, length);
        while (sent < length) {
            exchange.checkNotCancelled();
            int n;
            try {
                n = in.read(chunk, 0, (int) Math.min(chunk.length, length - sent));
            } catch (IOException e) {
                throw new HttpFailure(FailureKind.FILE, "cannot read the request body file '"
                        + file.getAbsolutePath() + "': " + e.getMessage(), e);
            }
            if (n < 0) {
                throw new HttpFailure(FailureKind.FILE, "the request body file '" + file.getAbsolutePath()
                        + "' shrank while it was sent: " + sent + " of " + length + " bytes");
            }
            if (sent + n == length && readMore(in, file)) {
                // Checked before the last bytes go out: a server that got them would take the
                // file's first bytes for all of it, and the game would think it uploaded whole.
                throw new HttpFailure(FailureKind.FILE, "the request body file '" + file.getAbsolutePath()
                        + "' grew while it was sent: it had " + length + " bytes when the upload began");
            }
            out.write(chunk, 0, n);
            sent += n;
            exchange.uploadProgress(sent, length);
        }
        out.flush();
    }

    /** Whether {@code in} has a byte past the length its upload announced. */
    private static boolean readMore(FileInputStream in, File file) throws HttpFailure {
        try {
            return in.read() >= 0;
        } catch (IOException e) {
            throw new HttpFailure(FailureKind.FILE, "cannot read the request body file '"
                    + file.getAbsolutePath() + "': " + e.getMessage(), e);
        }
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private RequestWriter put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    private RequestWriter put(String s) {
        int length = s.length();
        ensure(length);
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = at;
                return putUtf8(s.substring(i));
            }
            b[at++] = (byte) c;
        }
        size = at;
        return this;
    }

    private RequestWriter putUtf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
