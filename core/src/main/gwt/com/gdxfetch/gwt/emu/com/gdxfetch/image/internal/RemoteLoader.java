package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.graphics.glutils.PixmapTextureData;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.Queue;
import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;

/**
 * The web build's remote loader: the same sets, handles and memory budget as on desktop, without
 * worker threads or a disk cache (the browser's HTTP cache keeps downloads). Bytes come through
 * the request manager (the browser's XMLHttpRequest); libGDX's web {@code Pixmap} cannot decode
 * bytes, so the browser decodes them, from a Blob URL into an {@code <img>}; {@link #update()}
 * turns decoded images into textures (WebGL takes an image whole, so one texture is at least one
 * upload: within the per-frame byte budget, and always at least one a frame).
 *
 * <p>One thread: everything runs on the page's thread; the image events only queue.
 */
public final class RemoteLoader extends RemoteSets implements Disposable {
    private final long maxDownloadBytes;
    private final long uploadBudget;
    private final int maxTextureSize;
    private final long maxPixels;
    /** Files whose image the browser decoded (or could not), in order, for update(). */
    private final Queue<RemoteFile> decoded = new Queue<>();
    private int uploadsLastFrame;
    private long uploadedBytesLastFrame;

    /** Whether {@code ImageCache} should give this loader a disk cache: not on the web. */
    public static boolean keepsDiskCache() {
        return false;
    }

    /** A loader sending through {@code fetch} (null: remote loads refused); {@code disk} is always null here. */
    public RemoteLoader(FetchManager fetch, TextureMemory memory, DiskCache disk, long maxDownloadBytes,
            long uploadBudget, int maxTextureSize, long maxPixels, FetchLog log) {
        super(fetch, memory, log);
        this.maxDownloadBytes = maxDownloadBytes;
        this.uploadBudget = uploadBudget;
        this.maxTextureSize = maxTextureSize;
        this.maxPixels = maxPixels;
    }

    /**
     * Makes textures of the images the browser decoded since the last call, until this frame's
     * byte budget is spent (always at least one). Returns whether loads are still under way.
     */
    public boolean update() {
        long spent = 0;
        int completed = 0;
        while (decoded.size > 0 && (spent == 0 || spent < uploadBudget)) {
            RemoteFile file = decoded.removeFirst();
            RemoteSet set = file.set;
            if (file.isAbandoned() || set.state() != RemoteSet.State.LOADING) {
                continue;
            }
            if (file.undecodable != null) {
                fail(set, new FetchException(FailureKind.DECODE, "GET", file.url, file.undecodable, null, null, true));
                continue;
            }
            int width = file.image.getWidth();
            int height = file.image.getHeight();
            if (width < 1 || height < 1) {
                fail(set, new FetchException(FailureKind.DECODE, "GET", file.url, "image is " + width + "x" + height
                        + ": it has no pixels", null, null, true));
                continue;
            }
            String oversized = ImageLimits.exceeded(width, height, maxTextureSize, maxPixels);
            if (oversized != null) {
                fail(set, new FetchException(FailureKind.TOO_LARGE, "GET", file.url, oversized, null, null, true));
                continue;
            }
            String tooMany = file.page == null ? null : set.claimPage(width, height, maxPixels);
            if (tooMany != null) {
                fail(set, new FetchException(FailureKind.TOO_LARGE, "GET", file.url, tooMany, null, null, true));
                continue;
            }
            String misfit = file.page == null ? null : AtlasRegions.misfit(set.url, set.atlas, file.page, width, height);
            if (misfit != null) {
                fail(set, new FetchException(FailureKind.DECODE, "GET", file.url, misfit, null, null, true));
                continue;
            }
            Pixmap pixmap = new Pixmap(file.image);
            file.image = null;
            // The texture disposes the pixmap once uploaded; WebGL reads the <img> itself.
            Texture texture = new Texture(new PixmapTextureData(pixmap, null, false, true));
            AtlasRegions.applyPage(texture, file.page);
            file.texture = texture;
            spent += 4L * width * height;
            completed++;
            finished(set);
        }
        uploadsLastFrame = completed;
        uploadedBytesLastFrame = spent;
        return loading.size > 0;
    }

    /** Textures completed by the last {@link #update()}. */
    public int uploadsLastFrame() {
        return uploadsLastFrame;
    }

    /** Texture bytes the last {@link #update()} uploaded. */
    public long uploadedBytesLastFrame() {
        return uploadedBytesLastFrame;
    }

    /** The browser decoded a file's image, or failed to: queued for the next update(). Outside any frame. */
    void imageReady(RemoteFile file) {
        decoded.addLast(file);
    }

    /** A file's request finished, inside the manager's update(): parse an atlas, or start decoding an image. */
    void arrived(RemoteFile file, HttpResponse response) {
        RemoteSet set = file.set;
        if (file.isAbandoned() || set.state() != RemoteSet.State.LOADING) {
            return;
        }
        file.fetch = null;
        int status = response.status();
        if (status < 200 || status > 299) {
            fail(set, new FetchException(FailureKind.HTTP_STATUS, "GET", file.url, "status " + status + " "
                    + response.reason(), null, response, true));
            return;
        }
        byte[] body = response.body();
        file.bytes = body.length;
        if (!file.isAtlas) {
            String type = response.header("Content-Type");
            file.decode(body, type != null && type.startsWith("image/") ? type : "");
            return;
        }
        try {
            set.atlas = AtlasRegions.parse(file.url, body);
        } catch (IllegalArgumentException e) {
            fail(set, new FetchException(FailureKind.DECODE, "GET", file.url, e.getMessage(), e, response, true));
            return;
        }
        Array<TextureAtlasData.Page> pages = set.atlas.getPages();
        // Every page's URL first: an atlas with a page that cannot be one fails before any is requested.
        String[] pageUrls = new String[pages.size];
        for (int i = 0; i < pages.size; i++) {
            String name = pages.get(i).name;
            try {
                pageUrls[i] = AtlasRegions.pageUrl(file.url, name);
            } catch (RuntimeException e) {
                fail(set, new FetchException(FailureKind.DECODE, "GET", file.url,
                        "page '" + name + "' is not a valid relative URL", e, response, true));
                return;
            }
        }
        for (int i = 0; i < pages.size; i++) {
            RemoteFile pageFile = new RemoteFile(set, pageUrls[i], false, pages.get(i));
            set.files.add(pageFile);
            set.pending++;
            send(pageFile);
        }
        finished(set);
    }

    /** A file's request failed; no disk copy to fall back on (the browser's cache already had its say). */
    void failed(RemoteFile file, FetchException failure) {
        if (file.isAbandoned() || file.set.state() != RemoteSet.State.LOADING) {
            return;
        }
        fail(file.set, failure);
    }

    @Override
    RemoteSet newSet(String url) {
        return new RemoteSet(url, this);
    }

    @Override
    void start(RemoteFile root) {
        send(root);
    }

    private void send(RemoteFile file) {
        try {
            file.fetch = fetch.get(file.url).maxResponseBytes(maxDownloadBytes).send(Decoders.response(), file);
        } catch (RuntimeException e) {
            fail(file.set, new FetchException(FailureKind.NETWORK, "GET", file.url, "could not send: " + e, e, null,
                    false));
        }
    }

    /** Cancels every load still under way. Resident sets are unloaded by the memory budget's owner. */
    @Override
    public void dispose() {
        cancelLoading();
        decoded.clear();
    }
}
