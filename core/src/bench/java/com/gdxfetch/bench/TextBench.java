package com.gdxfetch.bench;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator;
import com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator.FreeTypeFontParameter;
import com.gdxfetch.testing.GlTestWindow;
import com.gdxfetch.text.TextCache;
import com.gdxfetch.text.TextCacheConfig;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * 200 labels of 40 characters a frame: {@code BitmapFont.draw} laying the strings out every frame
 * versus {@link TextCache} hits from {@code get} (promoted to baked quads after the warm-up, as a
 * steady HUD is), from {@code get} with promotion off (cached glyph vertices) and from
 * {@code getBaked}. Each mode has its own cache, so each sees consecutive frames. Real frames in the LWJGL3 test window, for the built-in font and a TrueType
 * font; time is the median per frame, split into submitting the draws (begin plus draws) and the
 * whole frame including the batch flush (the GL work); allocation is per frame on the render
 * thread, less what reading the counter allocates.
 */
public final class TextBench implements BenchSuite {
    private static final int LABELS = 200;
    private static final int CHARS = 40;
    private static final int WARM_UP_FRAMES = 300;
    private static final int ROUNDS = 4;
    private static final int FRAMES_PER_ROUND = 100;
    private static final String TRUE_TYPE = "fonts/DejaVuSans.ttf";

    @Override
    public String name() {
        return "text";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        String[] labels = labels();
        String[] renderer = new String[1];
        SpriteBatch[] batch = new SpriteBatch[1];
        GlTestWindow.run(() -> {
            batch[0] = new SpriteBatch(8191);
            renderer[0] = Gdx.gl.glGetString(GL20.GL_RENDERER);
        });
        double allocOverhead = GlTestWindow.call(TextBench::allocationProbeOverhead);
        String defaultFont = compare(batch[0], labels, TextCache.DEFAULT_FONT, 15, allocOverhead,
                BitmapFont::new);
        String trueType = compare(batch[0], labels, TRUE_TYPE, 16, allocOverhead, () -> {
            FreeTypeFontGenerator generator = new FreeTypeFontGenerator(Gdx.files.internal(TRUE_TYPE));
            FreeTypeFontParameter parameter = new FreeTypeFontParameter();
            parameter.size = 16;
            BitmapFont font = generator.generateFont(parameter);
            generator.dispose();
            return font;
        });
        double copyFloor = GlTestWindow.call(() -> vertexCopyFloorMicros(labels));
        GlTestWindow.run(() -> batch[0].dispose());

        String json = String.format(Locale.ROOT, "{%n"
                + "  \"suite\": \"text\",%n"
                + "  \"labels\": %d,%n  \"charsPerLabel\": %d,%n  \"measuredFramesPerMode\": %d,%n"
                + "  \"renderer\": \"%s\",%n  \"java\": \"%s\",%n"
                + "  \"target\": {\"speedupSubmit\": 5, \"cachedBytesPerFrame\": 0},%n"
                + "  \"defaultFont15\": %s,%n"
                + "  \"dejaVuSansTtf16\": %s,%n"
                + "  \"vertexCopyFloorMicros\": %.1f%n}%n",
                LABELS, CHARS, ROUNDS * FRAMES_PER_ROUND, renderer[0].replace("\"", "'"),
                System.getProperty("java.version"), defaultFont, trueType, copyFloor);
        Files.write(outputDir.resolve(name() + ".json"), json.getBytes(StandardCharsets.UTF_8));
        System.out.print(json);
    }

