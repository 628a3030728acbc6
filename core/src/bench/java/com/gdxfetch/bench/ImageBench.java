package com.gdxfetch.bench;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.GdxNativesLoader;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.image.ImageCache;
import com.gdxfetch.image.ImageCacheConfig;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.testing.GlTestWindow;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * {@link ImageCache} in a real LWJGL3 window: the cost of a cache hit, the time from
 * {@code load()} to the first draw of a 2048x2048 sheet, and the longest frame while twenty such
 * sheets load, against libGDX's own {@code Pixmap.downloadFromUrl} + {@code new Texture}. Sheets
 * are served over loopback by a MockWebServer; the disk cache is off so every load downloads.
 */
public final class ImageBench implements BenchSuite {
    private static final int SHEET = 2048;
    private static final int SHEETS = 20;
    private static final int HIT_ROUNDS = 15;
    private static final int HITS_PER_ROUND = 1_000_000;
    private static final int FIRST_DRAW_RUNS = 5;
    private static final int LOAD_RUNS = 3;
    private static final int MAX_FRAMES = 1_000_000;
    /** Frames are paced at 60 Hz, as with vsync, so workers get the CPU a game leaves them. */
    private static final long FRAME_NANOS = 16_666_667L;

    private final AtomicInteger runId = new AtomicInteger();
    private SpriteBatch batch;
    private long sink;

