package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP cache against nginx, whose answers the scripted server cannot be trusted to imitate. */
class HttpCacheNginxTest {
    @TempDir
    File dir;
    private Nginx nginx;
    private FetchManager fetch;

    @AfterEach
    void stop() throws Exception {
        if (fetch != null) {
            fetch.dispose();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void aGzippedFileStoredUnderNginxsWeakETagIsRevalidatedByTheStrongTagNginxSendsIn304() throws Exception {
        File root = new File(dir, "root");
        File prefix = new File(dir, "nginx");
        assertTrue(root.mkdirs() && prefix.mkdirs());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.write(new File(root, "board.txt").toPath(), text.toString().getBytes(StandardCharsets.US_ASCII));
        // gzip weakens the 200's ETag to W/"..."; the 304 passes no gzip filter and keeps it strong.
        nginx = new Nginx(prefix, "  gzip on;\n  gzip_types text/plain;\n  types { text/plain txt; }\n"
                + "  log_format st '$status';\n  access_log %PREFIX%/access.log st;\n",
                "    listen 127.0.0.1:%PORT%;\n    root " + root.getAbsolutePath() + ";\n");
        fetch = new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(new File(dir, "http-cache")), 1 << 20).build());

        HttpResponse first = get(fetch.get(nginx.url("/board.txt")));
        assertTrue(first.header("ETag").startsWith("W/"), first.header("ETag"));
        HttpResponse second = get(fetch.get(nginx.url("/board.txt")).header("Cache-Control", "no-cache"));
        assertEquals(ResponseSource.REVALIDATED, second.source());
        assertEquals(text.toString(), second.text());
        assertEquals("200\n304\n", nginx.log("access.log"), "the 304 costs no second download");
    }

    private HttpResponse get(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(callback));
        assertEquals(1, callback.terminalCalls);
        if (callback.failure != null) {
            throw new AssertionError("expected a response", callback.failure);
        }
        return callback.response;
    }
}
