package com.gdxfetch.image.internal;

import com.gdxfetch.internal.DiskCache;
import com.gdxfetch.internal.WarnOnce;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;
import com.badlogic.gdx.utils.Queue;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.internal.Failures;
import com.gdxfetch.net.internal.HttpStatus;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.GlContext;
import com.gdxfetch.internal.WorkerThreads;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Brings remote images and atlases to textures: one download per URL however many handles ask,
 * decoding and disk I/O on workers, the cached copy when the network is down, and GPU uploads
 * on the render thread in strips within a per-frame byte budget.
 *
 * <p>Threads: {@code acquire}, {@code release}, {@link #update} and {@link #dispose} belong to
 * the render thread, as do the request callbacks ({@link #arrived}, {@link #failed}), which the
 * request manager runs inside its own {@code update()}. Disk lookups and offline reads run on
 * one daemon thread, {@code gdx-fetch-image-io}, which {@link #dispose} stops.
 *
 * <p>Lost GL context: textures are managed ({@link RestorableStorage}), so libGDX gives them new
 * names and blank storage; {@link #update} then sees a new {@link GlContext#generation()} and
 * fetches and decodes each loaded file again through the same path as a first load (HTTP or disk
 * cache, offline copy, network), uploading it into the same texture under the same budget.
 */
public final class RemoteLoader extends RemoteSets implements Disposable {
    private static final long IO_STOP_MILLIS = 5_000;

    private final DiskCache disk;
    /** The disk cache's failed writes, logged once per cause. */
    private final WarnOnce writeFailures;
    private final long maxDownloadBytes;
    private final long uploadBudget;
    private final int maxTextureSize;
    private final long maxPixels;
    private final Queue<RemoteFile> uploads = new Queue<>();
    /** Files fetched again to refill their texture after a lost context, until uploaded. */
    private final Array<RemoteFile> restoring = new Array<>(false, 16);
    private int contextGeneration;
    private final ConcurrentLinkedQueue<RemoteFile> fromIo = new ConcurrentLinkedQueue<>();
    private final ExecutorService io;
    /** The pool's thread, for dispose to join. */
    private volatile Thread ioThread;
    /** Images decoded at once: one core is left for the render thread. */
    private final Semaphore decodeSlots =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    private int uploadsLastFrame;
    private long uploadedBytesLastFrame;

    /** Whether {@code ImageCache} should give this loader a disk cache (the web build's loader keeps none). */
    public static boolean keepsDiskCache() {
        return true;
    }

    /**
     * A loader sending through {@code fetch} (null: remote loads refused), caching on {@code disk}
     * (null: none), uploading up to {@code uploadBudget} texel bytes a frame, refusing images wider
     * or taller than {@code maxTextureSize} or of more than {@code maxPixels} pixels.
     */
    public RemoteLoader(FetchManager fetch, TextureMemory memory, DiskCache disk, long maxDownloadBytes,
            long uploadBudget, int maxTextureSize, long maxPixels, FetchLog log) {
        super(fetch, memory, log);
        this.disk = disk;
        this.writeFailures = new WarnOnce(log);
        this.maxDownloadBytes = maxDownloadBytes;
        this.uploadBudget = uploadBudget;
        this.maxTextureSize = maxTextureSize;
        this.maxPixels = maxPixels;
        this.io = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), 
                task -> ioThread = WorkerThreads.create(task, "gdx-fetch-image-io", WorkerThreads.DEFAULT_PRIORITY));
        this.contextGeneration = GlContext.generation();
    }

    /**
     * Takes results the I/O thread left, then uploads decoded images, a strip of rows at a time,
     * until this frame's byte budget is spent (always at least one row). Returns whether loads are
     * still under way, or textures are being restored after a lost context.
     */
    public boolean update() {
        int generation = GlContext.generation();
        if (generation != contextGeneration) {
            contextGeneration = generation;
            contextLost();
        }
        RemoteFile file;
        while ((file = fromIo.poll()) != null) {
            FetchException failure = file.ioFailure;
            if (failure != null) {
                file.ioFailure = null;
                if (file.isAbandoned()) {
                    continue;
                }
                if (file.restoring) {
                    unrestorable(file, failure);
                } else if (file.set.state() == RemoteSet.State.LOADING) {
                    fail(file.set, failure);
                }
            } else {
                arrived(file, null);
            }
        }
        long spent = 0;
        int completed = 0;
        while (uploads.size > 0 && (spent == 0 || spent < uploadBudget)) {
            RemoteFile next = uploads.first();
            spent += next.upload.step(Math.max(1, uploadBudget - spent));
            if (next.upload.isDone()) {
                uploads.removeFirst();
                next.texture = next.upload.finish();
                next.upload = null;
                completed++;
                if (next.restoring) {
                    next.restoring = false;
                    restoring.removeValue(next, true);
                } else {
                    finished(next.set);
                }
            }
        }
        uploadsLastFrame = completed;
        uploadedBytesLastFrame = spent;
        return loading.size > 0 || restoring.size > 0;
    }

    /**
     * The GL context was lost and the textures reloaded blank: uploads under way start again
     * from their first row, and every texture already filled is fetched and decoded again, on
     * workers, to be uploaded into the same texture. Files still downloading need nothing.
     */
    private void contextLost() {
        for (RemoteSet set : sets()) {
            for (int i = 0, n = set.files.size; i < n; i++) {
                RemoteFile file = set.files.get(i);
                if (file.upload != null) {
                    file.upload.restart();
                } else if (file.texture != null && !file.restoring) {
                    file.restoring = true;
                    restoring.add(file);
                    start(file);
                }
            }
        }
    }

    /** A decoded file arrived to refill its texture after a lost context. */
    private void restore(RemoteFile file, Decoded decoded) {
        file.fetch = null;
        if (decoded.failure != null) {
            unrestorable(file, new FetchException(decoded.failure, "GET", file.url, decoded.detail, null, null, true));
            return;
        }
        if (!TextureUpload.fits(decoded.pixmap, file.texture)) {
            String now = decoded.pixmap.getWidth() + "x" + decoded.pixmap.getHeight() + " " + decoded.pixmap.getFormat();
            decoded.dispose();
            unrestorable(file, new FetchException(FailureKind.DECODE, "GET", file.url, "is now " + now
                    + ", not the image its texture was made for", null, null, true));
            return;
        }
        file.upload = new TextureUpload(decoded.pixmap, file.page, file.texture);
        uploads.addLast(file);
    }

    /**
     * A file could not be had again after a lost context (offline with no copy on disk, or
     * changed): the set fails as it would have on its first load, so its handles show the
     * placeholder and a new load starts over. Its blank textures stay until the set is evicted,
     * so regions a game kept still name a live texture.
     */
    private void unrestorable(RemoteFile file, FetchException failure) {
        RemoteSet set = file.set;
        file.restoring = false;
        restoring.removeValue(file, true);
        if (set.state() != RemoteSet.State.READY) {
            if (set.state() == RemoteSet.State.LOADING) {
                fail(set, failure);
            }
            return;
        }
        for (int i = 0, n = set.files.size; i < n; i++) {
            RemoteFile other = set.files.get(i);
            if (other.restoring) {
                other.restoring = false;
                restoring.removeValue(other, true);
                FetchHandle<Decoded> transfer = other.fetch;
                if (transfer != null) {
                    transfer.cancel();
                }
                if (other.upload != null) {
                    uploads.removeValue(other, true);
                    // Frees the pixels; the texture stays with the file.
                    other.upload.finish();
                    other.upload = null;
                }
            }
        }
        set.fail(failure);
        forget(set);
        log.warn("could not restore " + set.url + " after the GL context was lost: " + failure.getMessage()
                + "; showing the placeholder");
    }

    /** Textures completed by the last {@link #update()}. */
    public int uploadsLastFrame() {
        return uploadsLastFrame;
    }

    /** Texture bytes written by the last {@link #update()}, storage allocation included. */
    public long uploadedBytesLastFrame() {
        return uploadedBytesLastFrame;
    }

    /** A file's request finished; takes what its decoder made. Render thread. */
    void arrived(RemoteFile file, HttpResponse response) {
        Decoded decoded = file.take();
        RemoteSet set = file.set;
        if (decoded == null) {
            return;
        }
        if (decoded.cacheUnusable && (file.restoring || set.state() == RemoteSet.State.LOADING)) {
            if (decoded.detail != null) {
                log.warn("cached copy of " + file.url + " " + decoded.detail + "; downloading it again");
            }
            file.cached = null;
            send(file);
            return;
        }
        if (decoded.failure == FailureKind.HTTP_STATUS && HttpStatus.isServerError(decoded.status)
                && (file.restoring || set.state() == RemoteSet.State.LOADING)
                && readsCachedCopy(file, new FetchException(decoded.failure, "GET", file.url, decoded.detail, null,
                        response, true))) {
            return;
        }
        if (file.restoring) {
            restore(file, decoded);
            return;
        }
        if (set.state() != RemoteSet.State.LOADING) {
            decoded.dispose();
            return;
        }
        if (decoded.failure != null) {
            fail(set, new FetchException(decoded.failure, "GET", file.url, decoded.detail, null, response, true));
            return;
        }
        file.bytes = decoded.bytes;
        // The finished request holds the whole body; progress now reads the size instead.
        file.fetch = null;
        if (decoded.atlas == null) {
            file.upload = new TextureUpload(decoded.pixmap, file.page);
            uploads.addLast(file);
            return;
        }
        set.atlas = decoded.atlas;
        Array<TextureAtlasData.Page> pages = decoded.atlas.getPages();
        // Every page's URL first: an atlas with a page that cannot be one fails before any is requested.
        String[] pageUrls = new String[pages.size];
        for (int i = 0; i < pages.size; i++) {
            String name = pages.get(i).name;
            try {
                pageUrls[i] = AtlasRegions.pageUrl(file.url, name);
            } catch (IllegalArgumentException e) {
                fail(set, new FetchException(FailureKind.DECODE, "GET", file.url,
                        "page '" + name + "' is not a valid relative URL", e, response, true));
                return;
            }
        }
        for (int i = 0; i < pages.size; i++) {
            RemoteFile pageFile = new RemoteFile(set, pageUrls[i], false, pages.get(i));
            set.files.add(pageFile);
            set.pending++;
            start(pageFile);
        }
        finished(set);
    }

    /**
     * A file's request failed; falls back to the disk copy when the network or the server's
     * connection failed ({@link Failures#mayAnswerFromAStaleCopy}). Render thread.
     */
    void failed(RemoteFile file, FetchException failure) {
        RemoteSet set = file.set;
        if (file.isAbandoned() || set.state() != RemoteSet.State.LOADING && !file.restoring) {
            return;
        }
        if (Failures.mayAnswerFromAStaleCopy(failure.kind()) && readsCachedCopy(file, failure)) {
            return;
        }
        if (file.restoring) {
            unrestorable(file, failure);
        } else {
            fail(set, failure);
        }
    }

    /**
     * Reads the file's disk copy instead, when it has one, as the HTTP cache answers stale on the
     * same failures and on a 5xx; {@code failure} is reported if the copy cannot be read. Render thread.
     *
     * @return false when there is no copy, the server said to use it only once revalidated, or
     *     the cache is being disposed: {@code failure} stands
     */
    private boolean readsCachedCopy(RemoteFile file, FetchException failure) {
        DiskCache.Entry entry = file.cached;
        if (entry == null || file.isAbandoned() || entry.property(FileDecoder.ONLY_REVALIDATED) != null) {
            return false;
        }
        try {
            io.execute(() -> readOffline(file, entry, failure));
            return true;
        } catch (RejectedExecutionException e) {
            // Disposed meanwhile: the failure stands.
            return false;
        }
    }

    @Override
    void dropQueued(RemoteSet set) {
        for (int i = 0, n = set.files.size; i < n; i++) {
            RemoteFile file = set.files.get(i);
            uploads.removeValue(file, true);
            restoring.removeValue(file, true);
        }
    }

    @Override
    RemoteSet newSet(String url) {
        return new RemoteSet(url, this);
    }

    @Override
    void start(RemoteFile file) {
        if (disk == null) {
            send(file);
            return;
        }
        try {
            io.execute(() -> {
                file.cached = disk.lookup(file.url);
                send(file);
            });
        } catch (RejectedExecutionException e) {
            file.ioFailure = new FetchException(FailureKind.CANCELLED, "GET", file.url, "image cache disposed",
                    e, null, false);
            fromIo.add(file);
        }
    }

    /** Sends the file's request, conditional when a cached copy has validators. Any thread. */
    private void send(RemoteFile file) {
        try {
            // With the manager's HTTP cache in place of our disk cache, its stored copy answers
            // when offline, as ours does below; without one this asks nothing.
            HttpRequest.Builder request = fetch.get(file.url).maxResponseBytes(maxDownloadBytes).staleIfError(true);
            if (!file.isAtlas) {
                request.header("Accept", DeclaredSize.ACCEPT);
            }
            DiskCache.Entry entry = file.cached;
            if (entry != null && entry.etag() != null) {
                request.header("If-None-Match", entry.etag());
            }
            if (entry != null && entry.lastModified() != null) {
                request.header("If-Modified-Since", entry.lastModified());
            }
            if (file.isAbandoned()) {
                return;
            }
            file.fetch = request.send(
                    new FileDecoder(file, disk, maxTextureSize, maxPixels, decodeSlots, writeFailures), file);
            if (file.isAbandoned()) {
                file.fetch.cancel();
            }
        } catch (RuntimeException e) {
            file.ioFailure = new FetchException(FailureKind.NETWORK, "GET", file.url, "could not send: " + e,
                    e, null, false);
            fromIo.add(file);
        }
    }

    private void readOffline(RemoteFile file, DiskCache.Entry entry, FetchException networkFailure) {
        byte[] body;
        try {
            body = disk.read(entry);
        } catch (DiskCache.DamagedEntryException e) {
            log.warn("cached copy of " + file.url + " is damaged; it was discarded");
            body = null;
        }
        if (body == null) {
            file.ioFailure = networkFailure;
        } else {
            try {
                file.offer(FileDecoder.decode(file, body, 0, maxTextureSize, maxPixels, decodeSlots));
            } catch (InterruptedException e) {
                file.ioFailure = new FetchException(FailureKind.CANCELLED, "GET", file.url, "image cache disposed",
                        e, null, false);
            } catch (RuntimeException e) {
                file.ioFailure = new FetchException(FailureKind.DECODE, "GET", file.url,
                        "cached copy could not be decoded: " + e, e, null, false);
            }
        }
        fromIo.add(file);
    }

    /**
     * Cancels every load still under way, stops the I/O thread and frees pixels it leaves. Resident
     * sets are unloaded by the memory budget's owner. Render thread.
     */
    @Override
    public void dispose() {
        cancelLoading();
        io.shutdownNow();
        // Joining the thread, not awaiting the pool: a terminated pool's thread may still be running.
        // A shut-down pool starts no other, so this is the last one.
        Thread thread = ioThread;
        try {
            if (thread != null) {
                thread.join(IO_STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RemoteFile file;
        while ((file = fromIo.poll()) != null) {
            Decoded left = file.take();
            if (left != null) {
                left.dispose();
            }
        }
    }
}
