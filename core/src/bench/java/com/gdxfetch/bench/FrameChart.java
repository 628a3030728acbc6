package com.gdxfetch.bench;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.utils.GdxNativesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws frame times per client as lines on a PNG with libGDX's Pixmap (no GL context needed). */
final class FrameChart {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    /** In the order of the series: the no-network loop first, in grey. */
    private static final Color[] LINE_COLORS = {
        new Color(0.55f, 0.55f, 0.55f, 1f), new Color(0.60f, 0.45f, 0.75f, 1f), new Color(0.10f, 0.60f, 0.25f, 1f),
        new Color(0.95f, 0.55f, 0.05f, 1f), new Color(0.85f, 0.15f, 0.15f, 1f), new Color(0.20f, 0.35f, 0.85f, 1f),
    };

    private FrameChart() {
    }

    /** Writes {@code frames} (client name to frame ms) to {@code file}, with the fixed work and 60 Hz budget marked. */
    static void draw(Map<String, double[]> frames, double fixedWorkMs, Path file) {
        GdxNativesLoader.load();
        int frameCount = 0;
        double highest = 1000.0 / 60;
        for (double[] times : frames.values()) {
            frameCount = Math.max(frameCount, times.length);
            highest = Math.max(highest, Stats.max(times));
        }
        double yMax = Math.min(Math.ceil(highest / 5) * 5, 100);
        Pixmap pixmap = new Pixmap(WIDTH, HEIGHT, Pixmap.Format.RGBA8888);
        try {
            pixmap.setColor(Color.WHITE);
            pixmap.fill();
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            pixmap.setColor(0.92f, 0.92f, 0.92f, 1f);
            for (int ms = 5; ms <= yMax; ms += 5) {
                pixmap.drawLine(LEFT, y(ms, yMax, plotH), LEFT + plotW, y(ms, yMax, plotH));
            }
            pixmap.setColor(0.35f, 0.35f, 0.35f, 1f);
            dashed(pixmap, y(1000.0 / 60, yMax, plotH), plotW);
            dashed(pixmap, y(fixedWorkMs, yMax, plotH), plotW);
            pixmap.setColor(Color.BLACK);
            pixmap.drawLine(LEFT, TOP, LEFT, TOP + plotH);
            pixmap.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
            for (int ms = 0; ms <= yMax; ms += yMax > 50 ? 20 : 5) {
                String label = Integer.toString(ms);
                PixelFont.draw(pixmap, label, LEFT - 8 - PixelFont.width(label, 2), y(ms, yMax, plotH) - 7, 2);
            }
            int step = frameCount > 300 ? 100 : frameCount > 120 ? 50 : 20;
            for (int f = 0; f < frameCount; f += step) {
                int x = LEFT + (int) ((long) f * plotW / Math.max(1, frameCount - 1));
                PixelFont.draw(pixmap, Integer.toString(f), x - 4, TOP + plotH + 8, 2);
            }
            PixelFont.draw(pixmap, "FRAME", LEFT + plotW - PixelFont.width("FRAME", 2), TOP + plotH + 30, 2);
            PixelFont.draw(pixmap, "FRAME TIME (MS), 5 MS FIXED WORK, 2000 JSON RESPONSES", LEFT, 12, 2);
            int series = 0;
            for (double[] times : frames.values()) {
                pixmap.setColor(LINE_COLORS[series++ % LINE_COLORS.length]);
                polyline(pixmap, times, frameCount, yMax, plotW, plotH);
            }
            labelBox(pixmap, "60 HZ BUDGET 16.7 MS", LEFT + plotW - 250, y(1000.0 / 60, yMax, plotH) - 20);
            labelBox(pixmap, "FIXED WORK 5 MS", LEFT + plotW - 250, y(fixedWorkMs, yMax, plotH) + 4);
            List<String> labels = new ArrayList<>();
            int labelWidth = 0;
            for (Map.Entry<String, double[]> entry : frames.entrySet()) {
                String label = String.format(Locale.ROOT, "%s MAX %.1f MS", entry.getKey(), Stats.max(entry.getValue()));
                labels.add(label);
                labelWidth = Math.max(labelWidth, PixelFont.width(label, 2));
            }
            int legendWidth = 24 + labelWidth + 16;
            int legendX = LEFT + plotW - legendWidth;
            pixmap.setColor(Color.WHITE);
            pixmap.fillRectangle(legendX - 8, TOP + 4, legendWidth, labels.size() * 22 + 8);
            for (series = 0; series < labels.size(); series++) {
                int legendY = TOP + 10 + series * 22;
                pixmap.setColor(LINE_COLORS[series % LINE_COLORS.length]);
                pixmap.fillRectangle(legendX, legendY + 3, 18, 8);
                pixmap.setColor(Color.BLACK);
                PixelFont.draw(pixmap, labels.get(series), legendX + 24, legendY, 2);
            }
            PixmapIO.writePNG(new FileHandle(file.toFile()), pixmap);
        } finally {
            pixmap.dispose();
        }
    }

    private static void polyline(Pixmap pixmap, double[] times, int frameCount, double yMax, int plotW, int plotH) {
        int prevX = -1;
        int prevY = -1;
        for (int f = 0; f < times.length; f++) {
            int x = LEFT + (int) ((long) f * plotW / Math.max(1, frameCount - 1));
            int y = y(Math.min(times[f], yMax), yMax, plotH);
            if (prevX >= 0) {
                pixmap.drawLine(prevX, prevY, x, y);
                pixmap.drawLine(prevX, prevY + 1, x, y + 1);
            }
            prevX = x;
            prevY = y;
        }
    }

    /** Draws {@code text} on a white box so lines behind it stay readable. */
    private static void labelBox(Pixmap pixmap, String text, int x, int y) {
        pixmap.setColor(Color.WHITE);
        pixmap.fillRectangle(x - 3, y - 3, PixelFont.width(text, 2) + 4, 20);
        pixmap.setColor(0.25f, 0.25f, 0.25f, 1f);
        PixelFont.draw(pixmap, text, x, y, 2);
    }

    private static void dashed(Pixmap pixmap, int y, int plotW) {
        for (int x = LEFT; x < LEFT + plotW; x += 12) {
            pixmap.drawLine(x, y, Math.min(x + 6, LEFT + plotW), y);
        }
    }

    private static int y(double ms, double yMax, int plotH) {
        return TOP + plotH - (int) Math.round(ms / yMax * plotH);
    }
}
