package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.ObjectSet;
import com.gdxfetch.net.FetchException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote image or atlas shared by every handle that loaded its URL: its files, textures and
 * regions. Counted in the memory budget as one entry once ready. Render thread only, except the
 * volatile state.
 */
public final class RemoteSet extends MemoryEntry {
    /** Where a set is in its life. */
    public enum State {
        LOADING, READY, FAILED
    }

    final String url;
    final RemoteLoader loader;
    final Array<RemoteFile> files = new Array<>(false, 4);
    /** Files not yet turned into textures (the atlas text counts until parsed). */
    int pending = 1;
    TextureAtlasData atlas;
    final Array<AtlasRegion> regions = new Array<>();
    final ObjectMap<String, AtlasRegion> byName = new ObjectMap<>();
    /** Names asked for and not found, warned about once each. */
    final ObjectSet<String> unknownNames = new ObjectSet<>();
    /** Pixels the headers of this atlas's pages declared so far; workers add to it. */
    private final AtomicLong pagePixels = new AtomicLong();
    private volatile State state = State.LOADING;
    private volatile FetchException failure;

    RemoteSet(String url, RemoteLoader loader) {
        this.url = url;
        this.loader = loader;
    }

    /** The URL loaded. */
    public String url() {
        return url;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The failure, once failed. */
    public FetchException failure() {
        return failure;
    }

    /** Every region, in atlas order; one for a plain image. Empty until ready. */
    public Array<AtlasRegion> regions() {
        return regions;
    }

    /**
     * The region named {@code name} ({@code run} or {@code run_1}, in any spelling a local path
     * may have: {@code \\} for {@code /}, {@code ./}, repeated separators), or null. A name asked
     * for before is one hash lookup.
     */
    public AtlasRegion region(String name) {
        AtlasRegion region = byName.get(name);
        if (region != null || regions.size == 0 || unknownNames.contains(name)) {
            return region;
        }
        try {
            region = byName.get(ImagePaths.normalise(name));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (region != null) {
            // Remembered under this spelling too, so the next lookup allocates nothing.
            byName.put(name, region);
        }
        return region;
    }

    /** True the first time {@code name} is reported unknown. */
    public boolean firstUnknown(String name) {
        return unknownNames.add(name);
    }

    /**
     * Counts a {@code width} x {@code height} page against what the pages of this atlas may hold
     * together ({@link AtlasRegions#MAX_ATLAS_PIXELS}, or {@code maxPixels} when higher). Returns
     * null when it fits, else what is too large, for a failure message, counting nothing. Any thread.
     */
    String claimPage(long width, long height, long maxPixels) {
        long pixels = width * height;
        long limit = Math.max(AtlasRegions.MAX_ATLAS_PIXELS, maxPixels);
        if (claimPagePixels(pixels, limit) >= 0) {
            return null;
        }
        return "page " + width + "x" + height + " would bring atlas " + url + " to " + (pagePixels() + pixels)
                + " pixels or more, more than the " + limit + " the pages of a remote atlas may hold together";
    }

    /**
     * Counts a page's {@code pixels} against what the atlas may hold in all, {@code limit}; returns
     * the atlas's pixels with it, or -1 (and counts nothing) when they would pass the limit. Any thread.
     */
    long claimPagePixels(long pixels, long limit) {
        for (;;) {
            long before = pagePixels.get();
            long after = before + pixels;
            if (after > limit) {
                return -1;
            }
            if (pagePixels.compareAndSet(before, after)) {
                return after;
            }
        }
    }

    /** Pixels the pages counted so far hold. Any thread. */
    long pagePixels() {
        return pagePixels.get();
    }

    /** Records a use for the least-recently-used order. */
    public void touch() {
        touch(loader.memory);
    }

    /** Bytes received so far over every file known. */
    public long bytesReceived() {
        long sum = 0;
        for (int i = 0, n = files.size; i < n; i++) {
            sum += files.get(i).bytesReceived();
        }
        return sum;
    }

    /** Total bytes of every file, or -1 while any size (or an atlas's page list) is unknown. */
    public long totalBytes() {
        if (files.size > 0 && files.first().isAtlas && atlas == null) {
            return -1;
        }
        long sum = 0;
        for (int i = 0, n = files.size; i < n; i++) {
            long size = files.get(i).totalBytes();
            if (size < 0) {
                return -1;
            }
            sum += size;
        }
        return sum;
    }

    /**
     * Makes the set's regions from its loaded textures (the whole image, or each region the atlas
     * names, also under its name without the index) and returns the bytes those textures hold.
     * Render thread, once every file has its texture.
     */
    long assembleRegions() {
        long bytes = 0;
        for (int i = 0, n = files.size; i < n; i++) {
            Texture texture = files.get(i).texture;
            if (texture != null) {
                bytes += 4L * texture.getWidth() * texture.getHeight();
            }
        }
        if (atlas == null) {
            Texture texture = files.first().texture;
            AtlasRegion region = new AtlasRegion(texture, 0, 0, texture.getWidth(), texture.getHeight());
            region.name = url;
            regions.add(region);
            return bytes;
        }
        Array<TextureAtlasData.Region> data = atlas.getRegions();
        ObjectMap<TextureAtlasData.Region, AtlasRegion> made = new ObjectMap<>(data.size);
        for (int i = 0; i < data.size; i++) {
            TextureAtlasData.Region d = data.get(i);
            AtlasRegion region = AtlasRegions.create(d, textureOf(d.page));
            regions.add(region);
            made.put(d, region);
        }
        // Checked when the atlas was parsed: no name is taken twice, every name is a path.
        for (ObjectMap.Entry<String, TextureAtlasData.Region> name : AtlasRegions.names("atlas " + url, atlas)) {
            byName.put(name.key, made.get(name.value));
        }
        return bytes;
    }

    private Texture textureOf(TextureAtlasData.Page page) {
        for (int i = 0, n = files.size; i < n; i++) {
            RemoteFile file = files.get(i);
            if (file.page == page) {
                return file.texture;
            }
        }
        throw new IllegalStateException("atlas " + url + " has no page " + page.name);
    }

    void ready() {
        state = State.READY;
    }

    void fail(FetchException cause) {
        failure = cause;
        state = State.FAILED;
    }

    /** Frees textures and pending work of every file. */
    void abandonFiles() {
        for (int i = 0, n = files.size; i < n; i++) {
            files.get(i).abandon();
        }
    }

    @Override
    protected void unload() {
        loader.evicted(this);
    }

    @Override
    protected String describe() {
        return "remote image " + url;
    }
}
