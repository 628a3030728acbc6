package com.gdxfetch.net;

/**
 * A request's failure: what kind it was, which URL, and the cause.
 *
 * <p>Delivered to {@link FetchCallback#onFailure} on the render thread, and thrown by
 * {@link FetchHandle#result()} for a failed or cancelled request. Immutable.
 */
public final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final String method;
    private final String url;
    private final HttpResponse response;
    private final boolean requestSent;

    /**
     * Creates a failure.
     *
     * @param requestSent whether any byte of the request may have reached the server; false only
     *     when the connection failed first, which makes even a POST safe to retry
     * @param response the response for {@link FailureKind#HTTP_STATUS} and
     *     {@link FailureKind#DECODE}, else null
     */
    public FetchException(FailureKind kind, String method, String url, String detail,
            Throwable cause, HttpResponse response, boolean requestSent) {
        super(kind + ": " + method + " " + url + (detail == null ? "" : ": " + detail), cause);
        this.kind = kind;
        this.method = method;
        this.url = url;
        this.response = response;
        this.requestSent = requestSent;
    }

    /** A failure with no response, where the request may have been sent. */
    public FetchException(FailureKind kind, HttpRequest request, String detail, Throwable cause) {
        this(kind, request.method(), request.url(), detail, cause, null, true);
    }

    /** What kind of failure this is. */
    public FailureKind kind() {
        return kind;
    }

    /** The request method. */
    public String method() {
        return method;
    }

    /** The URL that failed (after redirects, the last one tried). */
    public String url() {
        return url;
    }

    /**
     * The response that caused the failure, for HTTP status and decode failures; for a failure
     * reading the body (too large, cut short), the status and headers without the body; else null.
     */
    public HttpResponse response() {
        return response;
    }

    /** The HTTP status of {@link #response()}, or -1 when there is none. */
    public int status() {
        return response == null ? -1 : response.status();
    }

    /** False only when the connection failed before any byte of the request was written. */
    public boolean isRequestSent() {
        return requestSent;
    }
}
