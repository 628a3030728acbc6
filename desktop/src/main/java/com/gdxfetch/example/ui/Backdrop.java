package com.gdxfetch.example.ui;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.math.RandomXS128;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.graphics.CachedComposite;

/**
 * The night scene behind every screen: sky, stars, moon, two layers of hills scrolling at
 * different speeds, and the glowing ground the robot runs on. The hundreds of faint stars are
 * painted once into a {@link CachedComposite}; only a few bright ones twinkle live. Render thread.
 */
public final class Backdrop implements Disposable {
    /** Height of the ground's top edge above the bottom of the screen. */
    public static final float GROUND_Y = 64;
    private static final int FAINT_STARS = 220;
    private static final int TWINKLING_STARS = 24;
    private static final Color SKY_TOP = new Color(0.03f, 0.04f, 0.13f, 1f);
    private static final Color SKY_BOTTOM = new Color(0.2f, 0.14f, 0.36f, 1f);
    private static final Color SOIL = new Color(0.08f, 0.085f, 0.16f, 1f);

    private final Sprites sprites;
    private final CachedComposite faintStars;
    private final float[] twinkles = new float[TWINKLING_STARS * 3];
    private final float[] quad = new float[20];
    private float time;
    private float scroll;

    /** A backdrop drawn with {@code sprites}. */
    public Backdrop(Sprites sprites) {
        this.sprites = sprites;
        RandomXS128 random = new RandomXS128(7);
        float skyHeight = FetchGame.HEIGHT - GROUND_Y;
        faintStars = new CachedComposite(FetchGame.WIDTH, (int) skyHeight, (batch, w, h) -> {
            for (int i = 0; i < FAINT_STARS; i++) {
                float size = 2f + random.nextFloat() * 3f;
                batch.setColor(1f, 1f, 1f, 0.15f + random.nextFloat() * 0.45f);
                float y = h * 0.25f + random.nextFloat() * h * 0.75f;
                batch.draw(sprites.star, random.nextFloat() * w, y, size, size);
            }
            batch.setColor(Color.WHITE);
        });
        for (int i = 0; i < TWINKLING_STARS; i++) {
            twinkles[i * 3] = random.nextFloat() * FetchGame.WIDTH;
            twinkles[i * 3 + 1] = GROUND_Y + skyHeight * (0.35f + random.nextFloat() * 0.65f);
            twinkles[i * 3 + 2] = random.nextFloat() * MathUtils.PI2;
        }
    }

    /** Advances the twinkle and, at {@code scrollSpeed} pixels per second, the hills. */
    public void update(float delta, float scrollSpeed) {
        time += delta;
        scroll += delta * scrollSpeed;
    }

    /** Draws the whole backdrop; the batch must be begun. */
    public void draw(Batch batch) {
        gradient(batch, 0, GROUND_Y, FetchGame.WIDTH, FetchGame.HEIGHT - GROUND_Y, SKY_BOTTOM, SKY_TOP);
        faintStars.draw(batch, 0, GROUND_Y);
        for (int i = 0; i < TWINKLING_STARS; i++) {
            float glow = 0.55f + 0.45f * MathUtils.sin(time * 2.2f + twinkles[i * 3 + 2]);
            float size = 5f + 4f * glow;
            batch.setColor(1f, 0.97f, 0.88f, glow);
            batch.draw(sprites.star, twinkles[i * 3] - size / 2, twinkles[i * 3 + 1] - size / 2, size, size);
        }
        batch.setColor(Color.WHITE);
        batch.draw(sprites.moon, 720, 360 + MathUtils.sin(time * 0.3f) * 4f);
        strip(batch, sprites.hillsFar, GROUND_Y + 18, scroll * 0.25f);
        strip(batch, sprites.hillsNear, GROUND_Y - 4, scroll * 0.6f);
        batch.setColor(SOIL);
        batch.draw(sprites.pixel, 0, 0, FetchGame.WIDTH, GROUND_Y - 30);
        batch.setColor(Color.WHITE);
        float tile = sprites.ground.getRegionWidth();
        float offset = -(scroll % tile);
        for (float x = offset; x < FetchGame.WIDTH; x += tile) {
            batch.draw(sprites.ground, x, GROUND_Y - sprites.ground.getRegionHeight());
        }
    }

    /** Draws a horizontally repeating strip scrolled left by {@code offset} pixels. */
    private static void strip(Batch batch, com.badlogic.gdx.graphics.g2d.TextureRegion region, float y, float offset) {
        float w = region.getRegionWidth();
        for (float x = -(offset % w); x < FetchGame.WIDTH; x += w) {
            batch.draw(region, x, y);
        }
    }

    /** A rectangle shading from {@code bottom} to {@code top}, as one quad with vertex colours. */
    public void gradient(Batch batch, float x, float y, float w, float h, Color bottom, Color top) {
        float u = (sprites.pixel.getU() + sprites.pixel.getU2()) / 2f;
        float v = (sprites.pixel.getV() + sprites.pixel.getV2()) / 2f;
        float b = bottom.toFloatBits();
        float t = top.toFloatBits();
        vertex(0, x, y, b, u, v);
        vertex(1, x, y + h, t, u, v);
        vertex(2, x + w, y + h, t, u, v);
        vertex(3, x + w, y, b, u, v);
        batch.draw(sprites.pixel.getTexture(), quad, 0, 20);
    }

    private void vertex(int i, float x, float y, float color, float u, float v) {
        quad[i * 5] = x;
        quad[i * 5 + 1] = y;
        quad[i * 5 + 2] = color;
        quad[i * 5 + 3] = u;
        quad[i * 5 + 4] = v;
    }

    @Override
    public void dispose() {
        faintStars.dispose();
    }
}
