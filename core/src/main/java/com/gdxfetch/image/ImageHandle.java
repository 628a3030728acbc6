package com.gdxfetch.image;

import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.gdxfetch.image.internal.RemoteSet;
import com.gdxfetch.net.FetchException;

/**
 * A remote image or atlas requested with {@link ImageCache#load(String)}: poll its progress from
 * the game loop, draw its regions once done, {@link #release()} it when the game no longer needs
 * it.
 *
 * <p>Handles for the same URL share one download and one set of textures; each handle holds one
 * reference, and textures stay in memory while any handle holds them. Render thread only: the
 * state changes inside {@link ImageCache#update()} and the request manager's {@code update()};
 * {@link #region()}, {@link #region(String)} and {@link #release()} from another thread throw
 * {@link IllegalStateException} naming both threads.
 *
 * <p>After a lost GL context a ready handle stays ready, with the same regions and textures, which
 * draw blank until {@link ImageCache#update()} has uploaded the image again; if it cannot be
 * fetched again the handle fails as a first load would, and {@link #region()} shows the placeholder.
 */
public final class ImageHandle {
    private static final Array<AtlasRegion> NONE = new Array<>(0);

    private final ImageCache cache;
    private final RemoteSet set;
    private boolean released;

    ImageHandle(ImageCache cache, RemoteSet set) {
        this.cache = cache;
        this.set = set;
    }

    /** The URL loaded. */
    public String url() {
        return set.url();
    }

    /** True once every file arrived and is on the GPU, or the load failed. */
    public boolean isDone() {
        return set.state() != RemoteSet.State.LOADING;
    }

    /** True once the regions are ready to draw. */
    public boolean isSuccess() {
        return set.state() == RemoteSet.State.READY && !cache.isDisposed();
    }

    /** True once the load failed (or was cancelled by release or dispose); see {@link #failure()}. */
    public boolean isFailed() {
        return set.state() == RemoteSet.State.FAILED && set.failure() != null;
    }

    /**
     * Why the load failed: {@code kind()} is HTTP_STATUS for a server error, DECODE for a file
     * that is not a valid image or atlas, TOO_LARGE for a body over the download limit or an image
     * over the texture limit, a network kind when offline without a cached copy, CANCELLED after
     * release or dispose. Null unless failed.
     */
    public FetchException failure() {
        return set.state() == RemoteSet.State.FAILED ? set.failure() : null;
    }

    /** Bytes received so far, summed over the atlas text and its pages; for a loading bar. */
    public long bytesReceived() {
        return set.bytesReceived();
    }

    /** Bytes in all, or -1 while a size (or an atlas's page list) is still unknown. */
    public long totalBytes() {
        return set.totalBytes();
    }

    /** Progress from 0 to 1; 1 once done, 0 while the size is unknown. */
    public float progress() {
        if (isDone()) {
            return 1f;
        }
        long total = totalBytes();
        return total <= 0 ? 0f : Math.min(1f, bytesReceived() / (float) total);
    }

    /**
     * The image (for an atlas, its first region). Until done, and after a failure, the
     * placeholder when the cache shows one.
     *
     * @throws IllegalStateException when not ready and placeholders are off (the failure is the cause)
     */
    public TextureRegion region() {
        cache.checkHandleThread();
        if (isSuccess() && set.regions().size > 0) {
            set.touch();
            return set.regions().first();
        }
        return notReady();
    }

    /**
     * The atlas region named {@code name}: TexturePacker's name ({@code hero/run}, the lowest
     * index) or name and index ({@code hero/run_1}). An unknown name gives the placeholder and
     * one logged warning, or throws when placeholders are off.
     *
     * @throws IllegalStateException when not ready and placeholders are off
     * @throws IllegalArgumentException for an unknown name when placeholders are off
     */
    public TextureRegion region(String name) {
        cache.checkHandleThread();
        if (!isSuccess()) {
            return notReady();
        }
        AtlasRegion region = set.region(name);
        if (region != null) {
            set.touch();
            return region;
        }
        return cache.unknownRegion(set, name);
    }

    /** Every region in atlas order (one for a plain image); empty until ready. Do not modify. */
    public Array<AtlasRegion> regions() {
        return isSuccess() ? set.regions() : NONE;
    }

    /** Gives up this handle's reference; the last one cancels a load still under way. Repeat calls do nothing. */
    public void release() {
        // Thread only, not disposal: releasing handles after the cache's dispose() stays harmless.
        cache.checkHandleThread();
        if (!released) {
            released = true;
            cache.release(set);
        }
    }

    private TextureRegion notReady() {
        if (cache.isDisposed()) {
            throw new IllegalStateException("image cache disposed; " + url() + " is gone");
        }
        if (cache.config().placeholder()) {
            return cache.placeholder();
        }
        if (isFailed()) {
            throw new IllegalStateException("image " + url() + " failed to load", failure());
        }
        throw new IllegalStateException("image " + url() + " is still loading; poll isDone()");
    }
}