    /** Cached (promoted), cached glyph and baked labels against BitmapFont.draw for one font; returns the JSON object for it. */
    private static String compare(SpriteBatch batch, String[] labels, String fontName, int size,
            double allocOverhead, Supplier<BitmapFont> plainFont) {
        Mode cached = new Mode(allocOverhead);
        Mode glyphs = new Mode(allocOverhead);
        Mode baked = new Mode(allocOverhead);
        Mode direct = new Mode(allocOverhead);
        TextCache cache = GlTestWindow.call(() -> new TextCache());
        TextCache glyphCache = GlTestWindow.call(() -> new TextCache(TextCacheConfig.builder()
                .promoteAfterFrames(0).build()));
        TextCache bakedCache = GlTestWindow.call(() -> new TextCache());
        BitmapFont font = GlTestWindow.call(plainFont::get);
        Runnable cachedFrame = () -> {
            cache.update();
            for (int i = 0; i < LABELS; i++) {
                cache.get(labels[i], fontName, Color.WHITE, size).draw(batch, x(i), y(i));
            }
        };
        Runnable glyphFrame = () -> {
            glyphCache.update();
            for (int i = 0; i < LABELS; i++) {
                glyphCache.get(labels[i], fontName, Color.WHITE, size).draw(batch, x(i), y(i));
            }
        };
        Runnable bakedFrame = () -> {
            bakedCache.update();
            for (int i = 0; i < LABELS; i++) {
                bakedCache.getBaked(labels[i], fontName, Color.WHITE, size).draw(batch, x(i), y(i));
            }
        };
        Runnable directFrame = () -> {
            for (int i = 0; i < LABELS; i++) {
                font.draw(batch, labels[i], x(i), y(i));
            }
        };
        // Long enough for all 200 labels to be promoted, a few per frame, and to settle.
        GlTestWindow.runFrames(WARM_UP_FRAMES, () -> {
            frame(batch, cachedFrame, null);
            frame(batch, glyphFrame, null);
            frame(batch, bakedFrame, null);
            frame(batch, directFrame, null);
        });
        // The cache's counters belong to the render thread, as the cache does.
        int promotedBefore = GlTestWindow.call(cache::promotedCount);
        long paintsBefore = GlTestWindow.call(cache::promotionPaints);
        for (int round = 0; round < ROUNDS; round++) {
            GlTestWindow.runFrames(FRAMES_PER_ROUND, () -> frame(batch, cachedFrame, cached));
            GlTestWindow.runFrames(FRAMES_PER_ROUND, () -> frame(batch, glyphFrame, glyphs));
            GlTestWindow.runFrames(FRAMES_PER_ROUND, () -> frame(batch, bakedFrame, baked));
            GlTestWindow.runFrames(FRAMES_PER_ROUND, () -> frame(batch, directFrame, direct));
        }
        long paintsMeasuring = GlTestWindow.call(cache::promotionPaints) - paintsBefore;
        long misses = GlTestWindow.call(cache::misses);
        long textureBytes = GlTestWindow.call(cache::textureByteSize);
        GlTestWindow.run(() -> {
            font.dispose();
            cache.dispose();
            glyphCache.dispose();
            bakedCache.dispose();
        });
        return String.format(Locale.ROOT, "{%n"
                + "    \"font\": \"%s\", \"size\": %d,%n"
                + "    \"bitmapFontDraw\": %s,%n"
                + "    \"cachedLabels\": %s,%n"
                + "    \"cachedSpeedupSubmit\": %.2f, \"cachedSpeedupWholeFrame\": %.2f, \"cachedTargetMet\": %b,%n"
                + "    \"cachedPromotedAfterWarmUp\": %d, \"cachedPaintsWhileMeasuring\": %d,%n"
                + "    \"glyphLabelsPromotionOff\": %s,%n"
                + "    \"glyphSpeedupSubmit\": %.2f, \"glyphSpeedupWholeFrame\": %.2f,%n"
                + "    \"bakedLabels\": %s,%n"
                + "    \"bakedSpeedupSubmit\": %.2f, \"bakedSpeedupWholeFrame\": %.2f, \"bakedTargetMet\": %b,%n"
                + "    \"cacheMisses\": %d, \"cacheTextureBytes\": %d%n  }",
                fontName, size, direct.json(),
                cached.json(), direct.submitMedian() / cached.submitMedian(),
                direct.frameMedian() / cached.frameMedian(), cached.meetsTargetAgainst(direct),
                promotedBefore, paintsMeasuring,
                glyphs.json(), direct.submitMedian() / glyphs.submitMedian(),
                direct.frameMedian() / glyphs.frameMedian(),
                baked.json(), direct.submitMedian() / baked.submitMedian(),
                direct.frameMedian() / baked.frameMedian(), baked.meetsTargetAgainst(direct),
                misses, textureBytes);
    }

