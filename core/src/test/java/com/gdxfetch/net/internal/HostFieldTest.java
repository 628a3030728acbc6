package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Host field (RFC 9110 section 7.2, uri-host [":" port]) a URL gives every request, event
 * stream and WebSocket handshake: the port as a number, and only when not the scheme's default.
 */
class HostFieldTest {
    private static String host(String url) {
        return ParsedUrl.of(url).hostField;
    }

    @Test
    void theDefaultPortIsLeftOutHoweverTheUrlSpellsIt() {
        assertEquals("game.example", host("http://game.example/"));
        assertEquals("game.example", host("http://game.example:80/"));
        assertEquals("game.example", host("http://game.example:080/"));
        assertEquals("game.example", host("http://game.example:/"));
        assertEquals("game.example", host("https://game.example:443/"));
        assertEquals("game.example:443", host("http://game.example:443/"));
        assertEquals("game.example:80", host("https://game.example:80/"));
        assertEquals("game.example:8080", host("http://game.example:08080/"));
    }

    @Test
    void anIpv6LiteralKeepsItsBrackets() {
        assertEquals("[::1]", host("http://[::1]/"));
        assertEquals("[::1]:8080", host("http://[::1]:8080/"));
        assertEquals("[::1]", host("https://[::1]:443/"));
        assertEquals("127.0.0.1:8080", host("http://127.0.0.1:8080/"));
    }
}
