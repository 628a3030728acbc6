package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.badlogic.gdx.files.FileHandle;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against requests it cannot keep, servers that redirect, and a dispose racing sends. */
class OutboxHazardTest {
    @TempDir
    Path tmp;

    private final List<FetchManager> managers = new ArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final OutboxRecorder recorder = new OutboxRecorder();

    @AfterEach
    void close() {
        for (FetchManager m : managers) {
            m.dispose();
        }
        for (HttpServer s : servers) {
            s.stop(0);
        }
        assertEquals(List.of(), recorder.problems);
    }

    private FetchManager manager(File folder) {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(folder)).retryDelays(5, 20)
                        .maxEntries(100_000).maxBytes(1L << 30).build())
                .build());
        managers.add(fetch);
        fetch.outbox().setListener(recorder);
        return fetch;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aFileBodyIsRefusedAtSendNamingTheFileInsteadOfBeingSentEmpty() throws Exception {
        File score = tmp.resolve("score.json").toFile();
        Files.write(score.toPath(), "{\"points\":12}".getBytes(StandardCharsets.UTF_8));
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        HttpRequest request = HttpRequest.post("http://127.0.0.1:" + freePort() + "/scores",
                RequestBody.file(new FileHandle(score), "application/json")).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fetch.outbox().send(request));

        assertTrue(e.getMessage().contains(score.getPath()), e.getMessage());
        assertTrue(e.getMessage().contains("RequestBody.bytes"), e.getMessage());
        assertEquals(0, fetch.outbox().pendingCount());
    }

    @Test
    void aPostRedirectedWith301Or302ArrivesAsAPostWithItsBodyAndKey() throws Exception {
        List<String> arrived = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        servers.add(server);
        server.createContext("/old", exchange -> redirect(exchange, 301, "/new"));
        server.createContext("/moved", exchange -> redirect(exchange, 302, "/new"));
        server.createContext("/new", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String method = exchange.getRequestMethod();
            arrived.add(method + " " + body + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            // A page that answers any GET with 200, as a site's landing page does.
            respond(exchange, method.equals("POST") ? 201 : 200, method.equals("POST") ? "{\"accepted\":1}" : "<html>");
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        OutboxHandle permanent = fetch.outbox().send(HttpRequest.post(base + "/old", RequestBody.jsonText("{\"p\":1}"))
                .header("Idempotency-Key", "k1").build());
        OutboxHandle temporary = fetch.outbox().send(HttpRequest.post(base + "/moved",
                RequestBody.jsonText("{\"p\":2}")).header("Idempotency-Key", "k2").build());

        recorder.frames(fetch, () -> recorder.answered.size() == 2);

        List<String> sorted = new ArrayList<>(arrived);
        Collections.sort(sorted);
        assertEquals(List.of("POST {\"p\":1} k1", "POST {\"p\":2} k2"), sorted);
        for (OutboxResult result : recorder.answered) {
            assertEquals(201, result.status(), result.id() + " (" + permanent.id() + ", " + temporary.id() + ")");
        }
    }

    @Test
    void anAnswerThatCannotBeRecordedStillFreesItsRequestOnceTheListenerHeardIt() throws Exception {
        KeyCountingServer server = new KeyCountingServer();
        File folder = tmp.resolve("outbox").toFile();
        try {
            CountDownLatch release = new CountDownLatch(1);
            server.holdNext(release);
            FetchManager fetch = manager(folder);
            OutboxHandle handle = fetch.outbox().send(HttpRequest.post(server.url("/scores"),
                    RequestBody.jsonText("{\"points\":5}")).build());
            assertTrue(server.held.await(30, TimeUnit.SECONDS));
            // The outcome's temporary file cannot be created, as on a full disk.
            assertTrue(new File(folder, handle.id() + ".out.tmp").mkdir());
            release.countDown();

            recorder.frames(fetch, () -> recorder.answered.size() == 1);
            assertEquals(201, recorder.answered.get(0).status());
            // Heard, so nothing is lost by deleting it; kept, it would hold its space forever and
            // be sent and delivered again next run.
            recorder.frames(fetch, () -> !new File(folder, handle.id() + ".req").exists());
        } finally {
            server.close();
        }
    }

    @Test
    void aRecordThatNoLongerMakesAValidRequestIsSetAsideAndTheRecordsAfterItAreStillSent() throws Exception {
        KeyCountingServer server = new KeyCountingServer();
        File folder = tmp.resolve("outbox").toFile();
        assertTrue(folder.mkdirs());
        try {
            // Whole records with valid checksums, as a version with other rules might have left
            // them: the first holds a URL this version refuses.
            writeRecord(folder, "000000000001-000000000000aaaaaaaa", "not a url", "k-bad");
            writeRecord(folder, "000000000002-000000000000bbbbbbbb", server.url("/scores"), "k-good");
            FetchManager fetch = manager(folder);

            recorder.frames(fetch, () -> recorder.answered.size() == 1 && recorder.dropped.size() == 1);

            assertEquals("000000000002-000000000000bbbbbbbb", recorder.answered.get(0).id());
            assertEquals(List.of("k-good"), server.receipts());
            String dropped = recorder.dropped.get(0);
            assertTrue(dropped.startsWith("000000000001-000000000000aaaaaaaa: damaged outbox record "), dropped);
            assertTrue(dropped.contains("not a url"), dropped);
            assertTrue(new File(folder, "000000000001-000000000000aaaaaaaa.req.corrupt").exists());
            assertEquals(0, fetch.outbox().pendingCount());
        } finally {
            server.close();
        }
    }

    @Test
    void everySendThatReturnsAHandleWhileTheManagerIsDisposedIsStored() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/scores";
        for (int round = 0; round < 12; round++) {
            FetchManager fetch = manager(tmp.resolve("race" + round).toFile());
            List<OutboxHandle> handles = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch sending = new CountDownLatch(3);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < 40; i++) {
                        try {
                            handles.add(fetch.outbox().send(HttpRequest.post(url, RequestBody.text("s" + i)).build()));
                        } catch (IllegalStateException disposed) {
                            break;
                        } finally {
                            sending.countDown();
                        }
                    }
                });
                senders.add(sender);
                sender.start();
            }
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            fetch.dispose();
            for (Thread sender : senders) {
                sender.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (OutboxHandle handle : handles) {
                while (!handle.isStored() && handle.storeFailure() == null) {
                    if (System.nanoTime() - deadline > 0) {
                        fail("round " + round + ": " + handle.id() + " was accepted but never stored nor refused");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    /** A request record in the journal's layout (see OutboxJournal): fields, then a CRC32 of them. */
    private static void writeRecord(File folder, String id, String url, String key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x47464f52);
        for (String field : new String[] {id, null, key, "POST", url}) {
            writeField(out, field);
        }
        out.writeInt(2);
        writeField(out, "Idempotency-Key");
        writeField(out, key);
        writeField(out, "text/plain");
        writeField(out, "1");
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload, 0, payload.length);
        out.writeLong(crc.getValue());
        Files.write(new File(folder, id + ".req").toPath(), bytes.toByteArray());
    }

    private static void writeField(DataOutputStream out, String field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
        } else {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    @Test
    void aServerErrorWithABodyOverTheLimitIsRetriedAndALaterAcceptanceDelivered() throws Exception {
        // An error page larger than maxResponseBytes still says the request was not accepted.
        List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
        String base = serving("/scores", exchange -> {
            discardBody(exchange);
            int status = answers.isEmpty() ? 503 : 201;
            answers.add(status);
            respond(exchange, status, status == 503 ? "x".repeat(100 * 1024) : "{\"accepted\":1}");
        });
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        fetch.outbox().send(HttpRequest.post(base + "/scores", RequestBody.jsonText("{\"p\":3}")).build());

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        assertEquals(List.of(503, 201), answers);
        assertEquals(201, recorder.answered.get(0).status());
        assertEquals("{\"accepted\":1}", new String(recorder.answered.get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void anAcceptanceWithABodyOverTheLimitIsFinalWithItsStatusAndNoBody() throws Exception {
        List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
        String base = serving("/scores", exchange -> {
            discardBody(exchange);
            answers.add(201);
            respond(exchange, 201, "y".repeat(100 * 1024));
        });
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        fetch.outbox().send(HttpRequest.post(base + "/scores", RequestBody.jsonText("{\"p\":4}")).build());

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        assertEquals(List.of(201), answers);
        assertEquals(201, recorder.answered.get(0).status());
        assertEquals(0, recorder.answered.get(0).body().length);
    }

    @Test
    void aConflictWhileTheServerStillProcessesTheKeyIsRetried() throws Exception {
        // The Idempotency-Key draft answers a repeat that arrives while the first is processed with 409.
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        String base = serving("/scores", exchange -> {
            discardBody(exchange);
            int status = answers.isEmpty() ? 409 : 201;
            answers.add(status + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            respond(exchange, status, status == 409 ? "{\"error\":\"in progress\"}" : "{\"accepted\":1}");
        });
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        fetch.outbox().send(HttpRequest.post(base + "/scores", RequestBody.jsonText("{\"p\":5}"))
                .header("Idempotency-Key", "k5").build());

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        assertEquals(List.of("409 k5", "201 k5"), answers);
        assertEquals(201, recorder.answered.get(0).status());
    }

    @Test
    void aConflictThatLastsEndsTheRequestAfterAFewAttempts() throws Exception {
        List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
        String base = serving("/names", exchange -> {
            discardBody(exchange);
            answers.add(409);
            respond(exchange, 409, "{\"error\":\"name taken\"}");
        });
        FetchManager fetch = manager(tmp.resolve("outbox").toFile());
        fetch.outbox().send(HttpRequest.post(base + "/names", RequestBody.jsonText("{\"name\":\"zoe\"}")).build());

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        assertEquals(409, recorder.answered.get(0).status());
        assertEquals(6, answers.size());
    }

    /** A loopback server answering {@code path} with {@code handler}; its base URL. */
    private String serving(String path, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        servers.add(server);
        server.createContext(path, handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        discardBody(exchange);
        exchange.getResponseHeaders().set("Location", location);
        respond(exchange, status, "");
    }

    private static void discardBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
