package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path tmp;

    private final List<FetchManager> managers = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final OutboxRecorder recorder = new OutboxRecorder();

    @AfterEach
    void close() throws Exception {
        for (FetchManager m : managers) {
            m.dispose();
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
        assertEquals(List.of(), recorder.problems);
    }

    private File dir() {
        return tmp.resolve("outbox").toFile();
    }

    private OutboxConfig.Builder config() {
        return OutboxConfig.builder(new FileHandle(dir())).retryDelays(5, 20);
    }

    private FetchManager manager(OutboxConfig config) {
        FetchManager fetch = new FetchManager(FetchConfig.builder().outbox(config).build());
        managers.add(fetch);
        fetch.outbox().setListener(recorder);
        return fetch;
    }

    private FetchManager manager() {
        return manager(config().build());
    }

    private KeyCountingServer server() throws IOException {
        return server(0);
    }

    private KeyCountingServer server(int port) throws IOException {
        KeyCountingServer server = new KeyCountingServer(port);
        servers.add(server);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static HttpRequest score(String url, int points) {
        return HttpRequest.post(url, RequestBody.jsonText("{\"name\":\"ada\",\"points\":" + points + "}")).build();
    }

    /** The journal's files, without the lock file a running outbox keeps. */
    private List<String> files() {
        String[] names = dir().list();
        List<String> list = names == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(names));
        // The lock file is there while an outbox runs; the journal is the rest.
        list.remove("outbox.lock");
        Collections.sort(list);
        return list;
    }

    private void disposeAll() {
        for (FetchManager m : managers) {
            m.dispose();
        }
        managers.clear();
    }

    /**
     * Sends a score while {@code server} is down, brings the server up and, with no listener, lets
     * the answer be recorded in the journal; disposes the manager and puts the request record
     * back as it was stored: the folder a kill between recording the answer and deleting the
     * request leaves. Returns the score's id.
     */
    private String answeredBeforeItsRequestWasDeleted(KeyCountingServer server, int points) throws Exception {
        server.down();
        FetchManager first = new FetchManager(FetchConfig.builder().outbox(config().build()).build());
        managers.add(first);
        OutboxHandle handle = first.outbox().send(score(server.url("/scores"), points));
        recorder.frames(first, () -> handle.isStored() && server.receipts().size() >= 1);
        byte[] request = Files.readAllBytes(new File(dir(), handle.id() + ".req").toPath());
        server.up();
        recorder.frames(first, () -> files().equals(List.of(handle.id() + ".out")));
        disposeAll();
        Files.write(new File(dir(), handle.id() + ".req").toPath(), request);
        return handle.id();
    }

    @Test
    void requestSentWhileOfflineArrivesOnceWhenTheServerComesBack() throws Exception {
        // Offline: a port that takes connections and drops them, as a dead network does.
        AtomicInteger dropped = new AtomicInteger();
        ServerSocket dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = dead.getLocalPort();
        Thread dropper = new Thread(() -> {
            try {
                while (true) {
                    try (Socket s = dead.accept()) {
                        dropped.incrementAndGet();
                    }
                }
            } catch (IOException closed) {
                // The test closed it: the network is back.
            }
        });
        dropper.start();
        FetchManager fetch = manager();
        OutboxHandle handle = fetch.outbox().send(score("http://127.0.0.1:" + port + "/scores", 42), "score");
        assertEquals("score", handle.tag());
        recorder.frames(fetch, () -> dropped.get() >= 3);
        assertTrue(handle.isStored());
        assertEquals(1, fetch.outbox().pendingCount());
        dead.close();
        dropper.join();

        KeyCountingServer server = server(port);
        recorder.frames(fetch, () -> recorder.answered.size() == 1 && fetch.outbox().pendingCount() == 0);

        OutboxResult result = recorder.answered.get(0);
        assertEquals(handle.id(), result.id());
        assertEquals("score", result.tag());
        assertEquals(201, result.status());
        assertTrue(result.isSuccessful());
        assertEquals("{\"accepted\":1}", result.bodyText());
        assertEquals(List.of(result.idempotencyKey()), server.receipts());
        assertEquals(36, result.idempotencyKey().length(), "a UUID");
        assertEquals(1, server.effectsOf(result.idempotencyKey()));
        assertEquals("{\"name\":\"ada\",\"points\":42}", server.bodies().get(0));
        recorder.frames(fetch, () -> files().isEmpty());
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedWithTheSameKeyUntilAccepted() throws Exception {
        KeyCountingServer server = server();
        server.script("503", "500", "429 0", "408", "502");
        FetchManager fetch = manager();
        fetch.outbox().send(score(server.url("/scores"), 7));

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        OutboxResult result = recorder.answered.get(0);
        assertEquals(201, result.status());
        List<String> receipts = server.receipts();
        assertEquals(6, receipts.size());
        assertEquals(Collections.nCopies(6, result.idempotencyKey()), receipts);
        assertEquals(1, server.totalEffects());
    }

    @Test
    void clientErrorIsAFinalAnswerAndIsNotRetried() throws Exception {
        KeyCountingServer server = server();
        server.script("422");
        FetchManager fetch = manager();
        fetch.outbox().send(score(server.url("/scores"), -1), "score");

        recorder.frames(fetch, () -> recorder.answered.size() == 1 && files().isEmpty());

        OutboxResult result = recorder.answered.get(0);
        assertEquals(422, result.status());
        assertFalse(result.isSuccessful());
        assertEquals("{\"error\":422}", result.bodyText());
        assertEquals(1, server.receipts().size());
        assertEquals(0, fetch.outbox().pendingCount());
        assertTrue(fetch.update(), "nothing left to do once the outcome is delivered");
    }

    @Test
    void idempotencyKeyTheGameSetIsKept() throws Exception {
        KeyCountingServer server = server();
        FetchManager fetch = manager();
        fetch.outbox().send(HttpRequest.post(server.url("/scores"), RequestBody.text("x"))
                .header("Idempotency-Key", "run-7-score").build());

        recorder.frames(fetch, () -> recorder.answered.size() == 1);

        assertEquals("run-7-score", recorder.answered.get(0).idempotencyKey());
        assertEquals(List.of("run-7-score"), server.receipts());
    }

    @Test
    void nextRunOnTheSameFolderResumesAndDeliversTheOutcome() throws Exception {
        KeyCountingServer server = server();
        server.down();
        FetchManager first = manager();
        OutboxHandle handle = first.outbox().send(score(server.url("/scores"), 9), "score");
        recorder.frames(first, () -> handle.isStored() && server.receipts().size() >= 2);
        disposeAll();
        int whileDown = server.receipts().size();
        assertEquals(0, server.totalEffects());
        assertEquals(List.of(handle.id() + ".req"), files());

        server.up();
        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().isEmpty());

        OutboxResult result = recorder.answered.get(0);
        assertEquals(handle.id(), result.id());
        assertEquals("score", result.tag());
        assertEquals(201, result.status());
        assertEquals(1, server.effectsOf(result.idempotencyKey()));
        assertEquals(Collections.nCopies(whileDown + 1, result.idempotencyKey()), server.receipts());
    }

    /**
     * The callback of a score sent directly: if the send is cancelled (the player quits before
     * its answer), the score goes in the outbox instead, as the example game does.
     */
    private static class QueueIfCancelled implements FetchCallback<HttpResponse> {
        final List<OutboxHandle> queued = new ArrayList<>();
        final List<Exception> refused = new ArrayList<>();
        private final FetchManager fetch;
        private final HttpRequest score;

        QueueIfCancelled(FetchManager fetch, HttpRequest score) {
            this.fetch = fetch;
            this.score = score;
        }

        @Override
        public void onSuccess(HttpResponse result, HttpResponse response) {
        }

        @Override
        public void onFailure(FetchException failure) {
        }

        @Override
        public void onCancelled() {
            try {
                queued.add(fetch.outbox().send(score, "score"));
            } catch (RuntimeException e) {
                refused.add(e);
            }
        }
    }

    @Test
    void aRequestPutInTheOutboxByACancellationDuringDisposeArrivesInTheNextRun() throws Exception {
        KeyCountingServer server = server();
        FetchManager first = manager();
        QueueIfCancelled sent = new QueueIfCancelled(first, score(server.url("/scores"), 77));
        try (SilentServer silent = new SilentServer()) {
            first.post(silent.url("/scores"), RequestBody.jsonText("{}")).send(sent);
            silent.awaitConnections(1);
            disposeAll();
        }
        assertEquals(List.of(), sent.refused, "the outbox refused the score put in it by onCancelled");
        assertEquals(1, sent.queued.size());
        assertEquals(List.of(sent.queued.get(0).id() + ".req"), files());

        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().isEmpty());
        assertEquals(sent.queued.get(0).id(), recorder.answered.get(0).id());
        assertEquals("{\"name\":\"ada\",\"points\":77}", server.bodies().get(0));
    }

    @Test
    void aDisposeCalledAgainFromACancellationLeavesTheOutboxToTheOthers() throws Exception {
        KeyCountingServer server = server();
        FetchManager first = manager();
        QueueIfCancelled sent = new QueueIfCancelled(first, score(server.url("/scores"), 8));
        try (SilentServer silent = new SilentServer()) {
            // The first cancellation's handler disposes again; the second's puts its score in the outbox.
            first.get(silent.url("/first")).send(new QueueIfCancelled(first, null) {
                @Override
                public void onCancelled() {
                    first.dispose();
                }
            });
            first.post(silent.url("/scores"), RequestBody.jsonText("{}")).send(sent);
            silent.awaitConnections(2);
            disposeAll();
        }
        assertEquals(List.of(), sent.refused, "the outbox refused a score after a nested dispose()");
        assertEquals(List.of(sent.queued.get(0).id() + ".req"), files());
    }

    @Test
    void disposeRefusedInsideACallbackLeavesTheOutboxWorking() throws Exception {
        KeyCountingServer server = server();
        FetchManager fetch = manager();
        List<Exception> refused = new ArrayList<>();
        FetchHandle<String> get = fetch.get(server.url("/status")).send(Decoders.text(), new FetchCallback<String>() {
            @Override
            public void onSuccess(String result, HttpResponse response) {
                try {
                    fetch.dispose();
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }

            @Override
            public void onFailure(FetchException failure) {
            }
        });
        recorder.frames(fetch, get::isDone);
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).getMessage().contains("dispose() called from inside a fetch callback"),
                refused.get(0).getMessage());

        OutboxHandle handle = fetch.outbox().send(score(server.url("/scores"), 5), "score");
        recorder.frames(fetch, () -> recorder.answered.size() == 1);
        assertEquals(handle.id(), recorder.answered.get(0).id());
        assertEquals(201, recorder.answered.get(0).status());
    }

    @Test
    void updateAndDisposeInsideAnOutboxListenerAreRefusedAsInsideAnyCallback() throws Exception {
        KeyCountingServer server = server();
        FetchManager fetch = new FetchManager(FetchConfig.builder().outbox(config().build()).build());
        managers.add(fetch);
        List<String> heard = new ArrayList<>();
        fetch.outbox().setListener(new OutboxListener() {
            @Override
            public void onAnswered(OutboxResult result) {
                heard.add(result.tag());
                try {
                    fetch.update();
                    heard.add("update() ran inside onAnswered");
                } catch (IllegalStateException e) {
                    heard.add("update() refused");
                }
                try {
                    fetch.dispose();
                    heard.add("dispose() ran inside onAnswered");
                } catch (IllegalStateException e) {
                    heard.add("dispose() refused");
                }
            }

            @Override
            public void onDropped(String id, String reason) {
                heard.add("dropped " + id);
            }
        });
        fetch.outbox().send(score(server.url("/scores"), 1), "first");
        recorder.frames(fetch, () -> heard.size() >= 3);
        fetch.outbox().send(score(server.url("/scores"), 2), "second");
        recorder.frames(fetch, () -> heard.size() >= 6);
        assertEquals(List.of("first", "update() refused", "dispose() refused",
                "second", "update() refused", "dispose() refused"), heard);
    }

    @Test
    void outcomeRecordedButNotYetDeliveredArrivesInTheNextRunWithoutResending() throws Exception {
        KeyCountingServer server = server();
        FetchManager first = new FetchManager(FetchConfig.builder().outbox(config().build()).build());
        managers.add(first);
        OutboxHandle handle = first.outbox().send(score(server.url("/scores"), 3));
        // No listener: the outcome is recorded in the journal and waits for one.
        recorder.frames(first, () -> files().equals(List.of(handle.id() + ".out")));
        disposeAll();

        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().isEmpty());

        assertEquals(handle.id(), recorder.answered.get(0).id());
        assertEquals(201, recorder.answered.get(0).status());
        assertEquals(1, server.receipts().size());
    }

    @Test
    void outcomesArriveOnTheRenderThreadOnlyInsideUpdate() throws Exception {
        KeyCountingServer server = server();
        FetchManager fetch = new FetchManager(FetchConfig.builder().outbox(config().build()).build());
        managers.add(fetch);
        OutboxHandle handle = fetch.outbox().send(score(server.url("/scores"), 5));
        recorder.frames(fetch, () -> files().equals(List.of(handle.id() + ".out")));
        fetch.outbox().setListener(recorder);
        assertEquals(List.of(), recorder.answered, "nothing is delivered between frames");

        recorder.frames(fetch, () -> !recorder.answered.isEmpty());

        assertEquals(handle.id(), recorder.answered.get(0).id());
        // The recorder checked the thread and that update() was running; see close().
    }

    @Test
    void requestsSentInOneBurstKeepTheirOrderInTheJournal() throws Exception {
        KeyCountingServer server = server();
        server.down();
        FetchManager fetch = manager();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(fetch.outbox().send(score(server.url("/scores"), i)).id());
        }
        // A later run resends in the journal's name order, so that order must be the send order.
        for (int i = 1; i < sent.size(); i++) {
            assertTrue(sent.get(i - 1).compareTo(sent.get(i)) < 0,
                    "send " + i + " (" + sent.get(i) + ") sorts before send " + (i - 1) + " (" + sent.get(i - 1) + ")");
        }
    }

    @Test
    void damagedEntriesAreSetAsideAndReportedAndTheRestDelivered() throws Exception {
        // Nothing listens during the first run, so no attempt of it can reach the server late.
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/scores";
        FetchManager first = manager();
        OutboxHandle flipped = first.outbox().send(score(url, 1));
        OutboxHandle whole = first.outbox().send(score(url, 2));
        OutboxHandle truncated = first.outbox().send(score(url, 3));
        recorder.frames(first, () -> flipped.isStored() && whole.isStored() && truncated.isStored());
        disposeAll();
        try (RandomAccessFile f = new RandomAccessFile(new File(dir(), flipped.id() + ".req"), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0x20);
        }
        try (RandomAccessFile f = new RandomAccessFile(new File(dir(), truncated.id() + ".req"), "rw")) {
            f.setLength(f.length() - 5);
        }

        KeyCountingServer server = server(port);
        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && recorder.dropped.size() == 2);

        assertEquals(whole.id(), recorder.answered.get(0).id());
        assertEquals(List.of("{\"name\":\"ada\",\"points\":2}"), server.bodies().subList(server.bodies().size() - 1,
                server.bodies().size()));
        assertEquals(1, server.totalEffects(), "bodies " + server.bodies() + ", dropped " + recorder.dropped);
        for (String report : recorder.dropped) {
            assertTrue(report.contains("checksum mismatch"), report);
            assertTrue(report.contains(".req.corrupt"), report);
        }
        assertTrue(recorder.dropped.get(0).startsWith(flipped.id() + ": damaged outbox record "
                + new File(dir(), flipped.id() + ".req").getAbsolutePath()), recorder.dropped.get(0));
        recorder.frames(second, () -> files().size() == 2);
        assertEquals(List.of(flipped.id() + ".req.corrupt", truncated.id() + ".req.corrupt"), files());
        assertEquals(0, second.outbox().pendingCount());
    }

    @Test
    void aWholeRequestLeftUnderItsTemporaryNameIsSentOnceAndAHalfWrittenOneIsNot() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/scores";
        FetchManager first = manager();
        OutboxHandle whole = first.outbox().send(score(url, 1));
        OutboxHandle torn = first.outbox().send(score(url, 2));
        recorder.frames(first, () -> whole.isStored() && torn.isStored());
        disposeAll();
        // A power cut after the sync but before the directory recorded the rename leaves the
        // record, whole and synced, under its temporary name; one cut mid-write leaves less.
        File wholeRecord = new File(dir(), whole.id() + ".req");
        assertTrue(wholeRecord.renameTo(new File(dir(), whole.id() + ".req.tmp")));
        File tornRecord = new File(dir(), torn.id() + ".req");
        try (RandomAccessFile f = new RandomAccessFile(tornRecord, "rw")) {
            f.setLength(f.length() - 5);
        }
        assertTrue(tornRecord.renameTo(new File(dir(), torn.id() + ".req.tmp")));

        KeyCountingServer server = server(port);
        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().isEmpty());

        assertEquals(whole.id(), recorder.answered.get(0).id());
        assertEquals(List.of("{\"name\":\"ada\",\"points\":1}"), server.bodies());
        assertEquals(List.of(), recorder.dropped, "a write cut short is no damage to report");
        assertEquals(0, second.outbox().pendingCount());
    }

    @Test
    void aWholeOutcomeLeftUnderItsTemporaryNameIsDeliveredWithoutResending() throws Exception {
        KeyCountingServer server = server();
        String id = answeredBeforeItsRequestWasDeleted(server, 4);
        int receipts = server.receipts().size();
        // A power cut before the directory recorded the outcome's rename loses the rename and the
        // request's deletion after it, and leaves the outcome, whole and synced, under its temporary name.
        assertTrue(new File(dir(), id + ".out").renameTo(new File(dir(), id + ".out.tmp")));

        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().isEmpty());

        assertEquals(id, recorder.answered.get(0).id());
        assertEquals(201, recorder.answered.get(0).status());
        assertEquals(receipts, server.receipts().size(), "the answered request is not sent again");
    }

    @Test
    void aDamagedOutcomeWhoseRequestIsStillThereIsSentAgainAndNotReportedAsDropped() throws Exception {
        KeyCountingServer server = server();
        String id = answeredBeforeItsRequestWasDeleted(server, 6);
        // The answer damaged too.
        try (RandomAccessFile f = new RandomAccessFile(new File(dir(), id + ".out"), "rw")) {
            f.seek(20);
            int b = f.read();
            f.seek(20);
            f.write(b ^ 0x01);
        }

        FetchManager second = manager();
        recorder.frames(second, () -> recorder.answered.size() == 1 && files().equals(List.of(id
                + ".out.corrupt")));

        assertEquals(id, recorder.answered.get(0).id());
        assertEquals(List.of(), recorder.dropped, "the request did not leave the outbox without an answer");
        assertEquals(1, server.effectsOf(recorder.answered.get(0).idempotencyKey()));
    }

    @Test
    void fullOutboxRefusesTheRequestNamingTheLimit() throws Exception {
        KeyCountingServer server = server();
        server.down();
        FetchManager byCount = manager(config().maxEntries(2).build());
        byCount.outbox().send(score(server.url("/scores"), 1));
        byCount.outbox().send(score(server.url("/scores"), 2));
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> byCount.outbox().send(score(server.url("/scores"), 3)));
        assertEquals("outbox is full: it keeps 2 requests, its limit (OutboxConfig maxEntries 2); cannot add POST "
                + server.url("/scores"), full.getMessage());
        assertEquals(2, byCount.outbox().pendingCount());
        disposeAll();

        FetchManager byBytes = manager(OutboxConfig.builder(new FileHandle(tmp.resolve("small").toFile()))
                .maxBytes(100).build());
        IllegalStateException tooBig = assertThrows(IllegalStateException.class,
                () -> byBytes.outbox().send(HttpRequest.post(server.url("/scores"), RequestBody.text("x".repeat(200)))
                        .build()));
        assertTrue(tooBig.getMessage().startsWith("outbox is full: its requests use 0 of 100 bytes (OutboxConfig "
                + "maxBytes) and POST " + server.url("/scores") + " needs "), tooBig.getMessage());
        assertEquals(0, byBytes.outbox().pendingCount());
    }

    @Test
    void managerWithoutAnOutboxSaysHowToEnableIt() {
        FetchManager fetch = new FetchManager();
        managers.add(fetch);
        IllegalStateException e = assertThrows(IllegalStateException.class, fetch::outbox);
        assertTrue(e.getMessage().contains("FetchConfig.builder().outbox(OutboxConfig.builder("), e.getMessage());
    }

    @Test
    void outboxFolderThatIsNotOnTheFileSystemIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutboxConfig.builder(null));
        assertEquals("outbox directory is null", e.getMessage());
        assertNotNull(OutboxConfig.builder(new FileHandle(dir())).build().directory());
    }
}
