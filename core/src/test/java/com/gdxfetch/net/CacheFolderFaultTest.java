package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.testing.CapturingLogger;
import com.gdxfetch.testing.DiskFaults;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP cache on a folder it cannot write: read-only, or on a full disk. The game goes on,
 * what was stored stays, and the log gets one warning per cause, not one per request.
 */
class CacheFolderFaultTest extends LoopbackServerTest {
    private static final int REQUESTS = 12;

    @TempDir
    Path tmp;

    private final CapturingLogger logger = CapturingLogger.ofLibrary();
    private final AtomicInteger version = new AtomicInteger();
    private HeadlessApplication app;

    private File dir() {
        return tmp.resolve("http-cache").toFile();
    }

    @Override
    FetchManager manager() {
        return cachedManager();
    }

    private FetchManager cachedManager() {
        return new FetchManager(FetchConfig.builder().httpCache(new FileHandle(dir()), 1 << 20).build());
    }

    @BeforeEach
    void answerEveryPathWithItselfAndLogToTheTest() {
        // Each answer names its path and the server's version, so a stale copy shows.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setBody(request.getPath() + " v" + version.get())
                        .addHeader("Cache-Control", "max-age=3600");
            }
        });
        app = HeadlessApp.loggingTo(logger);
    }

    @AfterEach
    void stopLogging() {
        app.exit();
    }

    private Recorder<HttpResponse> send(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(callback));
        assertEquals(1, callback.terminalCalls);
        return callback;
    }

    private HttpResponse get(String path) {
        Recorder<HttpResponse> callback = send(fetch.get(url(path)));
        assertNotNull(callback.response, "expected a response, got " + callback.failure);
        return callback.response;
    }

    private Recorder<HttpResponse> cachedOnly(String path) {
        return send(fetch.get(url(path)).cacheMode(CacheMode.ONLY_IF_CACHED));
    }

    private List<String> warningsAbout(String text) {
        List<String> found = new ArrayList<>();
        for (String line : logger.lines()) {
            if (line.contains(text)) {
                found.add(line);
            }
        }
        return found;
    }

    @Test
    void readOnlyFolderStillDeliversKeepsWhatWasStoredAndWarnsOnce() throws Exception {
        assertEquals("/kept v0", get("/kept").text());
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir())) {
            use(FetchConfig.builder().httpCache(new FileHandle(dir()), 1 << 20).build());
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse response = get("/new/" + i);
                assertEquals("/new/" + i + " v0", response.text());
                assertEquals(ResponseSource.NETWORK, response.source());
            }
            Recorder<HttpResponse> kept = cachedOnly("/kept");
            assertNotNull(kept.response, "the stored entry is still served: " + kept.failure);
            assertEquals("/kept v0", kept.response.text());
        }
        List<String> warnings = warningsAbout(dir().getAbsolutePath());
        assertEquals(1, warnings.size(), String.join("\n", logger.lines()));
        assertTrue(warnings.get(0).contains("Read-only file system"), warnings.get(0));
    }

    @Test
    void fullDiskStillDeliversKeepsWhatWasStoredAndWarnsOnce() throws Exception {
        try (DiskFaults.Mount small = DiskFaults.small(dir(), 256 * 1024)) {
            assertEquals("/kept v0", get("/kept").text());
            DiskFaults.fill(dir());
            use(FetchConfig.builder().httpCache(new FileHandle(dir()), 1 << 20).build());
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse response = get("/new/" + i);
                assertEquals("/new/" + i + " v0", response.text());
            }
            Recorder<HttpResponse> kept = cachedOnly("/kept");
            assertNotNull(kept.response, "the stored entry is still served: " + kept.failure);
            assertEquals("/kept v0", kept.response.text());
        }
        List<String> warnings = warningsAbout(dir().getAbsolutePath());
        assertEquals(1, warnings.size(), String.join("\n", logger.lines()));
        assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));
    }

    @Test
    void staleEntryThatCannotBeDeletedIsAMissForTheRestOfTheRun() throws Exception {
        assertEquals("/board v0", get("/board").text());
        version.set(1);
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir())) {
            use(FetchConfig.builder().httpCache(new FileHandle(dir()), 1 << 20).build());
            // A newer answer the cache cannot store: the older copy must not answer in its place.
            Recorder<HttpResponse> newer = send(fetch.get(url("/board")).cacheMode(CacheMode.FORCE_NETWORK));
            assertEquals("/board v1", newer.response.text());
            for (int i = 0; i < 3; i++) {
                Recorder<HttpResponse> after = cachedOnly("/board");
                assertNotNull(after.failure, "the stale copy answered: " + after.response);
                assertEquals(FailureKind.NOT_CACHED, after.failure.kind());
            }
        }
    }

    @Test
    void damagedEntryOnAReadOnlyDiskIsWarnedAboutOnceThenIgnored() throws Exception {
        get("/board");
        fetch.dispose();
        File body = null;
        for (File f : dir().listFiles()) {
            if (f.getName().endsWith(".body")) {
                body = f;
            }
        }
        try (RandomAccessFile file = new RandomAccessFile(body, "rw")) {
            file.setLength(file.length() - 1);
        }
        try (DiskFaults.Mount readOnly = DiskFaults.readOnly(dir())) {
            fetch = cachedManager();
            for (int i = 0; i < 3; i++) {
                assertEquals(FailureKind.NOT_CACHED, cachedOnly("/board").failure.kind());
            }
        }
        assertEquals(1, warningsAbout("truncated or corrupt").size(), String.join("\n", logger.lines()));
    }
}
