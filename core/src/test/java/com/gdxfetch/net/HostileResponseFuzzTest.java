package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.gdxfetch.testing.UncaughtExceptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A loopback server answers each request with bytes generated from a fixed seed: a valid
 * response (Content-Length, chunked with extensions and trailers, close-delimited, interim 1xx
 * first, 204, 304, HEAD) with one mutation applied. Each case knows what RFC 9112 makes of its
 * bytes: the body, a failure (invalid framing is never guessed at), or either. After each
 * mutated response the same manager sends a follow-up request whose answer is valid: it must
 * get its own tag, never bytes the mutated response left on a kept-alive connection. Every
 * fourth body is consumed as it arrives (line by line) rather than gathered, which reads it
 * through the streaming sink instead.
 *
 * <p>Every case is a pure function of its seed; a failure prints the seed and the bytes sent.
 */
class HostileResponseFuzzTest {
    private static final long BASE_SEED = 0x5EED_F00DL;
    private static final int CASES = 1200;
    private static final int TLS_CASES = 400;
    private static final int LANES = 8;
    /** Long enough that a loaded machine's scheduling (and a TLS handshake) is never taken for a silent server. */
    private static final int READ_TIMEOUT_MILLIS = 1_000;
    private static final int TOTAL_TIMEOUT_MILLIS = 4_000;
    /** Frames, a loaded machine and the timer granularity, beyond the total timeout. */
    private static final long SLACK_MILLIS = 3_000;
    private static final Pattern TAG = Pattern.compile("<<[AB]\\d+>>");
    private static final Set<FailureKind> ANY_FAILURE = EnumSet.of(FailureKind.PROTOCOL, FailureKind.NETWORK,
            FailureKind.READ_TIMEOUT, FailureKind.TOTAL_TIMEOUT, FailureKind.TOO_LARGE);
    private static final Set<FailureKind> FRAMING = EnumSet.of(FailureKind.PROTOCOL);
    private static final Set<FailureKind> CUT = EnumSet.of(FailureKind.PROTOCOL, FailureKind.NETWORK);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();
    private final List<Throwable> callbackErrors = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Case> cases = new ConcurrentHashMap<>();
    private FetchManager fetch;

    /** What RFC 9112 makes of a case's bytes. */
    enum Expect {
        /** A success with exactly this status and body. */
        BODY,
        /** A failure of one of the allowed kinds. */
        FAIL,
        /** Either a success exactly as {@link #BODY}, or a failure of an allowed kind. */
        EITHER,
        /** Bytes flipped at random: a success may carry any body, as long as it is this request's. */
        LOOSE
    }

    /** One request's answer: the bytes the server writes, and what the client must make of them. */
    static final class Case {
        final int seed;
        final String tag;
        String method = "GET";
        String name;
        byte[] wire;
        /** Written with the end of {@link #wire} in one write: bytes past the response, sent before any next request. */
        byte[] extra = new byte[0];
        boolean close;
        /** Nanoseconds between single bytes written; 0 writes at once. */
        long trickleNanos;
        Expect expect = Expect.BODY;
        int status = 200;
        byte[] body;
        Set<FailureKind> kinds = ANY_FAILURE;

        Case(int seed) {
            this.seed = seed;
            this.tag = "<<A" + seed + ">>";
        }

        void fail(Set<FailureKind> allowed) {
            expect = Expect.FAIL;
            kinds = allowed;
        }

        void either() {
            expect = Expect.EITHER;
            kinds = ANY_FAILURE;
        }

        String describe() {
            return "seed " + seed + " (" + name + ", " + method + (close ? ", then closed" : "") + ") bytes: "
                    + quote(wire) + (extra.length > 0 ? " then in the same write: " + quote(extra) : "");
        }
    }

    /** One response built from parts, so that a mutation can edit any of them before they become bytes. */
    static final class Parts {
        String interim = "";
        String statusLine = "HTTP/1.1 200 OK";
        final List<String> fields = new ArrayList<>();
        /** Each line's terminator, by default CR LF; a mutation may change one. */
        final List<String> eols = new ArrayList<>();
        String headEnd = "\r\n";
        byte[] payload = new byte[0];

        void field(String line) {
            fields.add(line);
            eols.add("\r\n");
        }

