package com.gdxfetch.example.scenes;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.math.MathUtils;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.server.DemoServer;
import com.gdxfetch.example.sheet.RemoteSheetLoader;
import com.gdxfetch.example.ui.Ui;

/**
 * Downloads the sprite sheet from the game's server with a progress bar in bytes; on a later run
 * the disk cache answers after a {@code 304} revalidation. A failure shows why, with a retry.
 */
public final class LoadingScene extends Scene {
    private static final float BAR_X = 230;
    private static final float BAR_Y = 250;
    private static final float BAR_W = 500;
    private static final float BAR_H = 18;
    private static final float AUTO_RETRY_SECONDS = 2f;
    private static final Color TRACK = new Color(0.14f, 0.16f, 0.3f, 1f);

    private final RemoteSheetLoader loader;
    private final StringBuilder bytesLine = new StringBuilder();
    private final String source;
    private float failedFor;

    /** The loading scene for {@code game}, on the render thread; nothing is requested before it is shown. */
    public LoadingScene(FetchGame game) {
        super(game);
        loader = new RemoteSheetLoader(game.fetch, game.serverUrl, DemoServer.SHEET, game.localFile("cache"));
        source = "Fetching the sprite sheet from " + game.serverUrl;
    }

    @Override
    public void show() {
        super.show();
        game.useContext(Actions.MENU);
        loader.start();
    }

    @Override
    protected void update(float delta) {
        if (loader.atlas() != null) {
            game.sheetLoaded(loader.atlas());
            return;
        }
        if (loader.failure() == null) {
            failedFor = 0;
            return;
        }
        failedFor += delta;
        boolean autoRetry = game.options.autoplay() && failedFor > AUTO_RETRY_SECONDS;
        if (game.input.justPressed(Actions.CONFIRM) || autoRetry) {
            loader.retry();
        }
    }

    @Override
    protected void draw() {
        float cx = FetchGame.WIDTH / 2f;
        game.ui.heading(batch, "NIGHT SHIFT", 56, Ui.ACCENT, cx, 420);
        game.ui.centred(batch, source, 16, Ui.DIM, cx, 310);
        batch.setColor(TRACK);
        batch.draw(game.white, BAR_X, BAR_Y, BAR_W, BAR_H);
        batch.setColor(Ui.MINT);
        batch.draw(game.white, BAR_X, BAR_Y, BAR_W * loader.progress(), BAR_H);
        batch.setColor(Color.WHITE);
        if (loader.failure() != null) {
            game.ui.centred(batch, loader.failure(), 16, Ui.ALERT, cx, 210);
            game.ui.centred(batch, "Press Enter to try again", 16, Ui.WHITE, cx, 180);
            return;
        }
        bytesLine.setLength(0);
        kilobytes(bytesLine, loader.bytesReceived()).append(" of ");
        kilobytes(bytesLine, loader.bytesExpected()).append(" KB, ").append(loader.fileCount()).append(" file(s)");
        if (loader.notModifiedCount() > 0) {
            bytesLine.append(", ").append(loader.notModifiedCount()).append(" unchanged (304, from disk cache)");
        }
        game.ui.centred(batch, bytesLine, 16, Ui.WHITE, cx, 220);
        for (int i = 0; i < 8; i++) {
            float angle = time * 4f + i * MathUtils.PI2 / 8;
            batch.setColor(1f, 1f, 1f, (i + 1) / 8f);
            batch.draw(game.white, cx - 3 + MathUtils.cos(angle) * 16, 140 + MathUtils.sin(angle) * 16, 6, 6);
        }
        batch.setColor(Color.WHITE);
    }

    private static StringBuilder kilobytes(StringBuilder out, long bytes) {
        long tenths = Math.round(bytes / 102.4);
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    @Override
    public void dispose() {
        loader.dispose();
    }
}
