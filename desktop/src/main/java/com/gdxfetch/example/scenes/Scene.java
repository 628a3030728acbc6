package com.gdxfetch.example.scenes;

import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.gdxfetch.example.FetchGame;

/**
 * Base of the game's scenes: each is a libGDX {@code Screen} that owns its frame, as the
 * {@code Screen} contract expects. {@link #render(float)} advances the scene, then applies the
 * game's viewport and draws between its own {@code batch.begin()} and {@code batch.end()}, so a
 * scene could as well draw a {@code Stage}, which begins and ends its own batch. Render thread.
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
        if (game.getScreen() != this) {
            // The update switched scenes; the new one draws from the next frame on.
            return;
        }
        game.viewport().apply();
        batch.setProjectionMatrix(game.viewport().getCamera().combined);
        batch.begin();
        draw();
        batch.end();
    }

    /** Advances the scene by {@code delta} seconds. */
    protected abstract void update(float delta);

    /** Draws the scene into the batch, which {@link #render(float)} has begun. */
    protected abstract void draw();
}
