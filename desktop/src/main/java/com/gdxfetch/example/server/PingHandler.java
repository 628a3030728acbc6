package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /api/ping}: the cheapest request there is, for the overlay's 500-request burst. */
final class PingHandler implements HttpHandler {
    static final String PATH = "/api/ping";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Exchanges.sendJson(exchange, 200, "{\"pong\":true}");
        } finally {
            exchange.close();
        }
    }
}
