package com.gdxfetch.image.internal;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.internal.ParsedUrl;

/**
 * What every remote loader keeps the same way, on desktop and in the web build: one set per URL
 * however many handles ask, its references, its completion into regions charged to the texture
 * memory, its failure, and its eviction. How a file travels (disk cache and worker decoding, or
 * the browser) is the subclass's.
 *
 * <p>Render thread only: every method here, and the request callbacks that lead to them.
 */
abstract class RemoteSets {
    final TextureMemory memory;
    final FetchManager fetch;
    final FetchLog log;
    private final ObjectMap<String, RemoteSet> sets = new ObjectMap<>();
    final Array<RemoteSet> loading = new Array<>(false, 16);
    /** Set by the owner's dispose: resident sets unloaded after it were not evicted, the cache went. */
    private boolean disposing;

    RemoteSets(FetchManager fetch, TextureMemory memory, FetchLog log) {
        this.fetch = fetch;
        this.memory = memory;
        this.log = log;
    }

    /** A new set for {@code url}, owned by this loader. */
    abstract RemoteSet newSet(String url);

    /** Starts bringing a new set's first file (the image, or the atlas text). */
    abstract void start(RemoteFile root);

    /** Drops a failing set's files from whatever queue of the subclass still holds them. */
    void dropQueued(RemoteSet set) {
    }

    /**
     * The shared set for {@code url}, starting its download if none is loaded or loading; takes a
     * reference. Every spelling of one URL ({@link ParsedUrl#key}) shares one set.
     */
    public RemoteSet acquire(String url) {
        if (url == null) {
            throw new IllegalArgumentException("image URL is null");
        }
        RemoteSet set = sets.get(url);
        if (set == null) {
            if (fetch == null) {
                throw new IllegalStateException("cannot load " + url + ": this ImageCache was made without a FetchManager");
            }
            String key = ParsedUrl.key(HttpRequest.get(url).build().url());
            set = sets.get(key);
            if (set == null) {
                set = newSet(key);
                RemoteFile root = new RemoteFile(set, key, ImagePaths.isAtlasUrl(key), null);
                set.files.add(root);
                sets.put(key, set);
                loading.add(set);
                start(root);
            }
        }
        set.retain();
        set.touch(memory);
        return set;
    }

    /** Drops a reference; a set nobody holds any more stops loading, or becomes evictable. */
    public void release(RemoteSet set) {
        set.release();
        if (set.refs() == 0 && set.state() == RemoteSet.State.LOADING) {
            fail(set, new FetchException(FailureKind.CANCELLED, "GET", set.url, "every handle was released",
                    null, null, false));
        }
    }

    /**
     * A resident set was chosen by the memory budget: its textures go, with any restore after a
     * lost context still under way, and a later load starts over.
     */
    void evicted(RemoteSet set) {
        dropQueued(set);
        set.abandonFiles();
        set.regions.clear();
        set.byName.clear();
        set.fail(new FetchException(FailureKind.CANCELLED, "GET", set.url,
                disposing ? "image cache disposed" : "evicted from memory", null, null, false));
        forget(set);
    }

    /** One of the set's files has its texture; the last one completes the set. */
    final void finished(RemoteSet set) {
        if (--set.pending == 0) {
            long bytes = set.assembleRegions();
            loading.removeValue(set, true);
            set.ready();
            memory.add(set, bytes);
            set.touch(memory);
        }
    }

    final void fail(RemoteSet set, FetchException failure) {
        failure = namingTheAtlas(set, failure);
        dropQueued(set);
        set.abandonFiles();
        set.fail(failure);
        loading.removeValue(set, true);
        forget(set);
        if (failure.kind() != FailureKind.CANCELLED) {
            log.warn("could not load " + set.url + ": " + failure.getMessage() + "; showing the placeholder");
        }
    }

    /**
     * {@code failure} of one of an atlas's pages, told as the page's of that atlas: the handle the
     * game holds is the atlas's, and a bare page URL (a 404, a body that is no image) would not
     * say where the name came from. Unchanged for the atlas's own file, a plain image, a
     * cancellation, or a message that names the atlas already.
     */
    private static FetchException namingTheAtlas(RemoteSet set, FetchException failure) {
        if (failure.kind() == FailureKind.CANCELLED || failure.url() == null || failure.url().equals(set.url)
                || failure.getMessage() == null || failure.getMessage().contains(set.url)) {
            return failure;
        }
        String pageName = null;
        for (int i = 0, n = set.files.size; i < n; i++) {
            RemoteFile file = set.files.get(i);
            if (file.page != null && file.url.equals(failure.url())) {
                pageName = file.page.name;
                break;
            }
        }
        if (pageName == null) {
            return failure;
        }
        String prefix = failure.kind() + ": " + failure.method() + " " + failure.url();
        String message = failure.getMessage();
        String detail = message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2)
                : message.equals(prefix) ? null : message;
        return new FetchException(failure.kind(), failure.method(), failure.url(), "page '" + pageName + "' of atlas "
                + set.url + (detail == null ? "" : ": " + detail), failure, failure.response(), failure.isRequestSent());
    }

    /**
     * Cancels every load still under way, for the owner's dispose (resident sets are unloaded by
     * the memory budget's owner, and then fail as disposed rather than evicted).
     */
    final void cancelLoading() {
        disposing = true;
        while (loading.size > 0) {
            RemoteSet set = loading.peek();
            fail(set, new FetchException(FailureKind.CANCELLED, "GET", set.url, "image cache disposed", null,
                    null, false));
        }
    }

    /** Every set loading or loaded; render thread, not while sets are added or forgotten. */
    final ObjectMap.Values<RemoteSet> sets() {
        return sets.values();
    }

    final void forget(RemoteSet set) {
        if (sets.get(set.url) == set) {
            sets.remove(set.url);
        }
    }
}
