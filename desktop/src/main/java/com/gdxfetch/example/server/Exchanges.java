package com.gdxfetch.example.server;

import com.badlogic.gdx.utils.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Reading requests and writing responses, shared by the server's handlers. */
final class Exchanges {
    private Exchanges() {
    }

    /**
     * Reads the request body, refusing (413) as soon as it passes {@code limit} bytes, so an
     * oversized upload is never held in memory.
     */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException, BadRequestException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException(400, "Content-Length '" + declared + "' is not a number");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (body.size() + n > limit) {
                    throw tooLarge(limit);
                }
                body.write(chunk, 0, n);
            }
        }
        return body.toByteArray();
    }

    private static BadRequestException tooLarge(int limit) {
        return new BadRequestException(413, "request body is larger than " + limit + " bytes");
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        StringWriter text = new StringWriter();
        JsonWriter json = new JsonWriter(text);
        json.setOutputType(JsonWriter.OutputType.json);
        json.object().set("error", message).pop();
        sendJson(exchange, status, text.toString());
    }

    /** Sends a JSON body with {@code status}; the response is never cached. */
    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        sendJson(exchange, status, json, "no-store");
    }

    /** Sends a JSON body with {@code status} and the given {@code Cache-Control}. */
    static void sendJson(HttpExchange exchange, int status, String json, String cacheControl) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        send(exchange, status, bytes);
    }

    /** Sends {@code body} (empty for none) with {@code status}, then closes the exchange. */
    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
