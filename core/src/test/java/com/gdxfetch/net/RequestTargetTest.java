package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes on the request line and in the Host header for the URL a game wrote. */
class RequestTargetTest {
    private final Transport transport = Transports.sockets();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    @AfterEach
    void dispose() {
        transport.dispose();
    }

    /** A server recording each request line and answering 200 "ok" on a kept-alive connection. */
    private RawServer recorder() throws Exception {
        return new RawServer((socket, index) -> {
            while (true) {
                String head = RawServer.readHead(socket.getInputStream());
                requestLines.add(head.substring(0, head.indexOf("\r\n")));
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
    }

    private String requestLineFor(HttpRequest.Builder request) throws Exception {
        RecordingListener listener = new RecordingListener();
        transport.start(request.connectTimeout(10_000).readTimeout(10_000).maxResponseBytes(1000).build(), listener);
        listener.awaitResponse();
        return requestLines.get(requestLines.size() - 1);
    }

    /**
     * A server answering a request for {@code target} with a 302 to the Location {@code location}
     * gives at that moment, and any other with 200 "ok", recording each request line.
     */
    private RawServer redirecting(String target, Supplier<String> location) throws Exception {
        return new RawServer((socket, index) -> {
            while (true) {
                String head = RawServer.readHead(socket.getInputStream());
                String line = head.substring(0, head.indexOf("\r\n"));
                requestLines.add(line);
                if (line.equals("GET " + target + " HTTP/1.1")) {
                    RawServer.writeUtf8(socket.getOutputStream(), "HTTP/1.1 302 Found\r\nLocation: " + location.get()
                            + "\r\nContent-Length: 0\r\n\r\n");
                } else {
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                }
            }
        });
    }

    /** A GET of {@code url} through a manager, which follows redirects, run to its outcome. */
    private static FetchHandle<HttpResponse> followed(String url) {
        FetchManager fetch = new FetchManager();
        try {
            FetchHandle<HttpResponse> handle = fetch.get(url).send();
            Frames.untilDone(fetch, handle);
            return handle;
        } finally {
            fetch.dispose();
        }
    }

    @Test
    void nonAsciiAndSpacesInThePathArePercentEncodedAsUtf8() throws Exception {
        try (RawServer raw = recorder()) {
            assertEquals("GET /b%C3%BCcher/%E6%97%A5%20x.png HTTP/1.1",
                    requestLineFor(HttpRequest.get(raw.url("/bücher/日 x.png"))));
        }
    }

    @Test
    void aQueryWrittenInTheUrlReachesTheServerByteForByte() throws Exception {
        try (RawServer raw = recorder()) {
            String query = "?q=a+b;c=d/e%2Ff&&empty=&bare&x=%7E~!$'()*,:@/?";
            assertEquals("GET /search" + query + " HTTP/1.1", requestLineFor(HttpRequest.get(raw.url("/search" + query))));
        }
    }

    @Test
    void onlyParametersAddedThroughTheBuilderAreEncodedByUs() throws Exception {
        try (RawServer raw = recorder()) {
            assertEquals("GET /s?q=a+b;c&page=2&name=x%20y%26z%3D%C3%BC HTTP/1.1",
                    requestLineFor(HttpRequest.get(raw.url("/s?q=a+b;c&page=1")).query("page", 2)
                            .addQuery("name", "x y&z=ü")));
            assertEquals("GET /s?page=1 HTTP/1.1",
                    requestLineFor(HttpRequest.get(raw.url("/s?q=a+b;c&page=1")).removeQuery("q")));
        }
    }

    @Test
    void nonAsciiInTheQueryIsPercentEncodedAndTheRestKept() throws Exception {
        try (RawServer raw = recorder()) {
            assertEquals("GET /s?name=J%C3%BCrgen+M&city=%20x HTTP/1.1",
                    requestLineFor(HttpRequest.get(raw.url("/s?name=Jürgen+M&city= x#frag"))));
        }
    }

    @Test
    void anInternationalizedHostIsSentInItsAsciiForm() {
        HttpRequest request = HttpRequest.get("https://Bücher.example:8443/regal?x=1").build();

        assertEquals("xn--bcher-kva.example", request.host());
        assertEquals("xn--bcher-kva.example:8443", request.hostKey());
        assertEquals("https://xn--bcher-kva.example:8443/regal?x=1", request.url());
        assertEquals("/regal?x=1", request.target());
    }

    @Test
    void badEscapesAndControlCharactersInAUrlAreRefusedNamingTheUrl() {
        String[] bad = {"http://host/100%", "http://host/a%zzb", "http://host/a?b=%4", "http://host/a\nb",
                "http://host/a\tb", "http://host/a?b=\u0000"};
        for (String url : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpRequest.get(url).build(),
                    url);
            assertTrue(e.getMessage().contains("index"), e.getMessage());
            assertTrue(e.getMessage().contains(url.substring(0, 12)), e.getMessage());
        }
    }

    @Test
    void aFollowedLocationWithNonAsciiIsPercentEncoded() throws Exception {
        try (RawServer raw = redirecting("/start", () -> "/zïel/ä b?q=a+b;ü")) {
            assertEquals("ok", followed(raw.url("/start")).result().text());
            assertEquals("GET /z%C3%AFel/%C3%A4%20b?q=a+b;%C3%BC HTTP/1.1", requestLines.get(1));
        }
    }

    @Test
    void dotSegmentsInThePathAreRemovedAsBrowsersAndCurlDoButTheQueryIsKept() throws Exception {
        String[][] pathAndSent = {
            {"/a/b/../c/./d", "/a/c/d"},
            {"/a/b/..", "/a/"},
            {"/a/.", "/a/"},
            {"/../../x", "/x"},
            {"/..", "/"},
            {"/a/..b/.c/...", "/a/..b/.c/..."},
            {"/a/%2e%2e/b", "/a/%2e%2e/b"},
            {"/s/../t?path=../../u/./v", "/t?path=../../u/./v"},
        };
        try (RawServer raw = recorder()) {
            for (String[] row : pathAndSent) {
                assertEquals("GET " + row[1] + " HTTP/1.1", requestLineFor(HttpRequest.get(raw.url(row[0]))), row[0]);
            }
        }
        assertEquals("http://host/x?y", HttpRequest.get("http://host/a/../../x?y").build().url());
    }

    @Test
    void aFollowedLocationClimbingAboveTheRootStopsAtTheRoot() throws Exception {
        try (RawServer raw = redirecting("/a/start", () -> "../../../end")) {
            assertEquals("ok", followed(raw.url("/a/start")).result().text());
            assertEquals("GET /end HTTP/1.1", requestLines.get(1));
        }
    }

    @Test
    void aFollowedLocationIsResolvedAgainstTheRequestUrlAsRfc3986Says() throws Exception {
        AtomicReference<String> location = new AtomicReference<>();
        try (RawServer raw = redirecting("/b/c/d;p?q", location::get)) {
            String authority = raw.url("").substring("http://".length()).replaceAll("/.*", "");
            String[][] locationAndSent = {
                {"g", "/b/c/g"},
                {"?y", "/b/c/d;p?y"},
                {"g?y", "/b/c/g?y"},
                {";x", "/b/c/;x"},
                {".", "/b/c/"},
                {"../g", "/b/g"},
                {"../../../g", "/g"},
                {"g?y/../x", "/b/c/g?y/../x"},
                {"//" + authority + "/g", "/g"},
                {"/./g#s", "/g"},
            };
            for (String[] row : locationAndSent) {
                location.set(row[0]);
                assertEquals("ok", followed(raw.url("/b/c/d;p?q")).result().text(), row[0]);
                assertEquals("GET " + row[1] + " HTTP/1.1", requestLines.get(requestLines.size() - 1), row[0]);
            }
        }
    }

    @Test
    void anEmptyLocationNamesTheSameUrlAndFailsAsARedirectLoop() throws Exception {
        try (RawServer raw = redirecting("/page?x=1", () -> "")) {
            FetchException failure = followed(raw.url("/page?x=1")).failure();

            assertEquals(FailureKind.PROTOCOL, failure.kind());
            assertTrue(failure.getMessage().contains("redirect loop"), failure.getMessage());
            assertEquals(List.of("GET /page?x=1 HTTP/1.1"), requestLines);
        }
    }
}
