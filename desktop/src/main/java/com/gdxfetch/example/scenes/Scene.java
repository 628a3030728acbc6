package com.gdxfetch.example.scenes;

import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.gdxfetch.example.FetchGame;

/**
 * Base of the game's scenes. {@link FetchGame} has already begun the batch when
 * {@link #render(float)} runs, so a scene only updates and draws. Render thread.
 */
abstract class Scene extends ScreenAdapter {
    protected final FetchGame game;
    protected final SpriteBatch batch;
    /** Seconds since the scene was last shown, for animation. */
    protected float time;

    Scene(FetchGame game) {
        this.game = game;
        this.batch = game.batch;
    }

    @Override
    public void show() {
        time = 0;
    }

    @Override
    public final void render(float delta) {
        time += delta;
        update(delta);
        if (game.getScreen() == this) {
            draw();
        }
    }

    /** Advances the scene by {@code delta} seconds. */
    protected abstract void update(float delta);

    /** Draws the scene into the begun batch. */
    protected abstract void draw();
}
