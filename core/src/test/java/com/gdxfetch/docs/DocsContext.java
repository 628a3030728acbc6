package com.gdxfetch.docs;

import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.scenes.scene2d.Stage;
import com.badlogic.gdx.scenes.scene2d.ui.ProgressBar;
import com.gdxfetch.image.ImageCache;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.BindingsFile;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;

/**
 * What a game around a documentation snippet already has: its fields and a few methods of its
 * own. A snippet made of statements compiles as the body of a method of a subclass, so it may use
 * these names without declaring them, as a reader would expect of an excerpt from a game.
 */
public abstract class DocsContext {
    protected FetchManager fetch;
    protected ImageCache images;
    protected SpriteBatch batch;
    protected Stage stage;
    protected ProgressBar bar;
    protected InputMapper input;
    protected ActionMap actions;
    protected BindingsFile saved;
    protected TextureRegion frameTile;
    protected Player player;
    protected String url;
    protected StringBuilder score;
    protected int points;
    protected float delta;
    protected float x;
    protected float y;
    protected float dx;
    protected float dy;

    protected void drawBar(float progress) {
    }

    protected void start(byte[] level) {
    }

    protected void show(FetchException failure) {
    }

    /** The game's own player object, as the input snippets use it. */
    public static class Player {
        public void jump() {
        }

        public void move(float direction) {
        }
    }
}
