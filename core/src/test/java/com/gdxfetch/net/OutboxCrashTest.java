package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game killed with SIGKILL at each point of an outbox request's life: the next run on the same
 * folder makes the server apply the request exactly once (counted by its Idempotency-Key) and
 * delivers its outcome, or, killed before the request was stored, sends nothing at all.
 */
class OutboxCrashTest {
    @TempDir
    Path tmp;

    private KeyCountingServer server;
    private Process child;
    private final OutboxRecorder recorder = new OutboxRecorder();

    @BeforeEach
    void start() throws IOException {
        server = new KeyCountingServer();
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        server.close();
        assertEquals(List.of(), recorder.problems);
    }

    private File dir() {
        return tmp.resolve("outbox").toFile();
    }

    @Test
    void killedRightAfterSendEitherLostTheUnstoredRequestOrDeliversItOnce() throws Exception {
        server.down();
        killAt("sent");

        server.up();
        FetchManager next = nextRun();
        recorder.frames(next, () -> next.outbox().isLoaded() && next.outbox().pendingCount() == 0
                && recorder.answered.size() == server.totalEffects());

        assertTrue(server.totalEffects() <= 1, "applied " + server.totalEffects() + " times");
        assertEquals(List.of(), recorder.dropped, "a write cut short is never a damaged entry");
        assertEquals(List.of(), files(), "no temporary file, no request, no outcome left");
        next.dispose();
    }

    @Test
    void killedAfterTheWriteSendsItInTheNextRunOnce() throws Exception {
        server.down();
        killAt("stored");

        server.up();
        deliveredOnceInTheNextRun();
    }

    @Test
    void killedMidSendResendsWithTheSameKeyAndTheServerAppliesItOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.holdNext(release);
        child = startChild("stored");
        try (BufferedReader out = output(child)) {
            assertEquals("stored", out.readLine());
            assertTrue(server.held.await(30, TimeUnit.SECONDS), "the request reached the server");
            kill();
        }
        release.countDown();

        OutboxResult result = deliveredOnceInTheNextRun();
        assertEquals(200, result.status(), "the server's kept answer to the repeated key");
        assertEquals(List.of(result.idempotencyKey(), result.idempotencyKey()), server.receipts());
    }

    @Test
    void killedAfterTheServerAnsweredButBeforeTheOutcomeWasRecordedResendsAndIsAppliedOnce() throws Exception {
        child = startChild("stored");
        try (BufferedReader out = output(child)) {
            assertEquals("stored", out.readLine());
            assertTrue(server.awaitAnswered(30), "the server answered");
            kill();
        }
        assertEquals(1, server.receipts().size());
        assertTrue(Arrays.asList(dir().list()).stream().anyMatch(n -> n.endsWith(".req")), "not yet recorded");

        OutboxResult result = deliveredOnceInTheNextRun();
        assertEquals(List.of(result.idempotencyKey(), result.idempotencyKey()), server.receipts());
    }

    @Test
    void killedAfterTheOutcomeWasRecordedDeliversItInTheNextRunWithoutResending() throws Exception {
        killAt("recorded");

        OutboxResult result = deliveredOnceInTheNextRun();
        assertEquals(201, result.status());
        assertEquals(List.of(result.idempotencyKey()), server.receipts(), "not sent again");
    }

    /** Runs the next game on the folder; the request is applied once and its outcome delivered. */
    private OutboxResult deliveredOnceInTheNextRun() throws Exception {
        FetchManager next = nextRun();
        recorder.frames(next, () -> recorder.answered.size() == 1 && files().isEmpty());
        OutboxResult result = recorder.answered.get(0);
        assertEquals("score", result.tag());
        assertTrue(result.isSuccessful(), result.toString());
        assertEquals(1, server.effectsOf(result.idempotencyKey()));
        assertEquals(1, server.totalEffects());
        for (String key : server.receipts()) {
            assertEquals(result.idempotencyKey(), key, "every attempt carries the same key");
        }
        assertEquals(List.of(), recorder.dropped);
        next.dispose();
        return result;
    }

    private FetchManager nextRun() {
        FetchManager next = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(dir())).retryDelays(5, 20).build()).build());
        next.outbox().setListener(recorder);
        return next;
    }

    private void killAt(String line) throws Exception {
        child = startChild(line);
        try (BufferedReader out = output(child)) {
            assertEquals(line, out.readLine());
            kill();
        }
    }

    private void kill() throws InterruptedException {
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    /** The journal's files, without the lock file a running outbox keeps. */
    private List<String> files() {
        String[] names = dir().list();
        List<String> list = names == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(names));
        list.remove("outbox.lock");
        return list;
    }

    private Process startChild(String mode) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), OutboxChild.class.getName(), mode, dir().getAbsolutePath(),
                server.url("/scores"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    private static BufferedReader output(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }
}
