package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.testing.GlTestWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadBudgetTest {
    private static final int SHEETS = 20;
    private static final int SIZE = 128;
    private static final long TEXEL_BYTES = 4L * SIZE * SIZE;

    @TempDir
    Path root;
    private final Server routes = new Server();
    private MockWebServer server;
    private FetchManager fetch;
    private ImageCache images;

    @BeforeEach
    void start() throws IOException {
        byte[] png = TestImages.solid(SIZE, SIZE, TestImages.BLUE);
        for (int i = 0; i < SHEETS; i++) {
            routes.file("/sheet" + i + ".png", png, "\"" + i + "\"");
        }
        server = new MockWebServer();
        server.setDispatcher(routes);
        server.start();
        fetch = GlTestWindow.call(FetchManager::new);
    }

    @AfterEach
    void stop() throws IOException {
        GlTestWindow.run(() -> {
            images.dispose();
            fetch.dispose();
        });
        server.shutdown();
    }

    /**
     * Queues all sheets decoded and waiting for upload, then runs frames of the image cache alone
     * and returns how many textures each frame created.
     */
    private List<Integer> uploadsPerFrame(long budgetBytes) {
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budgetBytes).build()));
        List<ImageHandle> handles = GlTestWindow.call(() -> {
            List<ImageHandle> loads = new ArrayList<>();
            for (int i = 0; i < SHEETS; i++) {
                loads.add(images.load(server.url("/sheet" + i + ".png").toString()));
            }
            return loads;
        });
        GlTestWindow.runUntil(() -> {
            fetch.update();
            return fetch.openCount() == 0;
        }, 200_000);
        List<Integer> perFrame = new ArrayList<>();
        GlTestWindow.runUntil(() -> {
            images.update();
            perFrame.add(images.uploadsLastFrame());
            return handles.stream().allMatch(ImageHandle::isDone);
        }, 1_000);
        assertTrue(handles.stream().allMatch(ImageHandle::isSuccess));
        assertEquals(SHEETS, perFrame.stream().mapToInt(Integer::intValue).sum());
        return perFrame;
    }

    @Test
    void twentyQueuedSheetsAreUploadedAFewPerFrame() {
        List<Integer> perFrame = uploadsPerFrame(2 * TEXEL_BYTES);
        assertEquals(SHEETS / 2, perFrame.size(), perFrame.toString());
        assertTrue(perFrame.stream().allMatch(n -> n == 2), perFrame.toString());
    }

    @Test
    void aSheetLargerThanTheBudgetStillUploadsOnePerFrame() {
        List<Integer> perFrame = uploadsPerFrame(1);
        assertEquals(SHEETS, perFrame.size(), perFrame.toString());
        assertTrue(perFrame.stream().allMatch(n -> n == 1), perFrame.toString());
    }

    @Test
    void aBudgetForAllSheetsUploadsThemInOneFrame() {
        List<Integer> perFrame = uploadsPerFrame(SHEETS * TEXEL_BYTES);
        assertEquals(List.of(SHEETS), perFrame);
    }
}
