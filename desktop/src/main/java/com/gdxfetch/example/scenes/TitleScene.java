package com.gdxfetch.example.scenes;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.math.MathUtils;
import com.gdxfetch.example.Actions;
import com.badlogic.gdx.utils.Array;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.online.ScoreRow;
import com.gdxfetch.example.ui.Ui;

/**
 * The title and main menu: play, leaderboard, settings, quit, beside the best scores, which the
 * server's live feed keeps current while the title shows (another game posting a score changes
 * them at once).
 */
public final class TitleScene extends Scene {
    /** Rows of the live board beside the menu. */
    public static final int BOARD_ROWS = 5;
    private static final float BOARD_RIGHT = 930;
    private static final float BOARD_LEFT = 700;
    private static final float BOARD_TOP = 320;
    private static final float BOARD_STEP = 26;
    private static final String[] ITEMS = {"Play", "Leaderboard", "Settings", "Quit"};
    private static final float AUTOPLAY_WAIT = 0.5f;
    private static final float MENU_TOP = 300;
    private static final float ITEM_STEP = 46;
    private static final Color HIGHLIGHT = new Color(1f, 1f, 1f, 0.9f);
    private int selected;
    private String hint = "";
    /** The board's text, remade only when a new board arrives, so a steady frame allocates nothing. */
    private final Array<String> boardLines = new Array<>();
    private final Array<String> boardScores = new Array<>();
    private int boardVersion = -1;

    /** The scene for {@code game}; created on the render thread once the sprite sheet is loaded. */
    public TitleScene(FetchGame game) {
        super(game);
    }

    @Override
    public void show() {
        super.show();
        game.useContext(Actions.MENU);
        hint = "Arrows choose, Enter selects, " + game.keyName(Actions.OVERLAY) + " shows the overlay, "
                + game.keyName(Actions.BURST) + " fires 500 requests";
        game.liveBoard.start();
    }

    @Override
    public void hide() {
        game.liveBoard.stop();
    }

    @Override
    protected void update(float delta) {
        game.music.ensurePlaying(game.song());
        game.backdrop.update(delta, 24);
        if (game.options.showBoard()) {
            game.gameOver.viewOnly();
            game.setScreen(game.gameOver);
            return;
        }
        if (boardVersion != game.liveBoard.version()) {
            boardVersion = game.liveBoard.version();
            boardLines.clear();
            boardScores.clear();
            Array<ScoreRow> rows = game.liveBoard.rows();
            for (int i = 0; i < rows.size; i++) {
                boardLines.add(rows.get(i).rank + ". " + rows.get(i).name);
                boardScores.add(Integer.toString(rows.get(i).score));
            }
        }
        if (game.options.autoplay()) {
            if (time > AUTOPLAY_WAIT) {
                game.setScreen(game.play);
            }
            return;
        }
        if (game.input.justPressed(Actions.UP)) {
            selected = (selected + ITEMS.length - 1) % ITEMS.length;
        }
        if (game.input.justPressed(Actions.DOWN)) {
            selected = (selected + 1) % ITEMS.length;
        }
        if (game.input.justPressed(Actions.BACK)) {
            Gdx.app.exit();
        } else if (game.input.justPressed(Actions.CONFIRM)) {
            choose();
        }
    }

    private void choose() {
        switch (selected) {
            case 0 -> game.setScreen(game.play);
            case 1 -> {
                game.gameOver.viewOnly();
                game.setScreen(game.gameOver);
            }
            case 2 -> game.setScreen(game.settings);
            default -> Gdx.app.exit();
        }
    }

    @Override
    protected void draw() {
        game.backdrop.draw(batch);
        float cx = FetchGame.WIDTH / 2f;
        float bob = MathUtils.sin(time * 1.6f) * 5f;
        game.ui.heading(batch, "NIGHT SHIFT", 72, Ui.ACCENT, cx, 470 + bob);
        game.ui.centred(batch, "shoot the drones before they land - a gdx-fetch example", 17, Ui.DIM, cx, 372);
        for (int i = 0; i < ITEMS.length; i++) {
            float top = MENU_TOP - i * ITEM_STEP;
            if (i == selected) {
                game.sprites.panel.draw(batch, cx - 120, top - 38, 240, 44);
                TextureRegion robot = game.sprites.robotRun.getKeyFrame(time);
                batch.draw(robot, cx - 170, top - 40);
            }
            game.ui.centred(batch, ITEMS[i], 24, i == selected ? HIGHLIGHT : Ui.DIM, cx, top - 4);
        }
        game.ui.centred(batch, hint, 14, Ui.WHITE, cx, 40);
        game.packBar.draw(batch, game.ui, game.white, game.musicPack);
        drawBoard();
    }

    private void drawBoard() {
        String status = game.liveBoard.status();
        game.ui.left(batch, game.liveBoard.isLive() ? "TOP SCORES - LIVE" : "TOP SCORES", 16,
                game.liveBoard.isLive() ? Ui.MINT : Ui.DIM, BOARD_LEFT, BOARD_TOP);
        for (int i = 0; i < boardLines.size; i++) {
            float top = BOARD_TOP - 30 - i * BOARD_STEP;
            game.ui.left(batch, boardLines.get(i), 16, Ui.WHITE, BOARD_LEFT, top);
            game.ui.right(batch, boardScores.get(i), 16, Ui.ACCENT, BOARD_RIGHT, top);
        }
        if (!status.isEmpty() && !status.equals("live")) {
            game.ui.left(batch, status, 14, Ui.DIM, BOARD_LEFT, BOARD_TOP - 30 - BOARD_ROWS * BOARD_STEP);
        }
    }
}