        int indexOf(String prefix) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return i;
                }
            }
            return -1;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            put(out, interim + statusLine + "\r\n");
            for (int i = 0; i < fields.size(); i++) {
                put(out, fields.get(i) + eols.get(i));
            }
            put(out, headEnd);
            out.write(payload, 0, payload.length);
            return out.toByteArray();
        }

        /** The length of the head, up to and with the empty line. */
        int headLength() {
            return bytes().length - payload.length;
        }
    }

    /** One request of a lane: its case, handle and when it was sent. */
    private static final class Probe {
        final Case c;
        final boolean followUp;
        final FetchHandle<?> handle;
        /** The lines of a body consumed as it arrived; null for a body gathered whole. */
        final List<String> lines;
        final long sentNanos = System.nanoTime();

        Probe(Case c, boolean followUp, FetchHandle<?> handle, List<String> lines) {
            this.c = c;
            this.followUp = followUp;
            this.handle = handle;
            this.lines = lines;
        }

        /**
         * The body the request succeeded with, gathered or joined from its lines; a streamed
         * request's answer outside 2xx is gathered whole, as an error page is.
         */
        byte[] body() {
            if (lines == null) {
                return ((HttpResponse) handle.result()).body();
            }
            if (!handle.response().isSuccessful()) {
                return handle.response().body();
            }
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() {
        fetch = new FetchManager(FetchConfig.builder().readTimeoutMillis(READ_TIMEOUT_MILLIS)
                .totalTimeoutMillis(TOTAL_TIMEOUT_MILLIS).connectTimeoutMillis(5_000).retryPolicy(RetryPolicy.none())
                .callbackErrorHandler((request, error) -> callbackErrors.add(error)).build());
    }

    @AfterEach
    void stop() {
        fetch.dispose();
    }

    @Test
    void mutatedResponsesEndOnceFailWhenTheirFramingIsInvalidAndNeverLeakIntoTheNextRequest() throws Exception {
        List<Case> all = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            all.add(generate(seed));
        }
        runAll(all);
    }

    @Test
    void overTlsTheSameMutatedResponsesKeepTheSameRules() throws Exception {
        LocalhostTls localhost = new LocalhostTls();
        fetch.dispose();
        fetch = new FetchManager(FetchConfig.builder().readTimeoutMillis(READ_TIMEOUT_MILLIS)
                .totalTimeoutMillis(TOTAL_TIMEOUT_MILLIS).connectTimeoutMillis(5_000).retryPolicy(RetryPolicy.none())
                .transport(Transports.sockets(localhost.client()))
                .callbackErrorHandler((request, error) -> callbackErrors.add(error)).build());
        List<Case> all = new ArrayList<>();
        for (int seed = 0; seed < TLS_CASES; seed++) {
            // Other seeds than the plain run's: a TLS server closes with a close_notify, so a body read to
            // the connection's end is whole here too.
            all.add(generate(CASES + seed));
        }
        runAll(all, new RawServer(this::serve, localhost.server()));
    }

    @Test
    void responsesCutAtEveryOffsetFailUnlessWhatArrivedIsAWholeMessage() throws Exception {
        List<Case> all = new ArrayList<>();
        int seed = 1_000_000;
        for (int base = 0; base <= 5; base++) {
            int length = base(new Case(seed), new Random(BASE_SEED + base), base, true).bytes().length;
            for (int cut = 0; cut <= length; cut++) {
                Case c = new Case(seed++);
                Parts p = base(c, new Random(BASE_SEED + base), base, true);
                byte[] bytes = p.bytes();
                c.name = c.name + " cut at " + cut + " of " + bytes.length;
                truncate(c, p, bytes, cut, base);
                all.add(c);
            }
        }
        runAll(all);
    }

    @Test
    void aWholeResponseSentBeforeTheServerResetsTheConnectionIsDelivered() throws Exception {
        String body = "complete before the reset";
        String[] responses = {
                "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                        + body + "\r\n0\r\n\r\n"};
        for (String response : responses) {
            try (RawServer server = new RawServer((socket, index) -> {
                // Only the request line is read: the rest of the request is still unread when the
                // server closes, so its close is a reset, right behind the response.
                InputStream in = socket.getInputStream();
                while (in.read() != '\n') {
                    // The request line.
                }
                RawServer.write(socket.getOutputStream(), response);
                socket.setSoLinger(true, 0);
                socket.close();
            })) {
                FetchHandle<HttpResponse> h = fetch.get(server.url("/reset")).header("X-Padding", "p").send();
                Frames.untilDone(fetch, h);
                assertTrue(h.isSuccess(), quote(response.getBytes(StandardCharsets.ISO_8859_1)) + ": " + h.failure());
                assertEquals(body, h.result().text());
            }
        }
    }

    // ---- running ----

    private void runAll(List<Case> all) throws Exception {
        runAll(all, new RawServer(this::serve));
    }

    private void runAll(List<Case> all, RawServer raw) throws Exception {
        for (Case c : all) {
            cases.put(c.tag, c);
        }
        try (RawServer server = raw) {
            Probe[] lanes = new Probe[LANES];
            int next = 0;
            int successes = 0;
            int failures = 0;
            List<String> followUpFailures = new ArrayList<>();
            while (true) {
                boolean busy = false;
                for (int lane = 0; lane < LANES; lane++) {
                    Probe p = lanes[lane];
                    if (p == null && next < all.size()) {
                        Case c = all.get(next++);
                        if (c.seed % 4 == 3 && c.method.equals("GET")) {
                            // Every fourth body is consumed as it arrives, through the streaming sink.
                            List<String> lines = new ArrayList<>();
                            lanes[lane] = p = new Probe(c, false, stream(server, "/a/" + c.seed, lines), lines);
                        } else {
                            lanes[lane] = p = new Probe(c, false, send(server, c.method, "/a/" + c.seed), null);
                        }
                    }
                    if (p == null) {
                        continue;
                    }
                    busy = true;
                    if (p.handle.isDone()) {
                        check(p);
                        if (p.followUp) {
                            // A follow-up may fail, but only a timeout on a loaded machine is no sign of a leak.
                            FetchException e = p.handle.failure();
                            if (e != null && e.kind() != FailureKind.READ_TIMEOUT && e.kind() != FailureKind.TOTAL_TIMEOUT) {
                                followUpFailures.add("seed " + p.c.seed + ": " + p.handle.failure());
                            }
                            lanes[lane] = null;
                        } else {
                            if (p.handle.isSuccess()) {
                                successes++;
                            } else {
                                failures++;
                            }
                            lanes[lane] = new Probe(p.c, true, send(server, "GET", "/b/" + p.c.seed), null);
                        }
                    } else if (elapsedMillis(p) > TOTAL_TIMEOUT_MILLIS + SLACK_MILLIS) {
                        fail((p.followUp ? "follow-up of " : "") + p.c.describe() + ": no terminal callback after "
                                + elapsedMillis(p) + " ms, past the total timeout of " + TOTAL_TIMEOUT_MILLIS + " ms");
                    }
                }
                if (!busy) {
                    break;
                }
                fetch.update();
                LockSupport.parkNanos(Frames.FRAME_NANOS);
            }
            Frames.run(fetch, 3);
            assertTrue(uncaught.isEmpty(), "exceptions reached an uncaught handler: " + uncaught);
            assertTrue(callbackErrors.isEmpty(), "callbacks threw: " + callbackErrors);
            assertTrue(followUpFailures.isEmpty(), "a valid follow-up request failed other than by a timeout after its mutated predecessor: "
                    + followUpFailures);
            assertTrue(successes > 0 && failures > 0, successes + " successes and " + failures + " failures");
            FetchHandle<HttpResponse> healthy = fetch.get(server.url("/healthy")).send();
            Frames.untilDone(fetch, healthy);
            assertEquals("healthy", healthy.result().text(), "the manager and its threads keep working");
        }
    }

    private FetchHandle<HttpResponse> send(RawServer server, String method, String path) {
        return fetch.request(method, server.url(path)).send(new EndsOnce<>(method + " " + path));
    }

    private FetchHandle<Long> stream(RawServer server, String path, List<String> lines) {
        return fetch.stream(fetch.get(server.url(path)).build(), Decoders.lines(),
                EndsOnce.items("GET " + path + " (streamed)", lines));
    }

    private static long elapsedMillis(Probe p) {
        return (System.nanoTime() - p.sentNanos) / 1_000_000;
    }

    /** The invariants for one finished request. */
    private static void check(Probe p) {
        String how = p.lines != null ? " (consumed as it arrived)" : "";
        Case c = p.c;
        FetchHandle<?> h = p.handle;
        if (p.followUp) {
            if (h.isSuccess()) {
                String expected = "<<B" + c.seed + ">>";
                assertEquals(expected, new String(p.body(), StandardCharsets.ISO_8859_1), "follow-up of "
                        + c.describe() + " got bytes that are not its own answer");
                assertEquals(200, h.response().status(), "follow-up of " + c.describe());
            }
            return;
        }
        if (h.isSuccess()) {
            HttpResponse r = h.response();
            byte[] body = p.body();
            String text = new String(body, StandardCharsets.ISO_8859_1);
            Matcher tags = TAG.matcher(text);
            while (tags.find()) {
                if (!tags.group().equals(c.tag)) {
                    fail(c.describe() + how + ": succeeded with another request's bytes: " + quote(body));
                }
            }
            if (c.expect != Expect.LOOSE && text.contains("SMUGGLED")) {
                fail(c.describe() + how + ": succeeded with bytes past its response: " + quote(body));
            }
            switch (c.expect) {
                case FAIL:
                    fail(c.describe() + how + ": must fail (" + c.kinds + ") but succeeded with " + r.status() + " and body "
                            + quote(body));
                    break;
                case BODY:
                case EITHER:
                    assertEquals(c.status, r.status(), c.describe() + how + ": status");
                    if (!Arrays.equals(c.body, body)) {
                        fail(c.describe() + how + ": body " + quote(body) + ", RFC 9112 says " + quote(c.body));
                    }
                    break;
                default:
                    break;
            }
        } else {
            FetchException e = h.failure();
            if (c.expect == Expect.BODY) {
                fail(c.describe() + how + ": must succeed with " + quote(c.body) + " but failed: " + e);
            }
            // A read timeout near the end of the total one may be reported as either.
            boolean timeout = e.kind() == FailureKind.TOTAL_TIMEOUT && c.kinds.contains(FailureKind.READ_TIMEOUT);
            // Lines decoded as they arrive are UTF-8: a changed byte may make one that is not.
            boolean decode = e.kind() == FailureKind.DECODE && p.lines != null && c.expect == Expect.LOOSE;
            // maxResponseBytes bounds gathered bodies; a streamed one is cut short by the server's close instead.
            boolean cut = e.kind() == FailureKind.PROTOCOL && p.lines != null && c.kinds.contains(FailureKind.TOO_LARGE);
            if (!c.kinds.contains(e.kind()) && !timeout && !decode && !cut) {
                fail(c.describe() + how + ": failed as " + e.kind() + ", expected one of " + c.kinds + ": " + e);
            }
            if (e.getMessage().contains("unexpected error")) {
                fail(c.describe() + how + ": an exception escaped the parser: " + e + " caused by " + e.getCause());
            }
        }
    }

    // ---- the server ----

    private void serve(Socket socket, int index) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (true) {
            String head = RawServer.readHead(in);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
            if (path.equals("/healthy")) {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhealthy");
                continue;
            }
            int seed = Integer.parseInt(path.substring(3));
            if (path.startsWith("/b/")) {
                String body = "<<B" + seed + ">>";
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                continue;
            }
            Case c = cases.get("<<A" + seed + ">>");
            if (c.trickleNanos > 0) {
                for (byte b : c.wire) {
                    out.write(b);
                    out.flush();
                    LockSupport.parkNanos(c.trickleNanos);
                }
            } else {
                byte[] all = new byte[c.wire.length + c.extra.length];
                System.arraycopy(c.wire, 0, all, 0, c.wire.length);
                System.arraycopy(c.extra, 0, all, c.wire.length, c.extra.length);
                out.write(all);
                out.flush();
            }
            if (c.close) {
                socket.close();
                return;
            }
        }
    }

    // ---- the corpus ----

    private static final int BASES = 9;

    /** A valid response of kind {@code base} for {@code c}, which it sets to expect the body RFC 9112 gives. */
    static Parts base(Case c, Random r, int base) {
        return base(c, r, base, false);
    }

    /** As {@link #base(Case, Random, int)}; a {@code small} body is never longer than its tag and 40 bytes. */
    static Parts base(Case c, Random r, int base, boolean small) {
        Parts p = new Parts();
        byte[] body = bodyOf(c, r, small);
        c.body = body;
        if (r.nextInt(3) == 0) {
            p.field("Content-Type: text/plain; charset=utf-8");
        }
        if (r.nextInt(3) == 0) {
            p.field("Server: hostile/1.0");
        }
        switch (base) {
            case 0:
                c.name = "Content-Length";
                p.field("Content-Length: " + body.length);
                p.payload = body;
                break;
            case 1:
                c.name = "chunked";
                p.field("Transfer-Encoding: chunked");
                p.payload = chunked(body, r, true);
                break;
            case 2:
                c.name = "read to close";
                p.payload = body;
                c.close = true;
                break;
            case 3:
                c.name = "HTTP/1.0 read to close";
                p.statusLine = "HTTP/1.0 200 OK";
                p.payload = body;
                c.close = true;
                break;
            case 4: {
                c.name = "interim responses, then Content-Length";
                String[] interim = {"HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 102 Processing\r\n\r\n",
                        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"};
                StringBuilder s = new StringBuilder();
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    s.append(interim[r.nextInt(interim.length)]);
                }
                p.interim = s.toString();
                p.field("Content-Length: " + body.length);
                p.payload = body;
                break;
            }
            case 5:
                c.name = "204";
                p.statusLine = "HTTP/1.1 204 No Content";
                if (r.nextBoolean()) {
                    p.field("Content-Length: 0");
                }
                c.status = 204;
                c.body = new byte[0];
                break;
            case 6:
                c.name = "304";
                p.statusLine = "HTTP/1.1 304 Not Modified";
                p.field("ETag: \"v1\"");
                // A 304's Content-Length, if any, is the selected representation's, not this message's.
                if (r.nextBoolean()) {
                    p.field("Content-Length: " + body.length);
                }
                c.status = 304;
                c.body = new byte[0];
                break;
            case 7:
                c.name = "HEAD";
                c.method = "HEAD";
                p.field(r.nextBoolean() ? "Content-Length: " + body.length : "Transfer-Encoding: chunked");
                c.body = new byte[0];
                break;
            default:
                c.name = "HTTP/1.0 keep-alive with Content-Length";
                p.statusLine = "HTTP/1.0 200 OK";
                p.field("Connection: keep-alive");
                p.field("Content-Length: " + body.length);
                p.payload = body;
                break;
        }
        return p;
    }

    /** The tag, then filler that can never look like a tag; now and then large. */
    private static byte[] bodyOf(Case c, Random r, boolean small) {
        StringBuilder text = new StringBuilder(c.tag);
        int filler = !small && r.nextInt(6) == 0 ? r.nextInt(40_000) : r.nextInt(40);
        for (int i = 0; i < filler; i++) {
            text.append((char) ('a' + r.nextInt(26)));
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code body} chunked in random sizes, with extensions now and then, and trailers when {@code trailers}. */
    static byte[] chunked(byte[] body, Random r, boolean trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        String[] extensions = {";a", ";a=1", " ; name=\"quoted \\\"value\\\"\"", ";x=y;z", "\t;t = \"v\""};
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + r.nextInt(r.nextBoolean() ? 16 : 5000));
            String size = r.nextBoolean() ? Integer.toHexString(n) : Integer.toHexString(n).toUpperCase();
            put(out, size + (r.nextInt(4) == 0 ? extensions[r.nextInt(extensions.length)] : "") + "\r\n");
            out.write(body, at, n);
            put(out, "\r\n");
            at += n;
        }
        put(out, "0" + (r.nextInt(4) == 0 ? ";last=1" : "") + "\r\n");
        if (trailers && r.nextInt(3) == 0) {
            put(out, "X-Trailer: done\r\nX-Checksum: 1234\r\n");
        }
        put(out, "\r\n");
        return out.toByteArray();
    }

    private static final int MUTATIONS = 24;

    /** Case {@code seed}: a base response and one mutation, both chosen by the seed alone. */
    static Case generate(int seed) {
        Random r = new Random(BASE_SEED * 31 + seed);
        Case c = new Case(seed);
        int base = r.nextInt(BASES);
        Parts p = base(c, r, base);
        int mutation = r.nextInt(MUTATIONS);
        String name = mutate(c, p, r, base, mutation);
        c.name = c.name + ": " + name;
        if (c.wire == null) {
            c.wire = p.bytes();
        }
        return c;
    }

    private static boolean framedByLength(int base) {
        return base == 0 || base == 4 || base == 8;
    }

    private static boolean hasBodyOnTheWire(int base) {
        return base <= 4 || base == 8;
    }

    /** Applies mutation {@code m} to {@code p}, setting what {@code c} expects; returns its name. */
    private static String mutate(Case c, Parts p, Random r, int base, int m) {
        byte[] body = c.body;
        switch (m) {
            case 0:
                return "unchanged";
            case 1: {
                if (base != 1) {
                    return "unchanged";
                }
                // Transfer-Encoding overrides Content-Length (RFC 9112 section 6.3), and the connection must close.
                p.field("Content-Length: " + (r.nextBoolean() ? body.length : r.nextInt(body.length + 10)));
                c.extra = smuggled();
                c.either();
                return "Content-Length beside chunked, then a smuggled response";
            }
            case 2: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                int i = p.indexOf("Content-Length");
                if (r.nextBoolean()) {
                    p.fields.set(i, "Content-Length: " + body.length + ", " + body.length);
                } else {
                    p.field("Content-Length: " + body.length);
                }
                c.either();
                return "Content-Length repeated with an equal value";
            }
            case 3: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                int i = p.indexOf("Content-Length");
                int other = body.length + 1 + r.nextInt(5);
                if (r.nextBoolean()) {
                    p.fields.set(i, "Content-Length: " + body.length + ", " + other);
                } else {
                    p.field("Content-Length: " + (r.nextBoolean() ? other : body.length - 1));
                }
                c.extra = smuggled();
                c.fail(FRAMING);
                return "two different Content-Lengths";
            }
            case 4: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                String n = String.valueOf(body.length);
                String[] bad = {"-" + n, "+" + n, "0x" + Integer.toHexString(body.length), n + ".0", n + "e0",
                        "", n + " " + n, "99999999999999999999999", n + ";", "\u0661" + n, "\"" + n + "\"", n + ",",
                        "," + n, n + "\u000b"};
                p.fields.set(p.indexOf("Content-Length"), "Content-Length: " + bad[r.nextInt(bad.length)]);
                c.extra = smuggled();
                c.fail(FRAMING);
                return "invalid Content-Length value";
            }
            case 5: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                p.fields.set(p.indexOf("Content-Length"), "Content-Length: 1000000000000");
                c.close = true;
                c.fail(EnumSet.of(FailureKind.TOO_LARGE));
                return "Content-Length past the size limit";
            }
            case 6: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                p.fields.set(p.indexOf("Content-Length"), "Content-Length: " + (body.length + 1 + r.nextInt(100)));
                c.close = r.nextBoolean();
                c.fail(c.close ? FRAMING : EnumSet.of(FailureKind.READ_TIMEOUT));
                return "Content-Length longer than the body";
            }
            case 7: {
                if (!framedByLength(base)) {
                    return "unchanged";
                }
                int declared = r.nextInt(body.length);
                p.fields.set(p.indexOf("Content-Length"), "Content-Length: " + declared);
                c.body = Arrays.copyOf(body, declared);
                c.extra = concat(Arrays.copyOfRange(body, declared, body.length), r.nextBoolean() ? smuggled() : new byte[0]);
                return "Content-Length shorter than the body";
            }
            case 8:
                if (base == 2 || base == 3) {
                    return "unchanged";
                }
                if (base >= 5 && base <= 7) {
                    // No body, whatever the fields say (RFC 9112 section 6.3): the server's "body" is past the response.
                    c.extra = concat(body, smuggled());
                    return "a body where none belongs, then a smuggled response";
                }
                c.extra = smuggled();
                return "a smuggled response right after";
            case 9:
                return chunkSize(c, p, r, base);
            case 10:
                return chunkFraming(c, p, r, base);
            case 11: {
                for (int i = 0; i < p.eols.size(); i++) {
                    p.eols.set(i, "\n");
                }
                p.headEnd = "\n";
                c.either();
                return "head lines ended by bare LF";
            }
            case 12: {
                if (p.fields.isEmpty()) {
                    return "unchanged";
                }
                // RFC 9112 section 2.2: a bare CR is invalid, or replaced with a space; never a line end.
                p.eols.set(r.nextInt(p.fields.size()), "\r");
                c.either();
                return "a head line ended by bare CR";
            }
            case 13: {
                char[] controls = {'\u0000', '\u0001', '\u001b', '\u007f', '\r', '\u000b', '\u000c'};
                char bad = controls[r.nextInt(controls.length)];
                boolean inName = r.nextBoolean();
                String line = inName ? "X-Na" + bad + "me: value" : "X-Note: val" + bad + "ue";
                p.fields.add(r.nextInt(p.fields.size() + 1), line);
                p.eols.add("\r\n");
                c.either();
                return "control character 0x" + Integer.toHexString(bad) + " in a field " + (inName ? "name" : "value");
            }
            case 14: {
                int i = p.indexOf("Content-Length");
                if (i >= 0 && r.nextBoolean()) {
                    // An obs-fold is replaced by a space before the value is read (RFC 9112 section 5.2).
                    p.fields.set(i, "Content-Length:\r\n " + body.length);
                    c.either();
                    return "Content-Length value on a folded line";
                }
                p.fields.add(0, r.nextBoolean() ? "X-Folded: one\r\n\ttwo\r\n  three" : " X-Leading: folded first line");
                p.eols.add("\r\n");
                c.either();
                return "obsolete line folding";
            }
            case 15: {
                int i = p.indexOf("Content-Length");
                if (i >= 0 && r.nextBoolean()) {
                    p.fields.set(i, "Content-Length" + (r.nextBoolean() ? " " : "\t") + ": " + body.length);
                    c.extra = smuggled();
                    c.either();
                    return "white space before the colon of Content-Length";
                }
                p.field("X-Spaced : value");
                c.either();
                return "white space before a colon";
            }
            case 16: {
                boolean over = r.nextBoolean();
                StringBuilder v = new StringBuilder("X-Long: ");
                int n = over ? 70_000 + r.nextInt(10_000) : 60_000;
                for (int i = 0; i < n; i++) {
                    v.append('v');
                }
                p.field(v.toString());
                if (over) {
                    c.close = true;
                    c.fail(FRAMING);
                }
                return over ? "a header line over 64 KiB" : "a header line of 60 KiB";
            }
            case 17: {
                boolean over = r.nextBoolean();
                int n = over ? 20_000 : 2_000;
                for (int i = 0; i < n; i++) {
                    p.field("X-Many-" + i + ": vvvvvvvvvv");
                }
                if (over) {
                    c.close = true;
                    c.fail(FRAMING);
                }
                return n + " header fields";
            }
            case 18:
                return statusLine(c, p, r);
            case 19: {
                byte[] bytes = p.bytes();
                int cut = r.nextInt(bytes.length + 1);
                truncate(c, p, bytes, cut, base);
                return "cut at " + cut + " of " + bytes.length;
            }
            case 20: {
                if (p.bytes().length > 400) {
                    return "unchanged";
                }
                if (r.nextBoolean()) {
                    c.trickleNanos = 200_000 + r.nextInt(800_000);
                    return "written a byte at a time";
                }
                // Slower than the read timeout for each byte: never reaches the end in time.
                c.trickleNanos = (READ_TIMEOUT_MILLIS + 50) * 1_000_000L;
                c.fail(EnumSet.of(FailureKind.READ_TIMEOUT, FailureKind.TOTAL_TIMEOUT));
                return "slowloris";
            }
            case 21: {
                if (!hasBodyOnTheWire(base) || base == 2 || base == 3) {
                    return "unchanged";
                }
                int i = p.indexOf("Transfer-Encoding");
                String[] codings = {"gzip, chunked", "chunked, chunked", "identity", "chunked;q=1", "x-custom",
                        "Chunked", " chunked ", "chunked, identity", ""};
                String coding = codings[r.nextInt(codings.length)];
                if (i < 0) {
                    p.fields.set(p.indexOf("Content-Length"), "Transfer-Encoding: " + coding);
                    p.payload = chunked(body, r, false);
                } else {
                    p.fields.set(i, "Transfer-Encoding: " + coding);
                }
                c.extra = smuggled();
                if (coding.trim().equalsIgnoreCase("chunked")) {
                    c.either();
                } else {
                    c.fail(FRAMING);
                }
                return "Transfer-Encoding '" + coding + "'";
            }
            case 22:
                return contentCoding(c, p, r, base);
            default: {
                byte[] bytes = p.bytes();
                int at = r.nextInt(bytes.length);
                // A changed digit of the tag would forge another request's: the test's own doing, not a leak.
                int tagAt = indexOf(bytes, c.tag.getBytes(StandardCharsets.ISO_8859_1));
                if (tagAt >= 0 && at >= tagAt && at < tagAt + c.tag.length()) {
                    at = tagAt + c.tag.length() < bytes.length ? tagAt + c.tag.length() : 0;
                }
                bytes[at] = (byte) r.nextInt(256);
                c.wire = bytes;
                c.extra = smuggled();
                c.expect = Expect.LOOSE;
                c.kinds = ANY_FAILURE;
                return "byte " + at + " changed";
            }
        }
    }

    private static String chunkSize(Case c, Parts p, Random r, int base) {
        if (base != 1) {
            return "unchanged";
        }
        byte[] body = c.body;
        int first = Math.min(body.length, 1 + r.nextInt(Math.max(1, body.length)));
        String hex = Integer.toHexString(first);
        String[][] sizes = {
                {"000" + hex, "ok"}, {hex.toUpperCase(), "ok"}, {"1" + "0000000000000000" + hex, "fail"},
                {"ffffffffffffffffff", "fail"}, {"0x" + hex, "fail"}, {"-" + hex, "fail"}, {" " + hex, "fail"},
                {hex + "g", "fail"}, {"", "fail"}, {hex + ";", "fail"}, {hex + ";a=\"open", "fail"},
                {hex + ";a=b c", "fail"}, {hex + "\u0000", "fail"}, {hex + " ", "either"}, {"+" + hex, "fail"},
                {Integer.toHexString(first + 1 + r.nextInt(3)), "fail"},
        };
        String[] pick = sizes[r.nextInt(sizes.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, pick[0] + "\r\n");
        out.write(body, 0, first);
        put(out, "\r\n");
        byte[] rest = chunked(Arrays.copyOfRange(body, first, body.length), r, true);
        out.write(rest, 0, rest.length);
        p.payload = out.toByteArray();
        c.extra = smuggled();
        c.close = r.nextBoolean();
        if (pick[1].equals("fail")) {
            // A size that promises more than was sent waits for it unless the server closes.
            c.fail(c.close ? CUT : EnumSet.of(FailureKind.PROTOCOL, FailureKind.READ_TIMEOUT));
        } else if (pick[1].equals("either")) {
            c.either();
        }
        return "chunk size '" + quote(pick[0].getBytes(StandardCharsets.ISO_8859_1)) + "'";
    }

    /** The body gzip- or deflate-coded, whole, corrupt, cut short or followed by junk, inside valid framing. */
    private static String contentCoding(Case c, Parts p, Random r, int base) {
        if (!hasBodyOnTheWire(base)) {
            return "unchanged";
        }
        byte[] body = c.body;
        boolean gzip = r.nextBoolean();
        boolean zlib = r.nextBoolean();
        byte[] coded = gzip ? gzip(body) : deflate(body, zlib);
        String name;
        switch (r.nextInt(5)) {
            case 0:
                name = "whole";
                break;
            case 1:
                if (!gzip) {
                    name = "whole";
                    break;
                }
                coded = concat(coded, gzip("+more".getBytes(StandardCharsets.ISO_8859_1)));
                c.body = concat(body, "+more".getBytes(StandardCharsets.ISO_8859_1));
                name = "two gzip members";
                break;
            case 2: {
                // The compressed data and the trailer: a header byte such as the time changes nothing.
                int from = gzip ? 10 : 2;
                int at = from + r.nextInt(coded.length - from);
                coded[at] ^= (byte) (1 + r.nextInt(255));
                if (gzip || zlib) {
                    c.fail(FRAMING);
                } else {
                    // Raw deflate has no checksum: a changed byte may still inflate, to other bytes.
                    c.expect = Expect.LOOSE;
                }
                name = "corrupted at " + at;
                break;
            }
            case 3: {
                int cut = r.nextInt(coded.length);
                coded = Arrays.copyOf(coded, cut);
                c.fail(FRAMING);
                name = "cut at " + cut + " inside its framing";
                break;
            }
            default:
                coded = concat(coded, "junk".getBytes(StandardCharsets.ISO_8859_1));
                c.either();
                name = "followed by junk";
                break;
        }
        p.field("Content-Encoding: " + (gzip ? "gzip" : "deflate"));
        int i = p.indexOf("Content-Length");
        if (i >= 0) {
            p.fields.set(i, "Content-Length: " + coded.length);
            p.payload = coded;
        } else if (p.indexOf("Transfer-Encoding") >= 0) {
            p.payload = chunked(coded, r, true);
        } else {
            p.payload = coded;
        }
        c.extra = c.close ? c.extra : smuggled();
        return (gzip ? "gzip " : zlib ? "zlib deflate " : "raw deflate ") + name;
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] deflate(byte[] data, boolean zlib) {
        Deflater deflater = new Deflater(6, !zlib);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            out.write(buf, 0, n);
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String chunkFraming(Case c, Parts p, Random r, int base) {
        if (base != 1) {
            return "unchanged";
        }
        byte[] body = c.body;
        int first = Math.min(body.length, 1 + r.nextInt(Math.max(1, body.length)));
        String size = Integer.toHexString(first);
        String[][] shapes = {
                {size + "\r\n", "", "fail", "no CR LF after the chunk data"},
                {size + "\r\n", "\n", "either", "bare LF after the chunk data"},
                {size + "\n", "\r\n", "either", "bare LF after the chunk size"},
                {size + "\r\n", "\r", "fail", "bare CR after the chunk data"},
                {size + "\r", "\r\n", "fail", "bare CR after the chunk size"},
                {size + "\r\n", "XX\r\n", "fail", "junk after the chunk data"},
        };
        String[] s = shapes[r.nextInt(shapes.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, s[0]);
        out.write(body, 0, first);
        put(out, s[1]);
        byte[] rest = chunked(Arrays.copyOfRange(body, first, body.length), r, false);
        out.write(rest, 0, rest.length);
        p.payload = out.toByteArray();
        c.extra = smuggled();
        c.close = r.nextBoolean();
        if (s[2].equals("fail")) {
            c.fail(c.close ? CUT : EnumSet.of(FailureKind.PROTOCOL, FailureKind.READ_TIMEOUT));
        } else {
            c.either();
        }
        return s[3];
    }

    private static String statusLine(Case c, Parts p, Random r) {
        String[][] lines = {
                {"HTTP/1.1 200", "ok"}, {"HTTP/1.1 200 ", "ok"}, {"HTTP/1.1 200 \u00e9t\u00e9 OK", "ok"},
                {"HTTP/1.1 200 OK OK", "ok"}, {"HTTP/1.2 200 OK", "ok"}, {"HTTP/2 200 OK", "fail"},
                {"HTTP/2.0 200 OK", "fail"}, {"HTTP/0.9 200 OK", "fail"}, {"http/1.1 200 OK", "fail"},
                {"HTTP/1.1 2000 OK", "fail"}, {"HTTP/1.1 20 OK", "fail"}, {"HTTP/1.1 600 Beyond", "600"},
                {"HTTP/1.1 099 Below", "fail"}, {"HTTP/1.1 -20 Minus", "fail"}, {"HTTP/1.1 2x0 Hex", "fail"},
                {"ICY 200 OK", "fail"}, {"HTTP/1.1  200 OK", "fail"}, {"HTTP/1.1 200\tOK", "either"},
                {"", "fail"}, {" HTTP/1.1 200 OK", "fail"}, {"HTTP/1.1 200 O\u0000K", "either"},
                {"HTTP/1.1 101 Switching Protocols", "fail"}, {"HTTP/1.1", "fail"}, {"HTTP/1.1 ", "fail"},
                {"HTTP/1.10 200 OK", "fail"}, {"HTTP/1.1 +200 OK", "fail"},
        };
        String[] pick = lines[r.nextInt(lines.length)];
        if (c.status != 200) {
            // 204 and 304 frame their bodies by their status; another status would change the expectation.
            return "unchanged";
        }
        p.statusLine = pick[0];
        if (pick[1].equals("600")) {
            // RFC 9110 section 15: an invalid code is handled as a 5xx; the message is read as usual.
            c.status = 600;
        } else if (pick[1].equals("fail")) {
            c.extra = smuggled();
            c.fail(FRAMING);
        } else if (pick[1].equals("either")) {
            c.either();
        }
        return "status line '" + quote(pick[0].getBytes(StandardCharsets.ISO_8859_1)) + "'";
    }

    /**
     * Cuts {@code bytes} (the response of base {@code base}) at {@code cut} and closes: what arrived
     * is the whole message only when its framing says so.
     */
    static void truncate(Case c, Parts p, byte[] bytes, int cut, int base) {
        c.wire = Arrays.copyOf(bytes, cut);
        c.close = true;
        int headLength = p.headLength();
        if (cut == bytes.length && base != 2 && base != 3) {
            return;
        }
        if (cut < headLength) {
            // A head cut before its empty line; nothing at all is the server closing without a response.
            c.fail(CUT);
            if (cut == headLength - 1 && (bytes[cut] == '\n')) {
                // Cut between the final CR and LF: a lenient parser may take "\r" as the line's end.
                c.either();
            }
            return;
        }
        if (base == 2 || base == 3) {
            // Framed by the close: whatever arrived is the body.
            c.body = Arrays.copyOfRange(bytes, headLength, cut);
            return;
        }
        if (base == 1) {
            byte[] payload = p.payload;
            int lastChunk = lastIndexOf(payload, "\r\n0".getBytes(StandardCharsets.ISO_8859_1));
            int offsetInPayload = cut - headLength;
            if (lastChunk >= 0 && offsetInPayload > lastChunk + 2) {
                // Past the last chunk's size: only the trailer section's end is missing.
                c.either();
                return;
            }
        }
        c.fail(CUT);
    }

    // ---- bytes ----

    /** A complete response of its own, sent where it does not belong. */
    static byte[] smuggled() {
        String body = "SMUGGLED";
        return ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void put(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
    }

    /** {@code bytes} as readable text, controls escaped, long runs shortened. */
    static String quote(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < bytes.length; i++) {
            if (bytes.length > 400 && i == 200) {
                s.append("...(").append(bytes.length - 400).append(" bytes)...");
                i = bytes.length - 200;
            }
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                s.append("\\r");
            } else if (b == '\n') {
                s.append("\\n");
            } else if (b == '\t') {
                s.append("\\t");
            } else if (b < 0x20 || b >= 0x7f) {
                s.append(String.format("\\x%02x", b));
            } else if (b == '"' || b == '\\') {
                s.append('\\').append((char) b);
            } else {
                s.append((char) b);
            }
        }
        return s.append('"').toString();
    }
}
