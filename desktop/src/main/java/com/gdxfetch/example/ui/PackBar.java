package com.gdxfetch.example.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.example.online.MusicPack;

/**
 * The music pack's progress bar, drawn in a corner of the menus while it downloads: percent and
 * rate, the label rebuilt only when the whole percent or tenth of a MB/s changes. Render thread.
 */
public final class PackBar {
    private static final float X = 24;
    private static final float Y = 500;
    private static final float W = 180;
    private static final float H = 8;
    private static final Color TRACK = new Color(1f, 1f, 1f, 0.15f);
    private final StringBuilder label = new StringBuilder();
    private int shownPercent = -1;
    private int shownRate = -1;

    /** Draws {@code pack}'s bar while it downloads, its failure line after a failure, nothing otherwise. */
    public void draw(Batch batch, Ui ui, TextureRegion white, MusicPack pack) {
        if (pack.failure() != null) {
            ui.left(batch, pack.failure(), 13, Ui.DIM, X, Y + H + 22);
            return;
        }
        if (!pack.isDownloading()) {
            return;
        }
        int percent = (int) (pack.progress() * 100);
        int rate = (int) (pack.bytesPerSecond() / 1e5);
        if (percent != shownPercent || rate != shownRate) {
            shownPercent = percent;
            shownRate = rate;
            label.setLength(0);
            label.append("Music pack ").append(percent).append("%  ").append(rate / 10).append('.')
                    .append(rate % 10).append(" MB/s");
        }
        ui.left(batch, label, 13, Ui.DIM, X, Y + H + 22);
        batch.setColor(TRACK);
        batch.draw(white, X, Y, W, H);
        batch.setColor(Ui.MINT);
        batch.draw(white, X, Y, W * pack.progress(), H);
        batch.setColor(Color.WHITE);
    }
}
