package com.gdxfetch.example.scenes;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ObjectSet;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.online.ServerPaths;
import com.gdxfetch.example.ui.Ui;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.net.FetchException;

/**
 * Loads the sprite sheet from the game's server through the image cache, with a progress bar in
 * bytes; on a later run the cache's disk copy answers after a {@code 304} revalidation. A failure
 * shows why, with a retry.
 */
public final class LoadingScene extends Scene {
    private static final float BAR_X = 230;
    private static final float BAR_Y = 250;
    private static final float BAR_W = 500;
    private static final float BAR_H = 18;
    private static final float AUTO_RETRY_SECONDS = 2f;
    private static final Color TRACK = new Color(0.14f, 0.16f, 0.3f, 1f);

    private final StringBuilder bytesLine = new StringBuilder();
    private final String source;
    private final String sheetUrl;
    private ImageHandle sheet;
    private String failure;
    private int downloadedBefore;
    private int notModifiedBefore;
    private int failedBefore;
    private float failedFor;

    /** The loading scene for {@code game}, on the render thread; nothing is requested before it is shown. */
    public LoadingScene(FetchGame game) {
        super(game);
        sheetUrl = ServerPaths.sheet(game.serverUrl);
        source = "Fetching the sprite sheet from " + game.serverUrl;
    }

    @Override
    public void show() {
        super.show();
        game.useContext(Actions.MENU);
        load();
    }

    private void load() {
        failure = null;
        failedFor = 0;
        downloadedBefore = game.wire.successCount();
        notModifiedBefore = game.wire.notModifiedCount();
        failedBefore = game.wire.failureCount();
        sheet = game.images.load(sheetUrl);
    }

    @Override
    public void hide() {
        // Leaving before the sheet arrived: the last handle's release cancels the download.
        if (sheet != null) {
            sheet.release();
            sheet = null;
        }
    }

    @Override
    protected void update(float delta) {
        if (sheet.isSuccess()) {
            Gdx.app.log("sheet", summary());
            ImageHandle loaded = sheet;
            sheet = null;
            game.sheetLoaded(loaded);
            return;
        }
        if (sheet.isFailed() && failure == null) {
            failure = describe(sheet.failure());
        }
        if (failure == null) {
            return;
        }
        failedFor += delta;
        boolean autoRetry = game.options.autoplay() && failedFor > AUTO_RETRY_SECONDS;
        if (game.input.justPressed(Actions.CONFIRM) || autoRetry) {
            sheet.release();
            load();
        }
    }

    /** What the log says once the sheet is in: files and bytes downloaded, files revalidated. */
    private String summary() {
        Array<AtlasRegion> regions = sheet.regions();
        ObjectSet<Texture> pages = new ObjectSet<>();
        for (AtlasRegion region : regions) {
            pages.add(region.getTexture());
        }
        int downloaded = game.wire.successCount() - downloadedBefore;
        int notModified = game.wire.notModifiedCount() - notModifiedBefore;
        return "Remote sprite sheet loaded: " + ServerPaths.SHEET + " (" + pages.size + " pages, " + regions.size
                + " regions, " + sheet.bytesReceived() + " bytes) from " + game.serverUrl + " through the image cache: "
                + downloaded + " file(s) downloaded, " + notModified
                + " file(s) revalidated with 304 Not Modified and read from the disk cache"
                + (game.wire.failureCount() > failedBefore && downloaded + notModified == 0
                        ? "; the server was unreachable, so the disk copies were used as they are" : "");
    }

    private static String describe(FetchException e) {
        switch (e.kind()) {
            case CONNECT_REFUSED:
            case UNKNOWN_HOST:
            case CONNECT_TIMEOUT:
                return "Can't reach the game server, and no copy of the sheet is cached yet.";
            case HTTP_STATUS:
                return "The server answered " + e.status() + " for the sprite sheet.";
            case DECODE:
                return "The sprite sheet was damaged: " + e.getMessage();
            default:
                return "Loading the sprite sheet failed: " + e.getMessage();
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
        batch.draw(game.white, BAR_X, BAR_Y, BAR_W * (failure != null ? 0f : sheet.progress()), BAR_H);
        batch.setColor(Color.WHITE);
        if (failure != null) {
            game.ui.centred(batch, failure, 16, Ui.ALERT, cx, 210);
            game.ui.centred(batch, "Press Enter to try again", 16, Ui.WHITE, cx, 180);
            return;
        }
        bytesLine.setLength(0);
        kilobytes(bytesLine, sheet.bytesReceived()).append(" of ");
        if (sheet.totalBytes() < 0) {
            bytesLine.append("? KB");
        } else {
            kilobytes(bytesLine, sheet.totalBytes()).append(" KB");
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
        if (sheet != null) {
            sheet.release();
        }
    }
}
