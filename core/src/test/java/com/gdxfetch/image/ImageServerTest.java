package com.gdxfetch.image;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Image tests that load over real loopback HTTP: a server answering from {@link #routes}, a
 * FetchManager made on the GL thread, and the {@link #images} cache a test opens. Each test gets
 * its own; all are disposed after it.
 */
abstract class ImageServerTest {
    final Server routes = new Server();
    MockWebServer server;
    FetchManager fetch;
    /** Opened by the test, or its own set-up. */
    ImageCache images;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(routes);
        server.start();
        fetch = GlTestWindow.call(FetchManager::new);
    }

    @AfterEach
    void stopServer() throws IOException {
        GlTestWindow.run(() -> {
            if (images != null) {
                images.dispose();
            }
            fetch.dispose();
        });
        server.shutdown();
    }

    /** Opens {@link #images} on the GL thread, over {@code root}, keeping nothing on disk. */
    void openWithoutDiskCache(Path root) {
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
    }

    /** Loads {@code url} through {@link #images} and drives frames until the load ends. */
    ImageHandle loadUntilDone(String url) {
        ImageHandle handle = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, handle);
        return handle;
    }
}
