package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.gdxfetch.testing.UncaughtExceptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes the response parser: a loopback server answers each request with a response mutated
 * one of many ways (status line, fields, chunk sizes, truncation, split segments, lying
 * Content-Length, smuggled responses) over keep-alive connections. Every request must end in
 * exactly one terminal callback within its total timeout, no exception may reach an uncaught
 * handler, no success may carry another request's marker, and the manager must keep working.
 *
 * <p>Runs for {@code gdxfetch.fuzz.seconds} (default 3) from seed {@code gdxfetch.fuzz.seed}
 * (default 27); a failure names the seed, the request and its mutation, which the request id
 * alone determines.
 */
class ResponseParserFuzzTest {
    private static final int TOTAL_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 300;
    /** Frames, a loaded machine and the manager's timer granularity, beyond the total timeout. */
    private static final long SLACK_MILLIS = 2_000;
    private static final int IN_FLIGHT = 8;
    private static final Pattern MARKER = Pattern.compile("<<(\\d+)>>");
    private static final String[] MUTATIONS = {
        "valid Content-Length", "valid chunked", "Content-Length longer than the body",
        "Content-Length shorter than the body", "Content-Length and chunked with a smuggled response",
        "valid then a smuggled response", "byte flipped in the head", "truncated then closed",
        "bad chunk size", "two different Content-Lengths", "control character in a field value",
        "folded field", "interim responses first", "HTTP/1.0 read to close", "closed without a response",
        "Transfer-Encoding gzip", "byte flipped anywhere", "head written byte by byte",
    };

    private final long seed = Long.getLong("gdxfetch.fuzz.seed", 27L);
    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    /** One fuzzed request: its id, its callbacks and when it was sent. */
    private static final class Probe implements FetchCallback<HttpResponse> {
        final int id;
        final long sentNanos = System.nanoTime();
        final AtomicInteger terminal = new AtomicInteger();
        long doneNanos;
        HttpResponse response;
        FetchException failure;

        Probe(int id) {
            this.id = id;
        }

        @Override
        public void onSuccess(HttpResponse value, HttpResponse received) {
            response = received;
            done();
        }

        @Override
        public void onFailure(FetchException error) {
            failure = error;
            done();
        }

        @Override
        public void onCancelled() {
            done();
        }

        private void done() {
            terminal.incrementAndGet();
            doneNanos = System.nanoTime();
        }
    }

    @Test
    void mutatedResponsesOverKeptAliveConnectionsEachEndOnceAndNeverLeakIntoAnother() throws Exception {
        long runMillis = Long.getLong("gdxfetch.fuzz.seconds", 3L) * 1000;
        FetchManager fetch = new FetchManager(FetchConfig.builder().readTimeoutMillis(READ_TIMEOUT_MILLIS)
                .totalTimeoutMillis(TOTAL_TIMEOUT_MILLIS).connectTimeoutMillis(5_000)
                .retryPolicy(RetryPolicy.none()).build());
        try (RawServer raw = new RawServer(this::serve)) {
            List<Probe> probes = new ArrayList<>();
            List<Probe> open = new ArrayList<>();
            long end = System.nanoTime() + runMillis * 1_000_000L;
            while (System.nanoTime() < end || !open.isEmpty()) {
                while (System.nanoTime() < end && open.size() < IN_FLIGHT) {
                    Probe probe = new Probe(probes.size());
                    probes.add(probe);
                    open.add(probe);
                    fetch.get(raw.url("/f/" + probe.id)).send(probe);
                }
                fetch.update();
                for (int i = open.size() - 1; i >= 0; i--) {
                    Probe probe = open.get(i);
                    if (probe.terminal.get() > 0) {
                        open.remove(i);
                    } else if (elapsedMillis(probe, System.nanoTime()) > TOTAL_TIMEOUT_MILLIS + SLACK_MILLIS) {
                        fail(describe(probe) + " has no terminal callback after " + elapsedMillis(probe, System.nanoTime())
                                + " ms, past its total timeout of " + TOTAL_TIMEOUT_MILLIS + " ms");
                    }
                }
                LockSupport.parkNanos(200_000);
            }
            Frames.run(fetch, 3);
            int successes = 0;
            for (Probe probe : probes) {
                assertEquals(1, probe.terminal.get(), describe(probe) + ": terminal callbacks");
                assertTrue(elapsedMillis(probe, probe.doneNanos) <= TOTAL_TIMEOUT_MILLIS + SLACK_MILLIS,
                        describe(probe) + " ended after " + elapsedMillis(probe, probe.doneNanos) + " ms");
                if (probe.response != null) {
                    successes++;
                    assertOwnBytesOnly(probe);
                } else if (probe.failure != null) {
                    assertTrue(probe.failure.getMessage().contains("/f/" + probe.id), probe.failure.getMessage());
                }
            }
            assertTrue(uncaught.isEmpty(), "uncaught exceptions: " + uncaught);
            assertTrue(successes > 0 && successes < probes.size(), successes + " of " + probes.size() + " succeeded");
            assertTrue(raw.connections() < probes.size(), "keep-alive was exercised: " + raw.connections()
                    + " connections for " + probes.size() + " requests");

            FetchHandle<HttpResponse> after = fetch.get(raw.url("/healthy")).send();
            Frames.untilDone(fetch, after);
            assertEquals("healthy", after.result().text(), "the manager keeps working after the fuzzing");
        } finally {
            fetch.dispose();
        }
    }

