package com.gdxfetch.example.scenes;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.math.MathUtils;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.ui.Ui;

/** The title and main menu: play, leaderboard, settings, quit. */
public final class TitleScene extends Scene {
    private static final String[] ITEMS = {"Play", "Leaderboard", "Settings", "Quit"};
    private static final float AUTOPLAY_WAIT = 0.5f;
    private static final float MENU_TOP = 300;
    private static final float ITEM_STEP = 46;
    private static final Color HIGHLIGHT = new Color(1f, 1f, 1f, 0.9f);
    private int selected;
    private String hint = "";

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
    }
}
