package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A separate JVM that puts one score in an outbox and then waits to be killed with SIGKILL at the
 * point its mode names; it prints a line when it gets there.
 *
 * <ul>
 *   <li>{@code sent}: right after {@code send} returned, the journal write possibly under way;
 *   <li>{@code stored}: once the request is durably in the journal;
 *   <li>{@code recorded}: once the final answer is recorded in the journal, before any listener
 *       heard it (frames run, no listener is set);
 *   <li>{@code hold}: sends nothing; once its outbox holds the folder;
 *   <li>{@code open}: sends nothing; prints {@code opened} or {@code refused: } and the message,
 *       then exits.
 * </ul>
 * In {@code sent} and {@code stored} the game loop never runs, so a response that arrives is never
 * recorded: a kill then also lands between the server's answer and its record.
 */
public final class OutboxChild {
    private OutboxChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        File dir = new File(args[1]);
        if (mode.equals("open")) {
            try {
                new FetchManager(FetchConfig.builder().outbox(OutboxConfig.builder(new FileHandle(dir)).build())
                        .build()).dispose();
                say("opened");
            } catch (IllegalStateException e) {
                say("refused: " + e.getMessage());
            }
            return;
        }
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(dir)).retryDelays(5, 20).build()).build());
        if (mode.equals("hold")) {
            say("holding");
            new CountDownLatch(1).await();
        }
        OutboxHandle handle = fetch.outbox().send(HttpRequest.post(args[2],
                RequestBody.jsonText("{\"name\":\"ada\",\"points\":1200}")).build(), "score");
        if (mode.equals("sent")) {
            say("sent");
        } else if (mode.equals("stored")) {
            while (!handle.isStored()) {
                LockSupport.parkNanos(100_000);
            }
            say("stored");
        } else if (mode.equals("recorded")) {
            File outcome = new File(dir, handle.id() + ".out");
            while (!outcome.exists()) {
                fetch.update();
                LockSupport.parkNanos(1_000_000);
            }
            say("recorded");
        }
        new CountDownLatch(1).await();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
