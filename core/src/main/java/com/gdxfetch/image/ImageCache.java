package com.gdxfetch.image;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.image.internal.LocalImages;
import com.gdxfetch.image.internal.Placeholder;
import com.gdxfetch.image.internal.RemoteLoader;
import com.gdxfetch.image.internal.RemoteSet;
import com.gdxfetch.image.internal.TextureMemory;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.Platform;


/**
 * Images by path and by URL, cached as textures within a memory budget.
 *
 * <pre>{@code
 * // create()
 * images = new ImageCache(fetch, Gdx.files.internal(""));
 * images.addAtlas("sprites/hero.atlas");              // regions by name, one texture per page
 * ImageHandle level = images.load("https://cdn.example.com/level2.atlas");
 * // render()
 * fetch.update();
 * images.update();                                     // budgeted texture uploads
 * batch.draw(images.get("hero/run_1"), x, y);          // a hit: one hash lookup, no garbage
 * if (level.isDone()) batch.draw(level.region("door"), dx, dy);
 * else drawBar(level.progress());
 * // dispose()
 * images.dispose();                                    // every texture freed; fetch is not owned
 * }</pre>
 *
 * <p>Threading: create, use and dispose on the render thread; a call from another thread throws
 * {@link IllegalStateException}, as does any use after {@link #dispose()}. Downloads, disk-cache reads and
 * writes, and PNG/JPEG decoding of remote files run on worker threads; only the texture upload
 * runs on the render thread, inside {@link #update()}, in strips within a per-frame byte budget. Local images load on first use, on the
 * calling thread, like {@code new Texture(path)}: do that at load time or pack them in an atlas.
 *
 * <p>Web builds (libGDX's HTML backend): no worker threads and no disk cache (the browser's HTTP
 * cache keeps downloads); the browser decodes remote images, and {@link #update()} makes each
 * decoded image a texture whole. See {@code core/docs/web.md}.
 *
 * <p>Disk: when {@code fetch} keeps an HTTP cache ({@code FetchConfig.Builder.httpCache}), remote
 * files are stored in it, revalidated and served offline by it, and the disk cache settings of
 * {@link ImageCacheConfig} are not used; otherwise the image cache keeps its own disk cache.
 *
 * <p>Memory: every texture counts width x height x 4 bytes. Past the budget, the least recently
 * used textures nobody holds are freed in {@link #update()}; a region from {@link #get(String)}
 * is safe to draw in the frame it was returned, so call {@code get} each frame (it is cheap) or
 * hold the image with {@link #retain(String)}. Remote images are held by their handles.
 *
 * <p>Lost GL context (Android): every texture the cache handed out stays the same {@code Texture}
 * object and works again with nothing for the game to do. Local images and the placeholder are
 * managed, so libGDX reloads them; remote images come back blank and {@link #update()} fetches
 * (from the HTTP or disk cache when it can) and decodes them again on workers, then uploads them
 * into the same textures within the per-frame budget. A remote image that cannot be had again
 * fails its handle. See {@code core/docs/images.md}.
 *
 * <p>Failure: a missing or undecodable local image shows the placeholder with one logged warning
 * (or throws, with placeholders off); a remote load that fails says why through
 * {@link ImageHandle#failure()}. There are no callbacks: poll handles from the game loop.
 */
public final class ImageCache implements Disposable {
    private final ImageCacheConfig config;
    private final FetchLog log = new FetchLog();
    private final TextureMemory memory;
    private final Placeholder placeholder = new Placeholder();
    private final LocalImages local;
    private final RemoteLoader remote;
    // Platform's thread, not java.lang.Thread's: the web build has no currentThread().
    private final Object renderThread = Platform.currentThread();
    private boolean disposed;

    /** A cache with the default configuration; see {@link #ImageCache(FetchManager, FileHandle, ImageCacheConfig)}. */
    public ImageCache(FetchManager fetch, FileHandle root) {
        this(fetch, root, ImageCacheConfig.builder().build());
    }

    /**
     * Creates a cache; call on the render thread (the one with the GL context).
     *
     * @param fetch the request manager remote loads go through (not owned; call its
     *     {@code update()} each frame before this cache's), or null for local images only
     * @param root the folder local paths are relative to, such as {@code Gdx.files.internal("")}
     */
    public ImageCache(FetchManager fetch, FileHandle root, ImageCacheConfig config) {
        if (root == null) {
            throw new IllegalArgumentException("image root folder is null; use Gdx.files.internal(\"\")");
        }
        if (config == null) {
            throw new IllegalArgumentException("config is null");
        }
        this.config = config;
        this.memory = new TextureMemory(config.memoryBytes());
        this.local = new LocalImages(root, memory, placeholder, config.placeholder(), log);
        DiskCache disk = null;
        // A manager with an HTTP cache already keeps every GET on disk: images go there too, one
        // cache and one byte budget, rather than a second copy in a folder of their own.
        boolean httpCached = fetch != null && fetch.config().httpCacheDirectory() != null;
        if (config.diskBytes() > 0 && !httpCached && RemoteLoader.keepsDiskCache()) {
            FileHandle dir = config.diskDir() != null ? config.diskDir() : Gdx.files.local(ImageCacheConfig.DEFAULT_DISK_DIR);
            disk = new DiskCache(dir.file(), config.diskBytes());
        }
        int maxSize = config.maxTextureSize() > 0 ? config.maxTextureSize() : LocalImages.glMaxTextureSize();
        this.remote = new RemoteLoader(fetch, memory, disk, config.maxDownloadBytes(), config.uploadBytesPerFrame(),
                maxSize, config.maxImagePixels(), log);
    }

    /** This cache's configuration. Any thread. */
    public ImageCacheConfig config() {
        return config;
    }

