package com.gdxfetch.text;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;

import java.util.concurrent.Callable;

/**
 * Uses the text cache with the default font and then asks for a TrueType file; loaded by
 * {@link TextCacheWithoutFreeTypeTest} in a class loader that cannot see gdx-freetype.
 */
public final class WithoutFreeTypeProbe implements Callable<String> {
    @Override
    public String call() {
        TextCache cache = new TextCache();
        SpriteBatch batch = new SpriteBatch();
        try {
            batch.begin();
            CachedText text = cache.get("no FreeType here", TextCache.DEFAULT_FONT, Color.WHITE, 22);
            text.draw(batch, 10, 100);
            batch.end();
            String drawn = "drew " + Math.round(text.width()) + "px";
            try {
                cache.get("needs FreeType", TextCacheGlTest.DEJAVU, Color.WHITE, 22);
                return drawn + "; TrueType loaded without FreeType?";
            } catch (IllegalStateException e) {
                return drawn + "; " + e.getMessage();
            }
        } finally {
            batch.dispose();
            cache.dispose();
            Gdx.gl.glFlush();
        }
    }
}
