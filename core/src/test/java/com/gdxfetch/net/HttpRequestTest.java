package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HttpRequestTest {
    private static String rejection(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void malformedUrlsAreRejectedNamingTheProblem() {
        assertTrue(rejection(() -> HttpRequest.get("http://[::1/a")).contains("malformed URL"));
        assertTrue(rejection(() -> HttpRequest.get("ftp://example.com/")).contains("only http and https"));
        assertTrue(rejection(() -> HttpRequest.get("example.com/scores")).contains("no scheme"));
        assertTrue(rejection(() -> HttpRequest.get("http:///path")).contains("no host"));
        assertTrue(rejection(() -> HttpRequest.get("http://example.com:99999/")).contains("port"));
        assertTrue(rejection(() -> HttpRequest.get("http://example.com:-1/")).contains("'example.com:-1' where a host[:port] belongs"));
        assertTrue(rejection(() -> HttpRequest.get("http://-bad-.example/")).contains("'-bad-.example' where a host"));
        assertTrue(rejection(() -> HttpRequest.get("")).contains("empty"));
        assertTrue(rejection(() -> HttpRequest.get("http://example.com/?q=%zz")).toLowerCase().contains("escape"));
    }

    @Test
    void userInfoIsRefusedAsUserInfoEvenWithAnAtSignInThePassword() {
        assertTrue(rejection(() -> HttpRequest.get("http://player:secret@example.com/")).contains("user info"));
        String message = rejection(() -> HttpRequest.get("http://player:p@ss@example.com/scores"));
        assertTrue(message.contains("user info"), message);
    }

    @Test
    void aRefusedUrlsPasswordAppearsNeitherInTheMessageNorInItsCauses() {
        // A refusal is logged and shown; the password written into the URL must not travel with it.
        String[] urls = {"http://player:secret@example.com/", "http://player:p@secret@example.com/",
            "http://player:secret@example.com:99999/", "http://player:secret@example.com:abc/",
            "ftp://player:secret@example.com/", "http://player:secret@example.com/%zz",
            "http://player:secret@[::1/", "http://player:secret@ex ample.com/"};
        for (String url : urls) {
            Throwable refusal = assertThrows(IllegalArgumentException.class, () -> HttpRequest.get(url));
            assertTrue(String.valueOf(refusal.getMessage()).contains("ample.com")
                    || String.valueOf(refusal.getMessage()).contains("[::1"), refusal.getMessage());
            for (Throwable t = refusal; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), url + " -> " + t);
            }
        }
        String[] sockets = {"ws://player:secret@example.com/", "wss://player:secret@example.com:0/",
            "ftp://player:secret@example.com/"};
        for (String url : sockets) {
            Throwable refusal = assertThrows(IllegalArgumentException.class, () -> WebSocketRequest.builder(url));
            for (Throwable t = refusal; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), url + " -> " + t);
            }
        }
        String[] streams = {"http://player:secret@example.com/events", "ws://player:secret@example.com/"};
        for (String url : streams) {
            Throwable refusal = assertThrows(IllegalArgumentException.class, () -> EventStreamRequest.builder(url));
            for (Throwable t = refusal; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), url + " -> " + t);
            }
        }
    }

    @Test
    void aCredentialHeaderRefusedForALineBreakNamesTheHeaderButNotItsValue() {
        // A token read from a file often ends in a newline; the refusal must not print the token.
        String[][] fields = {{"Authorization", "Bearer s3cr3t-token\n"}, {"Proxy-Authorization", "Basic s3cr3t\r"},
            {"Cookie", "session=s3cr3t\u0000"}, {"X-Api-Key", "s3cr3t\n"}, {"X-Auth-Token", "s3cr3t\n"}};
        for (String[] field : fields) {
            String message = rejection(() -> HttpRequest.get("http://example.com/").header(field[0], field[1]));
            assertTrue(message.contains("'" + field[0] + "'") && message.contains("at index"), message);
            assertFalse(message.contains("s3cr3t"), message);
            String socket = rejection(() -> WebSocketRequest.builder("ws://example.com/").header(field[0], field[1]));
            assertFalse(socket.contains("s3cr3t"), socket);
            String stream = rejection(() -> EventStreamRequest.builder("http://example.com/")
                    .addHeader(field[0], field[1]));
            assertFalse(stream.contains("s3cr3t"), stream);
        }
        String plain = rejection(() -> HttpRequest.get("http://example.com/").header("Accept", "text/plain\n"));
        assertTrue(plain.contains("text/plain"), plain);
    }

    @Test
    void aLoneSurrogateInAQueryOrFormValueIsSentAsTheReplacementCharacterAsBrowsersSendIt() {
        // Text cut in the middle of an emoji keeps half of it; '?' in its place would be a real
        // character the server cannot tell from one the player typed.
        assertEquals("/scores?name=ab%EF%BF%BD&x=%EF%BF%BDc", HttpRequest.get("http://example.com/scores")
                .addQuery("name", "ab\ud83d").addQuery("x", "\udc00c").build().target());
        byte[] form = RequestBody.form("name", "ab\ud83d \ud83d\ude00").bytes();
        assertEquals("name=ab%EF%BF%BD+%F0%9F%98%80", new String(form, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRefusedHeaderQuotesItsControlCharactersEscapedNotRaw() {
        // A raw NUL or ESC in a logged message cuts or garbles the line that should show the mistake.
        String value = rejection(() -> HttpRequest.get("http://example.com/").header("Accept", "text\u0000\u001b[2J"));
        assertTrue(value.contains("'text\\u0000\\u001B[2J'") && value.contains("U+0000 at index 4"), value);
        String name = rejection(() -> HttpRequest.get("http://example.com/").header("X-\u0000Bad", "v"));
        assertTrue(name.contains("'X-\\u0000Bad'") && name.contains("U+0000 at index 2"), name);
    }

    @Test
    void aUrlRefusedForAControlCharacterIsQuotedWithItEscaped() {
        // Quoted raw, a CR LF in a URL would forge a second line in the log that shows the refusal.
        String message = rejection(() -> HttpRequest.get("http://example.com/a\r\nINFO forged line"));
        assertTrue(message.contains("'http://example.com/a\\r\\nINFO forged line'")
                && message.contains("U+000D) at index 20"), message);
        String host = rejection(() -> HttpRequest.get("http://exa\u0000mple.com/"));
        assertTrue(host.contains("'http://exa\\u0000mple.com/'"), host);
    }

    @Test
    void aSecondHostHeaderIsRefusedAtTheCall() {
        // RFC 9112 section 3.2: a server answers a request with two Host lines with 400.
        String message = rejection(() -> HttpRequest.get("http://example.com/").addHeader("Host", "a.example")
                .addHeader("host", "b.example"));
        assertTrue(message.contains("Host"), message);
        assertEquals("b.example", HttpRequest.get("http://example.com/").addHeader("Host", "a.example")
                .header("Host", "b.example").build().headers().get("Host"));
    }

    @Test
    void portZeroIsRefusedNamingThePortAsItsNeighboursAre() {
        String zero = rejection(() -> HttpRequest.get("http://example.com:0/scores"));
        assertTrue(zero.contains("http://example.com:0/scores") && zero.contains("port 0 outside 1-65535"), zero);
        // Too long for an int, java.net.URI takes no port at all: still a port out of range.
        String huge = rejection(() -> HttpRequest.get("http://example.com:99999999999/scores"));
        assertTrue(huge.contains("port 99999999999 outside 1-65535"), huge);
        assertEquals(65535, HttpRequest.get("http://example.com:65535/").build().port());
        assertEquals(80, HttpRequest.get("http://example.com:/").build().port());
    }

    @Test
    void anIpv4AddressWrittenInAnyFormButDottedDecimalIsRefusedNamingTheHost() {
        // Browsers read 0177 as octal (127); the JDK reads it as decimal 177 and would connect elsewhere.
        for (String host : new String[] {"0177.0.0.1", "127.0.0.01", "2130706433", "010.0.0.1", "127.1", "0x7f.1",
            "0x7f000001", "127.0.1"}) {
            String message = rejection(() -> HttpRequest.get("http://" + host + ":8080/x"));
            assertTrue(message.contains("'" + host + "'") && message.contains("dotted decimal"), message);
        }
        assertEquals("127.0.0.1", HttpRequest.get("http://127.0.0.1/").build().host());
        assertEquals("10.200.0.255", HttpRequest.get("http://10.200.0.255/").build().host());
        assertEquals("1e100.example", HttpRequest.get("http://1e100.example/").build().host());
        assertEquals("7.example", HttpRequest.get("http://7.example/").build().host());
    }

    @Test
    void anIpv6ZoneIdIsRefusedAtTheCallInsteadOfFailingAsAnUnknownInterface() {
        for (String url : new String[] {"http://[fe80::1%25eth0]/", "http://[fe80::1%eth0]:8080/"}) {
            String message = rejection(() -> HttpRequest.get(url));
            assertTrue(message.contains(url) && message.contains("zone"), message);
        }
        HttpRequest v6 = HttpRequest.get("http://[::1]:8080/x").build();
        assertEquals("[::1]", v6.host());
        assertEquals("[::1]:8080", v6.hostKey());
    }

    @Test
    void aTextBodyWithoutACharsetOrMediaTypeIsRefusedNamingWhatIsMissing() {
        String charset = rejection(() -> RequestBody.text("hi", null));
        assertTrue(charset.contains("charset is null"), charset);
        String media = rejection(() -> RequestBody.text("hi", java.nio.charset.StandardCharsets.UTF_8, null));
        assertTrue(media.contains("media type is empty"), media);
        String empty = rejection(() -> RequestBody.text("hi", java.nio.charset.StandardCharsets.UTF_8, ""));
        assertTrue(empty.contains("media type is empty"), empty);
    }

    @Test
    void aHostInCapitalsIsTheSameHostForLimitsAndConnectionsAsInLowerCase() {
        HttpRequest shouted = HttpRequest.get("HTTP://Scores.EXAMPLE.com:8080/Top?Mode=X").build();
        assertEquals("http://Scores.EXAMPLE.com:8080/Top?Mode=X", shouted.url());
        assertEquals(HttpRequest.get("http://scores.example.com:8080/").build().hostKey(), shouted.hostKey());
        assertEquals("[::ab]:80", HttpRequest.get("http://[::AB]/").build().hostKey());
    }

    @Test
    void aUrlWithASpaceAroundItIsRefusedInsteadOfSentToAnotherPath() {
        // A space inside is encoded; one pasted at an end would make a path such as /scores%20.
        String trailing = rejection(() -> HttpRequest.get("http://example.com/scores "));
        assertTrue(trailing.contains("'http://example.com/scores '") && trailing.contains("ends with a space"), trailing);
        String leading = rejection(() -> HttpRequest.get(" http://example.com/scores"));
        assertTrue(leading.contains("starts with a space"), leading);
        assertEquals("/a%20b", HttpRequest.get("http://example.com/a b").build().target());
    }

    @Test
    void anInternationalHostThatFoldsIntoAUrlDelimiterIsRefusedInsteadOfNamingAnotherHost() {
        // Fullwidth '/', ':', '?' and '#' become ASCII delimiters in a host's ASCII form: the
        // first URL would otherwise connect to evil.com, the second to port 8080.
        for (String url : new String[] {"http://evil.com\uFF0F.good.com/", "http://good.com\uFF1A8080/x",
                "http://evil.com\uFF1F.good.com/", "http://evil.com\uFF03.good.com/"}) {
            String message = rejection(() -> HttpRequest.get(url));
            assertTrue(message.contains(url) && message.contains("ASCII form"), message);
        }
        assertEquals("example.com", HttpRequest.get("http://example\u3002com/").build().host());
        assertEquals("xn--bcher-kva.example", HttpRequest.get("http://b\u00fccher.example:8080/").build().host());
    }

    @Test
    void aHostWithACharacterJavasIdnaFoldsButBrowsersKeepIsRefusedRatherThanSentToAnotherHost() {
        // java.net.IDN (IDNA 2003) makes fa\u00df.de fass.de, another registered domain; browsers
        // (IDNA 2008, UTS 46 nontransitional) send xn--fa-hia.de. Same for final sigma and the joiners.
        String[][] cases = {{"fa\u00df.de", "U+00DF"}, {"\u03c3\u03bf\u03c6\u03bf\u03c2.gr", "U+03C2"},
            {"a\u200db.example", "U+200D"}, {"a\u200cb.example", "U+200C"}, {"FA\u1e9e.de", "U+1E9E"}};
        for (String[] c : cases) {
            String message = rejection(() -> HttpRequest.get("http://" + c[0] + ":8080/x"));
            assertTrue(message.contains("'" + c[0] + "'") && message.contains(c[1]) && message.contains("ASCII form"),
                    message);
        }
    }

    @Test
    void aQueryParameterAddedBeforeAnyUrlIsRefusedRatherThanLostWhenTheUrlIsSet() {
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> new HttpRequest.Builder().addQuery("page", 2));
        assertTrue(early.getMessage().contains("'page'") && early.getMessage().contains("before"), early.getMessage());
        assertThrows(IllegalStateException.class, () -> new HttpRequest.Builder().query("page", 2));
        assertEquals("http://example.com/?page=2",
                new HttpRequest.Builder().url("http://example.com/").addQuery("page", 2).build().url());
    }

    @Test
    void aBadUrlIsRejectedEveryTimeItIsGiven() {
        for (int i = 0; i < 3; i++) {
            String message = rejection(() -> HttpRequest.get("http://example.com/?q=%zz"));
            assertTrue(message.contains("http://example.com/?q=%zz") && message.contains("escape"), message);
        }
    }

    @Test
    void changingTheQueryOfOneRequestLeavesOthersOfTheSameUrlAlone() {
        String url = "http://example.com/s?mode=ranked&tag=a";
        HttpRequest changed = HttpRequest.get(url).removeQuery("tag").addQuery("page", 2).build();
        HttpRequest plain = HttpRequest.get(url).build();
        HttpRequest again = HttpRequest.get(url).build();
        assertEquals("/s?mode=ranked&page=2", changed.target());
        assertEquals("/s?mode=ranked&tag=a", plain.target());
        assertEquals(plain.url(), again.url());
        assertEquals("http://example.com/s?mode=ranked&page=2", changed.url());
        assertEquals("example.com:80", again.hostKey());
    }

    @Test
    void headersWithCrOrLfAreRejected() {
        String value = rejection(() -> HttpRequest.get("http://example.com/").header("X-Name", "a\r\nInjected: 1"));
        assertTrue(value.contains("X-Name") && value.contains("CR"), value);
        String name = rejection(() -> HttpRequest.get("http://example.com/").header("Bad\nName", "v"));
        assertTrue(name.contains("LF"), name);
        assertTrue(rejection(() -> HttpRequest.get("http://example.com/").header("", "v")).contains("empty"));
    }

    @Test
    void queryParametersAreMultiValuedUtf8EncodedAndKeepTheirOrder() {
        HttpRequest request = HttpRequest.get("http://example.com/s?mode=ranked&tag=a")
                .addQuery("tag", "b c")
                .addQuery("name", "Zo\u00eb & co")
                .query("mode", "casual")
                .addQuery("emoji", "\u263a")
                .build();
        assertEquals("/s?tag=a&tag=b%20c&name=Zo%C3%AB%20%26%20co&mode=casual&emoji=%E2%98%BA", request.target());
        HttpRequest removed = request.newBuilder().removeQuery("tag").build();
        assertEquals("/s?name=Zo%C3%AB%20%26%20co&mode=casual&emoji=%E2%98%BA", removed.target());
    }

    @Test
    void theFragmentIsNeverSentAndPortsDefaultFromTheScheme() {
        HttpRequest plain = HttpRequest.get("HTTP://Example.com/page#section").build();
        assertEquals("http://Example.com/page", plain.url());
        assertEquals(80, plain.port());
        HttpRequest secure = HttpRequest.get("https://example.com").build();
        assertEquals("/", secure.target());
        assertEquals(443, secure.port());
        assertEquals("example.com:443", secure.hostKey());
    }

    @Test
    void headersAreCaseInsensitiveMultiValuedAndKeepTheirNames() {
        HttpRequest request = HttpRequest.get("http://example.com/")
                .addHeader("Accept", "text/plain")
                .addHeader("ACCEPT", "application/json")
                .header("X-Token", "1")
                .header("x-token", "2")
                .removeHeader("x-missing")
                .build();
        assertEquals(List.of("text/plain", "application/json"), request.headers().values("accept"));
        assertEquals("2", request.headers().get("X-TOKEN"));
        assertEquals(3, request.headers().size());
        assertEquals("x-token", request.headers().name(2));
    }

    @Test
    void methodsAreTokensAndBodiesNeedAMethodThatCarriesThem() {
        assertEquals("PROPFIND", HttpRequest.builder("PROPFIND", "http://example.com/").build().method());
        assertTrue(rejection(() -> HttpRequest.builder("GET X", "http://example.com/")).contains("invalid character"));
        assertTrue(rejection(() -> HttpRequest.get("http://example.com/").body(RequestBody.text("x")).build())
                .contains("cannot carry a body"));
        assertTrue(rejection(() -> RequestBody.form("only-a-name")).contains("alternating"));
        assertTrue(rejection(() -> HttpRequest.get("http://example.com/").readTimeout(-1)).contains("read timeout"));
    }

    @Test
    void connectIsRefusedAtTheCallAsItsTargetIsAHostAndPortWhereARequestSendsAPath() {
        // RFC 9112 section 3.2.3: a CONNECT names host:port on its request line, and its 2xx opens a
        // tunnel with no body (RFC 9110 section 9.3.6); sent as "CONNECT /path" it is malformed.
        String message = rejection(() -> HttpRequest.builder("CONNECT", "http://example.com/"));
        assertTrue(message.contains("CONNECT"), message);
        assertEquals("connect", HttpRequest.builder("connect", "http://example.com/").build().method(),
                "methods are case-sensitive: 'connect' is some other method");
    }
}