    /**
     * The region for a local image path or atlas region name, loading the image the first time;
     * render thread.
     * {@code /} and {@code \} are the same, {@code ./} and repeated separators are ignored, case
     * is kept. A repeated call with an equal string is one hash lookup and allocates nothing.
     *
     * @return a region valid for this frame (see the class comment); for an unknown path or an
     *     undecodable file, the placeholder (with one logged warning) when placeholders are on
     * @throws IllegalArgumentException for a path that climbs out of the root with {@code ..},
     *     or an unknown path or undecodable file when placeholders are off
     */
    public TextureRegion get(String path) {
        checkThread();
        return local.get(path);
    }

    /**
     * As {@link #get(String)}, and keeps the texture from eviction until a matching
     * {@link #release(String)}; render thread.
     */
    public TextureRegion retain(String path) {
        checkThread();
        return local.retain(path);
    }

    /**
     * Drops one reference taken with {@link #retain(String)}; render thread.
     *
     * @throws IllegalStateException if the path holds no reference
     */
    public void release(String path) {
        checkThread();
        local.release(path);
    }

    /**
     * Registers every region of a libGDX {@code .atlas} (TexturePacker's manifest) under its
     * name, so {@code get("hero/run_1")} draws from the atlas page; names with an index answer to
     * {@code name_index} and to {@code name} (the lowest index, unless a region is called
     * {@code name} itself). Render thread; reads the manifest now, each page texture loads when
     * one of its regions is first drawn.
     *
     * @return the number of regions registered
     * @throws IllegalArgumentException naming the atlas if it is missing, malformed or lists no
     *     regions, a region name is already taken or listed twice, or a page path climbs out of
     *     the root
     */
    public int addAtlas(String atlasPath) {
        checkThread();
        return local.addAtlas(atlasPath);
    }

    /**
     * Starts loading an image (PNG, JPEG) or a {@code .atlas} with its page images from
     * {@code url}, or joins the load already under way for it; returns at once. Render thread.
     * Poll the handle each frame; release it when done with the image.
     *
     * @throws IllegalArgumentException for a malformed URL
     * @throws IllegalStateException if the cache has no FetchManager, or is disposed
     */
    public ImageHandle load(String url) {
        checkThread();
        return new ImageHandle(this, remote.acquire(url));
    }

    /**
     * Uploads downloaded images to the GPU, a strip of rows at a time, up to the configured bytes
     * per frame (at least one row), then frees least recently used textures past the memory
     * budget. Call once per frame on the render thread, after the request manager's
     * {@code update()} and outside {@code batch.begin()}/{@code end()} (uploading binds textures,
     * as creating any libGDX {@code Texture} does).
     *
     * @return true when the cache has nothing left to do: no remote load is downloading, decoding
     *     or waiting to upload, and no texture is being restored after a lost GL context (as
     *     {@code AssetManager.update()}, true means finished)
     */
    public boolean update() {
        checkThread();
        memory.nextFrame();
        boolean busy = remote.update();
        memory.evict();
        return !busy;
    }

    /** The region shown for missing and failed images: a magenta and black checkerboard. Render thread. */
    public TextureRegion placeholder() {
        checkThread();
        return placeholder.region();
    }

    /** Texture bytes in memory now (width x height x 4 each). Render thread. */
    public long residentBytes() {
        checkOwnerThread();
        return memory.usedBytes();
    }

    /** Local images, atlas pages and remote images or atlases in memory now. Render thread. */
    public int residentCount() {
        checkOwnerThread();
        return memory.residentCount();
    }

    /** Textures the last {@link #update()} completed. Render thread. */
    public int uploadsLastFrame() {
        checkOwnerThread();
        return remote.uploadsLastFrame();
    }

    /**
     * Texture bytes the last {@link #update()} wrote: rows uploaded, plus the whole size of any
     * texture storage it allocated (drivers may clear it). Render thread.
     */
    public long uploadedBytesLastFrame() {
        checkOwnerThread();
        return remote.uploadedBytesLastFrame();
    }

    /**
     * Sets the log level (libGDX's {@code Application.LOG_*}); warnings for missing images and
     * failed loads are logged at the default LOG_INFO under the tag {@code gdx-fetch}. Any thread.
     */
    public void setLogLevel(int level) {
        log.setLevel(level);
    }

    /**
     * Cancels loads under way, stops the disk thread and frees every texture, the placeholder's
     * included. Handles fail with CANCELLED. Render thread; calling it again does nothing.
     */
    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        checkThread();
        disposed = true;
        remote.dispose();
        memory.unloadAll();
        placeholder.dispose();
    }

    boolean isDisposed() {
        return disposed;
    }

    void release(RemoteSet set) {
        if (!disposed) {
            remote.release(set);
        }
    }

    /**
     * Refuses a handle call from another thread: a release frees textures and a draw stamps the
     * memory budget's use order, neither of which may happen off the render thread.
     */
    void checkHandleThread() {
        Checks.renderThread(renderThread, "ImageHandle");
    }

    TextureRegion unknownRegion(RemoteSet set, String name) {
        if (!config.placeholder()) {
            throw new IllegalArgumentException("atlas " + set.url() + " has no region '" + name + "'");
        }
        if (set.firstUnknown(name)) {
            log.warn("atlas " + set.url() + " has no region '" + name + "'; showing the placeholder");
        }
        return placeholder.region();
    }

    private void checkThread() {
        checkOwnerThread();
        Checks.notDisposed(disposed, "ImageCache");
    }

    /** The thread check alone, for counters a game may still read after {@link #dispose()}. */
    private void checkOwnerThread() {
        Checks.renderThread(renderThread, "ImageCache");
    }
}
