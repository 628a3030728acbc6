package com.gdxfetch.example.online;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;

/**
 * What the game server answered: for a 2xx status the decoded body, otherwise the status and the
 * message of the server's {@code {"error": "..."}} body. Both are decoded on a worker thread by
 * {@link #decoder(Class)}, so the render thread only reads fields. Immutable.
 *
 * @param <T> the body type of a successful answer
 */
public final class ServerAnswer<T> {
    private static final ResponseDecoder<ErrorBody> ERROR_BODY = Decoders.json(ErrorBody.class);

    private final int status;
    private final T body;
    private final String error;

    private ServerAnswer(int status, T body, String error) {
        this.status = status;
        this.body = body;
        this.error = error;
    }

    /**
     * Decodes any answer, on a worker thread: a 2xx body into {@code type}, any other status's
     * error message. Send with {@code failOnHttpError(false)} so error answers reach it; a 2xx body
     * that is not valid JSON, or is JSON {@code null}, still fails the request with {@code DECODE},
     * so a successful answer always has its {@link #body()}.
     */
    public static <T> ResponseDecoder<ServerAnswer<T>> decoder(Class<T> type) {
        ResponseDecoder<T> bodies = Decoders.json(type);
        return response -> {
            if (!response.isSuccessful()) {
                return new ServerAnswer<T>(response.status(), null, errorMessage(response));
            }
            T body = bodies.decode(response);
            if (body == null) {
                // Json reads "null" as no object: the render thread would meet it as a crash.
                throw new IllegalArgumentException("the server's " + response.status() + " answer has a null body");
            }
            return new ServerAnswer<>(response.status(), body, null);
        };
    }

    /** True for a 2xx status, when {@link #body()} holds the answer. */
    public boolean isSuccessful() {
        return error == null;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The decoded body of a successful answer, never null; null otherwise. */
    public T body() {
        return body;
    }

    /** The server's message for an unsuccessful answer ("" when its body had none); null on success. */
    public String error() {
        return error;
    }

    private static String errorMessage(HttpResponse response) {
        try {
            ErrorBody body = ERROR_BODY.decode(response);
            return body != null && body.error != null ? body.error : "";
        } catch (Exception notJson) {
            // A proxy's HTML error page says nothing the player can use; the status still shows.
            return "";
        }
    }

    /** The server's error body; filled in by libGDX Json. */
    public static final class ErrorBody {
        /** What the server says was wrong. */
        public String error;
    }
}