    private static long elapsedMillis(Probe probe, long now) {
        return (now - probe.sentNanos) / 1_000_000;
    }

    private String describe(Probe probe) {
        return "request " + probe.id + " (" + MUTATIONS[mutationOf(probe.id)] + ", seed " + seed + ")";
    }

    private void assertOwnBytesOnly(Probe probe) {
        Matcher m = MARKER.matcher(probe.response.text());
        while (m.find()) {
            assertEquals(String.valueOf(probe.id), m.group(1), describe(probe) + " succeeded with another request's body: "
                    + probe.response.text());
        }
        for (String value : probe.response.headers().values("X-Id")) {
            if (value.matches("\\d+")) {
                assertEquals(String.valueOf(probe.id), value, describe(probe) + " succeeded with another request's header");
            }
        }
    }

    private Random randomFor(int id) {
        return new Random(seed * 1_000_003L + id);
    }

    private int mutationOf(int id) {
        return randomFor(id).nextInt(MUTATIONS.length);
    }

    /** The server side of one connection: answers requests until the client or a mutation closes it. */
    private void serve(java.net.Socket socket, int index) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (true) {
            String head = RawServer.readHead(in);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
            if (path.equals("/healthy")) {
                RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhealthy");
                continue;
            }
            int id = Integer.parseInt(path.substring("/f/".length()));
            if (!answer(id, out)) {
                socket.close();
                return;
            }
        }
    }

    /** Writes request {@code id}'s mutated response; false when the connection is to be closed. */
    private boolean answer(int id, OutputStream out) throws Exception {
        Random r = randomFor(id);
        int mutation = r.nextInt(MUTATIONS.length);
        byte[] body = body(id, r);
        String ok = "HTTP/1.1 200 OK\r\nX-Id: " + id + "\r\n";
        String smuggled = "HTTP/1.1 200 OK\r\nX-Id: " + id + "\r\nContent-Length: " + (body.length) + "\r\n\r\n";
        ByteArrayOutputStream main = new ByteArrayOutputStream();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        boolean close = false;
        switch (mutation) {
            case 0:
                put(main, ok + "Content-Length: " + body.length + "\r\n\r\n");
                main.write(body);
                break;
            case 1:
                put(main, ok + "Transfer-Encoding: chunked\r\n\r\n");
                chunked(main, body, r, null);
                break;
            case 2:
                put(main, ok + "Content-Length: " + (body.length + 1 + r.nextInt(50)) + "\r\n\r\n");
                main.write(body);
                break;
            case 3: {
                int declared = r.nextInt(body.length);
                put(main, ok + "Content-Length: " + declared + "\r\n\r\n");
                main.write(body, 0, declared);
                extra.write(body, declared, body.length - declared);
                break;
            }
            case 4:
                put(main, ok + "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n\r\n");
                chunked(main, body, r, null);
                put(extra, smuggled);
                extra.write(body);
                break;
            case 5:
                put(main, ok + "Content-Length: " + body.length + "\r\n\r\n");
                main.write(body);
                put(extra, smuggled);
                extra.write(body);
                break;
            case 6:
            case 16: {
                put(main, ok + "Content-Length: " + body.length + "\r\n\r\n");
                int headLength = main.size();
                main.write(body);
                byte[] bytes = main.toByteArray();
                // A flipped digit of the id would forge another request's marker; the test's own doing, not a leak.
                // The bytes around the id count too: a digit there would lengthen it.
                int idStart = ok.indexOf("X-Id: ") + 5;
                int idEnd = idStart + String.valueOf(id).length() + 2;
                int markerLength = 4 + String.valueOf(id).length();
                int at;
                do {
                    at = r.nextInt(mutation == 6 ? headLength : bytes.length);
                } while ((at >= idStart && at < idEnd) || (at >= headLength && at < headLength + markerLength));
                bytes[at] = (byte) r.nextInt(256);
                main.reset();
                main.write(bytes);
                break;
            }
            case 7: {
                put(main, ok + "Transfer-Encoding: chunked\r\n\r\n");
                chunked(main, body, r, null);
                byte[] bytes = main.toByteArray();
                main.reset();
                main.write(bytes, 0, r.nextInt(bytes.length));
                close = true;
                break;
            }
            case 8: {
                String[] bad = {"-1", "0x10", " 5", "5 x", "fffffffffffffffffff", "", "5;\u0000", "g", "5\r5"};
                put(main, ok + "Transfer-Encoding: chunked\r\n\r\n");
                chunked(main, body, r, bad[r.nextInt(bad.length)]);
                break;
            }
            case 9:
                put(main, ok + "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 1)
                        + "\r\n\r\n");
                main.write(body);
                break;
            case 10: {
                char[] controls = {'\u0000', '\r', '\u0001', '\u001b', '\u007f'};
                put(main, ok + "X-Note: a" + controls[r.nextInt(controls.length)] + "b\r\nContent-Length: "
                        + body.length + "\r\n\r\n");
                main.write(body);
                break;
            }
            case 11:
                put(main, ok + "X-Folded: one\r\n two\r\nContent-Length: " + body.length + "\r\n\r\n");
                main.write(body);
                break;
            case 12:
                put(main, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + ok
                        + "Content-Length: " + body.length + "\r\n\r\n");
                main.write(body);
                break;
            case 13:
                put(main, "HTTP/1.0 200 OK\r\nX-Id: " + id + "\r\n\r\n");
                main.write(body);
                close = true;
                break;
            case 14:
                return false;
            case 15:
                put(main, ok + "Transfer-Encoding: gzip\r\n\r\n");
                main.write(body);
                close = true;
                break;
            default:
                put(main, ok + "Content-Length: " + body.length + "\r\n\r\n");
                for (byte b : main.toByteArray()) {
                    out.write(b);
                    out.flush();
                }
                out.write(body);
                out.flush();
                return true;
        }
        writeSplit(out, main.toByteArray(), extra.toByteArray(), r);
        return !close;
    }

    /** {@code id}'s body: its marker, then filler that can never look like a marker. */
    private static byte[] body(int id, Random r) {
        StringBuilder text = new StringBuilder("<<" + id + ">>");
        int filler = r.nextInt(4) == 0 ? r.nextInt(20_000) : r.nextInt(64);
        for (int i = 0; i < filler; i++) {
            text.append((char) ('a' + r.nextInt(26)));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code body} chunked in random sizes; {@code badSize}, when given, replaces one size line. */
    private static void chunked(ByteArrayOutputStream out, byte[] body, Random r, String badSize) {
        int at = 0;
        boolean badWritten = false;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + r.nextInt(2000));
            String size = Integer.toHexString(n) + (r.nextInt(8) == 0 ? ";ext=1" : "");
            if (badSize != null && !badWritten && r.nextBoolean()) {
                size = badSize;
                badWritten = true;
            }
            put(out, size + "\r\n");
            out.write(body, at, n);
            put(out, "\r\n");
            at += n;
        }
        put(out, (badSize != null && !badWritten ? badSize : "0") + "\r\n\r\n");
    }

    /**
     * Writes {@code main} in one to four segments with short pauses, and {@code extra} (bytes
     * beyond the response) in the same write as its end: bytes sent after the client has
     * finished a response and written its next request are indistinguishable from the answer.
     */
    private static void writeSplit(OutputStream out, byte[] main, byte[] extra, Random r) throws Exception {
        int segments = 1 + r.nextInt(4);
        int at = 0;
        for (int s = 1; s < segments && at < main.length; s++) {
            int n = r.nextInt(main.length - at);
            out.write(main, at, n);
            out.flush();
            at += n;
            LockSupport.parkNanos(r.nextInt(1_000_000));
        }
        byte[] last = new byte[main.length - at + extra.length];
        System.arraycopy(main, at, last, 0, main.length - at);
        System.arraycopy(extra, 0, last, main.length - at, extra.length);
        out.write(last);
        out.flush();
    }

    private static void put(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
    }
}
