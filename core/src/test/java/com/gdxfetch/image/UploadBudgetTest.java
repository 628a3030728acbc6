package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.testing.GlTestWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadBudgetTest extends ImageServerTest {
    private static final int SHEETS = 20;
    private static final int SIZE = 128;
    private static final long TEXEL_BYTES = 4L * SIZE * SIZE;
    private static final byte[] PNG = TestImages.solid(SIZE, SIZE, TestImages.BLUE);

    @TempDir
    Path root;
    private List<ImageHandle> handles;

    /**
     * Queues all sheets decoded and waiting for upload, then runs frames of the image cache alone
     * and returns, for each frame, the textures it completed and the bytes it uploaded.
     */
    private List<long[]> uploadsPerFrame(long budgetBytes, byte[] png, int sheets) {
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().uploadBytesPerFrame(budgetBytes).build()));
        for (int i = 0; i < sheets; i++) {
            routes.file("/sheet" + i + ".png", png, "\"" + i + "\"");
        }
        handles = GlTestWindow.call(() -> {
            List<ImageHandle> loads = new ArrayList<>();
            for (int i = 0; i < sheets; i++) {
                loads.add(images.load(server.url("/sheet" + i + ".png").toString()));
            }
            return loads;
        });
        GlTestWindow.runUntil(() -> {
            fetch.update();
            return fetch.openCount() == 0;
        }, 200_000);
        List<long[]> perFrame = new ArrayList<>();
        GlTestWindow.runUntil(() -> {
            boolean finished = images.update();
            perFrame.add(new long[] {images.uploadsLastFrame(), images.uploadedBytesLastFrame(), finished ? 1 : 0});
            return handles.stream().allMatch(ImageHandle::isDone);
        }, 1_000);
        assertTrue(handles.stream().allMatch(ImageHandle::isSuccess));
        assertEquals(sheets, perFrame.stream().mapToLong(f -> f[0]).sum());
        // As AssetManager.update(): false while uploads remain, true from the frame that did the last.
        for (int frame = 0; frame < perFrame.size(); frame++) {
            assertEquals(frame == perFrame.size() - 1 ? 1 : 0, perFrame.get(frame)[2], "update() in frame " + frame);
        }
        return perFrame;
    }

    private static List<Long> textures(List<long[]> perFrame) {
        return perFrame.stream().map(f -> f[0]).collect(Collectors.toList());
    }

    @Test
    void twentyQueuedSheetsAreUploadedAFewPerFrame() {
        List<long[]> perFrame = uploadsPerFrame(2 * TEXEL_BYTES, PNG, SHEETS);
        assertEquals(SHEETS / 2, perFrame.size());
        assertTrue(perFrame.stream().allMatch(f -> f[0] == 2 && f[1] == 2 * TEXEL_BYTES), textures(perFrame).toString());
    }

    @Test
    void sheetsLargerThanTheBudgetGetStorageInOneFrameThenStripsOverSeveral() {
        List<long[]> perFrame = uploadsPerFrame(TEXEL_BYTES / 4, PNG, SHEETS);
        assertEquals(5 * SHEETS, perFrame.size());
        for (int frame = 0; frame < perFrame.size(); frame++) {
            long expected = frame % 5 == 0 ? TEXEL_BYTES : TEXEL_BYTES / 4;
            assertEquals(expected, perFrame.get(frame)[1], "frame " + frame + ": storage alone, then quarter sheets");
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L), textures(perFrame).subList(0, 5));
    }

    @Test
    void aBudgetBelowOneRowStillUploadsARowPerFrame() {
        List<long[]> perFrame = uploadsPerFrame(1, TestImages.solid(8, 8, TestImages.RED), 1);
        assertEquals(9, perFrame.size());
        assertEquals(8 * 8 * 4, perFrame.get(0)[1], "the storage frame");
        assertTrue(perFrame.subList(1, 9).stream().allMatch(f -> f[1] == 8 * 4), "then one row of 8 RGBA pixels");
    }

    @Test
    void aBudgetForAllSheetsUploadsThemInOneFrame() {
        List<long[]> perFrame = uploadsPerFrame(SHEETS * TEXEL_BYTES, PNG, SHEETS);
        assertEquals(List.of((long) SHEETS), textures(perFrame));
    }

    @Test
    void sheetUploadedInStripsDrawsWhole() {
        uploadsPerFrame(4L * 64 * 64 / 8, TestImages.quadrants(64), 1);
        GlTestWindow.run(() -> {
            TextureRegion sheet = handles.get(0).region();
            assertEquals(TestImages.RED, Screen.colourAt(sheet, 0.25f, 0.25f));
            assertEquals(TestImages.GREEN, Screen.colourAt(sheet, 0.75f, 0.25f));
            assertEquals(TestImages.BLUE, Screen.colourAt(sheet, 0.25f, 0.75f));
            assertEquals(TestImages.WHITE, Screen.colourAt(sheet, 0.75f, 0.75f));
        });
    }
}
