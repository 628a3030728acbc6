package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads streamed from a file: the server gets every byte, the handle reports progress as they go. */
class UploadFileTest {
    @TempDir
    Path tmp;

    private final FetchManager fetch = new FetchManager();

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    /** A file of {@code length} zero bytes that takes no room on disk. */
    private File sparseFile(String name, long length) throws Exception {
        File file = tmp.resolve(name).toFile();
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file, "rw")) {
            sparse.setLength(length);
        }
        return file;
    }

    /** Reads the request's body by its Content-Length and answers with its length and SHA-256. */
    private static RawServer hashingServer() throws Exception {
        return hashingServer(new CountDownLatch(0));
    }

    /** {@link #hashingServer()}, which starts reading the body only once {@code readBody} opens. */
    private static RawServer hashingServer(CountDownLatch readBody) throws Exception {
        return new RawServer((socket, i) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            readBody.await();
            long length = Long.parseLong(RangeServer.header(head, "content-length"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                sha.update(buf, 0, n);
                left -= n;
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : sha.digest()) {
                hex.append(String.format("%02x", b));
            }
            String answer = (length - left) + " " + hex + " " + RangeServer.header(head, "content-type");
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: " + answer.length()
                    + "\r\nConnection: close\r\n\r\n" + answer);
        });
    }

    @Test
    void aFileIsUploadedWholeWithProgress() throws Exception {
        // More than the socket buffers of both ends can hold, so that while the server waits the
        // upload stops part way instead of finishing into the buffers.
        byte[] data = DownloadTest.content(40_000_000, 31);
        File file = tmp.resolve("save.bin").toFile();
        Files.write(file.toPath(), data);
        CountDownLatch readBody = new CountDownLatch(1);
        try (RawServer server = hashingServer(readBody)) {
            FetchHandle<String> h = fetch.post(server.url("/upload"), RequestBody.file(new FileHandle(file)))
                    .send(Decoders.text(), null);
            Frames.until(fetch, () -> h.bytesSent() > 0);
            long partWay = h.bytesSent();
            readBody.countDown();
            Frames.untilDone(fetch, h);

            assertTrue(partWay < data.length, "progress part way: " + partWay + " of " + data.length);
            assertEquals(data.length + " " + DownloadTest.sha256(data) + " application/octet-stream", h.result());
            assertEquals(data.length, h.bytesSent());
            assertEquals(data.length, h.uploadLength());
        }
    }

    @Test
    void aMissingFileFailsWithFileNamingThePath() throws Exception {
        File missing = tmp.resolve("nope.bin").toFile();
        try (RawServer server = hashingServer()) {
            FetchHandle<HttpResponse> h = fetch.post(server.url("/upload"),
                    RequestBody.file(new FileHandle(missing), "application/x-save")).send();
            Frames.untilDone(fetch, h);
            assertEquals(FailureKind.FILE, h.failure().kind());
            assertTrue(h.failure().getMessage().contains(missing.getAbsolutePath()), h.failure().getMessage());
        }
    }

    @Test
    void aFileThatShrinksWhileItIsUploadedFailsWithFileAndTheServerSeesTheBodyCutShort() throws Exception {
        File file = sparseFile("shrinking.bin", 64L << 20);
        CountDownLatch readBody = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong serverGot = new java.util.concurrent.atomic.AtomicLong(-1);
        CountDownLatch serverDone = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, i) -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            readBody.await();
            byte[] buf = new byte[65536];
            long got = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                got += n;
            }
            serverGot.set(got);
            serverDone.countDown();
        })) {
            FetchHandle<HttpResponse> h = fetch.post(server.url("/upload"), RequestBody.file(new FileHandle(file))).send();
            Frames.until(fetch, () -> h.bytesSent() > 0);
            try (java.io.RandomAccessFile cut = new java.io.RandomAccessFile(file, "rw")) {
                cut.setLength(1 << 20);
            }
            readBody.countDown();
            Frames.untilDone(fetch, h);
            assertEquals(FailureKind.FILE, h.failure().kind());
            String message = h.failure().getMessage();
            assertTrue(message.contains("shrank") && message.contains(file.getAbsolutePath())
                    && message.contains(server.url("/upload")), message);
            assertTrue(serverDone.await(10, java.util.concurrent.TimeUnit.SECONDS), "the server was left waiting");
            assertTrue(serverGot.get() < (64L << 20), "got " + serverGot.get());
        }
    }

    @Test
    void aFileThatGrowsWhileItIsUploadedFailsWithFileAndTheServerNeverGetsAWholeBody() throws Exception {
        File file = sparseFile("growing.bin", 64L << 20);
        CountDownLatch readBody = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong serverLeft = new java.util.concurrent.atomic.AtomicLong(-1);
        CountDownLatch serverDone = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, i) -> {
            InputStream in = socket.getInputStream();
            String head = RawServer.readHead(in);
            readBody.await();
            long left = Long.parseLong(RangeServer.header(head, "content-length"));
            byte[] buf = new byte[65536];
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
                left -= n;
            }
            serverLeft.set(left);
            serverDone.countDown();
            if (left == 0) {
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nstored");
            }
        })) {
            FetchHandle<HttpResponse> h = fetch.post(server.url("/upload"), RequestBody.file(new FileHandle(file))).send();
            Frames.until(fetch, () -> h.bytesSent() > 0);
            try (java.io.RandomAccessFile grow = new java.io.RandomAccessFile(file, "rw")) {
                grow.setLength(65L << 20);
            }
            readBody.countDown();
            Frames.untilDone(fetch, h);
            assertEquals(FetchState.FAILED, h.state(), "an upload of a file that grew part way ended " + h.state());
            assertEquals(FailureKind.FILE, h.failure().kind(), h.failure().getMessage());
            String message = h.failure().getMessage();
            assertTrue(message.contains("grew") && message.contains(file.getAbsolutePath()), message);
            assertTrue(serverDone.await(10, java.util.concurrent.TimeUnit.SECONDS), "the server was left waiting");
            assertTrue(serverLeft.get() > 0, "the server got the whole body of a file that grew while it was sent");
        }
    }

    @Test
    void aFileThatShrinksWhileItIsPutOnAKeptConnectionFailsInsteadOfGoingAgainShorter() throws Exception {
        File file = sparseFile("save.bin", 64L << 20);
        CountDownLatch readBody = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
        try (RawServer server = new RawServer((socket, i) -> {
            InputStream in = socket.getInputStream();
            while (true) {
                String head = RawServer.readHead(in);
                if (head.startsWith("GET")) {
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    continue;
                }
                puts.incrementAndGet();
                readBody.await();
                long left = Long.parseLong(RangeServer.header(head, "content-length"));
                byte[] buf = new byte[65536];
                for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
                    left -= n;
                }
                if (left == 0) {
                    RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nstored");
                }
                return;
            }
        })) {
            FetchHandle<String> warm = fetch.get(server.url("/warm")).send(Decoders.text(), null);
            Frames.untilDone(fetch, warm);
            FetchHandle<HttpResponse> put = fetch.post(server.url("/save"), RequestBody.file(new FileHandle(file)))
                    .method("PUT").send();
            Frames.until(fetch, () -> put.bytesSent() > 0);
            try (java.io.RandomAccessFile cut = new java.io.RandomAccessFile(file, "rw")) {
                cut.setLength(1 << 20);
            }
            readBody.countDown();
            Frames.untilDone(fetch, put);
            assertEquals(FetchState.FAILED, put.state(), "a PUT of a file cut while it went out ended " + put.state());
            assertEquals(FailureKind.FILE, put.failure().kind(), put.failure().getMessage());
            assertEquals(1, puts.get(), "times the server got the PUT");
        }
    }

    @Test
    void aDirectoryGivenAsTheBodyFailsWithFileNamingThePath() throws Exception {
        File folder = tmp.resolve("saves").toFile();
        assertTrue(folder.mkdir());
        try (RawServer server = hashingServer()) {
            FetchHandle<HttpResponse> h = fetch.post(server.url("/upload"), RequestBody.file(new FileHandle(folder))).send();
            Frames.untilDone(fetch, h);
            assertEquals(FailureKind.FILE, h.failure().kind());
            assertTrue(h.failure().getMessage().contains(folder.getAbsolutePath()), h.failure().getMessage());
        }
    }

    @Test
    void filesThatNeedNotBePlainFilesAreRefusedAtTheCall() {
        assertThrows(IllegalArgumentException.class, () -> RequestBody.file(null));
        assertThrows(IllegalArgumentException.class,
                () -> RequestBody.file(new FileHandle("a.bin", FileType.Classpath) { }));
    }
}
