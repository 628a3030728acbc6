package com.gdxfetch.example.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves sprite sheets ({@code GET /sheets/<file>}): each atlas and the page images it names,
 * read once from the classpath. Every response carries a strong ETag and
 * {@code Cache-Control: max-age=0}, so clients keep a copy and revalidate it (and may show it when
 * the server cannot be reached, which {@code no-cache} would forbid), and a matching
 * {@code If-None-Match} gets {@code 304 Not Modified} with no body.
 */
final class SheetHandler implements HttpHandler {
    static final String PREFIX = "/sheets/";

    private record StaticFile(byte[] bytes, String etag, String contentType) {
    }

    private final Map<String, StaticFile> files = new HashMap<>();

    /** Loads {@code atlases} (names under {@code sheets/} on the classpath) and their pages. */
    SheetHandler(String... atlases) throws IOException {
        for (String atlas : atlases) {
            byte[] text = load(atlas);
            put(atlas, text, "text/plain; charset=utf-8");
            for (String line : new String(text, StandardCharsets.UTF_8).split("\r?\n")) {
                // In the .atlas format a page starts with its image name on an unindented line.
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(".png")) {
                    put(line.trim(), load(line.trim()), "image/png");
                }
            }
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Exchanges.sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use GET");
                return;
            }
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            StaticFile file = files.get(name);
            if (file == null) {
                Exchanges.sendError(exchange, 404, "no sprite sheet file '" + name + "'");
                return;
            }
            exchange.getResponseHeaders().set("ETag", file.etag());
            exchange.getResponseHeaders().set("Cache-Control", "max-age=0");
            if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), file.etag())) {
                Exchanges.send(exchange, 304, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            Exchanges.send(exchange, 200, file.bytes());
        } finally {
            exchange.close();
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private void put(String name, byte[] bytes, String contentType) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            files.put(name, new StaticFile(bytes, etag, contentType));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] load(String name) throws IOException {
        try (InputStream in = SheetHandler.class.getResourceAsStream("/sheets/" + name)) {
            if (in == null) {
                throw new IOException("sprite sheet file sheets/" + name + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
