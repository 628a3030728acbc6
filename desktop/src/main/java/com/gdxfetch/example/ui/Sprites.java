package com.gdxfetch.example.ui;

import com.badlogic.gdx.graphics.g2d.Animation;
import com.badlogic.gdx.graphics.g2d.NinePatch;
import com.badlogic.gdx.graphics.g2d.TextureAtlas;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;

/**
 * The regions and animations of the downloaded sprite sheet, looked up once by name. Owns the
 * atlas. Render thread only.
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
    private final TextureAtlas atlas;

    /**
     * Looks every sprite up in {@code atlas}, which this object then owns.
     *
     * @throws IllegalArgumentException naming the first region the atlas lacks
     */
    public Sprites(TextureAtlas atlas) {
        this.atlas = atlas;
        robotIdle = loop("robot", 0.45f);
        robotRun = loop("robot-run", 0.09f);
        robotJump = region("robot-jump");
        drone = loop("drone", 0.12f);
        boom = new Animation<>(0.06f, frames("boom"), Animation.PlayMode.NORMAL);
        bolt = region("bolt");
        spark = region("spark");
        star = region("star");
        heart = region("heart");
        TextureRegion white = region("pixel");
        pixel = new TextureRegion(white, 1, 1, 2, 2);
        moon = region("moon");
        hillsFar = region("hills-far");
        hillsNear = region("hills-near");
        ground = region("ground");
        NinePatch patch = atlas.createPatch("panel");
        if (patch == null) {
            throw new IllegalArgumentException("sprite sheet has no nine-patch region 'panel'");
        }
        panel = patch;
    }

    private TextureRegion region(String name) {
        AtlasRegion region = atlas.findRegion(name);
        if (region == null) {
            throw new IllegalArgumentException("sprite sheet has no region '" + name + "'");
        }
        return region;
    }

    private Array<AtlasRegion> frames(String name) {
        Array<AtlasRegion> frames = atlas.findRegions(name);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("sprite sheet has no frames named '" + name + "'");
        }
        return frames;
    }

    private Animation<TextureRegion> loop(String name, float frameSeconds) {
        return new Animation<>(frameSeconds, frames(name), Animation.PlayMode.LOOP);
    }

    @Override
    public void dispose() {
        atlas.dispose();
    }
}
