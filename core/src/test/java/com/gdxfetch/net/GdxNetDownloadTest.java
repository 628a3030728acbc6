package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads over the Gdx.net transport: streamed to disk and verified the same way, but each
 * attempt starts from zero, since Gdx.net builds its request where no file may be read.
 */
class GdxNetDownloadTest {
    private static HeadlessApplication app;

    @TempDir
    Path tmp;

    private FetchManager fetch;

    @BeforeAll
    static void startApplication() {
        app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
    }

    @AfterAll
    static void stopApplication() {
        app.exit();
    }

    @AfterEach
    void dispose() {
        if (fetch != null) {
            fetch.dispose();
        }
    }

    @Test
    void aDownloadOverGdxNetStreamsToDiskAndRestartsFromZeroAfterADrop() throws Exception {
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        byte[] body = DownloadTest.content(3_000_000, 51);
        try (RangeServer server = new RangeServer(body)) {
            server.cutConnection = 0;
            server.cutAt = 1_000_000;
            FileHandle dest = new FileHandle(tmp.resolve("gdx.bin").toFile());
            DownloadHandle h = fetch.download(server.url("/g"), dest).autoResume(1)
                    .sha256(DownloadTest.sha256(body)).send();
            Frames.untilDone(fetch, h);
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, Files.readAllBytes(dest.file().toPath()));
            assertEquals(2, server.heads.size());
            assertNull(server.range(1), "Gdx.net downloads never ask for a range");
            assertFalse(new File(dest.file().getPath() + ".part").exists());
        }
    }

    @Test
    void aBodyGzippedAnywayIsStoredDecodedOverGdxNetToo() throws Exception {
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        byte[] body = DownloadTest.content(200_000, 52);
        byte[] coded = DownloadHostileServerTest.gzip(body);
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: " + coded.length + "\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(coded);
            socket.close();
        })) {
            FileHandle dest = new FileHandle(tmp.resolve("coded.bin").toFile());
            DownloadHandle h = fetch.download(server.url("/c"), dest).sha256(DownloadTest.sha256(body)).send();
            Frames.untilDone(fetch, h);
            assertTrue(h.isSuccess(), String.valueOf(h.failure()));
            assertArrayEquals(body, Files.readAllBytes(dest.file().toPath()));
        }
    }

    @Test
    void aNoContentAnswerOverGdxNetFailsWithItsStatusAndLeavesTheFileTheGameHad() throws Exception {
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        try (RawServer server = new RawServer((socket, index) -> {
            RawServer.readHead(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            socket.close();
        })) {
            FileHandle dest = new FileHandle(tmp.resolve("kept.bin").toFile());
            byte[] old = DownloadTest.content(1000, 53);
            dest.writeBytes(old, false);
            DownloadHandle h = fetch.download(server.url("/n"), dest).send();
            Frames.untilDone(fetch, h);
            assertEquals(FailureKind.HTTP_STATUS, h.failure().kind(), h.failure().getMessage());
            assertTrue(h.failure().getMessage().contains("204"), h.failure().getMessage());
            assertArrayEquals(old, dest.readBytes());
            assertFalse(new File(dest.file().getPath() + ".part").exists());
        }
    }

    @Test
    void aFileUploadOverGdxNetFailsClearly() throws Exception {
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        File file = tmp.resolve("up.bin").toFile();
        Files.write(file.toPath(), new byte[10]);
        FetchHandle<HttpResponse> h = fetch.post("http://127.0.0.1:1/u", RequestBody.file(new FileHandle(file))).send();
        Frames.untilDone(fetch, h);
        assertEquals(FailureKind.PROTOCOL, h.failure().kind());
        assertTrue(h.failure().getMessage().contains("cannot stream a file body"), h.failure().getMessage());
    }
}
