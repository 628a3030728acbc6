package com.gdxfetch.docs;

import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.scenes.scene2d.ui.ProgressBar;

/**
 * The names the public Javadoc's examples use as placeholders beside those of the guides' prose:
 * the things a game around such an example already has.
 */
public abstract class DocsJavadocContext extends DocsProseContext {
    protected TextureRegion tile;
    protected StringBuilder scoreBuilder;
    protected ProgressBar progressBar;
}
