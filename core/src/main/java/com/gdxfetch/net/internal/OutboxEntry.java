package com.gdxfetch.net.internal;

import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.RequestBody;

import java.nio.charset.StandardCharsets;

/**
 * One request in the outbox: what the journal keeps of it (method, URL, headers, body, the
 * idempotency key) and, for a request sent in this run, the state its handle reports.
 */
final class OutboxEntry implements OutboxHandle {
    static final String KEY_HEADER = "Idempotency-Key";
    private static final byte[] NO_BODY = new byte[0];

    private final String id;
    private final String tag;
    private final String method;
    private final String url;
    /** The caller's headers, the key among them once {@link #key} is known. */
    private String[] headers;
    private final String contentType;
    private final byte[] body;
    private final boolean hasBody;
    /** The Idempotency-Key; null until the worker picks one for a request that had none. */
    private String key;
    /** What the entry counts against the outbox's byte bound. */
    final long size;

    private volatile boolean stored;
    private volatile String storeFailure;

    /** Worker thread: the attempt number of the next send in this run (1 for the first). */
    int attempt = 1;
    /** Worker thread: when the next attempt is due, on the manager's {@link com.gdxfetch.net.Clock}. */
    long dueNanos;

    private OutboxEntry(String id, String tag, String method, String url, String[] headers, String contentType,
            byte[] body, String key) {
        this.id = id;
        this.tag = tag;
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.contentType = contentType;
        this.hasBody = body != null;
        this.body = body != null ? body : NO_BODY;
        this.key = key;
        this.size = sizeOf(tag, method, url, headers, this.body);
    }

    /** An entry for a request sent now; its key is the request's own, or null to be picked later. */
    static OutboxEntry of(String id, HttpRequest request, String tag) {
        Headers h = request.headers();
        String[] namesAndValues = new String[h.size() * 2];
        for (int i = 0; i < h.size(); i++) {
            namesAndValues[2 * i] = h.name(i);
            namesAndValues[2 * i + 1] = h.value(i);
        }
        RequestBody body = request.body();
        return new OutboxEntry(id, tag, request.method(), request.url(), namesAndValues,
                body == null ? null : body.contentType(), body == null ? null : body.bytes(), h.get(KEY_HEADER));
    }

    /** An entry read back from the journal, already stored. */
    static OutboxEntry restored(String id, String tag, String key, String method, String url, String[] headers,
            String contentType, byte[] body) {
        OutboxEntry entry = new OutboxEntry(id, tag, method, url, headers, contentType, body, key);
        entry.stored = true;
        return entry;
    }

    /** What a request counts against the byte bound: its tag, method, URL, headers and body. */
    private static long sizeOf(String tag, String method, String url, String[] headers, byte[] body) {
        long size = body.length + utf8Length(method) + utf8Length(url) + utf8Length(tag);
        for (String h : headers) {
            size += utf8Length(h) + 2;
        }
        return size;
    }

    private static int utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Picks the idempotency key when the request brought none; worker thread, before storing. */
    void ensureKey(String fresh) {
        if (key == null) {
            key = fresh;
            String[] withKey = new String[headers.length + 2];
            System.arraycopy(headers, 0, withKey, 0, headers.length);
            withKey[headers.length] = KEY_HEADER;
            withKey[headers.length + 1] = fresh;
            headers = withKey;
        }
    }

    /** The request as it is sent on every attempt: same method, URL, headers, body and key. */
    HttpRequest toRequest(long maxResponseBytes) {
        HttpRequest.Builder b = HttpRequest.builder(method, url);
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        if (hasBody) {
            b.body(RequestBody.bytes(body, contentType));
        }
        // One attempt per send: the outbox's own backoff decides the next one, across runs.
        return b.retry(com.gdxfetch.net.RetryPolicy.none())
                .maxResponseBytes(maxResponseBytes)
                .build();
    }

    void markStored() {
        stored = true;
    }

    void markNotStored(String reason) {
        storeFailure = reason;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public boolean isStored() {
        return stored;
    }

    @Override
    public String storeFailure() {
        return storeFailure;
    }

    String key() {
        return key;
    }

    String method() {
        return method;
    }

    String url() {
        return url;
    }

    String[] headerNamesAndValues() {
        return headers;
    }

    String contentType() {
        return contentType;
    }

    boolean hasBody() {
        return hasBody;
    }

    byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "outbox entry " + id + " (" + method + " " + url + ")";
    }
}
