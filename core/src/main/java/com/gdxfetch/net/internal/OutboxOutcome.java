package com.gdxfetch.net.internal;

import com.gdxfetch.net.OutboxResult;

import java.nio.charset.StandardCharsets;

/** A recorded final answer, as the journal keeps it and the listener receives it. */
final class OutboxOutcome implements OutboxResult {
    private final String id;
    private final String tag;
    private final String key;
    private final String method;
    private final String url;
    private final int status;
    private final byte[] body;

    OutboxOutcome(String id, String tag, String key, String method, String url, int status, byte[] body) {
        this.id = id;
        this.tag = tag;
        this.key = key;
        this.method = method;
        this.url = url;
        this.status = status;
        this.body = body;
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
    public String method() {
        return method;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String idempotencyKey() {
        return key;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "outbox outcome " + id + ": " + method + " " + url + " answered " + status;
    }
}
