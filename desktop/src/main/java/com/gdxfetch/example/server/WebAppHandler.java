package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the example game's web build ({@code GET /web/...}) from {@code webapp/} on the
 * classpath, where the {@code gdx-fetch-example-web} jar puts the GWT output. Same origin as the
 * leaderboard API, so the browser needs no CORS headers. Files are read once and kept; only names
 * made of plain path segments are looked up, so no request reaches outside {@code webapp/}.
 */
final class WebAppHandler implements HttpHandler {
    static final String PREFIX = "/web/";
    static final String INDEX = "index.html";
    private static final String ROOT = "webapp/";
    /** GWT's loader script: present only when the build ran the GWT compiler. */
    private static final String SCRIPT = "nightshift/nightshift.nocache.js";

    private record StaticFile(byte[] bytes, String contentType) {
    }

    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    /** Whether this classpath carries the compiled web build, not only its page. */
    static boolean available() {
        return WebAppHandler.class.getClassLoader().getResource(ROOT + SCRIPT) != null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Exchanges.sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use GET");
                return;
            }
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (name.isEmpty()) {
                name = INDEX;
            }
            if (!plain(name)) {
                Exchanges.sendError(exchange, 404, "no web build file '" + name + "'");
                return;
            }
            StaticFile file = files.get(name);
            if (file == null) {
                file = load(name);
                if (file == null) {
                    Exchanges.sendError(exchange, 404, available() ? "no web build file '" + name + "'"
                            : "this build has no web build (it was built with -Dgwt.skip=true)");
                    return;
                }
                files.put(name, file);
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            // GWT names its compiled script by content hash (*.cache.*); everything else revalidates.
            exchange.getResponseHeaders().set("Cache-Control", name.contains(".cache.") ? "max-age=31536000" : "no-cache");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            Exchanges.send(exchange, 200, file.bytes());
        } finally {
            exchange.close();
        }
    }

    /** Whether {@code name} is made of non-empty segments of safe characters, none of them dots only. */
    private static boolean plain(String name) {
        if (name.length() > 200) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.chars().allMatch(c -> c == '.')) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '-' && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }

    private static StaticFile load(String name) throws IOException {
        try (InputStream in = WebAppHandler.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : new StaticFile(in.readAllBytes(), contentType(name));
        }
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "application/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "jpg", "jpeg" -> "image/jpeg";
            case "ogg" -> "audio/ogg";
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "txt", "fnt", "atlas", "glsl" -> "text/plain; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