    @Override
    public String name() {
        return "images";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        GdxNativesLoader.load();
        byte[] png = sheetPng();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(png));
            }
        });
        server.start();
        Path root = Files.createTempDirectory("image-bench");
        Files.write(root.resolve("hero.png"), smallPng());
        batch = GlTestWindow.call(SpriteBatch::new);
        try {
            double[] hit = cacheHit(root);
            double[] upload = uploadMillis(png);
            double[] ours = new double[FIRST_DRAW_RUNS];
            double[] theirs = new double[FIRST_DRAW_RUNS];
            for (int i = 0; i < FIRST_DRAW_RUNS; i++) {
                ours[i] = firstDrawFetch(server, root);
                theirs[i] = firstDrawLibgdx(server);
            }
            List<double[]> fetchLoads = new ArrayList<>();
            List<double[]> libgdxLoads = new ArrayList<>();
            for (int i = 0; i < LOAD_RUNS; i++) {
                fetchLoads.add(twentySheetsFetch(server, root));
                libgdxLoads.add(twentySheetsLibgdx(server));
            }
            String json = String.format(Locale.ROOT, "{%n"
                    + "  \"suite\": \"images\",%n"
                    + "  \"cacheHit\": {\"nsPerGet\": %.2f, \"nsPerObjectMapGet\": %.2f, \"allocatedBytesPerGet\": %.4f, \"getsMeasured\": %d},%n"
                    + "  \"sheet\": {\"pixels\": \"%dx%d\", \"pngBytes\": %d},%n"
                    + "  \"oneSheetUploadMillis\": %s,%n"
                    + "  \"loadToFirstDrawMillis\": {\"gdxFetch\": %s, \"libgdxDownloadFromUrl\": %s},%n"
                    + "  \"twentySheets\": {%n"
                    + "    \"gdxFetch\": %s,%n"
                    + "    \"libgdxDownloadFromUrl\": %s%n"
                    + "  }%n"
                    + "}%n",
                    hit[0], hit[1], hit[2], (long) HITS_PER_ROUND, SHEET, SHEET, png.length,
                    stats(upload), stats(ours), stats(theirs), loads(fetchLoads), loads(libgdxLoads));
            Files.write(outputDir.resolve("images.json"), json.getBytes(StandardCharsets.UTF_8));
            System.out.print(json);
        } finally {
            GlTestWindow.run(batch::dispose);
            server.shutdown();
        }
    }

    /** Median ns per hit over rounds, a bare ObjectMap lookup for scale, and bytes allocated per hit. */
    private double[] cacheHit(Path root) {
        return GlTestWindow.call(() -> {
            ImageCache images = new ImageCache(null, new FileHandle(root.toFile()),
                    ImageCacheConfig.builder().noDiskCache().build());
            ObjectMap<String, TextureRegion> plain = new ObjectMap<>();
            plain.put("hero.png", images.get("hero.png"));
            String[] keys = {"hero.png", "hero.png"};
            double[] perGet = new double[HIT_ROUNDS];
            double[] perMapGet = new double[HIT_ROUNDS];
            for (int r = -2; r < HIT_ROUNDS; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < HITS_PER_ROUND; i++) {
                    sink += images.get(keys[i & 1]).getRegionWidth();
                }
                long mid = System.nanoTime();
                for (int i = 0; i < HITS_PER_ROUND; i++) {
                    sink += plain.get(keys[i & 1]).getRegionWidth();
                }
                long end = System.nanoTime();
                if (r >= 0) {
                    perGet[r] = (mid - start) / (double) HITS_PER_ROUND;
                    perMapGet[r] = (end - mid) / (double) HITS_PER_ROUND;
                }
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < HITS_PER_ROUND; i++) {
                sink += images.get(keys[i & 1]).getRegionWidth();
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            images.dispose();
            return new double[] {median(perGet), median(perMapGet), allocated / (double) HITS_PER_ROUND};
        });
    }

    /**
     * Milliseconds to create one sheet's texture from decoded pixels, GPU finished: the least a
     * frame that uploads a sheet can take.
     */
    private double[] uploadMillis(byte[] png) {
        Pixmap pixmap = new Pixmap(png, 0, png.length);
        double[] millis = GlTestWindow.call(() -> {
            double[] runs = new double[FIRST_DRAW_RUNS];
            for (int i = -1; i < runs.length; i++) {
                long start = System.nanoTime();
                Texture texture = new Texture(pixmap);
                Gdx.gl.glFinish();
                long end = System.nanoTime();
                texture.dispose();
                if (i >= 0) {
                    runs[i] = (end - start) / 1e6;
                }
            }
            return runs;
        });
        pixmap.dispose();
        return millis;
    }

    /** Milliseconds from {@code load()} to the sheet drawn and the GPU finished. */
    private double firstDrawFetch(MockWebServer server, Path root) {
        FetchManager fetch = GlTestWindow.call(FetchManager::new);
        ImageCache images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
        String url = server.url("/first" + runId.incrementAndGet() + ".png").toString();
        long[] start = new long[1];
        long[] drawn = new long[1];
        ImageHandle[] handle = new ImageHandle[1];
        paced(() -> {
            if (handle[0] == null) {
                start[0] = System.nanoTime();
                handle[0] = images.load(url);
            }
            fetch.update();
            images.update();
            if (handle[0].isSuccess()) {
                draw(handle[0].region());
                drawn[0] = System.nanoTime();
                return true;
            }
            check(handle[0]);
            return false;
        });
        GlTestWindow.run(() -> {
            images.dispose();
            fetch.dispose();
        });
        return (drawn[0] - start[0]) / 1e6;
    }

    /** The same with {@code Pixmap.downloadFromUrl} and a texture made in its listener. */
    private double firstDrawLibgdx(MockWebServer server) {
        String url = server.url("/gdx" + runId.incrementAndGet() + ".png").toString();
        Texture[] texture = new Texture[1];
        Throwable[] failure = new Throwable[1];
        long[] start = new long[1];
        long[] drawn = new long[1];
        paced(() -> {
            if (start[0] == 0) {
                start[0] = System.nanoTime();
                Pixmap.downloadFromUrl(url, listener(texture, 0, failure));
            }
            if (failure[0] != null) {
                throw new IllegalStateException("download failed", failure[0]);
            }
            if (texture[0] != null) {
                draw(new TextureRegion(texture[0]));
                drawn[0] = System.nanoTime();
                return true;
            }
            return false;
        });
        GlTestWindow.run(texture[0]::dispose);
        return (drawn[0] - start[0]) / 1e6;
    }

    /** Frame intervals (ms) while twenty sheets load through gdx-fetch; the last entry is the total time. */
    private double[] twentySheetsFetch(MockWebServer server, Path root) {
        FetchManager fetch = GlTestWindow.call(FetchManager::new);
        ImageCache images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
        int run = runId.incrementAndGet();
        List<ImageHandle> handles = new ArrayList<>();
        double[] frames = frameIntervals(() -> {
            if (handles.isEmpty()) {
                for (int i = 0; i < SHEETS; i++) {
                    handles.add(images.load(server.url("/many" + run + "_" + i + ".png").toString()));
                }
            }
            fetch.update();
            images.update();
            int done = 0;
            for (int i = 0; i < handles.size(); i++) {
                check(handles.get(i));
                if (handles.get(i).isSuccess()) {
                    done++;
                }
            }
            return done == SHEETS;
        });
        GlTestWindow.run(() -> {
            images.dispose();
            fetch.dispose();
        });
        return frames;
    }

    /** The same with {@code Pixmap.downloadFromUrl}, each listener making its texture. */
    private double[] twentySheetsLibgdx(MockWebServer server) {
        int run = runId.incrementAndGet();
        Texture[] textures = new Texture[SHEETS];
        Throwable[] failure = new Throwable[1];
        boolean[] started = {false};
        double[] frames = frameIntervals(() -> {
            if (!started[0]) {
                started[0] = true;
                for (int i = 0; i < SHEETS; i++) {
                    Pixmap.downloadFromUrl(server.url("/gdxmany" + run + "_" + i + ".png").toString(),
                            listener(textures, i, failure));
                }
            }
            if (failure[0] != null) {
                throw new IllegalStateException("download failed", failure[0]);
            }
            for (Texture t : textures) {
                if (t == null) {
                    return false;
                }
            }
            return true;
        });
        GlTestWindow.run(() -> {
            for (Texture t : textures) {
                t.dispose();
            }
        });
        return frames;
    }

    /**
     * Runs {@code frame} once a frame until it returns true and returns the intervals between
     * consecutive frames (everything the render thread did, libGDX's posted runnables included),
     * followed by the total time and the longest time spent inside {@code frame} (the caller's
     * own per-frame work, GPU finished), all in ms.
     */
    private static double[] frameIntervals(java.util.function.BooleanSupplier frame) {
        List<Long> stamps = new ArrayList<>();
        long[] longestWork = {0};
        paced(() -> {
            long start = System.nanoTime();
            stamps.add(start);
            boolean finished = frame.getAsBoolean();
            Gdx.gl.glFinish();
            long end = System.nanoTime();
            longestWork[0] = Math.max(longestWork[0], end - start);
            if (finished) {
                stamps.add(end);
            }
            return finished;
        });
        double[] result = new double[stamps.size() + 1];
        for (int i = 1; i < stamps.size(); i++) {
            result[i - 1] = (stamps.get(i) - stamps.get(i - 1)) / 1e6;
        }
        result[stamps.size() - 1] = (stamps.get(stamps.size() - 1) - stamps.get(0)) / 1e6;
        result[stamps.size()] = longestWork[0] / 1e6;
        return result;
    }

    /** Runs {@code frame} once a frame until true, each frame lasting at least 1/60 s. */
    private static void paced(java.util.function.BooleanSupplier frame) {
        GlTestWindow.runUntil(() -> {
            long start = System.nanoTime();
            boolean finished = frame.getAsBoolean();
            long left = start + FRAME_NANOS - System.nanoTime();
            if (!finished && left > 0) {
                LockSupport.parkNanos(left);
            }
            return finished;
        }, MAX_FRAMES);
    }

    private static Pixmap.DownloadPixmapResponseListener listener(Texture[] into, int index, Throwable[] failure) {
        return new Pixmap.DownloadPixmapResponseListener() {
            @Override
            public void downloadComplete(Pixmap pixmap) {
                into[index] = new Texture(pixmap);
                pixmap.dispose();
            }

            @Override
            public void downloadFailed(Throwable t) {
                failure[0] = t;
            }
        };
    }

    private void draw(TextureRegion region) {
        batch.getProjectionMatrix().setToOrtho2D(0, 0, GlTestWindow.WIDTH, GlTestWindow.HEIGHT);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        batch.begin();
        batch.draw(region, 0, 0, GlTestWindow.WIDTH, GlTestWindow.HEIGHT);
        batch.end();
        Gdx.gl.glFinish();
    }

    private static void check(ImageHandle handle) {
        if (handle.isFailed()) {
            throw new IllegalStateException("load failed", handle.failure());
        }
    }

    /**
     * JSON for several loads: per run, longest, 99th percentile and median frame interval, frames,
     * total, and the longest work done inside one frame's callback.
     */
    private static String loads(List<double[]> runs) {
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < runs.size(); r++) {
            double[] run = runs.get(r);
            double[] frames = Arrays.copyOf(run, run.length - 2);
            Arrays.sort(frames);
            int over33 = 0;
            for (double f : frames) {
                if (f > 33.3) {
                    over33++;
                }
            }
            json.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"longestFrameMs\": %.1f, \"p99FrameMs\": %.1f, \"medianFrameMs\": %.2f, \"framesOver33ms\": %d, "
                            + "\"frames\": %d, \"totalMs\": %.0f, \"longestInFrameWorkMs\": %.1f}",
                    frames[frames.length - 1], frames[(int) Math.floor(0.99 * (frames.length - 1))],
                    frames[frames.length / 2], over33, frames.length, run[run.length - 2], run[run.length - 1]));
        }
        return json.append(']').toString();
    }

    private static String stats(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"runs\": %d}",
                median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A 2048x2048 sheet of 16-pixel tiles in random colours: compresses like real art, a few MB. */
    private static byte[] sheetPng() throws Exception {
        Pixmap pixmap = new Pixmap(SHEET, SHEET, Pixmap.Format.RGBA8888);
        Random random = new Random(42);
        for (int y = 0; y < SHEET; y += 16) {
            for (int x = 0; x < SHEET; x += 16) {
                pixmap.setColor(random.nextInt() | 0xff);
                pixmap.fillRectangle(x, y, 16, 16);
                pixmap.setColor(random.nextInt() | 0xff);
                pixmap.fillRectangle(x + 4, y + 4, 8, 8);
            }
        }
        for (int i = 0; i < SHEET * 64; i++) {
            pixmap.drawPixel(random.nextInt(SHEET), random.nextInt(SHEET), random.nextInt() | 0xff);
        }
        return encode(pixmap);
    }

    private static byte[] smallPng() throws Exception {
        Pixmap pixmap = new Pixmap(32, 32, Pixmap.Format.RGBA8888);
        pixmap.setColor(0xff0000ff);
        pixmap.fill();
        return encode(pixmap);
    }

    private static byte[] encode(Pixmap pixmap) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PixmapIO.PNG png = new PixmapIO.PNG(SHEET * SHEET / 4);
        png.setFlipY(false);
        png.write(out, pixmap);
        png.dispose();
        pixmap.dispose();
        return out.toByteArray();
    }
}
