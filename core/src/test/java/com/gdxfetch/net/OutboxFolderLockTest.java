package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One outbox per folder, enforced with an operating-system lock: a second outbox in this JVM or
 * in another process is refused with a message naming the folder; a killed process lets go.
 */
class OutboxFolderLockTest {
    @TempDir
    Path tmp;

    private final List<FetchManager> managers = new ArrayList<>();
    private Process child;

    @AfterEach
    void close() throws InterruptedException {
        for (FetchManager m : managers) {
            m.dispose();
        }
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private File dir() {
        return tmp.resolve("outbox").toFile();
    }

    private FetchManager open() {
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .outbox(OutboxConfig.builder(new FileHandle(dir())).build()).build());
        managers.add(fetch);
        return fetch;
    }

    private void assertRefused(IllegalStateException e) {
        assertTrue(e.getMessage().contains(dir().getAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("another outbox holds the folder"), e.getMessage());
    }

    @Test
    void aSecondOutboxOnTheSameFolderInThisProcessIsRefusedNamingTheFolder() {
        open();
        assertRefused(assertThrows(IllegalStateException.class, this::open));
    }

    @Test
    void aDisposedOutboxLetsTheNextOneOnTheFolder() {
        FetchManager first = open();
        first.dispose();
        managers.remove(first);
        open();
    }

    @Test
    void theFolderStaysLockedForOtherProcessesAfterASecondOutboxHereWasRefused() throws Exception {
        open();
        assertThrows(IllegalStateException.class, this::open);
        // Closing a handle on a locked file frees the whole process's POSIX lock on it: the refused
        // outbox must not have opened the lock file at all.
        String answer = runChild("open");
        assertTrue(answer.startsWith("refused: "), answer);
    }

    @Test
    void anOutboxInAnotherProcessHoldsTheFolderUntilThatProcessIsKilled() throws Exception {
        child = startChild("hold");
        try (BufferedReader out = output(child)) {
            assertEquals("holding", out.readLine());
            assertRefused(assertThrows(IllegalStateException.class, this::open));

            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        }
        open();
        assertEquals("refused", runChild("open").split(":")[0], "and this process holds it now");
    }

    private String runChild(String mode) throws IOException, InterruptedException {
        Process p = startChild(mode);
        try (BufferedReader out = output(p)) {
            String line = out.readLine();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            return line;
        } finally {
            p.destroyForcibly();
        }
    }

    private Process startChild(String mode) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), OutboxChild.class.getName(), mode, dir().getAbsolutePath(),
                "http://127.0.0.1:9/scores")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    private static BufferedReader output(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }
}
