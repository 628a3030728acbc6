package com.gdxfetch.example.ui;

import com.badlogic.gdx.graphics.g2d.Animation;
import com.badlogic.gdx.graphics.g2d.NinePatch;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;

/**
 * The regions and animations of the downloaded sprite sheet, looked up once by name from the
 * sheet's regions. Render thread only; {@link #dispose()} releases the sheet through the owner
 * given at construction.
 */
public final class Sprites implements Disposable {
    public final Animation<TextureRegion> robotIdle;
    public final Animation<TextureRegion> robotRun;
    public final TextureRegion robotJump;
    public final Animation<TextureRegion> drone;
    public final Animation<TextureRegion> boom;
    public final TextureRegion bolt;
    public final TextureRegion spark;
    public final TextureRegion star;
    public final TextureRegion heart;
    /** Plain white, for tinted rectangles and bars; its centre only, so filtering adds no edge. */
    public final TextureRegion pixel;
    public final TextureRegion moon;
    public final TextureRegion hillsFar;
    public final TextureRegion hillsNear;
    public final TextureRegion ground;
    public final NinePatch panel;
    private final Array<AtlasRegion> regions;
    private final Disposable owner;

    /**
     * Looks every sprite up in {@code regions}, the sheet's regions in atlas order.
     *
     * @param owner what releases the sheet's textures on {@link #dispose()}
     * @throws IllegalArgumentException naming the first region the sheet lacks
     */
    public Sprites(Array<AtlasRegion> regions, Disposable owner) {
        this.regions = regions;
        this.owner = owner;
        robotIdle = loop("robot", 0.45f);
        robotRun = loop("robot-run", 0.09f);
        robotJump = region("robot-jump");
        drone = loop("drone", 0.12f);
        boom = new Animation<>(0.06f, frames("boom"), Animation.PlayMode.NORMAL);
        bolt = region("bolt");
        spark = region("spark");
        star = region("star");
        heart = region("heart");
        pixel = new TextureRegion(region("pixel"), 1, 1, 2, 2);
        moon = region("moon");
        hillsFar = region("hills-far");
        hillsNear = region("hills-near");
        ground = region("ground");
        AtlasRegion panelRegion = region("panel");
        int[] split = panelRegion.findValue("split");
        if (split == null) {
            throw new IllegalArgumentException("sprite sheet region 'panel' has no nine-patch split");
        }
        panel = new NinePatch(panelRegion, split[0], split[1], split[2], split[3]);
    }

    private AtlasRegion region(String name) {
        for (int i = 0; i < regions.size; i++) {
            if (regions.get(i).name.equals(name)) {
                return regions.get(i);
            }
        }
        throw new IllegalArgumentException("sprite sheet has no region '" + name + "'");
    }

    private Array<AtlasRegion> frames(String name) {
        Array<AtlasRegion> frames = new Array<>();
        for (int i = 0; i < regions.size; i++) {
            if (regions.get(i).name.equals(name)) {
                frames.add(regions.get(i));
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("sprite sheet has no frames named '" + name + "'");
        }
        frames.sort((a, b) -> Integer.compare(a.index, b.index));
        return frames;
    }

    private Animation<TextureRegion> loop(String name, float frameSeconds) {
        return new Animation<>(frameSeconds, frames(name), Animation.PlayMode.LOOP);
    }

    @Override
    public void dispose() {
        owner.dispose();
    }
}