    /** One frame: clear, begin plus the draws (the submit), end (the flush); time and allocation of each. */
    private static void frame(SpriteBatch batch, Runnable draws, Mode into) {
        Gdx.gl.glClearColor(0, 0, 0, 1);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        long bytesBefore = allocatedBytes();
        long start = System.nanoTime();
        batch.begin();
        draws.run();
        long submitted = System.nanoTime();
        long bytesSubmitted = allocatedBytes();
        batch.end();
        long end = System.nanoTime();
        long bytesEnd = allocatedBytes();
        if (into != null) {
            into.add(submitted - start, end - start, bytesSubmitted - bytesBefore, bytesEnd - bytesBefore);
        }
    }

    /** What reading the allocation counter itself allocates, to subtract from each reading. */
    private static double allocationProbeOverhead() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 1000; i++) {
            long before = allocatedBytes();
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }

    /** Median time to copy the labels' glyph vertices once into a batch-sized array: no Batch can beat it. */
    private static double vertexCopyFloorMicros(String[] labels) {
        float[][] sources = new float[LABELS][CHARS * 20];
        float[] target = new float[8191 * 20];
        long[] samples = new long[ROUNDS * FRAMES_PER_ROUND];
        for (int s = -WARM_UP_FRAMES; s < samples.length; s++) {
            long start = System.nanoTime();
            int at = 0;
            for (int i = 0; i < LABELS; i++) {
                System.arraycopy(sources[i], 0, target, at, sources[i].length);
                at += sources[i].length;
            }
            if (s >= 0) {
                samples[s] = System.nanoTime() - start;
            }
        }
        return Mode.median(samples, samples.length) / 1e3;
    }

    private static float x(int label) {
        return 4 + (label % 2) * 160;
    }

    private static float y(int label) {
        return GlTestWindow.HEIGHT - 4 - (label / 2 % 20) * 12;
    }

    private static String[] labels() {
        String words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike ";
        String[] labels = new String[LABELS];
        for (int i = 0; i < LABELS; i++) {
            StringBuilder label = new StringBuilder(String.format(Locale.ROOT, "%03d ", i));
            int from = (i * 7) % words.length();
            while (label.length() < CHARS) {
                label.append(words.charAt(from++ % words.length()));
            }
            labels[i] = label.toString();
        }
        return labels;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Per-frame samples of one way of drawing. */
    private static final class Mode {
        private final double probeOverhead;
        private final long[] submit = new long[ROUNDS * FRAMES_PER_ROUND];
        private final long[] whole = new long[ROUNDS * FRAMES_PER_ROUND];
        private long submitBytes;
        private long frameBytes;
        private int count;

        Mode(double probeOverhead) {
            this.probeOverhead = probeOverhead;
        }

        void add(long submitNanos, long frameNanos, long submitAllocated, long frameAllocated) {
            submit[count] = submitNanos;
            whole[count] = frameNanos;
            submitBytes += submitAllocated;
            frameBytes += frameAllocated;
            count++;
        }

        double submitMedian() {
            return median(submit, count);
        }

        double frameMedian() {
            return median(whole, count);
        }

        double submitBytesPerFrame() {
            return Math.max(0, submitBytes / (double) count - probeOverhead);
        }

        boolean meetsTargetAgainst(Mode direct) {
            return direct.submitMedian() / submitMedian() >= 5 && submitBytesPerFrame() < 1;
        }

        double frameBytesPerFrame() {
            return Math.max(0, frameBytes / (double) count - 2 * probeOverhead);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"submitMedianMicros\": %.1f, \"wholeFrameMedianMicros\": %.1f, "
                    + "\"submitBytesPerFrame\": %.1f, \"wholeFrameBytesPerFrame\": %.1f}",
                    submitMedian() / 1e3, frameMedian() / 1e3, submitBytesPerFrame(), frameBytesPerFrame());
        }

        static double median(long[] samples, int n) {
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }
    }
}
