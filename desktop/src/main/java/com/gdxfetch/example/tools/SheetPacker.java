package com.gdxfetch.example.tools;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Packs painted sprites into page images, shelf by shelf, and writes the libGDX {@code .atlas}
 * that describes them. Tool code: runs once, off the game, on any thread.
 */
final class SheetPacker {
    /** Paints one sprite into a graphics context whose origin is the sprite's top-left. */
    interface SpritePainter {
        void paint(Graphics2D g, int width, int height);
    }

    private static final int PADDING = 2;

    private final StringBuilder atlas = new StringBuilder();
    private BufferedImage page;
    private String pageName;
    private int cursorX;
    private int cursorY;
    private int shelfHeight;

    /** Starts a new page image named {@code name} of the given size. */
    void page(String name, int width, int height) {
        pageName = name;
        page = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        cursorX = PADDING;
        cursorY = PADDING;
        shelfHeight = 0;
        if (atlas.length() > 0) {
            atlas.append('\n');
        }
        atlas.append(name).append('\n')
                .append("size: ").append(width).append(',').append(height).append('\n')
                .append("format: RGBA8888\nfilter: Linear,Linear\nrepeat: none\n");
    }

    /** Adds a region; {@code index} is -1 for a single sprite, else its frame number. */
    void add(String name, int index, int width, int height, SpritePainter painter) {
        add(name, index, width, height, null, painter);
    }

    /** Adds a nine-patch region with {@code split} = left, right, top, bottom insets. */
    void add(String name, int index, int width, int height, int[] split, SpritePainter painter) {
        if (cursorX + width + PADDING > page.getWidth()) {
            cursorX = PADDING;
            cursorY += shelfHeight + PADDING;
            shelfHeight = 0;
        }
        if (cursorY + height + PADDING > page.getHeight()) {
            throw new IllegalStateException("sprite '" + name + "' does not fit on page " + pageName);
        }
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.translate(cursorX, cursorY);
        g.setClip(0, 0, width, height);
        painter.paint(g, width, height);
        g.dispose();
        extrude(cursorX, cursorY, width, height);
        atlas.append(name).append('\n')
                .append("  bounds: ").append(cursorX).append(',').append(cursorY).append(',')
                .append(width).append(',').append(height).append('\n');
        if (split != null) {
            atlas.append("  split: ").append(split[0]).append(',').append(split[1]).append(',')
                    .append(split[2]).append(',').append(split[3]).append('\n');
        }
        if (index >= 0) {
            atlas.append("  index: ").append(index).append('\n');
        }
        cursorX += width + PADDING;
        shelfHeight = Math.max(shelfHeight, height);
    }

    /**
     * Copies the sprite's border pixels one pixel outwards, so linear filtering at its edges
     * blends with the sprite itself rather than the empty padding (no seams between tiles).
     */
    private void extrude(int x, int y, int width, int height) {
        for (int i = -1; i <= width; i++) {
            int sx = x + Math.max(0, Math.min(width - 1, i));
            page.setRGB(x + i, y - 1, page.getRGB(sx, y));
            page.setRGB(x + i, y + height, page.getRGB(sx, y + height - 1));
        }
        for (int j = 0; j < height; j++) {
            page.setRGB(x - 1, y + j, page.getRGB(x, y + j));
            page.setRGB(x + width, y + j, page.getRGB(x + width - 1, y + j));
        }
    }

    /** Writes the current page image into {@code dir}. */
    void finishPage(Path dir) throws IOException {
        ImageIO.write(page, "png", dir.resolve(pageName).toFile());
    }

    /** Writes the atlas text to {@code file}. */
    void writeAtlas(Path file) throws IOException {
        Files.write(file, atlas.toString().getBytes(StandardCharsets.UTF_8));
    }
}
