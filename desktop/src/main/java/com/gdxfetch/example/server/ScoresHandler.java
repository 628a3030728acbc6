package com.gdxfetch.example.server;

import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.badlogic.gdx.utils.JsonWriter;
import com.badlogic.gdx.utils.SerializationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The leaderboard API. {@code GET /api/scores?limit=10} returns the best scores, and in
 * {@code "live"} the URL of the feed that says when they change ({@link LiveScores});
 * {@code POST /api/scores} with {@code {"name": "ACE", "score": 1200}} records one. A POST may
 * carry an {@code Idempotency-Key} header; repeating it replays the first answer (200 with
 * {@code "replayed": true}) instead of counting the score twice. Bad input gets a 4xx with
 * {@code {"error": "..."}} naming the problem.
 */
final class ScoresHandler implements HttpHandler {
    static final String PATH = "/api/scores";
    /** Largest request body accepted; a score submission is a few dozen bytes. */
    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_NAME_LENGTH = 16;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_KEY_LENGTH = 100;

    private final ScoreStore store;
    private final LiveScores live;

    ScoresHandler(ScoreStore store, LiveScores live) {
        this.store = store;
        this.live = live;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                throw new BadRequestException(404, "no such resource " + exchange.getRequestURI().getPath());
            }
            switch (exchange.getRequestMethod()) {
                // Stale at once, so every view online asks again; but a player's cache may keep the
                // board and show it, labelled, when this server cannot be reached.
                case "GET" -> Exchanges.sendJson(exchange, 200,
                        top(store, limit(exchange.getRequestURI().getRawQuery()), live.url()), "private, max-age=0");
                case "POST" -> submit(exchange);
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, POST");
                    throw new BadRequestException(405,
                            exchange.getRequestMethod() + " is not allowed; use GET or POST");
                }
            }
        } catch (BadRequestException e) {
            Exchanges.sendError(exchange, e.status(), e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void submit(HttpExchange exchange) throws IOException, BadRequestException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new BadRequestException(400, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
        JsonValue json;
        try {
            json = new JsonReader().parse(new String(body, StandardCharsets.UTF_8));
        } catch (SerializationException e) {
            throw new BadRequestException(400, "malformed JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new BadRequestException(400, "expected a JSON object like {\"name\": \"ACE\", \"score\": 1200}");
        }
        String name = name(json.get("name"));
        int score = score(json.get("score"));
        ScoreStore.Submission result = store.submit(name, score, key);
        if (!result.replayed()) {
            live.publish();
        }
        StringWriter text = new StringWriter();
        JsonWriter out = new JsonWriter(text);
        out.setOutputType(JsonWriter.OutputType.json);
        out.object().set("id", result.entry() == null ? -1 : result.entry().id()).set("rank", result.rank())
                .set("replayed", result.replayed()).pop();
        Exchanges.sendJson(exchange, result.replayed() ? 200 : 201, text.toString());
    }

    private static String name(JsonValue value) throws BadRequestException {
        if (value == null || !value.isString()) {
            throw new BadRequestException(400, "field 'name' is missing or not a string");
        }
        String name = value.asString().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException(422, "field 'name' must be 1 to " + MAX_NAME_LENGTH + " characters, was "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && " -_.".indexOf(c) < 0) {
                throw new BadRequestException(422, "field 'name' has a character not allowed at index " + i
                        + "; use letters, digits, space, '-', '_' or '.'");
            }
        }
        return name;
    }

    private static int score(JsonValue value) throws BadRequestException {
        if (value == null || !value.isNumber()) {
            throw new BadRequestException(400, "field 'score' is missing or not a number");
        }
        double score = value.asDouble();
        if (score != Math.rint(score) || score < 0 || score > ScoreStore.MAX_SCORE) {
            throw new BadRequestException(422, "field 'score' must be a whole number from 0 to "
                    + ScoreStore.MAX_SCORE + ", was " + value.asString());
        }
        return (int) score;
    }

    private static int limit(String query) throws BadRequestException {
        int limit = 10;
        if (query == null) {
            return limit;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("limit=")) {
                try {
                    limit = Integer.parseInt(pair.substring(6));
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw new BadRequestException(400, "limit must be a whole number from 1 to " + MAX_LIMIT
                            + ", was '" + pair.substring(6) + "'");
                }
            }
        }
        return limit;
    }

    /** The best {@code limit} scores as JSON, with the live feed's URL when {@code liveUrl} is not null. */
    static String top(ScoreStore store, int limit, String liveUrl) {
        List<ScoreEntry> best = store.top(limit);
        StringWriter text = new StringWriter();
        JsonWriter out = new JsonWriter(text);
        out.setOutputType(JsonWriter.OutputType.json);
        try {
            out.object();
            if (liveUrl != null) {
                out.set("live", liveUrl);
            }
            out.array("scores");
            for (int i = 0; i < best.size(); i++) {
                ScoreEntry e = best.get(i);
                out.object().set("rank", i + 1).set("id", e.id()).set("name", e.name()).set("score", e.score()).pop();
            }
            out.pop().pop();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return text.toString();
    }
}
