package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download's file work (resolving the destination's path, reading the partial, writing) runs on
 * a worker: the thread that calls {@code send()} and {@code update()}, the game's render thread,
 * never asks the destination for its file.
 */
class DownloadCallingThreadTest {
    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** A destination that notes which thread asked it for its file or the file's state. */
    static final class RecordingHandle extends FileHandle {
        final List<Thread> callers = new CopyOnWriteArrayList<>();

        RecordingHandle(File file) {
            super(file, FileType.Absolute);
        }

        @Override
        public File file() {
            callers.add(Thread.currentThread());
            return super.file();
        }

        @Override
        public boolean exists() {
            callers.add(Thread.currentThread());
            return super.exists();
        }

        @Override
        public boolean isDirectory() {
            callers.add(Thread.currentThread());
            return super.isDirectory();
        }

        @Override
        public long length() {
            callers.add(Thread.currentThread());
            return super.length();
        }

        List<String> callsFrom(Thread thread) {
            List<String> names = new ArrayList<>();
            for (Thread caller : callers) {
                if (caller == thread) {
                    names.add(caller.getName());
                }
            }
            return names;
        }

        boolean askedByAnotherThread(Thread thread) {
            for (Thread caller : callers) {
                if (caller != thread) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void sendAndUpdateLeaveTheDestinationsFileToTheWorker() throws Exception {
        byte[] body = DownloadTest.content(200_000, 8);
        try (RangeServer server = new RangeServer(body)) {
            RecordingHandle dest = new RecordingHandle(tmp.resolve("pack.bin").toFile());
            Thread game = Thread.currentThread();

            DownloadHandle h = fetch.download(server.url("/pack.bin"), dest).sha256(DownloadTest.sha256(body)).send();
            List<String> duringSend = dest.callsFrom(game);
            Frames.untilDone(fetch, h);

            assertEquals(List.of(), duringSend, "send() asked the destination for its file on the calling thread");
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertEquals(List.of(), dest.callsFrom(game), "update() asked the destination for its file");
            assertTrue(dest.askedByAnotherThread(game), "the worker never asked the destination for its file");
            assertArrayEquals(body, Files.readAllBytes(tmp.resolve("pack.bin")));
        }
    }

    @Test
    void aMissingFolderStillFailsWithFileNamingItWhenTheWorkerFindsIt() throws Exception {
        try (RangeServer server = new RangeServer(DownloadTest.content(1000, 9))) {
            File folder = tmp.resolve("not-there").toFile();
            RecordingHandle dest = new RecordingHandle(new File(folder, "pack.bin"));
            Thread game = Thread.currentThread();

            DownloadHandle h = fetch.download(server.url("/pack.bin"), dest).send();
            List<String> duringSend = dest.callsFrom(game);
            Frames.untilDone(fetch, h);

            assertEquals(List.of(), duringSend, "send() asked the destination for its file on the calling thread");
            assertTrue(h.isFailed(), "a download into a missing folder succeeded");
            assertEquals(FailureKind.FILE, h.failure().kind(), String.valueOf(h.failure()));
            assertTrue(h.failure().getMessage().contains(folder.getPath() + "' does not exist"), h.failure().getMessage());
            assertFalse(folder.exists(), "the download created the missing folder");
        }
    }
}
